import assert from 'node:assert/strict';
import { buildTask } from '../../scripts/build';
import { startSandbox, type Sandbox } from '../../sandbox';
import { runTask, type AgentJob, type TaskRun } from './agent-run';

const ADMIN_PAT = 'demoadminpat0000000000000000000000000000000000000000';
const JOB_TOKEN = 'demo-build-service-token';
const COLLECTION_JOB_TOKEN = 'demo-collection-build-service-token';
const SECRETS = [ADMIN_PAT, JOB_TOKEN, COLLECTION_JOB_TOKEN, 'expired-token-0000'];

let taskDir: string;
before(async function () {
  this.timeout(60_000);
  taskDir = await buildTask();
});

/** Nothing secret in any line but the agent's own secret registration, nor in the summary. */
function assertNoSecretLeaks(run: TaskRun): void {
  for (const line of (run.stdout + '\n' + run.stderr).split('\n')) {
    if (line.startsWith('##vso[task.setsecret]')) continue;
    for (const secret of SECRETS) assert.ok(!line.includes(secret), `secret leaked in: ${line}`);
  }
  for (const secret of SECRETS) assert.ok(!(run.summary ?? '').includes(secret), 'secret leaked in the summary');
  assert.ok(!/\n\s+at .+\(.+:\d+:\d+\)/.test(run.stdout + run.stderr), 'no stack trace');
}

