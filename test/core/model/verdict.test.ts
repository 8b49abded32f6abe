import { strict as assert } from 'node:assert';
import { SEVERITY, type FindingCode } from '../../../core/model/findings';
import { renderFinding } from '../../../core/model/render';
import type { Agent, JobRequest } from '../../../core/model/types';
import { evaluatePool, worstVerdict, type PlaceholderState, type PoolReport } from '../../../core/model/verdict';
import type { PoolSettings } from '../../../core/model/settings';
import type { PoolKind } from '../../../core/model/pool-kind';
import {
  finishedJob,
  hoursAgo,
  kedaAgent,
  minutesAgo,
  NOW,
  placeholderAgent,
  queuedJob,
  settingsOf,
  snapshotOf,
  staticAgent,
  withHistory,
  withPool,
} from './fixtures';

const MARKER = { 'KedaPoolGuard.Placeholder': 'true' };
const marked = (name: string, extra: Partial<Agent> = {}, capabilities: Record<string, string> = {}) =>
  placeholderAgent(name, { userCapabilities: MARKER, ...extra }, capabilities);
const kedaA = () => kedaAgent('linux-sj-bcdfg-hjklm', { createdOn: minutesAgo(40) });
const kedaB = () => kedaAgent('linux-sj-npqrs-tvwxz', { createdOn: minutesAgo(20) });

interface Scenario {
  name: string;
  input: () => ReturnType<typeof snapshotOf>;
  settings?: Partial<PoolSettings>;
  rules?: Parameters<typeof settingsOf>[1];
  verdict: PoolReport['verdict'];
  codes: FindingCode[];
  placeholder?: PlaceholderState;
  /** The pool's kind, and the evidence codes for it. */
  kind?: [PoolKind, ...string[]];
  /** Fragments the rendered findings (text and Markdown) must show the user. */
  shows?: string[];
}

