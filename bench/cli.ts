/**
 * The command line's start as a user feels it, measured side by side in one run: the built CLI (one bundled
 * file, as `npm install -g` of the package installs it) printing `--version` and `--help`, and checking one pool of the
 * demo organization until it exits; beside them, interleaved, the bare `node -e 0`, the floor no Node
 * program starts under. Medians of cold runs, with the ratio to the floor's and the machine's load average
 * (a busy machine slows every start alike); compare the ratios, not the absolute times. Writes
 * bench/results/cli.json.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { buildCli } from '../scripts/build';
import { startSandbox } from '../sandbox';
import { DEMO } from '../test/support/tokens';

const ROUNDS = 15;

function timed(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [...args], { env: { PATH: process.env.PATH ?? '', ...env } }, (error, _stdout, stderr) =>
      error ? reject(new Error(`${args.join(' ')} failed: ${stderr}`)) : resolve(performance.now() - started),
    ),
  );
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const cli = await buildCli(path.join(__dirname, '.build', 'cli', 'keda-pool-guard.js'));
  const sandbox = await startSandbox({ scenario: 'demo' });
  try {
    const check = ['check', '--org', sandbox.orgUrl('demo'), '--pool', 'keda-ready', '--demand', 'kubectl'];
    const times = { bareNode: [] as number[], version: [] as number[], help: [] as number[], checkOnePool: [] as number[] };
    const loadBefore = loadavg()[0];
    for (let round = 0; round < ROUNDS; round++) {
      // Interleaved, so that a noisy neighbour slows them all alike.
      times.bareNode.push(await timed(['-e', '0']));
      times.version.push(await timed([cli, '--version']));
      times.help.push(await timed([cli, '--help']));
      times.checkOnePool.push(await timed([cli, ...check], { AZURE_DEVOPS_EXT_PAT: DEMO.readerPat }));
    }
    const floor = median(times.bareNode);
    const rows = Object.entries(times).map(([run, values]) => ({
      run,
      medianMs: Math.round(median(values)),
      aboveBareNodeMs: Math.round(median(values) - floor),
      timesBareNode: Math.round((median(values) / floor) * 100) / 100,
    }));
    const load = { before: Math.round(loadBefore * 10) / 10, after: Math.round(loadavg()[0] * 10) / 10 };
    console.table(rows);
    const bundleBytes = statSync(cli).size;
    console.log(`The CLI bundle: ${bundleBytes} bytes, one file. Load average (1 min): ${load.before} before, ${load.after} after.`);
    mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    writeFileSync(
      path.join(__dirname, 'results', 'cli.json'),
      JSON.stringify({ when: new Date().toISOString(), node: process.version, rounds: ROUNDS, load, bundleBytes, start: rows }, null, 2) +
        '\n',
    );
  } finally {
    await sandbox.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
