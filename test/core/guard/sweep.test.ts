import assert from 'node:assert/strict';
import { RestAdoClient } from '../../../core/ado/client';
import { readPools } from '../../../core/ado/snapshots';
import type { AccessContext } from '../../../core/guard/failures';
import { reportJson } from '../../../core/guard/report';
import { runGuard } from '../../../core/guard/run';
import { summaryMarkdown } from '../../../core/guard/summary';
import { sweepHeading, sweepReportJson, sweepRows, sweepSummaryMarkdown } from '../../../core/guard/sweep-report';
import { executeSweep, runSweep, type SweepRequest, type SweepResult } from '../../../core/guard/sweep';
import { classificationRules } from '../../../core/model/classify';
import { renderFinding } from '../../../core/model/render';
import { planSweep, type SweepPlan } from '../../../core/model/sweep';
import { startSandbox, type Sandbox } from '../../../sandbox';
import type { Scenario, ScenarioAgent } from '../../../sandbox/scenario-types';
import { podName } from './pod-names';
import { TestClock } from '../../support/clock';
import { figure } from '../../support/long';
import { DEMO } from '../../support/tokens';

const ADMIN_PAT = DEMO.adminPat;
const JOB_TOKEN = 'demo-build-service-token';
const PAT_ACCESS: AccessContext = { kind: 'personalAccessToken', via: 'environment' };
const JOB_ACCESS: AccessContext = { kind: 'jobToken', organization: 'demo', project: 'demo' };

const request = (pools: string[], extra: Partial<SweepRequest> = {}): SweepRequest => ({
  pools,
  demands: ['kubectl'],
  placeholderName: 'keda-placeholder',
  staleAfterHours: 24,
  dryRun: true,
  access: PAT_ACCESS,
  ...extra,
});

const client = (
  sandbox: Sandbox,
  org: string,
  credentials: { kind: 'pat' | 'bearer'; token: string } = { kind: 'pat', token: ADMIN_PAT },
  clock = new TestClock(),
) => new RestAdoClient({ orgUrl: sandbox.orgUrl(org), credentials, timeoutMs: 60_000, clock });

const namesIn = (sandbox: Sandbox, org: string, pool: string) =>
  [...sandbox.org(org).findPoolByName(pool)!.agents.values()].map((agent) => agent.name).sort();

const actions = (result: SweepResult, pool = 0) =>
  Object.fromEntries(sweepRows(result.pools[pool], 'text').map((row) => [row.agent.name, row.action]));