describe('task KedaPoolGuard@1, built and run as the agent runs it', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ scenario: 'demo' });
  });
  after(() => sandbox.stop());
  afterEach(() => sandbox.faults.clear());

  const job = (inputs: Record<string, string>, extra: Partial<AgentJob> = {}): Promise<TaskRun> =>
    runTask({
      taskDir,
      inputs: { action: 'check', timeoutSeconds: '20', ...inputs },
      collectionUri: sandbox.orgUrl('demo') + '/',
      project: 'demo',
      jobToken: JOB_TOKEN,
      ...extra,
    }).then((run) => {
      assertNoSecretLeaks(run);
      return run;
    });

  describe('each demo pool', () => {
    const cases: Array<{ pool: string; demands: string; result: string; verdict: string; issue?: RegExp }> = [
      { pool: 'keda-ready', demands: 'kubectl', result: 'Succeeded', verdict: 'ready' },
      { pool: 'keda-empty', demands: 'kubectl', result: 'Failed', verdict: 'blocked', issue: /has no registered agent, so every job sent to it fails at once/ },
      { pool: 'keda-leftovers', demands: 'kubectl', result: 'SucceededWithIssues', verdict: 'atRisk', issue: /queue only because KEDA agents are still registered/ },
      { pool: 'keda-missing-capability', demands: 'kubectl\nhelm', result: 'Failed', verdict: 'blocked', issue: /satisfies the demands `kubectl`, `helm`/ },
      { pool: 'keda-old-placeholder', demands: 'kubectl', result: 'Failed', verdict: 'blocked', issue: /Agent\.Version -gtVersion 3\.232\.1/ },
      { pool: 'static-linux', demands: 'Agent.OS -equals Linux', result: 'SucceededWithIssues', verdict: 'atRisk' },
    ];
    for (const c of cases) {
      it(`${c.pool}: ${c.verdict}`, async () => {
        const run = await job({ pools: c.pool, demands: c.demands });
        assert.equal(run.result, c.result, run.stdout);
        assert.equal(run.outputs.verdict, c.verdict);
        const report = JSON.parse(run.outputs.report);
        assert.equal(report.pools[0].name, c.pool);
        assert.equal(report.pools[0].verdict, c.verdict);
        if (c.issue) assert.ok([...run.errors, ...run.warnings].some((i) => c.issue!.test(i)), [...run.errors, ...run.warnings].join('\n'));
        assert.match(run.summary ?? '', new RegExp(`Pool \`${c.pool}\``));
      });
    }
  });

  it('checks several pools in one step, and reports the worst verdict with the sums', async () => {
    const run = await job({ pools: 'keda-ready, keda-leftovers', demands: 'kubectl' });
    assert.equal(run.result, 'SucceededWithIssues');
    assert.equal(run.outputs.verdict, 'atRisk');
    const report = JSON.parse(run.outputs.report);
    const sum = (field: string) => report.pools.reduce((n: number, p: { counts: Record<string, number> }) => n + p.counts[field], 0);
    assert.equal(Number(run.outputs.registeredAgents), sum('registered'));
    assert.equal(Number(run.outputs.onlineAgents), sum('online'));
    assert.equal(Number(run.outputs.placeholderAgents), sum('placeholder'));
    assert.equal(Number(run.outputs.kedaAgents), sum('keda') + sum('stale'));
    assert.match(run.summary ?? '', /\| `keda-placeholder` \| placeholder \|/);
  });

  it('fails an at-risk pool when failOn is atRisk', async () => {
    const run = await job({ pools: 'keda-leftovers', demands: 'kubectl', failOn: 'atRisk' });
    assert.equal(run.result, 'Failed');
  });

  it('names the build service identities and the Reader role when the job token cannot see the pool', async () => {
    const run = await job({ pools: 'keda-empty', demands: 'kubectl' }, { jobToken: COLLECTION_JOB_TOKEN });
    assert.equal(run.result, 'Failed');
    assert.ok(run.errors.some((e) => /does not exist, or you may not see it/.test(e)));
    assert.match(run.stdout, /Reader role/);
  });

  it('says the job token was refused, without printing it', async () => {
    const run = await job({ pools: 'keda-ready' }, { jobToken: 'expired-token-0000' });
    assert.equal(run.result, 'Failed');
    assert.ok(run.errors.some((e) => /did not accept the token/.test(e)), run.errors.join('\n'));
  });

  it('explains that repair needs the Administrator role, and suggests the connection input', async () => {
    const run = await job({ pools: 'keda-empty', demands: 'kubectl', action: 'repair' });
    assert.equal(run.result, 'Failed');
    assert.ok(run.errors.some((e) => /may not register agents/.test(e) && /connection/.test(e)), run.errors.join('\n'));
    assert.equal(sandbox.org('demo').findPoolByName('keda-empty')!.agents.size, 0);
  });

  describe('faults', () => {
    it('waits out throttling within the time budget', async () => {
      sandbox.faults.set([{ kind: 'rateLimit', route: '/agents', retryAfterSeconds: 1, times: 1 }]);
      const run = await job({ pools: 'keda-ready', demands: 'kubectl' });
      assert.equal(run.result, 'Succeeded');
    });

    const faults: Array<{ name: string; rule: Parameters<Sandbox['faults']['set']>[0][number]; issue: RegExp; maxMs?: number }> = [
      { name: 'throttling beyond the budget', rule: { kind: 'rateLimit', route: '/agents', retryAfterSeconds: 600 }, issue: /throttled/ },
      { name: 'a 500 that persists', rule: { kind: 'serverError', route: '/agents', status: 500 }, issue: /failed while reading pool/ },
      { name: 'a 503 that persists', rule: { kind: 'serverError', route: '/jobrequests', status: 503 }, issue: /failed while reading pool/ },
      { name: 'connection resets', rule: { kind: 'reset', route: '/agents' }, issue: /failed while reading pool/ },
      { name: 'a hang', rule: { kind: 'hang', route: '/jobrequests' }, issue: /did not answer in time/, maxMs: 8_000 },
      { name: 'malformed JSON', rule: { kind: 'malformedJson', route: '/agents' }, issue: /was not the JSON of the Azure DevOps REST API/ },
      { name: 'a sign-in page', rule: { kind: 'signInPage', route: '/pools' }, issue: /did not accept the token/ },
    ];
    for (const f of faults) {
      it(`${f.name}: fails with its own message, in bounded time`, async () => {
        sandbox.faults.set([f.rule]);
        const run = await job({ pools: 'keda-ready', demands: 'kubectl', timeoutSeconds: '3' });
        assert.equal(run.result, 'Failed');
        assert.ok(run.errors.some((e) => f.issue.test(e)), run.errors.join('\n'));
        assert.ok(run.durationMs < (f.maxMs ?? 15_000), `took ${run.durationMs} ms`);
      });
    }
  });

  describe('bad input', () => {
    const cases: Array<[string, Record<string, string>, RegExp]> = [
      ['no pool', { pools: ' , \n ' }, /No agent pool was given/],
      ['a malformed demand', { pools: 'keda-ready', demands: 'kubectl -exists' }, /Demand `kubectl -exists` is not valid/],
      ['an unknown action', { pools: 'keda-ready', action: 'destroy' }, /Action `destroy` is not known/],
      ['a negative time-out', { pools: 'keda-ready', timeoutSeconds: '-5' }, /Time-out `-5` is not a whole number/],
      ['a capability line without =', { pools: 'keda-ready', placeholderCapabilities: 'kubectl' }, /Capability line `kubectl` is not `name=value`/],
    ];
    for (const [name, inputs, message] of cases) {
      it(`${name}: one clear message`, async () => {
        const run = await job(inputs);
        assert.equal(run.result, 'Failed');
        assert.equal(run.errors.length, 1, run.errors.join('\n'));
        assert.match(run.errors[0], message);
      });
    }
  });
});

