#!/usr/bin/env bash
# `npm run test:stress [-- RUNS]`: the whole test suite, RUNS times in a row (1 by default), with two
# busy processes beside it that this script starts and stops, as on a shared machine. It stops at the
# first run that fails, and fails with it.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-1}"

spinners=()
stop_spinners() {
  for pid in "${spinners[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap stop_spinners EXIT
for _ in 1 2; do
  node -e 'for (;;) {}' &
  spinners+=("$!")
done

for run in $(seq 1 "$runs"); do
  echo "test:stress: run $run of $runs, beside two busy processes (${spinners[*]})" >&2
  if ! npm run --silent test:unit; then
    echo "test:stress: run $run of $runs failed" >&2
    exit 1
  fi
done
echo "test:stress: $runs of $runs runs passed" >&2