const SCENARIOS: Scenario[] = [
  {
    name: 'a scaled-to-zero pool with no agent at all, named as KEDA-scaled',
    input: () => snapshotOf([]),
    settings: { kedaScaled: true },
    verdict: 'blocked',
    codes: ['poolEmpty'],
    placeholder: 'missing',
    kind: ['keda', 'namedByUser'],
    shows: [
      'every job sent to it fails at once',
      './config.sh --unattended --url "$AZP_URL" --auth pat --token "$AZP_TOKEN" --pool \'k8s-linux\' --agent \'kedapoolguard-placeholder\' --replace',
      'action: repair',
      '- task: KedaPoolGuard@1',
      'set it to exactly `kedapoolguard-placeholder`',
      'capabilities that satisfy `helm`, `Agent.Version -gtVersion 3.232.1`',
    ],
  },
  {
    name: 'no registered agent has what the jobs demand',
    input: () => snapshotOf([kedaA(), kedaB()]),
    settings: { demands: ['gpu'] },
    verdict: 'blocked',
    codes: ['demandsUnsatisfiable'],
    placeholder: 'missing',
    shows: [
      'No agent found in pool k8s-linux which satisfies the following demand: gpu. All demands: gpu, Agent.Version -gtVersion 3.232.1',
      'Agent `linux-sj-npqrs-tvwxz` fails `gpu`',
      'Register a placeholder agent named `linux-sj-template` with the capabilities of `linux-sj-npqrs-tvwxz`',
      'No KEDA agent seen in this pool satisfies `gpu`',
    ],
  },
  {
    name: 'the only placeholder lacks a capability and the KEDA agents are gone',
    input: () => snapshotOf([marked('linux-template', { systemCapabilities: { 'Agent.Version': '3.240.1' } })]),
    verdict: 'blocked',
    codes: ['demandsUnsatisfiable'],
    placeholder: 'drifted',
    shows: ['Placeholder `linux-template` fails `helm`', 'Give `linux-template` user capabilities that satisfy `helm`'],
  },
  {
    name: 'neither the placeholder nor any KEDA agent has what the jobs demand',
    input: () => snapshotOf([marked('linux-template'), kedaA()]),
    settings: { demands: ['helm', 'gpu'] },
    verdict: 'blocked',
    codes: ['demandsUnsatisfiable'],
    placeholder: 'drifted',
    shows: [
      'No KEDA agent seen in this pool satisfies `gpu`: a placeholder claiming it would let such jobs queue, then wait forever',
      'Give `linux-template` user capabilities that satisfy `gpu`',
    ],
  },
  {
    name: 'only the minimum agent version stops the placeholder: the job waits on an update it never makes',
    input: () => snapshotOf([marked('linux-template', { version: '2.210.1' }, { 'Agent.Version': '2.210.1' })]),
    verdict: 'atRisk',
    codes: ['awaitingAgentUpdate'],
    placeholder: 'drifted',
    shows: ['`linux-template` has `Agent.Version=2.210.1`', 'KEDA Pool Guard’s default', "--agent 'linux-template' --replace"],
  },
  {
    name: 'the same pool where agent updates are switched off: jobs fail at once',
    input: () =>
      withPool(snapshotOf([marked('linux-template', { version: '2.210.1' }, { 'Agent.Version': '2.210.1' })]), { autoUpdate: false }),
    verdict: 'blocked',
    codes: ['demandsUnsatisfiable'],
    shows: ["The pool k8s-linux doesn't allow agent updates. Agent version 3.232.1 is required"],
  },
  {
    name: 'KEDA’s parent does not count jobs that wait on an agent update',
    input: () => snapshotOf([marked('linux-template', { version: '2.210.1' }, { 'Agent.Version': '2.210.1' })]),
    rules: { parent: 'linux-template' },
    verdict: 'atRisk',
    codes: ['awaitingAgentUpdate'],
    shows: ['KEDA will not start a pod for these jobs'],
  },
  {
    name: 'the same pool, once the caller gives the jobs’ real minimum',
    input: () => snapshotOf([marked('linux-template', { version: '2.210.1' }, { 'Agent.Version': '2.210.1' })]),
    settings: { minAgentVersion: '2.182.1' },
    verdict: 'ready',
    codes: [],
    placeholder: 'presentOffline',
  },
  {
    name: 'jobs queue only thanks to KEDA agents still registered',
    input: () => snapshotOf([kedaA(), kedaB()]),
    verdict: 'atRisk',
    codes: ['noPlaceholder'],
    placeholder: 'missing',
    shows: ['KEDA agents are still registered (`linux-sj-bcdfg-hjklm`, `linux-sj-npqrs-tvwxz`)', "--agent 'linux-sj-template'"],
  },
  {
    name: 'a static agent keeps the pool queueable without a placeholder',
    input: () => snapshotOf([kedaA(), staticAgent('vm-1')]),
    verdict: 'ready',
    codes: [],
    placeholder: 'missing',
  },
  {
    name: 'a healthy scale-from-zero pool',
    input: () => snapshotOf([marked('linux-template'), kedaA(), kedaB()]),
    verdict: 'ready',
    codes: [],
    placeholder: 'presentOffline',
  },
  {
    // Jobs queue for an older placeholder all the same: the refresh is offered as information.
    name: 'the placeholder runs an older agent than the KEDA agents',
    input: () => snapshotOf([marked('linux-template', { version: '3.236.0' }, { 'Agent.Version': '3.236.0' }), kedaA(), kedaB()]),
    verdict: 'ready',
    codes: ['placeholderOutdated'],
    placeholder: 'presentOffline',
    shows: ['reports agent version `3.236.0`, older than the `3.240.1`', "--agent 'linux-template' --replace"],
  },
  {
    name: 'the KEDA image gained a tool the placeholder lacks, and jobs demand it',
    input: () =>
      withHistory(
        snapshotOf([
          marked('linux-template'),
          kedaA(),
          kedaAgent('linux-sj-npqrs-tvwxz', { createdOn: minutesAgo(5) }, { jdk: '/opt/jdk' }),
        ]),
        [finishedJob(1, ['helm', 'jdk', 'Agent.Version -gtVersion 3.232.1'], 'linux-sj-npqrs-tvwxz')],
      ),
    verdict: 'atRisk',
    codes: ['placeholderMissingCapabilities'],
    placeholder: 'drifted',
    shows: [
      'lacks capabilities the KEDA agents have (compared with `linux-sj-npqrs-tvwxz`): `jdk`',
      'Add `jdk` to `linux-template` as user capabilities',
    ],
  },
  {
    name: 'the placeholder is below the jobs’ minimum while KEDA agents still satisfy them',
    input: () => snapshotOf([marked('linux-template', { version: '3.220.0' }, { 'Agent.Version': '3.220.0' }), kedaA()]),
    verdict: 'atRisk',
    codes: ['placeholderUnfit'],
    placeholder: 'drifted',
    shows: ['Placeholder `linux-template` fails `Agent.Version -gtVersion 3.232.1`', "--agent 'linux-template' --replace"],
  },
  {
    name: 'the placeholder is online and could take a real job',
    input: () => snapshotOf([marked('linux-template', { status: 'online' }), kedaA()]),
    verdict: 'atRisk',
    codes: ['placeholderOnline'],
    placeholder: 'presentOnline',
    shows: ['scale its Deployment to 0'],
  },
  {
    name: 'a disabled placeholder is worth a note',
    input: () => snapshotOf([marked('linux-template', { enabled: false })]),
    verdict: 'ready',
    codes: ['placeholderDisabled'],
    placeholder: 'disabled',
    shows: ['Enable `linux-template`'],
  },
  {
    name: 'a placeholder known by its name only is worth a note',
    input: () => snapshotOf([placeholderAgent('dummy-DoNotDelete')]),
    verdict: 'ready',
    codes: ['placeholderUnmarked'],
    shows: ['Add the user capability `KedaPoolGuard.Placeholder` with the value `true` to `dummy-DoNotDelete`'],
  },
  {
    name: 'an online agent is required and none is',
    input: () => snapshotOf([marked('linux-template')]),
    settings: { requireOnlineAgent: true },
    verdict: 'atRisk',
    codes: ['noOnlineAgent'],
    shows: ['`minReplicaCount: 1`'],
  },
  {
    name: 'jobs wait and KEDA has not registered an agent for hours',
    input: () =>
      snapshotOf(
        [
          marked('linux-template'),
          kedaAgent('linux-sj-bcdfg-hjklm', { createdOn: hoursAgo(3), status: 'offline', statusChangedOn: hoursAgo(2) }),
        ],
        [queuedJob(1, ['helm', 'Agent.Version -gtVersion 3.232.1'], 45)],
      ),
    verdict: 'atRisk',
    codes: ['jobsStuck'],
    shows: ['the oldest for 45 minutes', 'registered 3 hours ago', 'KEDA is not running, or it cannot authenticate', 'KEDAScalerFailed'],
  },
  {
    name: 'jobs queued a few minutes ago are not stuck yet',
    input: () =>
      snapshotOf([marked('linux-template'), kedaAgent('linux-sj-bcdfg-hjklm', { createdOn: hoursAgo(3) })], [queuedJob(1, ['helm'], 5)]),
    verdict: 'ready',
    codes: [],
  },
  {
    name: 'old jobs are not stuck while KEDA keeps registering agents',
    input: () =>
      snapshotOf([marked('linux-template'), kedaAgent('linux-sj-bcdfg-hjklm', { createdOn: minutesAgo(2) })], [queuedJob(1, ['helm'], 45)]),
    verdict: 'ready',
    codes: [],
  },
  {
    name: 'KEDA agents left offline for days',
    input: () =>
      snapshotOf([
        marked('linux-template'),
        kedaA(),
        kedaAgent('linux-sj-zzzzz-bbbbb', { status: 'offline', statusChangedOn: hoursAgo(80) }),
      ]),
    verdict: 'ready',
    codes: ['staleAgents'],
    shows: ['offline for more than 24 hours: `linux-sj-zzzzz-bbbbb`', '`_apis/distributedtask/pools/7/agents/<agentId>`'],
  },
  {
    name: 'KEDA’s parent names an agent that does not exist',
    input: () => snapshotOf([marked('linux-template'), kedaA()]),
    rules: { parent: 'linux-keda-template' },
    verdict: 'atRisk',
    codes: ['parentMissing'],
    shows: [
      'named exactly `linux-keda-template`',
      'set the trigger’s `parent` to the name of a placeholder that satisfies these jobs: `linux-template`',
      "--agent 'linux-keda-template'",
    ],
  },
  {
    name: 'KEDA’s parent differs from the placeholder’s name in case only',
    input: () => snapshotOf([marked('Linux-Template'), kedaA()]),
    rules: { parent: 'linux-template' },
    verdict: 'atRisk',
    codes: ['parentMissing'],
    shows: ['Agent `Linux-Template` differs from `linux-template` only in case'],
  },
  {
    name: 'KEDA’s parent exists but does not satisfy the jobs another placeholder serves',
    input: () => snapshotOf([marked('node-template', { systemCapabilities: { node: '20' } }), marked('linux-template'), kedaA()]),
    rules: { parent: 'node-template' },
    verdict: 'atRisk',
    codes: ['parentUnfit'],
    shows: ['`node-template`, does not satisfy `helm`', 'Give `node-template` user capabilities that satisfy `helm`'],
  },
  {
    name: 'the placeholder lacks only capabilities no job demands',
    input: () =>
      snapshotOf([
        marked('linux-template'),
        kedaA(),
        kedaAgent('linux-sj-npqrs-tvwxz', { createdOn: minutesAgo(5) }, { HOME: '/root', PATH: '/bin' }),
      ]),
    verdict: 'ready',
    codes: ['placeholderLacksUndemanded'],
    placeholder: 'presentOffline',
    shows: ['that no job demands: `HOME`, `PATH`. Nothing to do.'],
  },
  {
    name: 'the KEDA agents are gone and the placeholder lacks what recent jobs demanded',
    input: () =>
      withHistory(snapshotOf([marked('linux-template', { systemCapabilities: { 'Agent.Version': '3.240.1' } })]), [
        finishedJob(11, ['helm', 'kubectl', 'Agent.Version -gtVersion 3.232.1'], 'linux-sj-bcdfg-hjklm', 3),
        finishedJob(12, ['helm', 'kubectl', 'Agent.Version -gtVersion 3.232.1'], 'linux-sj-npqrs-tvwxz', 1),
      ]),
    settings: { demands: [] },
    verdict: 'atRisk',
    codes: ['recentJobsUnsatisfiable'],
    placeholder: 'presentOffline',
    kind: ['keda', 'markerCapability', 'kedaHistory'],
    shows: [
      '2 recent jobs demanded `helm`, `kubectl`, `Agent.Version -gtVersion 3.232.1`: deploy / Job (#12)',
      'Give `linux-template` user capabilities that satisfy `helm`, `kubectl`',
    ],
  },
  {
    name: 'an empty pool with no sign of KEDA is judged as a static pool',
    input: () => snapshotOf([]),
    verdict: 'blocked',
    codes: ['poolEmpty'],
    placeholder: 'notApplicable',
    kind: ['static', 'noKedaEvidence'],
    shows: ['Register or start an agent in the pool whose capabilities satisfy `helm`', 'set `kedaScaled: true`'],
  },
  {
    name: 'an empty pool whose recent jobs ran in KEDA pods is a KEDA pool',
    input: () => withHistory(snapshotOf([]), [finishedJob(1, ['helm'], 'linux-sj-bcdfg-hjklm', 30)]),
    verdict: 'blocked',
    codes: ['poolEmpty'],
    placeholder: 'missing',
    kind: ['keda', 'kedaHistory'],
    shows: ["--agent 'kedapoolguard-placeholder'"],
  },
  {
    name: 'a static pool of online machines',
    input: () => snapshotOf([staticAgent('vm-1'), staticAgent('vm-2'), staticAgent('vm-3', { status: 'offline' })]),
    verdict: 'ready',
    codes: [],
    placeholder: 'notApplicable',
    kind: ['static', 'noKedaEvidence'],
  },
  {
    name: 'a static pool whose machines satisfying the jobs are all offline',
    input: () => snapshotOf([staticAgent('vm-1', { status: 'offline' }), staticAgent('vm-2', { status: 'offline' })]),
    verdict: 'atRisk',
    codes: ['noOnlineAgent'],
    kind: ['static', 'noKedaEvidence'],
    shows: ['so jobs queue and wait until one comes online', 'start its machine or its agent service'],
  },
  {
    name: 'a static pool of Kubernetes Deployment agents needs no placeholder',
    input: () =>
      snapshotOf([
        kedaAgent('agents-7d9c5b6f4d-x2kqp', {}, { helm: '/usr/bin/helm' }),
        kedaAgent('agents-7d9c5b6f4d-j8w7v', { status: 'offline', statusChangedOn: hoursAgo(90) }),
      ]),
    verdict: 'ready',
    codes: [],
    placeholder: 'notApplicable',
    kind: ['static', 'noKedaEvidence'],
  },
  {
    name: 'a static pool whose recent jobs no machine can take any more',
    input: () => withHistory(snapshotOf([staticAgent('vm-1')]), [finishedJob(1, ['helm', 'gpu'], 'vm-9')]),
    verdict: 'atRisk',
    codes: ['recentJobsUnsatisfiable'],
    kind: ['static', 'noKedaEvidence'],
    shows: ['Register or start an agent in the pool whose capabilities satisfy `helm`, `gpu`'],
  },
  {
    name: 'a Microsoft-hosted pool, whatever the settings say',
    input: () => withPool(snapshotOf([]), { isHosted: true, agentCloudId: 1, name: 'Azure Pipelines' }),
    settings: { kedaScaled: true, demands: ['gpu'] },
    verdict: 'ready',
    codes: ['hostedPool'],
    placeholder: 'notApplicable',
    kind: ['hosted', 'microsoftHosted'],
  },
  {
    name: 'an empty virtual machine scale set pool',
    input: () => withPool(snapshotOf([]), { options: ['elasticPool', 'singleUseAgents'] }),
    verdict: 'ready',
    codes: ['azureProvisionedPool'],
    placeholder: 'notApplicable',
    kind: ['azureProvisioned', 'elasticPool'],
  },
  {
    name: 'an empty Managed DevOps Pool',
    input: () => withPool(snapshotOf([]), { agentCloudId: 42 }),
    verdict: 'ready',
    codes: ['azureProvisionedPool'],
    kind: ['azureProvisioned', 'agentCloud'],
    shows: ['Azure starts its agents when jobs queue'],
  },
];
function render(report: PoolReport): string {
  return report.findings.flatMap((f) => [renderFinding(f, 'text'), renderFinding(f, 'markdown')]).join('\n');
}

