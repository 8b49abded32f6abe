/**
 * The seed story again, agentless: KEDA scales pool keda-empty from zero, and nothing but the service runs
 * before its jobs. First as a pipeline whose `pool: server` job runs the gate before the KEDA job; then as
 * the pool check on the project's queue, which holds the stage back. Against the empty pool nothing queues;
 * after `repair`, the job queues, KEDA starts a pod, and the job completes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runServerTask, startSandbox, type Sandbox, type ServerTaskJson } from '../../sandbox';
import { cliInProcess } from '../support/cli-run';
import { DEMO } from '../support/tokens';

const ROOT = path.resolve(__dirname, '..', '..');
const GATE: ServerTaskJson = JSON.parse(readFileSync(path.join(ROOT, 'tasks/KedaPoolGateV1/task.json'), 'utf8'));
const POOL = 'keda-empty';
const DEMANDS = ['kubectl'];
const MIN_AGENT_VERSION = '3.232.1';

describe('the seed story without an agent', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox({
      scenario: 'demo',
      keda: [
        {
          org: 'demo',
          name: 'azdevops-scaledjob',
          trigger: { poolName: POOL, demands: DEMANDS.join(',') },
          jobDurationMs: 0,
          deregisterShare: 0,
        },
      ],
      kedaOptions: { autoRun: false },
    });
  });
  afterEach(() => sandbox.stop());

  const org = () => sandbox.org('demo');
  const poolId = () => org().findPoolByName(POOL)!.id;
  const cli = (args: string[]) =>
    cliInProcess([...args, '--org', sandbox.orgUrl('demo'), '--pool', POOL], { AZURE_DEVOPS_EXT_PAT: DEMO.adminPat });

  async function repair(): Promise<void> {
    const run = await cli(['repair', '--demand', 'kubectl', '--min-agent-version', MIN_AGENT_VERSION]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
  }

  /** KEDA sees the waiting job, starts a pod, and the pod runs it. */
  async function kedaRuns(requestId: number): Promise<void> {
    await sandbox.keda!.tick();
    await sandbox.keda!.tick();
    const request = org().getRequest(poolId(), requestId)!;
    assert.equal(request.result, 'succeeded');
    assert.match(request.reservedAgent!.name, /^azdevops-scaledjob-\w{5}-\w{5}$/);
  }

  /**
   * The pipeline: a server job with the gate (the job's token, the collection URL), then the KEDA job, which
   * depends on it and is queued only when it succeeds.
   */
  async function pipeline() {
    const gate = await runServerTask({
      task: GATE,
      inputs: { pool: POOL, demands: DEMANDS.join(',') },
      variables: { 'system.teamFoundationCollectionUri': `${sandbox.orgUrl('demo')}/`, 'system.accessToken': DEMO.jobToken },
    });
    if (gate.result === 'failed') return { gate };
    const job = org().queueJob(POOL, DEMANDS, { minAgentVersion: MIN_AGENT_VERSION });
    assert.ok(job.ok, 'the gate passed, so the job must queue');
    return { gate, requestId: job.request.requestId };
  }

  it('the gate job fails with the pool and the demands and nothing queues; after repair it passes and KEDA runs the job', async () => {
    const blocked = await pipeline();
    assert.equal(blocked.gate.result, 'failed');
    assert.ok(blocked.gate.message.startsWith(`KEDA pool gate: ${POOL} [kubectl]`), blocked.gate.message);
    assert.ok(blocked.gate.message.includes('demands=kubectl'), blocked.gate.message);
    assert.equal(blocked.gate.requests.length, 2);
    assert.deepEqual(org().pendingRequests(poolId()), [], 'nothing queued');

    await repair();
    const passed = await pipeline();
    assert.equal(passed.gate.result, 'succeeded', passed.gate.message);
    assert.ok(passed.requestId !== undefined);
    await kedaRuns(passed.requestId);
  });

  it('the check on the queue holds the stage back, with no YAML change; after repair the stage goes on and KEDA runs the job', async () => {
    const installed = await cli(['gate', 'install', '--project', 'demo', '--demand', 'kubectl', '--connection', 'azure-devops-pools']);
    assert.equal(installed.code, 0, installed.stdout + installed.stderr);

    const stage = await sandbox.startStage('demo', {
      project: 'demo',
      pool: POOL,
      demands: DEMANDS,
      minAgentVersion: MIN_AGENT_VERSION,
      accessToken: DEMO.jobToken,
    });
    assert.equal(stage.status, 'waiting');
    assert.equal(stage.checks[0].status, 'retrying');
    assert.match(stage.checks[0].message, /does not meet the success criteria/);
    assert.deepEqual(org().pendingRequests(poolId()), [], 'nothing queued');

    await repair();
    await stage.evaluate();
    assert.equal(stage.status, 'queued', stage.message);
    await kedaRuns(stage.jobRequest!.requestId);
  });
});
