import { strict as assert } from 'node:assert';
import type { ClassificationRules } from '../../../core/model/classify';
import { planSweep, renderKeepReason, type KeepReasonCode } from '../../../core/model/sweep';
import { changeSincePlan, renderAgentChange, type AgentChangeCode } from '../../../core/model/sweep-changes';
import type { Agent, JobRequest } from '../../../core/model/types';
import type { PoolSettings } from '../../../core/model/settings';
import { evaluatePool } from '../../../core/model/verdict';
import { hoursAgo, kedaAgent, NOW, placeholderAgent, settingsOf, snapshotOf, staticAgent } from './fixtures';

/** A pod agent that went offline `hours` ago; the name is a valid pod name for ScaledJob `linux-sj`. */
const leftover = (suffix: string, hours: number, extra: Partial<Agent> = {}, capabilities: Record<string, string> = {}): Agent =>
  kedaAgent(
    `linux-sj-${suffix}-hjklm`,
    { status: 'offline', createdOn: hoursAgo(hours + 1), statusChangedOn: hoursAgo(hours), ...extra },
    capabilities,
  );
const marked = (name: string, extra: Partial<Agent> = {}) => placeholderAgent(name, extra, { 'KedaPoolGuard.Placeholder': 'true' });

interface PlanCase {
  name: string;
  agents: () => Agent[];
  jobs?: (agents: Agent[]) => JobRequest[];
  settings?: Partial<PoolSettings>;
  rules?: Partial<ClassificationRules>;
  /** Agent names the sweep deletes, oldest offline first. */
  deletes: string[];
  /** Every other agent, with why it is kept. */
  keeps: Record<string, KeepReasonCode>;
  keeper?: string;
}