describe('verdict: what users see for each pool situation', () => {
  it('covers every finding code', () => {
    // Codes for pools that could not be read, were repaired or swept come from core/guard and are covered there.
    const guardCodes: FindingCode[] = [
      'poolNotFound',
      'organizationNotFound',
      'hostNotFound',
      'connectionRefused',
      'credentialsRejected',
      'accessDenied',
      'throttled',
      'timedOut',
      'unexpectedAnswer',
      'serviceFailed',
      'proxyRefused',
      'proxyUnreachable',
      'certificateUntrusted',
      'placeholderRegistered',
      'placeholderNameTaken',
      'placeholderRefreshed',
      'placeholderAlreadyRefreshed',
      'placeholderRefreshUnderway',
      'placeholderChangedMeanwhile',
      'repairNotNeeded',
      'repairNotForHostedPool',
      'repairNotForProvisionedPool',
      'repairNotForStaticPool',
      'repairLeavesForeignPlaceholder',
      'repairNameTaken',
      'repairDenied',
      'repairFailed',
      'sweepDryRun',
      'sweepNotKedaPool',
      'agentsSwept',
      'agentsChangedDuringSweep',
      'sweepPlanOutdated',
      'sweepDenied',
      'sweepFailed',
    ];
    const covered = new Set([...SCENARIOS.flatMap((scenario) => scenario.codes), ...guardCodes]);
    assert.deepEqual(
      Object.keys(SEVERITY).filter((code) => !covered.has(code as FindingCode)),
      [],
    );
  });

  for (const scenario of SCENARIOS) {
    it(`${scenario.name} → ${scenario.verdict} ${scenario.codes.join(', ')}`, () => {
      const report = evaluatePool(scenario.input(), settingsOf(scenario.settings, scenario.rules));
      assert.deepEqual(
        report.findings.map((f) => f.code),
        scenario.codes,
        report.findings.map((f) => renderFinding(f, 'text')).join('\n\n'),
      );
      assert.equal(report.verdict, scenario.verdict);
      if (scenario.placeholder) assert.equal(report.placeholder.state, scenario.placeholder);
      if (scenario.kind) {
        assert.deepEqual([report.kind.kind, ...report.kind.evidence.map((e) => e.code)], scenario.kind);
      }
      const rendered = render(report);
      assert.doesNotMatch(rendered, /\{\w+(:\w+)?\}/, 'a template parameter was left unfilled');
      for (const fragment of scenario.shows ?? [])
        assert.ok(rendered.includes(fragment), `missing ${JSON.stringify(fragment)} in:\n${rendered}`);
    });
  }
});

