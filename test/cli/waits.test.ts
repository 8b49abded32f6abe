import { strict as assert } from 'node:assert';
import { PAT_VARIABLE } from '../../cli/main';
import { startSandbox, type Sandbox } from '../../sandbox';
import { cliInProcess } from '../support/cli-run';
import { DEMO } from '../support/tokens';

/**
 * The demo's pods start in 12 s and their agents receive a job 3 s later; `keda-ready` ran four jobs in the
 * last day on KEDA agents, and two more are waiting. `static-linux` runs its jobs on VMs at once.
 */
describe('cli: keda-pool-guard waits', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ scenario: 'demo' });
  });
  after(() => sandbox.stop());

  // `cliInProcess` checks every run: no token printed, no stack trace.
  const waits = (args: string[]) => cliInProcess(['waits', '--org', sandbox.orgUrl('demo'), ...args], { [PAT_VARIABLE]: DEMO.adminPat });

  it('prints the figures and a sparkline per 15 minutes, and exits 0', async () => {
    const run = await waits(['--pool', 'keda-ready']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Pool `keda-ready`: waits for an agent from \d{4}-\d\d-\d\d \d\d:\d\d UTC to .* UTC \(6 jobs queued\)$/m);
    assert.match(run.stdout, /^Jobs run: 4 \(4 on agents KEDA started\); still waiting: 2; cancelled while waiting: 0$/m);
    assert.match(run.stdout, /^Wait for an agent: median 12 s, 95th percentile 12 s, longest 12 s$/m);
    assert.match(run.stdout, /^Agent start \(assigned to received\): median 3 s, 95th percentile 3 s$/m);
    assert.match(run.stdout, /^Longest wait per 15 minutes \(highest 12 s\):\n {2}[▁▂▃▄▅▆▇█]{96,97}$/m);
    assert.match(
      run.stdout,
      /^Jobs queued per 15 minutes \(highest [234]\):$/m,
      'how the recent jobs fall in quarter hours depends on the hour',
    );
    assert.match(run.stdout, /^KEDA agents online per 15 minutes \(highest 2\):$/m);
    assert.match(run.stdout, /^Note: Jobs in pool `keda-ready` waited 12 s for an agent at the median/m);
  });

  it('exits 1 above --wait-threshold, with the usual causes', async () => {
    const run = await waits(['--pool', 'keda-ready', '--wait-threshold', '10']);
    assert.equal(run.code, 1);
    // The four jobs that got an agent, and the two waiting ones once they have waited that long too.
    assert.match(run.stdout, /^Longer than 10 s: [456] job\(s\)$/m);
    assert.match(run.stdout, /^Warning: Jobs in pool `keda-ready` wait too long for an agent/m);
    assert.match(run.stdout, /`minReplicaCount: 1`/);
  });

  it('says when a pool is not KEDA-scaled, and gives every number as JSON', async () => {
    const run = await waits(['--pool', 'static-linux', '--pool', 'keda-ready', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const [staticPool, keda] = JSON.parse(run.stdout);
    assert.deepEqual([staticPool.pool, staticPool.kind, staticPool.jobsRunByKeda], ['static-linux', 'static', 0]);
    assert.deepEqual([keda.pool, keda.kind, keda.jobsRun, keda.stillWaiting], ['keda-ready', 'keda', 4, 2]);
    assert.deepEqual(keda.wait, { p50: 12_000, p95: 12_000, max: 12_000 });
    assert.equal(keda.series.length >= 96, true);
    assert.equal(
      keda.series.reduce((sum: number, step: { queued: number }) => sum + step.queued, 0),
      6,
    );
    assert.deepEqual(
      keda.jobs.map((job: { waitMs: number; agentStartMs: number; keda: boolean }) => [job.waitMs, job.agentStartMs, job.keda]),
      Array(4).fill([12_000, 3_000, true]),
    );
    const text = await waits(['--pool', 'static-linux']);
    assert.match(text.stdout, /Pool `static-linux` is not KEDA-scaled \(self-hosted, static\)/);
  });

  it('exits 3 for a pool it cannot find, and still shows the others', async () => {
    const run = await waits(['--pool', 'no-such-pool', '--pool', 'keda-ready']);
    assert.equal(run.code, 3);
    assert.match(run.stderr, /no-such-pool/);
    assert.match(run.stdout, /^Pool `keda-ready`: waits/m);
  });

  it('check shows the 95th percentile wait per pool, and puts a pool at risk above --wait-threshold', async () => {
    const check = (args: string[]) =>
      cliInProcess(['check', '--org', sandbox.orgUrl('demo'), '--pool', 'keda-ready', '--demand', 'kubectl', ...args], {
        [PAT_VARIABLE]: DEMO.adminPat,
      });
    const plain = await check([]);
    assert.equal(plain.code, 0, plain.stdout);
    assert.match(plain.stdout, /^Pool\s.*\sLeftovers\s+Wait p95$/m);
    assert.match(plain.stdout, /^keda-ready\s.*\s12 s$/m);
    // At risk, which fails the run only with `--fail-on atRisk`.
    const strict = await check(['--wait-threshold', '10', '--fail-on', 'atRisk']);
    assert.equal(strict.code, 1, strict.stdout);
    assert.match(strict.stdout, /keda-ready\s+at risk/);
  });
});
