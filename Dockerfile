# The command line as a container image: the one bundled file (`npm run build:cli`) on Google's distroless
# Node.js 20 image, which holds node and nothing else (no shell, no package manager), run as its non-root
# user 65532. Build it from the repository root (no container engine is needed to build the bundle):
#
#   docker build -t keda-pool-guard:1.0.0 .        (or: podman build, buildah bud, nerdctl build)
#
# deploy/ runs it as a CronJob beside the ScaledJob.

FROM node:20-alpine AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:cli

FROM gcr.io/distroless/nodejs20-debian12:nonroot
COPY --from=build /src/dist/cli/keda-pool-guard.js /app/keda-pool-guard.js
USER 65532:65532
ENTRYPOINT ["/nodejs/bin/node", "/app/keda-pool-guard.js"]
CMD ["--help"]