describe('sweep against the demo organization', function () {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox({ scenario: 'demo' });
  });
  afterEach(() => sandbox.stop());

  it('lists the leftovers in a dry run and deletes nothing', async () => {
    const before = namesIn(sandbox, 'demo', 'keda-leftovers');
    const result = await runSweep(client(sandbox, 'demo'), request(['keda-leftovers']));
    assert.equal(result.dryRun, true);
    assert.equal(result.deleted, 0);
    assert.equal(result.wouldDelete, 5);
    assert.equal(result.errored, false);
    assert.deepEqual(namesIn(sandbox, 'demo', 'keda-leftovers'), before);
    assert.deepEqual(
      result.pools[0].findings.map((f) => f.code),
      ['sweepDryRun'],
    );
    assert.match(
      renderFinding(result.pools[0].findings[0], 'text'),
      /5 leftover agent\(s\) in pool `keda-leftovers` have been offline for more than 24 hours and would be deleted/,
    );
    assert.equal(sandbox.requests.list().filter((r) => r.method !== 'GET').length, 0, 'a dry run only reads');
  });

  it('deletes exactly the candidates of the pool full of leftovers, and keeps the newest as the last matching agent', async () => {
    const result = await runSweep(client(sandbox, 'demo'), request(['keda-leftovers'], { dryRun: false }));
    assert.equal(result.deleted, 5);
    assert.equal(result.errored, false);
    assert.deepEqual(actions(result), {
      'build-scaledjob-f6npj-x4ztm': 'kept',
      'build-scaledjob-q2wkz-7lt4d': 'deleted',
      'build-scaledjob-hv9xn-c6p2s': 'deleted',
      'build-scaledjob-m4rtb-j8q5w': 'deleted',
      'build-scaledjob-7dgfx-n2vkp': 'deleted',
      'build-scaledjob-s5lzc-w9hbr': 'deleted',
    });
    assert.deepEqual(namesIn(sandbox, 'demo', 'keda-leftovers'), ['build-scaledjob-f6npj-x4ztm']);
    assert.equal(result.pools[0].plan?.keeper?.name, 'build-scaledjob-f6npj-x4ztm');
    assert.match(
      sweepRows(result.pools[0], 'text')[0].why,
      /^kept as the last agent that satisfies `kubectl`, `Agent\.Version -gtVersion 3\.232\.1`/,
    );
    assert.equal(sandbox.org('demo').queueJob('keda-leftovers', ['kubectl'], { minAgentVersion: '3.232.1' }).ok, true, 'jobs still queue');

    const again = await runSweep(client(sandbox, 'demo'), request(['keda-leftovers'], { dryRun: false }));
    assert.equal(again.deleted, 0);
    assert.deepEqual(again.pools[0].findings, []);
  });

  it('keeps the placeholder, online and busy agents and recent leftovers in the ready pool', async () => {
    const result = await runSweep(client(sandbox, 'demo'), request(['keda-ready'], { dryRun: false, staleAfterHours: 1 }));
    assert.deepEqual(actions(result), {
      'keda-placeholder': 'kept',
      'azdevops-scaledjob-x7k2p-9qzrt': 'kept',
      'azdevops-scaledjob-5dsgc-pkqvm': 'kept',
      'azdevops-scaledjob-b8r2n-wq5xh': 'deleted',
      'azdevops-scaledjob-zgqnp-8h4z4': 'deleted',
      'azdevops-scaledjob-wr65c-ff2cv': 'deleted',
    });
    assert.deepEqual(
      result.pools[0].plan?.kept.map((k) => [k.agent.name, k.keptBecause.code]),
      [
        ['keda-placeholder', 'placeholder'],
        ['azdevops-scaledjob-x7k2p-9qzrt', 'busy'],
        ['azdevops-scaledjob-5dsgc-pkqvm', 'busy'],
      ],
    );
    assert.equal(result.pools[0].plan?.keeper?.name, 'keda-placeholder');

    const withDefaults = await runSweep(client(sandbox, 'demo'), request(['keda-ready', 'static-linux', 'Azure Pipelines', 'keda-empty']));
    assert.equal(withDefaults.wouldDelete, 0, 'nothing has been offline for a day, and VMs and hosted agents are not KEDA’s');
    assert.equal(withDefaults.errored, false);
  });

  it('refuses with the job token, names the Administrator role and the connection input, and deletes nothing', async () => {
    const before = namesIn(sandbox, 'demo', 'keda-leftovers');
    const result = await runSweep(
      client(sandbox, 'demo', { kind: 'bearer', token: JOB_TOKEN }),
      request(['keda-leftovers'], { dryRun: false, access: JOB_ACCESS }),
    );
    assert.equal(result.errored, true);
    assert.equal(result.deleted, 0);
    assert.deepEqual(namesIn(sandbox, 'demo', 'keda-leftovers'), before);
    const [denied] = result.pools[0].findings;
    assert.equal(denied.code, 'sweepDenied');
    const text = renderFinding(denied, 'text');
    assert.match(text, /may not delete agents in pool `keda-leftovers`, so 5 leftover agent\(s\) were not deleted/);
    assert.match(text, /Run `sweep` with the task’s `connection` input/);
    assert.match(text, /`demo Build Service \(demo\)`, `Project Collection Build Service \(demo\)`/);
    const deletes = sandbox.requests.list().filter((r) => r.method === 'DELETE');
    assert.ok(deletes.length <= 8, `stops after the first refusals, not after ${deletes.length}`);
  });

  it('reports a pool it cannot find, and sweeps the others', async () => {
    const result = await runSweep(client(sandbox, 'demo'), request(['no-such-pool', 'keda-leftovers'], { dryRun: false }));
    assert.equal(result.errored, true);
    assert.equal(result.deleted, 5);
    assert.deepEqual(
      result.pools[0].findings.map((f) => f.code),
      ['poolNotFound'],
    );
    assert.equal(sweepHeading(result.pools[0], false, 'text'), 'Pool `no-such-pool`: not read, so nothing was deleted');
  });

  it('skips every agent that changed after the plan, and deletes the rest', async () => {
    const sweeper = client(sandbox, 'demo');
    const plan = await planFor(sweeper, 'keda-leftovers');
    const state = sandbox.org('demo');
    const pool = state.findPoolByName('keda-leftovers')!;
    const agent = (name: string) => state.findAgentByName(pool.id, name)!;
    state.setAgentStatus(pool.id, agent('build-scaledjob-q2wkz-7lt4d').id, 'online');
    state.updateAgent(pool.id, agent('build-scaledjob-hv9xn-c6p2s').id, { userCapabilities: { 'KedaPoolGuard.Placeholder': 'true' } });
    state.updateAgent(pool.id, agent('build-scaledjob-m4rtb-j8q5w').id, { name: 'build-scaledjob-m4rtb-renamed' });
    state.deleteAgent(pool.id, agent('build-scaledjob-7dgfx-n2vkp').id);

    const swept = await executeSweep(sweeper, plan, { dryRun: false, access: PAT_ACCESS });
    assert.deepEqual(
      swept.outcomes.map((o) => [o.candidate.agent.name, o.kind === 'skipped' ? o.change.code : o.kind]),
      [
        ['build-scaledjob-q2wkz-7lt4d', 'online'],
        ['build-scaledjob-hv9xn-c6p2s', 'nowPlaceholder'],
        ['build-scaledjob-m4rtb-j8q5w', 'renamed'],
        ['build-scaledjob-7dgfx-n2vkp', 'gone'],
        ['build-scaledjob-s5lzc-w9hbr', 'deleted'],
      ],
    );
    assert.deepEqual(
      swept.findings.map((f) => f.code),
      ['agentsSwept', 'agentsChangedDuringSweep'],
    );
    assert.ok(state.findAgentByName(pool.id, 'build-scaledjob-f6npj-x4ztm'), 'the keeper stays');
  });

  it('deletes nothing when the agent that keeps the pool queueing is gone since the plan', async () => {
    const sweeper = client(sandbox, 'demo');
    const plan = await planFor(sweeper, 'keda-ready', 1);
    const state = sandbox.org('demo');
    const pool = state.findPoolByName('keda-ready')!;
    state.deleteAgent(pool.id, state.findAgentByName(pool.id, 'keda-placeholder')!.id);
    const swept = await executeSweep(sweeper, plan, { dryRun: false, access: PAT_ACCESS });
    assert.deepEqual(new Set(swept.outcomes.map((o) => o.kind)), new Set(['notAttempted']));
    assert.deepEqual(
      swept.findings.map((f) => [f.code, f.severity]),
      [['sweepPlanOutdated', 'warning']],
    );
    assert.match(
      renderFinding(swept.findings[0], 'text'),
      /Agent `keda-placeholder`, which keeps pool `keda-ready` able to queue jobs, is gone/,
    );
    assert.equal(state.listAgents(pool.id).length, 5);
  });

  it('reports deletions the service fails, and those a time-out stops, with what to do', async () => {
    sandbox.faults.set([{ method: 'DELETE', route: '/agents/', kind: 'serverError', status: 503 }]);
    const once = new RestAdoClient({
      orgUrl: sandbox.orgUrl('demo'),
      credentials: { kind: 'pat', token: ADMIN_PAT },
      timeoutMs: 10_000,
      maxAttempts: 1,
    });
    const failed = await runSweep(once, request(['keda-leftovers'], { dryRun: false }));
    assert.equal(failed.errored, true);
    assert.deepEqual(
      failed.pools[0].findings.map((f) => f.code),
      ['sweepFailed'],
    );
    assert.match(
      renderFinding(failed.pools[0].findings[0], 'text'),
      /Deleting 5 agent\(s\) in pool `keda-leftovers` failed or was not tried/,
    );
    assert.match(sweepSummaryMarkdown(failed), /not deleted \| stale \| offline \| Azure DevOps failed \(HTTP 503\)/);
    assert.equal(namesIn(sandbox, 'demo', 'keda-leftovers').length, 6);

    sandbox.faults.set([{ method: 'DELETE', route: '/agents/', kind: 'hang' }]);
    const clock = new TestClock();
    const hasty = new RestAdoClient({
      orgUrl: sandbox.orgUrl('demo'),
      credentials: { kind: 'pat', token: ADMIN_PAT },
      timeoutMs: 500,
      clock,
    });
    const stopListening = sandbox.faults.onHang(() => clock.expireNextTimeout());
    const stopped = await runSweep(hasty, request(['keda-leftovers'], { dryRun: false })).finally(stopListening);
    assert.ok(clock.elapsed() <= 500, 'the time-out ends the sweep');
    const [finding] = stopped.pools[0].findings;
    assert.equal(finding.code, 'sweepFailed');
    assert.equal(finding.guidance[0].key, 'fix.timedOut');
    assert.equal(namesIn(sandbox, 'demo', 'keda-leftovers').length, 6);
  });

  it('waits out throttling on deletions within its time-out', async () => {
    sandbox.faults.set([{ method: 'DELETE', route: '/agents/', kind: 'rateLimit', retryAfterSeconds: 1, times: 2 }]);
    const clock = new TestClock();
    const result = await runSweep(client(sandbox, 'demo', undefined, clock), request(['keda-leftovers'], { dryRun: false }));
    assert.equal(result.deleted, 5);
    assert.equal(result.errored, false);
    assert.ok(clock.sleeps.includes(1000), `waited as asked: ${clock.sleeps.join(', ')}`);
  });

  it('shows each pool’s leftovers in the check’s report and summary', async () => {
    const result = await runGuard(client(sandbox, 'demo'), {
      pools: ['keda-leftovers', 'keda-ready'],
      demands: ['kubectl'],
      action: 'check',
      failOn: 'blocked',
      requireOnlineAgent: false,
      placeholderName: 'keda-placeholder',
      placeholderCapabilities: {},
      organizationUrl: sandbox.orgUrl('demo'),
      access: PAT_ACCESS,
    });
    const [leftovers, ready] = reportJson(result).pools.map((pool) => pool.leftovers);
    assert.equal(leftovers.count, 5);
    assert.equal(Math.round((leftovers.oldestOfflineMs ?? 0) / 86_400_000), 40);
    assert.deepEqual(ready, { count: 0, oldestOfflineMs: null });
    assert.match(
      summaryMarkdown(result),
      /5 leftover KEDA agent\(s\) may be deleted, the oldest offline for 40 days: `action: sweep` deletes them safely\./,
    );
  });

  it('renders what it did for the summary, the log and JSON, hostile names inert', async () => {
    const state = sandbox.org('demo');
    const pool = state.findPoolByName('keda-leftovers')!;
    state.updateAgent(pool.id, state.findAgentByName(pool.id, 'build-scaledjob-q2wkz-7lt4d')!.id, {
      name: 'evil|`x`\n##vso[task.setvariable variable=y]1',
    });
    const result = await runSweep(client(sandbox, 'demo'), request(['keda-leftovers']));
    const markdown = sweepSummaryMarkdown(result);
    assert.match(markdown, /^### KEDA Pool Guard sweep \(dry run\): 5 would be deleted/);
    assert.match(markdown, /\| Agent \| Action \| Kind \| Status \| Why \|/);
    assert.match(
      markdown,
      /\| ``evil\\\|`x` ##vso\\\[task\.setvariable variable=y\]1`` \| would delete \| stale \| offline \| offline for 40 days;/,
    );
    assert.ok(!markdown.split('\n').some((line) => line.startsWith('##vso')));
    const json = sweepReportJson(result, { agents: true });
    assert.deepEqual(json.pools[0].counts, { kept: 1, deleted: 0, wouldDelete: 5, skipped: 0, failed: 0, notAttempted: 0 });
    assert.equal(json.pools[0].agents?.length, 6);
    assert.equal(json.pools[0].olderThanHours, 24);
    assert.equal(sweepReportJson(result, { agents: false }).pools[0].agents, undefined);
  });
});