describe('sweep plan: what a sweep deletes and why it keeps the rest', () => {
  const cases: PlanCase[] = [
    {
      name: 'a KEDA agent offline for longer than the threshold goes; the placeholder stays and keeps the pool queueing',
      agents: () => [marked('linux-template'), leftover('bcdfg', 30)],
      deletes: ['linux-sj-bcdfg-hjklm'],
      keeps: { 'linux-template': 'placeholder' },
      keeper: 'linux-template',
    },
    {
      name: 'a placeholder is kept by its marker, whatever its name and age',
      agents: () => [
        kedaAgent(
          'linux-sj-zzzzz-hjklm',
          { status: 'offline', statusChangedOn: hoursAgo(24 * 90) },
          { 'KedaPoolGuard.Placeholder': 'true' },
        ),
        leftover('bcdfg', 30),
      ],
      deletes: ['linux-sj-bcdfg-hjklm'],
      keeps: { 'linux-sj-zzzzz-hjklm': 'placeholder' },
      keeper: 'linux-sj-zzzzz-hjklm',
    },
    {
      name: 'a placeholder is kept by its name pattern',
      agents: () => [placeholderAgent('dummy-DoNotDelete', { statusChangedOn: hoursAgo(24 * 400) }), leftover('bcdfg', 30)],
      deletes: ['linux-sj-bcdfg-hjklm'],
      keeps: { 'dummy-DoNotDelete': 'placeholder' },
      keeper: 'dummy-DoNotDelete',
    },
    {
      name: 'a placeholder is kept by the configured name (KEDA parent), even when it looks like a pod',
      agents: () => [leftover('ggggg', 500), leftover('bcdfg', 30)],
      rules: { placeholderName: 'linux-sj-ggggg-hjklm' },
      deletes: ['linux-sj-bcdfg-hjklm'],
      keeps: { 'linux-sj-ggggg-hjklm': 'placeholder' },
      keeper: 'linux-sj-ggggg-hjklm',
    },
    {
      name: 'online KEDA agents are kept',
      agents: () => [marked('linux-template'), kedaAgent('linux-sj-ccccc-hjklm', { status: 'online', statusChangedOn: hoursAgo(100) })],
      deletes: [],
      keeps: { 'linux-template': 'placeholder', 'linux-sj-ccccc-hjklm': 'online' },
      keeper: 'linux-template',
    },
    {
      name: 'a KEDA agent running a job is kept, online or not',
      agents: () => [marked('linux-template'), leftover('ddddd', 50, { assignedRequest: { requestId: 1, demands: [] } })],
      deletes: [],
      keeps: { 'linux-template': 'placeholder', 'linux-sj-ddddd-hjklm': 'busy' },
      keeper: 'linux-template',
    },
    {
      name: 'a KEDA agent reserved by an unfinished job request is kept',
      agents: () => [marked('linux-template'), leftover('fffff', 50)],
      jobs: ([, agent]) => [{ requestId: 9, demands: ['helm'], reservedAgent: { id: agent.id, name: agent.name } }],
      deletes: [],
      keeps: { 'linux-template': 'placeholder', 'linux-sj-fffff-hjklm': 'busy' },
      keeper: 'linux-template',
    },
    {
      name: 'a finished job request reserves nothing',
      agents: () => [marked('linux-template'), leftover('fffff', 50)],
      jobs: ([, agent]) => [{ requestId: 9, demands: ['helm'], result: 'succeeded', reservedAgent: { id: agent.id, name: agent.name } }],
      deletes: ['linux-sj-fffff-hjklm'],
      keeps: { 'linux-template': 'placeholder' },
      keeper: 'linux-template',
    },
    {
      name: 'static agents are never deleted, however long offline',
      agents: () => [marked('linux-template'), staticAgent('build-vm-01', { status: 'offline', statusChangedOn: hoursAgo(24 * 300) })],
      deletes: [],
      keeps: { 'linux-template': 'placeholder', 'build-vm-01': 'static' },
      keeper: 'linux-template',
    },
    {
      name: 'a KEDA agent offline for less than the threshold is kept',
      agents: () => [marked('linux-template'), leftover('ggggg', 23)],
      deletes: [],
      keeps: { 'linux-template': 'placeholder', 'linux-sj-ggggg-hjklm': 'offlineRecently' },
      keeper: 'linux-template',
    },
    {
      name: 'the age counts from the last status change, not the registration',
      agents: () => [marked('linux-template'), leftover('hhhhh', 2, { createdOn: hoursAgo(24 * 30) })],
      deletes: [],
      keeps: { 'linux-template': 'placeholder', 'linux-sj-hhhhh-hjklm': 'offlineRecently' },
      keeper: 'linux-template',
    },
    {
      name: 'without a status change, the age counts from the registration',
      agents: () => [marked('linux-template'), leftover('jjjjj', 0, { statusChangedOn: undefined, createdOn: hoursAgo(30) })],
      deletes: ['linux-sj-jjjjj-hjklm'],
      keeps: { 'linux-template': 'placeholder' },
      keeper: 'linux-template',
    },
    {
      name: 'an offline agent of unknown age is kept',
      agents: () => [marked('linux-template'), leftover('kkkkk', 0, { statusChangedOn: undefined, createdOn: undefined })],
      deletes: [],
      keeps: { 'linux-template': 'placeholder', 'linux-sj-kkkkk-hjklm': 'offlineSinceUnknown' },
      keeper: 'linux-template',
    },
    {
      name: 'the threshold is the rules’ staleAfterHours',
      agents: () => [marked('linux-template'), leftover('lllll', 2), leftover('mmmmm', 0.5)],
      rules: { staleAfterHours: 1 },
      deletes: ['linux-sj-lllll-hjklm'],
      keeps: { 'linux-template': 'placeholder', 'linux-sj-mmmmm-hjklm': 'offlineRecently' },
      keeper: 'linux-template',
    },
    {
      name: 'a disabled leftover is still a leftover',
      agents: () => [marked('linux-template'), leftover('nnnnn', 40, { enabled: false })],
      deletes: ['linux-sj-nnnnn-hjklm'],
      keeps: { 'linux-template': 'placeholder' },
      keeper: 'linux-template',
    },
    {
      name: 'without a placeholder the newest agent version stays, so the pool still queues',
      agents: () => [leftover('ppppp', 300, { version: '3.250.0' }), leftover('bcdfg', 40), leftover('qqqqq', 30)],
      deletes: ['linux-sj-bcdfg-hjklm', 'linux-sj-qqqqq-hjklm'],
      keeps: { 'linux-sj-ppppp-hjklm': 'lastMatchingAgent' },
      keeper: 'linux-sj-ppppp-hjklm',
    },
    {
      name: 'among equal versions, the most recently seen stays; a disabled one only if nothing else fits',
      agents: () => [leftover('rrrrr', 200), leftover('sssss', 30, { enabled: false }), leftover('ttttt', 40)],
      deletes: ['linux-sj-rrrrr-hjklm', 'linux-sj-sssss-hjklm'],
      keeps: { 'linux-sj-ttttt-hjklm': 'lastMatchingAgent' },
      keeper: 'linux-sj-ttttt-hjklm',
    },
    {
      name: 'online KEDA agents come and go, so they do not count as keeping the pool queueing',
      agents: () => [kedaAgent('linux-sj-vvvvv-hjklm'), leftover('bcdfg', 40), leftover('wwwww', 30)],
      deletes: ['linux-sj-bcdfg-hjklm'],
      keeps: { 'linux-sj-vvvvv-hjklm': 'online', 'linux-sj-wwwww-hjklm': 'lastMatchingAgent' },
      keeper: 'linux-sj-wwwww-hjklm',
    },
    {
      name: 'a static agent that satisfies the demands keeps the pool queueing',
      agents: () => [staticAgent('build-vm-01', { status: 'offline' }), leftover('bcdfg', 40)],
      deletes: ['linux-sj-bcdfg-hjklm'],
      keeps: { 'build-vm-01': 'static' },
      keeper: 'build-vm-01',
    },
    {
      name: 'a placeholder that fails the demands does not count: the best matching leftover stays',
      agents: () => [marked('linux-template', { version: '2.210.1' }), leftover('bcdfg', 40), leftover('xxxxx', 30)],
      settings: { minAgentVersion: '3.232.1' },
      deletes: ['linux-sj-bcdfg-hjklm'],
      keeps: { 'linux-template': 'placeholder', 'linux-sj-xxxxx-hjklm': 'lastMatchingAgent' },
      keeper: 'linux-sj-xxxxx-hjklm',
    },
    {
      name: 'leftovers that satisfy no demand go; nothing they could keep queueing',
      agents: () => [leftover('bcdfg', 40), leftover('zzzzz', 30)],
      settings: { demands: ['java -equals 17'] },
      deletes: ['linux-sj-bcdfg-hjklm', 'linux-sj-zzzzz-hjklm'],
      keeps: {},
    },
    {
      name: 'the implicit Agent.Version demand counts: an old leftover does not keep the pool queueing, a newer one does',
      agents: () => [leftover('bbbbb', 20 * 24, { version: '2.210.1' }, { 'Agent.Version': '2.210.1' }), leftover('ccccc', 10 * 24)],
      deletes: ['linux-sj-bbbbb-hjklm'],
      keeps: { 'linux-sj-ccccc-hjklm': 'lastMatchingAgent' },
      keeper: 'linux-sj-ccccc-hjklm',
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const agents = c.agents();
      const plan = planSweep(snapshotOf(agents, c.jobs?.(agents) ?? []), settingsOf(c.settings, c.rules));
      assert.deepEqual(
        plan.candidates.map((candidate) => candidate.agent.name),
        c.deletes,
      );
      assert.deepEqual(Object.fromEntries(plan.kept.map((kept) => [kept.agent.name, kept.keptBecause.code])), c.keeps);
      assert.equal(plan.keeper?.name, c.keeper);
      assert.equal(plan.candidates.length + plan.kept.length, agents.length, 'every agent is either deleted or kept');
    });
  }

  it('gives each candidate its evidence and its time offline', () => {
    const plan = planSweep(snapshotOf([marked('linux-template'), leftover('bcdfg', 72)]), settingsOf());
    const [candidate] = plan.candidates;
    assert.equal(candidate.kind, 'stale');
    assert.deepEqual(
      candidate.reasons.map((reason) => reason.code),
      ['offlineFor', 'podName', 'kubernetesCapability'],
    );
    assert.equal(candidate.offlineMs, 72 * 3_600_000);
    assert.equal(plan.thresholdMs, 24 * 3_600_000);
    assert.deepEqual(plan.demands, ['helm', 'Agent.Version -gtVersion 3.232.1']);
    assert.equal(plan.takenAt, NOW);
  });

  it('says why it keeps each agent, with the hostile names escaped', () => {
    const texts = {
      offlineRecently: renderKeepReason(
        { code: 'offlineRecently', params: { offlineMs: 5 * 3_600_000, thresholdMs: 24 * 3_600_000 } },
        'text',
      ),
      lastMatchingAgent: renderKeepReason({ code: 'lastMatchingAgent', params: { demands: ['kubectl', 'a|b`c'] } }, 'markdown'),
    };
    assert.equal(texts.offlineRecently, 'offline for 5 hours, not longer than 24 hours');
    assert.match(texts.lastMatchingAgent, /^kept as the last agent that satisfies `kubectl`, ``a\|b`c``/);
    assert.match(texts.lastMatchingAgent, /`action: repair`/);
  });

  it('is in the pool report as its leftovers: how many, and the oldest', () => {
    const report = evaluatePool(
      snapshotOf([marked('linux-template'), leftover('bcdfg', 30), leftover('ccccc', 80), kedaAgent('linux-sj-ddddd-hjklm')]),
      settingsOf(),
    );
    assert.deepEqual(report.leftovers, { count: 2, oldestOfflineMs: 80 * 3_600_000 });
    const noLeftovers = evaluatePool(snapshotOf([marked('linux-template')]), settingsOf());
    assert.deepEqual(noLeftovers.leftovers, { count: 0 });
    const onlyOne = evaluatePool(snapshotOf([leftover('bcdfg', 30)]), settingsOf());
    assert.deepEqual(onlyOne.leftovers, { count: 0 }, 'the last matching agent is no leftover');
  });

  it('points the stale-agents finding at the sweep', () => {
    const report = evaluatePool(snapshotOf([marked('linux-template'), leftover('bcdfg', 30)]), settingsOf());
    const stale = report.findings.find((f) => f.code === 'staleAgents');
    assert.equal(stale?.guidance[0].key, 'fix.sweepLeftovers');
    assert.match(stale?.guidance[0].command?.text ?? '', /action: sweep\n {4}dryRun: false/);
  });
});

describe('sweep: an agent changed since the plan is left alone', () => {
  const rules = settingsOf().rules;
  const planned = leftover('bcdfg', 30, { id: 1 });
  const cases: Array<{ name: string; current: Agent | undefined; change?: AgentChangeCode }> = [
    { name: 'unchanged', current: { ...planned } },
    { name: 'deleted by someone else', current: undefined, change: 'gone' },
    { name: 'online again', current: { ...planned, status: 'online', statusChangedOn: hoursAgo(0) }, change: 'online' },
    { name: 'running a job', current: { ...planned, assignedRequest: { requestId: 3, demands: [] } }, change: 'busy' },
    { name: 'renamed', current: { ...planned, name: 'linux-sj-bcdfg-ggggg' }, change: 'renamed' },
    { name: 'renamed to a placeholder name', current: { ...planned, name: 'linux-template' }, change: 'renamed' },
    {
      name: 'marked as a placeholder',
      current: { ...planned, userCapabilities: { 'KedaPoolGuard.Placeholder': 'true' } },
      change: 'nowPlaceholder',
    },
    { name: 'online and offline again in between', current: { ...planned, statusChangedOn: hoursAgo(1) }, change: 'statusChanged' },
    { name: 'disabled', current: { ...planned, enabled: false }, change: 'enabledChanged' },
    { name: 'a user capability added', current: { ...planned, userCapabilities: { java: '17' } }, change: 'capabilitiesChanged' },
    {
      name: 'a system capability changed',
      current: { ...planned, systemCapabilities: { ...planned.systemCapabilities, helm: '/opt/helm' } },
      change: 'capabilitiesChanged',
    },
    { name: 're-registered with a new version', current: { ...planned, version: '4.0.0' }, change: 'capabilitiesChanged' },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.change ?? 'deleted'}`, () => {
      assert.equal(changeSincePlan(planned, c.current, rules, NOW)?.code, c.change);
    });
  }

  it('says what changed', () => {
    assert.equal(renderAgentChange({ code: 'renamed', params: { name: 'x`y' } }, 'text'), 'renamed to `x`y` after the pool was read');
    assert.equal(renderAgentChange({ code: 'online', params: {} }, 'markdown'), 'came online after the pool was read');
  });
});