describe('the seed story, end to end', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({
      scenario: 'demo',
      keda: [{ org: 'demo', name: 'azdevops-scaledjob', trigger: { poolName: 'keda-empty', demands: 'kubectl' }, jobDurationMs: 0, deregisterShare: 0 }],
      kedaOptions: { autoRun: false },
    });
  });
  after(() => sandbox.stop());

  const queueJob = async (pool: string) => {
    const response = await fetch(`${sandbox.url}/_sandbox/demo/jobs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ pool, demands: ['kubectl'], minAgentVersion: '3.232.1' }),
    });
    return { status: response.status, body: (await response.json()) as { message?: string; requestId?: number } };
  };

  it('fails the job on the empty pool, guards it, repairs it, and lets KEDA run the next job', async () => {
    const refused = await queueJob('keda-empty');
    assert.ok(refused.status >= 400);
    assert.equal(refused.body.message, 'No agent found in pool keda-empty which satisfies the specified demands: kubectl, Agent.Version -gtVersion 3.232.1');

    const common: AgentJob = { taskDir, inputs: { pools: 'keda-empty', demands: 'kubectl' }, collectionUri: sandbox.orgUrl('demo'), project: 'demo', jobToken: JOB_TOKEN };
    const guarded = await runTask(common);
    assert.equal(guarded.result, 'Failed');
    assert.ok(guarded.errors.some((e) => /no registered agent/.test(e)));

    const repaired = await runTask({
      ...common,
      inputs: { ...common.inputs, action: 'repair' },
      connection: { id: '5f0c7a1e-2b8d-4c1e-9a57-0d3f6b2e8c41', url: sandbox.orgUrl('demo'), token: ADMIN_PAT },
    });
    assert.equal(repaired.result, 'Succeeded', repaired.stdout);
    assert.equal(JSON.parse(repaired.outputs.report).pools[0].repair, 'registered');

    const checked = await runTask(common);
    assert.equal(checked.result, 'Succeeded', checked.stdout);

    const queued = await queueJob('keda-empty');
    assert.equal(queued.status, 201);
    const state = sandbox.org('demo');
    const pool = state.findPoolByName('keda-empty')!;
    assert.deepEqual(state.pendingRequests(pool.id).map((r) => r.requestId), [queued.body.requestId], 'the job waits instead of failing');

    await sandbox.keda!.tick();
    await sandbox.keda!.tick();
    const request = state.getRequest(pool.id, queued.body.requestId!)!;
    assert.equal(request.result, 'succeeded');
    assert.match(request.reservedAgent!.name, /^azdevops-scaledjob-\w{5}-\w{5}$/);
  });
});

describe('repair under concurrency', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ scenario: 'demo' });
  });
  after(() => sandbox.stop());

  it('ten repair runs at once leave exactly one placeholder, and every run passes', async function () {
    this.timeout(60_000);
    const runs = await Promise.all(
      Array.from({ length: 10 }, () =>
        runTask({
          taskDir,
          inputs: { pools: 'keda-empty', demands: 'kubectl', action: 'repair' },
          collectionUri: sandbox.orgUrl('demo'),
          project: 'demo',
          connection: { id: '5f0c7a1e-2b8d-4c1e-9a57-0d3f6b2e8c41', url: sandbox.orgUrl('demo'), token: ADMIN_PAT },
        }),
      ),
    );
    for (const run of runs) assert.equal(run.result, 'Succeeded', run.stdout);
    const repairs = runs.map((run) => JSON.parse(run.outputs.report).pools[0].repair);
    assert.equal(repairs.filter((r) => r === 'registered').length, 1, repairs.join(', '));
    const agents = [...sandbox.org('demo').findPoolByName('keda-empty')!.agents.values()];
    assert.deepEqual(agents.map((a) => a.name), ['keda-placeholder']);
  });
});
