/**
 * The container image and the Kubernetes manifests (`Dockerfile`, `deploy/`): no container engine runs here,
 * so what can be checked without one is: the manifests parse, each CronJob has what Kubernetes requires and
 * what the README promises (a token from the Secret the KEDA TriggerAuthentication reads, limits, a read-only
 * root filesystem, a non-root user), its arguments are a command line the CLI accepts, and the image's
 * entrypoint is the bundle the build writes.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parseCommandLine } from '../../cli/args';
import { CLI_BUNDLE } from '../../scripts/build';

const ROOT = path.resolve(__dirname, '..', '..');
const DEPLOY = path.join(ROOT, 'deploy');

interface Manifest {
  file: string;
  kind: string;
  apiVersion: string;
  metadata: { name: string };
  spec?: Record<string, unknown>;
  stringData?: Record<string, string>;
}

function manifests(): Manifest[] {
  return readdirSync(DEPLOY)
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(path.join(DEPLOY, file), 'utf8')).map((document) => {
        assert.deepEqual(document.errors, [], file);
        return { file, ...(document.toJS() as Omit<Manifest, 'file'>) };
      }),
    );
}

interface Container {
  name: string;
  image: string;
  args: string[];
  env: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  securityContext: { readOnlyRootFilesystem: boolean; allowPrivilegeEscalation: boolean; capabilities: { drop: string[] } };
}

interface PodSpec {
  restartPolicy: string;
  automountServiceAccountToken: boolean;
  securityContext: { runAsNonRoot: boolean; runAsUser: number };
  containers: Container[];
}

const podOf = (cronJob: Manifest) =>
  (cronJob.spec as { jobTemplate: { spec: { template: { spec: PodSpec } } } }).jobTemplate.spec.template.spec;

/** Kubernetes expands `$(NAME)` in a container's args from its environment. */
function expanded(args: readonly string[], values: Record<string, string>): string[] {
  return args.map((arg) => arg.replace(/\$\((\w+)\)/g, (_, name: string) => values[name] ?? `$(${name})`));
}

describe('the container image and the Kubernetes manifests', () => {
  const all = manifests();
  const cronJobs = all.filter((m) => m.kind === 'CronJob');
  const auth = all.find((m) => m.kind === 'TriggerAuthentication');
  const secret = all.find((m) => m.kind === 'Secret');

  it('schedule check, and optionally repair and sweep, each in a CronJob; kustomize applies the check', () => {
    assert.deepEqual(cronJobs.map((m) => (podOf(m).containers[0].args[0] ?? '') + ' ' + m.file).sort(), [
      'check cronjob-check.yaml',
      'repair cronjob-repair.yaml',
      'sweep cronjob-sweep.yaml',
    ]);
    const kustomization = all.find((m) => m.kind === 'Kustomization') as unknown as { resources: string[] };
    assert.deepEqual(kustomization.resources, ['cronjob-check.yaml']);
  });

  for (const name of ['check', 'repair', 'sweep']) {
    describe(`the ${name} CronJob`, () => {
      const cronJob = () => cronJobs.find((m) => podOf(m).containers[0].args[0] === name)!;

      it('has what batch/v1 requires, runs once at a time and never retries a verdict', () => {
        const job = cronJob();
        assert.equal(job.apiVersion, 'batch/v1');
        const spec = job.spec as { schedule: string; concurrencyPolicy: string; jobTemplate: { spec: { backoffLimit: number } } };
        assert.match(spec.schedule, /^(\S+ ){4}\S+$/, 'five cron fields');
        assert.equal(spec.concurrencyPolicy, 'Forbid');
        assert.equal(spec.jobTemplate.spec.backoffLimit, 0);
        const pod = podOf(job);
        assert.ok(['Never', 'OnFailure'].includes(pod.restartPolicy));
        assert.equal(pod.containers.length, 1);
        assert.match(pod.containers[0].image, /^keda-pool-guard:\d+\.\d+\.\d+$/);
      });

      it('reads the token and the organization from the Secret the TriggerAuthentication reads', () => {
        const env = Object.fromEntries(podOf(cronJob()).containers[0].env.map((e) => [e.name, e.valueFrom?.secretKeyRef]));
        const refs = (auth!.spec as { secretTargetRef: { parameter: string; name: string; key: string }[] }).secretTargetRef;
        const byParameter = Object.fromEntries(refs.map(({ parameter, name, key }) => [parameter, { name, key }]));
        assert.deepEqual(env.AZURE_DEVOPS_EXT_PAT, byParameter.personalAccessToken);
        assert.deepEqual(env.AZP_URL, byParameter.organizationURL);
        assert.equal(secret!.metadata.name, byParameter.personalAccessToken.name);
      });

      it('runs as a non-root user on a read-only root filesystem, with limits and no Kubernetes token', () => {
        const pod = podOf(cronJob());
        const [container] = pod.containers;
        assert.equal(pod.securityContext.runAsNonRoot, true);
        assert.ok(pod.securityContext.runAsUser > 0);
        assert.equal(pod.automountServiceAccountToken, false);
        assert.equal(container.securityContext.readOnlyRootFilesystem, true);
        assert.equal(container.securityContext.allowPrivilegeEscalation, false);
        assert.deepEqual(container.securityContext.capabilities.drop, ['ALL']);
        assert.ok(container.resources.limits.cpu && container.resources.limits.memory, 'cpu and memory limits');
      });

      it('gives arguments the command line accepts', () => {
        const args = expanded(podOf(cronJob()).containers[0].args, { AZP_URL: 'https://dev.azure.com/contoso' });
        const line = parseCommandLine(args);
        assert.equal(line.command, name);
        assert.equal(line.read('organizationUrl'), 'https://dev.azure.com/contoso');
      });
    });
  }

  describe('the Dockerfile', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const instructions = dockerfile.split('\n').filter((line) => /^[A-Z]+ /.test(line));

    it('runs the bundle the build writes, the package’s command, as the user the manifests run as', () => {
      const bin = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).bin as Record<string, string>;
      assert.deepEqual(bin, { 'keda-pool-guard': CLI_BUNDLE });
      const copy = instructions.find((line) => line.startsWith('COPY --from=build'))!;
      const [, from, to] = /^COPY --from=build \/src\/(\S+) (\S+)$/.exec(copy)!;
      assert.equal(from, CLI_BUNDLE);
      const entrypoint = JSON.parse(instructions.find((line) => line.startsWith('ENTRYPOINT '))!.slice('ENTRYPOINT '.length)) as string[];
      assert.deepEqual(entrypoint, ['/nodejs/bin/node', to]);
      const user = instructions
        .find((line) => line.startsWith('USER '))!
        .slice('USER '.length)
        .split(':')[0];
      for (const cronJob of cronJobs) assert.equal(podOf(cronJob).securityContext.runAsUser, Number(user));
      assert.match(
        instructions.find((line) => line.startsWith('RUN npm run'))!,
        /^RUN npm run build:cli$/,
      );
    });

    it('starts from a distroless Node 20, the engines of the package', () => {
      const bases = instructions.filter((line) => line.startsWith('FROM ')).map((line) => line.split(' ')[1]);
      assert.match(bases.at(-1)!, /^gcr\.io\/distroless\/nodejs20-debian\d+:nonroot$/);
      const engines = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).engines.node as string;
      assert.match(engines, /^>=20\./);
    });
  });
});
