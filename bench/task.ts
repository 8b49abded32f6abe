/**
 * The task's speed as a pipeline feels it, measured side by side in one run:
 *   - start to verdict of the shipped (bundled) task, run as the agent runs it, one pool;
 *   - the floor: `node` making the same requests with the built-in fetch and nothing else;
 *   - a naive build: the same task unbundled, node_modules beside it, Microsoft's Node client with
 *     its location discovery;
 *   - round trips for 1 and 10 pools, and wall time with 100 ms of latency on every request.
 * Medians of cold runs; compare the ratios, not the absolute times. Writes bench/results/task.json.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { buildTask, copyTaskFiles } from '../scripts/build';
import { startSandbox, type Sandbox } from '../sandbox';
import { runTask } from '../test/tasks/agent-run';

const root = path.resolve(__dirname, '..');
const ROUNDS = 9;
const TOKENS: Record<string, string> = { demo: 'demo-build-service-token', large: 'large-build-service-token' };

/** The naive build: esbuild without bundling packages, and the Node client in place of ours. */
async function buildNaiveTask(outDir: string): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const naiveClient = path.join(__dirname, 'naive', 'node-api-client.ts');
  await build({
    entryPoints: [path.join(root, 'tasks', 'KedaPoolGuardV1', 'index.ts')],
    outfile: path.join(outDir, 'index.js'),
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    plugins: [
      {
        name: 'node-api-client',
        setup(plugin) {
          plugin.onResolve({ filter: /core\/ado\/client$/ }, (args) =>
            args.importer.endsWith(path.join('tasks', 'KedaPoolGuardV1', 'index.ts')) ? { path: naiveClient } : undefined,
          );
        },
      },
    ],
  });
  copyTaskFiles(outDir);
  return outDir;
}

function runFloor(orgUrl: string, pool: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [path.join(__dirname, 'floor.mjs'), orgUrl, pool, TOKENS.demo], (error) =>
      error ? reject(error) : resolve(performance.now() - started),
    ),
  );
}

async function runCheck(sandbox: Sandbox, org: string, taskDir: string, pools: string[]): Promise<number> {
  const run = await runTask({
    taskDir,
    inputs: { pools: pools.join('\n') },
    collectionUri: sandbox.orgUrl(org),
    project: org,
    jobToken: TOKENS[org],
  });
  // A run that fails early would be fast for the wrong reason: only runs that judged every pool count.
  if (run.outputs.report === undefined || JSON.parse(run.outputs.report).pools.some((p: { id: number | null }) => p.id === null)) {
    throw new Error(`The check did not read every pool:\n${run.stdout}\n${run.stderr}`);
  }
  return run.durationMs;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const shippedDir = await buildTask(path.join(__dirname, '.build', 'shipped'));
  const naiveDir = await buildNaiveTask(path.join(__dirname, '.build', 'naive'));
  const demo = await startSandbox({ scenario: 'demo' });
  const large = await startSandbox({ scenario: 'large' });
  try {
    // On loopback, then with 50 ms on every request, as a hosted agent far from the organization sees it:
    // the naive build's location discovery is three more sequential round trips.
    const startToVerdict = [];
    for (const latencyMs of [0, 50]) {
      demo.faults.set(latencyMs > 0 ? [{ kind: 'latency', latencyMs }] : []);
      const times = { floor: [] as number[], shipped: [] as number[], naive: [] as number[] };
      for (let round = 0; round < ROUNDS; round++) {
        // Interleaved, so that a noisy neighbour slows all three alike.
        times.floor.push(await runFloor(demo.orgUrl('demo'), 'keda-ready'));
        times.shipped.push(await runCheck(demo, 'demo', shippedDir, ['keda-ready']));
        times.naive.push(await runCheck(demo, 'demo', naiveDir, ['keda-ready']));
      }
      const floor = median(times.floor);
      for (const variant of ['floor', 'shipped', 'naive'] as const) {
        startToVerdict.push({
          latencyMs,
          variant,
          medianMs: Math.round(median(times[variant])),
          ratioToFloor: Number((median(times[variant]) / floor).toFixed(2)),
        });
      }
    }

    const tenPools = large
      .org('large')
      .listPools()
      .filter((pool) => !pool.isHosted)
      .slice(0, 10)
      .map((pool) => pool.name);
    const roundTrips = async (pools: string[]) => {
      large.requests.clear();
      await runCheck(large, 'large', shippedDir, pools);
      return large.requests.list().length;
    };
    const requests = { onePool: await roundTrips(tenPools.slice(0, 1)), tenPools: await roundTrips(tenPools) };
    large.faults.set([{ kind: 'latency', latencyMs: 100 }]);
    const wallTimes = async (pools: string[]) => {
      const times: number[] = [];
      for (let round = 0; round < 3; round++) times.push(await runCheck(large, 'large', shippedDir, pools));
      return Math.round(median(times));
    };
    const latency = { onePoolMs: await wallTimes(tenPools.slice(0, 1)), tenPoolsMs: await wallTimes(tenPools) };

    console.table(startToVerdict);
    console.table([
      { pools: 1, requests: requests.onePool, wallMsAt100msLatency: latency.onePoolMs },
      { pools: 10, requests: requests.tenPools, wallMsAt100msLatency: latency.tenPoolsMs },
    ]);
    mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    writeFileSync(
      path.join(__dirname, 'results', 'task.json'),
      JSON.stringify(
        { when: new Date().toISOString(), node: process.version, rounds: ROUNDS, startToVerdict, requests, latency },
        null,
        2,
      ) + '\n',
    );
  } finally {
    await Promise.all([demo.stop(), large.stop()]);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
