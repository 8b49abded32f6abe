/**
 * The demo's KEDA pods take `DEMO_POD_STARTUP_MS` to register and their agents `DEMO_AGENT_START_MS` to
 * receive a job: the waits the product reads from the demo, in its history and for jobs queued while the
 * KEDA loop runs, show exactly that, within a second. Time is the loop's injectable clock, not the machine's.
 */
import assert from 'node:assert/strict';
import { RestAdoClient } from '../../core/ado/client';
import { readPoolSnapshot } from '../../core/ado/snapshots';
import { readDayOfRequests } from '../../core/ado/wait-window';
import { classificationRules } from '../../core/model/classify';
import { evaluatePool } from '../../core/model/verdict';
import { withWaits } from '../../core/model/wait-findings';
import type { PoolWaits } from '../../core/model/waits';
import { startSandbox, type Sandbox } from '../../sandbox';
import { DEMO_AGENT_START_MS, DEMO_POD_STARTUP_MS, scaledJobsForKedaPools, startKedaLoop, type KedaLoop } from '../../sandbox/keda-loop';
import { DEMO } from '../support/tokens';

const SECOND = 1000;
const STEP_MS = 250;

describe('the demo’s waits match its KEDA pods’ configured start-up', () => {
  let time = Date.parse('2024-05-01T12:00:00Z');
  let sandbox: Sandbox;
  let loop: KedaLoop;
  before(async () => {
    sandbox = await startSandbox({ scenario: 'demo', clock: () => new Date(time) });
    loop = startKedaLoop(sandbox.state.values(), scaledJobsForKedaPools(sandbox.state.values()), { autoRun: false, now: () => time });
  });
  after(async () => {
    await loop.stop();
    await sandbox.stop();
  });

  /** The pool's waits as the task reads them, measured at the sandbox's time. */
  async function waitsOf(poolName: string): Promise<PoolWaits> {
    const client = new RestAdoClient({
      orgUrl: sandbox.orgUrl('demo'),
      credentials: { kind: 'pat', token: DEMO.adminPat },
      timeoutMs: 10_000,
    });
    const [pool] = await client.listPools(poolName);
    const now = () => new Date(time);
    const snapshot = await readPoolSnapshot(client, pool, now, { waitWindow: readDayOfRequests });
    const settings = { demands: ['kubectl'], rules: classificationRules(), now: now() };
    const report = withWaits(evaluatePool(snapshot, settings), snapshot, settings);
    assert.ok(report.waits, 'the waits were measured');
    return report.waits;
  }

  const within = (ms: number, expected: number, what: string) =>
    assert.ok(ms >= expected && ms < expected + SECOND, `${what}: ${ms} ms, configured ${expected} ms`);

  it('in the history the scenario holds', async () => {
    const waits = await waitsOf('keda-ready');
    assert.equal(waits.jobsRun, 4, 'the jobs of the last day');
    assert.equal(waits.jobsRunByKeda, 4);
    for (const job of waits.jobs) {
      within(job.waitMs, DEMO_POD_STARTUP_MS, `job ${job.requestId} waited`);
      within(job.agentStartMs ?? -1, DEMO_AGENT_START_MS, `job ${job.requestId}'s agent started`);
    }
  });

  it('for jobs queued while KEDA scales the pool', async () => {
    const org = sandbox.org('demo');
    const queued = [1, 2, 3].map(() => org.queueJob('keda-ready', ['kubectl']));
    const ids = queued.map((outcome) => (outcome.ok ? outcome.request.requestId : assert.fail(outcome.message)));
    // KEDA polls when the jobs are queued, then the clock moves on in quarter seconds, polling each time.
    for (let elapsed = 0; elapsed <= 30 * SECOND; elapsed += STEP_MS) {
      await loop.tick();
      time += STEP_MS;
    }
    const waits = await waitsOf('keda-ready');
    const mine = waits.jobs.filter((job) => ids.includes(job.requestId));
    assert.equal(mine.length, 3, 'each job got an agent');
    for (const job of mine) {
      assert.equal(job.keda, true);
      within(job.waitMs, DEMO_POD_STARTUP_MS, `job ${job.requestId} waited`);
      within(job.agentStartMs ?? -1, DEMO_AGENT_START_MS, `job ${job.requestId}'s agent started`);
    }
    assert.ok(waits.wait && waits.wait.p95 < DEMO_POD_STARTUP_MS + SECOND, 'the pool’s 95th percentile shows it too');
  });
});