describe('verdict: the report', () => {
  it('counts agents by status and kind, and times the queue and KEDA', () => {
    const busy = kedaAgent('linux-sj-bcdfg-hjklm', { createdOn: minutesAgo(12), assignedRequest: { requestId: 9, demands: [] } });
    const stale = kedaAgent('linux-sj-zzzzz-bbbbb', { status: 'offline', statusChangedOn: hoursAgo(80), createdOn: hoursAgo(81) });
    const jobs: JobRequest[] = [
      queuedJob(1, ['helm'], 8),
      queuedJob(2, ['helm'], 3),
      queuedJob(3, ['helm'], 30, { assignTime: minutesAgo(1) }),
    ];
    const report = evaluatePool(
      snapshotOf([marked('linux-template'), busy, stale, staticAgent('vm-1', { status: 'offline' }, { helm: '' })], jobs),
      settingsOf(),
    );
    assert.deepEqual(report.counts, { registered: 4, online: 1, busy: 1, matching: 4, placeholder: 1, keda: 1, stale: 1, static: 1 });
    assert.deepEqual(report.pending, { count: 2, oldestAgeMs: 8 * 60_000, stuck: 0 });
    assert.deepEqual(report.lastKedaRegistration, { agent: 'linux-sj-bcdfg-hjklm', at: minutesAgo(12), ageMs: 12 * 60_000 });
    assert.deepEqual(report.demands, ['helm', 'Agent.Version -gtVersion 3.232.1']);
    assert.equal(report.queue?.outcome, 'waits');
    assert.equal(report.repair.action, 'nothing');
  });

  it('measures ages from `now` when given, else from when the snapshot was taken', () => {
    const snapshot = snapshotOf([marked('linux-template')], [queuedJob(1, ['helm'], 5)]);
    assert.equal(evaluatePool(snapshot, settingsOf()).pending.oldestAgeMs, 5 * 60_000);
    const later = new Date(NOW.getTime() + 60 * 60_000);
    assert.equal(evaluatePool(snapshot, settingsOf({ now: later })).pending.oldestAgeMs, 65 * 60_000);
  });

  it('plans to register the missing placeholder, based on the newest KEDA agent', () => {
    const { repair } = evaluatePool(snapshotOf([kedaA()]), settingsOf());
    assert.equal(repair.action, 'register');
    assert.equal(repair.action === 'register' && repair.proposal.name, 'linux-sj-template');
    assert.equal(repair.action === 'register' && repair.proposal.basedOn, 'linux-sj-bcdfg-hjklm');
  });

  it('puts the organization URL into ready-to-run commands, quoted for the shell', () => {
    const report = evaluatePool(
      snapshotOf([], [], "team's pool"),
      settingsOf({ organizationUrl: 'https://dev.azure.com/contoso', kedaScaled: true }),
    );
    assert.ok(render(report).includes(`--url 'https://dev.azure.com/contoso' --auth pat --token "$AZP_TOKEN" --pool 'team'\\''s pool'`));
  });

  it('throws the parser’s error for a bad demand in the settings', () => {
    assert.throws(() => evaluatePool(snapshotOf([]), settingsOf({ demands: ['java -eq 17'] })), /`java -eq 17` is not valid/);
  });

  it('takes the worst verdict of several pools', () => {
    assert.equal(worstVerdict([]), 'ready');
    assert.equal(worstVerdict([{ verdict: 'ready' }, { verdict: 'atRisk' }]), 'atRisk');
    assert.equal(worstVerdict([{ verdict: 'atRisk' }, { verdict: 'blocked' }, { verdict: 'ready' }]), 'blocked');
    // Nothing can be claimed about a pool that was not read, but a blocked pool is a certainty.
    assert.equal(worstVerdict([{ verdict: 'atRisk' }, { verdict: 'unknown' }]), 'unknown');
    assert.equal(worstVerdict([{ verdict: 'unknown' }, { verdict: 'blocked' }]), 'blocked');
  });
});