async function planFor(sweeper: RestAdoClient, pool: string, staleAfterHours = 24): Promise<SweepPlan> {
  const [read] = await readPools(sweeper, [pool]);
  assert.equal(read.kind, 'found');
  return planSweep(read.snapshot, {
    demands: ['kubectl'],
    rules: classificationRules({ placeholderName: 'keda-placeholder', staleAfterHours }),
  });
}

// ---- generated pools --------------------------------------------------------------------------

const podAgent = (scaledJob: string, index: number, status: 'online' | 'offline', since: string): ScenarioAgent => {
  const name = podName(scaledJob, index);
  return {
    name,
    version: '4.248.0',
    status,
    createdOn: since,
    statusChangedOn: since,
    systemCapabilities: {
      'Agent.Version': '4.248.0',
      'Agent.Name': name,
      KUBERNETES_SERVICE_HOST: '10.0.0.1',
      kubectl: '/usr/local/bin/kubectl',
    },
  };
};

/**
 * Two pools buried under `--once` leftovers: `crowded` with a placeholder, pods at work, recent
 * leftovers and a VM; `orphaned` with leftovers only.
 */
function crowdedScenario(leftovers: number, orphans: number): Scenario {
  const old = (i: number) => `-${2 + (i % 60)}d`;
  return {
    organizations: [
      {
        name: 'contoso',
        identities: [{ name: 'Admin', pat: ADMIN_PAT, poolRoles: { '*': 'Administrator' } }],
        projects: [],
        pools: [
          {
            name: 'crowded',
            agents: [
              {
                name: 'keda-placeholder',
                version: '4.248.0',
                status: 'offline',
                createdOn: '-90d',
                systemCapabilities: { 'Agent.Version': '4.248.0', kubectl: '/usr/local/bin/kubectl' },
                userCapabilities: { 'KedaPoolGuard.Placeholder': 'true' },
              },
              {
                name: 'build-vm-01',
                version: '4.248.0',
                status: 'offline',
                createdOn: '-400d',
                statusChangedOn: '-300d',
                systemCapabilities: { 'Agent.Version': '4.248.0' },
              },
              ...Array.from({ length: leftovers }, (_, i) => podAgent('crowded-scaledjob', i, 'offline', old(i))),
              ...Array.from({ length: 10 }, (_, i) => podAgent('crowded-scaledjob', leftovers + i, 'online', '-5m')),
              ...Array.from({ length: 20 }, (_, i) => podAgent('crowded-scaledjob', leftovers + 10 + i, 'offline', '-3h')),
            ],
            jobRequests: Array.from({ length: 4 }, (_, i) => ({
              demands: ['kubectl'],
              queueTime: '-4m',
              agent: podName('crowded-scaledjob', leftovers + i),
            })),
          },
          { name: 'orphaned', agents: Array.from({ length: orphans }, (_, i) => podAgent('orphan-scaledjob', i, 'offline', old(i))) },
        ],
      },
    ],
  };
}

