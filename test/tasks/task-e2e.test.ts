import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox';
import { PRODUCT_VERSION } from '../../core/product';
import { builtTask } from '../support/built';
import { DEMO_POOLS } from '../support/demo-pools';
import { ADMIN_CONNECTION_ID, DEMO, REJECTED_TOKENS } from '../support/tokens';
import { missingOrganizationUrl, refusedOrganizationUrl, UNRESOLVABLE_ORGANIZATION_URL } from '../support/unreachable';
import { runTask, type AgentJob, type TaskRun } from './agent-run';

const ADMIN_PAT = DEMO.adminPat;
const JOB_TOKEN = DEMO.jobToken;
const COLLECTION_JOB_TOKEN = DEMO.collectionJobToken;

// Faults, bad input and concurrent repairs through the built task: test/reliability/. `runTask` checks every
// run for leaked secrets and crashes.
let taskDir: string;
before(async function () {
  taskDir = await builtTask();
});

describe('task KedaPoolGuard@1, built and run as the agent runs it', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ scenario: 'demo' });
  });
  after(() => sandbox.stop());

  const job = (inputs: Record<string, string>, extra: Partial<AgentJob> = {}): Promise<TaskRun> =>
    runTask({
      taskDir,
      inputs: { action: 'check', timeoutSeconds: '20', ...inputs },
      collectionUri: sandbox.orgUrl('demo') + '/',
      project: 'demo',
      jobToken: JOB_TOKEN,
      ...extra,
    });

  describe('each demo pool', () => {
    for (const c of DEMO_POOLS) {
      it(`${c.pool}: ${c.verdict}`, async () => {
        const run = await job({ pools: c.pool, demands: c.demands });
        assert.equal(run.result, c.result, run.stdout);
        assert.equal(run.outputs.verdict, c.verdict);
        const report = JSON.parse(run.outputs.report);
        assert.equal(report.pools[0].name, c.pool);
        assert.equal(report.pools[0].verdict, c.verdict);
        if (c.issue)
          assert.ok(
            [...run.errors, ...run.warnings].some((i) => c.issue!.test(i)),
            [...run.errors, ...run.warnings].join('\n'),
          );
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

  it('names itself and its version in the User-Agent of every request', async () => {
    sandbox.requests.clear();
    const run = await job({ pools: 'keda-ready', demands: 'kubectl' });
    assert.equal(run.result, 'Succeeded', run.stdout);
    const agents = new Set(sandbox.requests.list().map((request) => request.userAgent));
    assert.deepEqual([...agents], [`KedaPoolGuard/${PRODUCT_VERSION} (task)`]);
  });

  it('fails an at-risk pool when failOn is atRisk', async () => {
    const run = await job({ pools: 'keda-leftovers', demands: 'kubectl', failOn: 'atRisk' });
    assert.equal(run.result, 'Failed');
  });

  it('names the build service identities and the Reader role in the annotation when the job token cannot see the pool', async () => {
    const run = await job({ pools: 'keda-empty', demands: 'kubectl' }, { jobToken: COLLECTION_JOB_TOKEN });
    assert.equal(run.result, 'Failed');
    assert.equal(run.outputs.verdict, 'unknown');
    assert.ok(
      run.errors.some(
        (e) =>
          /does not exist, or you may not see it/.test(e) &&
          /Reader role on pool `keda-empty`/.test(e) &&
          /`demo Build Service \(demo\)`, `Project Collection Build Service \(demo\)`/.test(e),
      ),
      run.errors.join('\n'),
    );
  });

  it('says the job token was refused, without printing it', async () => {
    const run = await job({ pools: 'keda-ready' }, { jobToken: REJECTED_TOKENS[0] });
    assert.equal(run.result, 'Failed');
    assert.ok(
      run.errors.some((e) => /did not accept the token/.test(e)),
      run.errors.join('\n'),
    );
  });

  it('explains that repair needs the Administrator role, and suggests the connection input', async () => {
    const run = await job({ pools: 'keda-empty', demands: 'kubectl', action: 'repair' });
    assert.equal(run.result, 'Failed');
    assert.ok(
      run.errors.some((e) => /may not register agents/.test(e) && /connection/.test(e)),
      run.errors.join('\n'),
    );
    assert.equal(sandbox.org('demo').findPoolByName('keda-empty')!.agents.size, 0);
  });
});

describe('task KedaPoolGuard@1, when the pools cannot be read at all', () => {
  // Each failure in its own words, `verdict` unknown, a failed step, and nothing said about agents never seen.
  const unread = async (collectionUri: string, extra: Partial<AgentJob> = {}) => {
    const run = await runTask({
      taskDir,
      inputs: { action: 'check', pools: 'keda-ready', demands: 'kubectl', timeoutSeconds: '2' },
      collectionUri,
      project: 'demo',
      jobToken: JOB_TOKEN,
      ...extra,
    });
    assert.equal(run.result, 'Failed', run.stdout);
    assert.equal(run.outputs.verdict, 'unknown');
    const report = JSON.parse(run.outputs.report);
    assert.deepEqual([report.pools[0].verdict, report.pools[0].counts, report.pools[0].kind], ['unknown', null, null]);
    assert.equal(run.outputs.registeredAgents, '0');
    const said = [run.summary ?? '', ...run.errors].join('\n');
    assert.doesNotMatch(said, /no registered agent|placeholder|\| Agent \|/i, 'nothing about agents it never saw');
    return { run, said };
  };

  it('an organization that does not exist', async () => {
    const sandbox = await startSandbox({ scenario: 'demo' });
    try {
      const { said } = await unread(`${missingOrganizationUrl(sandbox)}/`);
      assert.match(said, /leads to no Azure DevOps organization/);
      assert.match(said, /Check the organization URL/);
    } finally {
      await sandbox.stop();
    }
  });

  it('a host name that does not resolve', async () => {
    const { said } = await unread(`${UNRESOLVABLE_ORGANIZATION_URL}/`);
    assert.match(said, /host name `dev\.azure\.invalid` does not resolve/);
  });

  it('a connection refused', async () => {
    const { said } = await unread(`${await refusedOrganizationUrl()}/`);
    assert.match(said, /connection to `127\.0\.0\.1:\d+` was refused/);
  });

  it('a service that never answers within the time-out', async () => {
    const sandbox = await startSandbox({ scenario: 'demo', faults: [{ kind: 'hang', route: '/agents' }] });
    try {
      const { said } = await unread(sandbox.orgUrl('demo') + '/');
      assert.match(said, /did not answer in time/);
    } finally {
      await sandbox.stop();
    }
  });
});

describe('the seed story, end to end', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({
      scenario: 'demo',
      keda: [
        {
          org: 'demo',
          name: 'azdevops-scaledjob',
          trigger: { poolName: 'keda-empty', demands: 'kubectl' },
          jobDurationMs: 0,
          deregisterShare: 0,
        },
      ],
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
    assert.equal(
      refused.body.message,
      'No agent found in pool keda-empty which satisfies the specified demands: kubectl, Agent.Version -gtVersion 3.232.1',
    );

    const common: AgentJob = {
      taskDir,
      inputs: { pools: 'keda-empty', demands: 'kubectl' },
      collectionUri: sandbox.orgUrl('demo'),
      project: 'demo',
      jobToken: JOB_TOKEN,
    };
    const guarded = await runTask(common);
    assert.equal(guarded.result, 'Failed');
    assert.ok(guarded.errors.some((e) => /no registered agent/.test(e)));

    const repaired = await runTask({
      ...common,
      inputs: { ...common.inputs, action: 'repair' },
      connection: { id: ADMIN_CONNECTION_ID, url: sandbox.orgUrl('demo'), token: ADMIN_PAT },
    });
    assert.equal(repaired.result, 'Succeeded', repaired.stdout);
    assert.equal(JSON.parse(repaired.outputs.report).pools[0].repair, 'registered');

    const checked = await runTask(common);
    assert.equal(checked.result, 'Succeeded', checked.stdout);

    const queued = await queueJob('keda-empty');
    assert.equal(queued.status, 201);
    const state = sandbox.org('demo');
    const pool = state.findPoolByName('keda-empty')!;
    assert.deepEqual(
      state.pendingRequests(pool.id).map((r) => r.requestId),
      [queued.body.requestId],
      'the job waits instead of failing',
    );

    await sandbox.keda!.tick();
    await sandbox.keda!.tick();
    const request = state.getRequest(pool.id, queued.body.requestId!)!;
    assert.equal(request.result, 'succeeded');
    assert.match(request.reservedAgent!.name, /^azdevops-scaledjob-\w{5}-\w{5}$/);
  });
});