describe('sweep of generated pools with thousands of leftovers', function () {
  // A safety net against a hang, not a speed goal: 4,000 deletions take minutes on a busy machine.
  this.timeout(300_000);
  const LEFTOVERS = 3_000;
  const ORPHANS = 1_000;
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ scenario: crowdedScenario(LEFTOVERS, ORPHANS) });
  });
  after(() => sandbox.stop());

  it('plans and deletes exactly the leftovers, keeping every protected agent', async () => {
    const sweeper = client(sandbox, 'contoso');
    const dryStarted = performance.now();
    const dry = await runSweep(sweeper, request(['crowded', 'orphaned']));
    const dryMs = performance.now() - dryStarted;
    assert.equal(dry.wouldDelete, LEFTOVERS + ORPHANS - 1);

    const started = performance.now();
    const result = await runSweep(sweeper, request(['crowded', 'orphaned'], { dryRun: false }));
    const sweepMs = performance.now() - started;
    assert.equal(result.errored, false);
    assert.equal(result.deleted, LEFTOVERS + ORPHANS - 1);

    const crowded = sandbox.org('contoso').listAgents(sandbox.org('contoso').findPoolByName('crowded')!.id);
    assert.equal(crowded.length, 1 + 1 + 10 + 20, 'placeholder, VM, pods at work and recent leftovers');
    assert.ok(crowded.some((agent) => agent.name === 'keda-placeholder'));
    assert.equal(crowded.filter((agent) => agent.status === 'online').length, 10);
    assert.equal(crowded.filter((agent) => agent.assignedRequest).length, 4);
    const kept = Object.fromEntries(result.pools[0].plan!.kept.map((k) => [k.agent.name, k.keptBecause.code]));
    assert.equal(Object.values(kept).filter((code) => code === 'offlineRecently').length, 20);
    assert.equal(Object.values(kept).filter((code) => code === 'busy').length, 4);
    assert.equal(Object.values(kept).filter((code) => code === 'online').length, 6);

    const orphaned = sandbox.org('contoso').listAgents(sandbox.org('contoso').findPoolByName('orphaned')!.id);
    assert.equal(orphaned.length, 1, 'the last agent that satisfies the demands');
    assert.equal(orphaned[0].name, result.pools[1].plan!.keeper!.name);
    const summary = sweepSummaryMarkdown(result);
    assert.match(
      summary,
      /… and 2832 more agents, each listed in the task log\./,
      'the summary keeps to its first rows, kept agents first',
    );
    assert.match(summary, /… and 800 more agents/);
    // How long it takes is a figure of the long run, not a verdict of the test.
    figure(`dry run of ${LEFTOVERS + ORPHANS} leftovers, ms`, Math.round(dryMs));
    figure(`sweep of ${LEFTOVERS + ORPHANS} leftovers, ms`, Math.round(sweepMs));
  });
});
