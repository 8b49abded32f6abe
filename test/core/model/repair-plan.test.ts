import assert from 'node:assert/strict';
import { planSummary, type RepairPlan } from '../../../core/model/repair-plan';
import type { Agent, PoolSnapshot } from '../../../core/model/types';
import type { PoolSettings } from '../../../core/model/settings';
import { evaluatePool } from '../../../core/model/verdict';
import {
  finishedJob,
  kedaAgent,
  minutesAgo,
  placeholderAgent,
  settingsOf,
  snapshotOf,
  staticAgent,
  withHistory,
  withPool,
} from './fixtures';

const MARKER = { 'KedaPoolGuard.Placeholder': 'true' };
const ours = (name: string, extra: Partial<Agent> = {}, capabilities: Record<string, string> = {}) =>
  placeholderAgent(name, { userCapabilities: { ...MARKER }, ...extra }, capabilities);
const kedaA = () => kedaAgent('linux-sj-bcdfg-hjklm', { createdOn: minutesAgo(40) });
const kedaB = () => kedaAgent('linux-sj-npqrs-tvwxz', { createdOn: minutesAgo(20) });
const withoutHelm = (agent: Agent): Agent => {
  const { helm: _helm, ...systemCapabilities } = agent.systemCapabilities ?? {};
  return { ...agent, systemCapabilities };
};
/** A job a KEDA pod ran, with the agent version the service names it with. */
const podJob = (id: number, demands: string[], version = '3.241.0') => {
  const job = finishedJob(id, demands, 'linux-sj-ghjkm-qrstv');
  return { ...job, reservedAgent: { ...job.reservedAgent!, version } };
};

interface PlanCase {
  name: string;
  snapshot: () => PoolSnapshot;
  settings?: Partial<PoolSettings>;
  rules?: Parameters<typeof settingsOf>[1];
  /** The plan's action, its reasons, and the agent it names. */
  plan: [RepairPlan['action'], string[], string?];
  check?: (plan: RepairPlan) => void;
}

const proposalOf = (plan: RepairPlan) => {
  assert.ok(plan.action === 'register' || plan.action === 'refresh', `a plan that writes, not ${plan.action}`);
  return plan.proposal;
};

const CASES: PlanCase[] = [
  {
    name: 'an empty KEDA pool: register, with what its recent jobs demanded and the version that ran them',
    snapshot: () => withHistory(snapshotOf([]), [podJob(1, ['kubectl', 'Agent.Version -gtVersion 3.232.1'])]),
    plan: ['register', ['missing'], 'keda-placeholder'],
    check: (plan) => {
      const proposal = proposalOf(plan);
      assert.deepEqual(Object.keys(proposal.userCapabilities).sort(), ['KedaPoolGuard.Placeholder', 'helm', 'kubectl']);
      assert.equal(proposal.version, '3.241.0');
      assert.deepEqual(proposal.unmetDemands, []);
    },
  },
  {
    name: 'an empty pool named as KEDA-scaled: the user’s placeholder capabilities come first',
    snapshot: () => snapshotOf([]),
    settings: { kedaScaled: true, placeholderCapabilities: { helm: '/opt/helm' } },
    plan: ['register', ['missing'], 'keda-placeholder'],
    check: (plan) => assert.equal(proposalOf(plan).userCapabilities.helm, '/opt/helm'),
  },
  {
    name: 'KEDA agents without a placeholder: register, based on the newest',
    snapshot: () => snapshotOf([kedaA(), kedaB()]),
    plan: ['register', ['missing'], 'keda-placeholder'],
    check: (plan) => assert.equal(proposalOf(plan).basedOn, 'linux-sj-npqrs-tvwxz'),
  },
  {
    name: 'a trigger’s `parent` with no agent of that name: register it under that name',
    snapshot: () => snapshotOf([kedaA()]),
    rules: { parent: 'linux-template' },
    plan: ['register', ['parentMissing'], 'linux-template'],
  },
  {
    name: 'our placeholder runs an older agent than the KEDA agents: refresh it',
    snapshot: () => snapshotOf([ours('keda-placeholder', { version: '3.236.0' }, { 'Agent.Version': '3.236.0' }), kedaA(), kedaB()]),
    plan: ['refresh', ['outdated'], 'keda-placeholder'],
    check: (plan) => {
      const proposal = proposalOf(plan);
      assert.equal(proposal.version, '3.240.1');
      assert.equal(proposal.userCapabilities['KedaPoolGuard.Placeholder'], 'true');
    },
  },
  {
    name: 'our placeholder lacks a tool the recent jobs demanded and the KEDA agents have: refresh it',
    snapshot: () => withHistory(snapshotOf([withoutHelm(ours('keda-placeholder')), kedaA()]), [podJob(1, ['helm'])]),
    settings: { demands: [] },
    plan: ['refresh', ['lacksDemanded', 'incomplete'], 'keda-placeholder'],
  },
  {
    name: 'our placeholder fails the demands the task is given: refresh it',
    snapshot: () => snapshotOf([withoutHelm(ours('keda-placeholder')), kedaA()]),
    plan: ['refresh', ['unfit', 'incomplete'], 'keda-placeholder'],
  },
  {
    name: 'our placeholder is current: nothing to do',
    snapshot: () => snapshotOf([ours('keda-placeholder'), kedaA()]),
    plan: ['nothing', ['current'], 'keda-placeholder'],
  },
  {
    name: 'someone else’s placeholder that fails the demands: refused, never changed',
    snapshot: () => snapshotOf([withoutHelm(placeholderAgent('linux-template')), kedaA()]),
    plan: ['refused', ['foreignPlaceholder'], 'linux-template'],
  },
  {
    name: 'someone else’s placeholder that serves the jobs: nothing to do',
    snapshot: () => snapshotOf([placeholderAgent('linux-template'), kedaA()]),
    plan: ['nothing', ['notNeeded'], 'linux-template'],
  },
  {
    // The check warns that jobs like recent ones would fail; the plan must not call the placeholder fine.
    name: 'someone else’s placeholder that lacks a tool the recent jobs demanded, no demand configured: refused',
    snapshot: () => withHistory(snapshotOf([withoutHelm(placeholderAgent('linux-template')), kedaA()]), [podJob(1, ['helm'])]),
    settings: { demands: [] },
    plan: ['refused', ['foreignPlaceholder'], 'linux-template'],
  },
  {
    // Neither changes what happens to a job, and the check says so as information: nothing to refuse.
    name: 'someone else’s placeholder that runs an older agent than the KEDA agents and lacks a tool no job demands: nothing to do',
    snapshot: () => snapshotOf([withoutHelm(placeholderAgent('linux-template', { version: '3.235.0' })), kedaA()]),
    settings: { demands: [] },
    plan: ['nothing', ['notNeeded'], 'linux-template'],
  },
  {
    name: 'the placeholder’s name is held by a machine at work: refused before any write',
    snapshot: () => snapshotOf([withoutHelm(staticAgent('build-01')), kedaA()]),
    rules: { placeholderName: 'build-01' },
    plan: ['refused', ['nameTaken'], 'build-01'],
  },
  {
    name: 'a Microsoft-hosted pool, whatever the settings say',
    snapshot: () => withPool(snapshotOf([]), { isHosted: true }),
    settings: { kedaScaled: true },
    plan: ['refused', ['hostedPool']],
  },
  {
    name: 'a virtual machine scale set pool',
    snapshot: () => withPool(snapshotOf([]), { options: ['elasticPool'] }),
    settings: { kedaScaled: true },
    plan: ['refused', ['azureProvisionedPool']],
  },
  {
    name: 'a Managed DevOps Pool',
    snapshot: () => withPool(snapshotOf([]), { agentCloudId: 12 }),
    plan: ['refused', ['azureProvisionedPool']],
  },
  {
    name: 'a static pool with no sign of KEDA',
    snapshot: () => snapshotOf([staticAgent('build-01', { status: 'offline' })]),
    plan: ['refused', ['staticPool']],
  },
];

/** The pool as the plan leaves it: what a register or refresh writes, with the service's own Agent.* capabilities. */
function carriedOut(snapshot: PoolSnapshot, plan: RepairPlan): PoolSnapshot {
  const proposal = proposalOf(plan);
  const written: Agent = {
    id: plan.action === 'refresh' ? plan.placeholder.id : 99_999,
    name: proposal.name,
    version: proposal.version,
    enabled: true,
    status: 'offline',
    createdOn: snapshot.takenAt,
    systemCapabilities: { ...proposal.systemCapabilities, 'Agent.Name': proposal.name, 'Agent.Version': proposal.version },
    userCapabilities: proposal.userCapabilities,
  };
  const others = snapshot.agents.filter((agent) => plan.action !== 'refresh' || agent.id !== plan.placeholder.id);
  return { ...snapshot, agents: [...others, written] };
}

describe('repair plan: what `repair` does in each kind of pool', () => {
  for (const c of CASES) {
    it(`${c.name} → ${c.plan[0]} ${c.plan[1].join(', ')}`, () => {
      // As the task and the command line judge: the placeholder's name is always set.
      const settings = settingsOf(c.settings, { placeholderName: 'keda-placeholder', ...c.rules });
      const snapshot = c.snapshot();
      const plan = evaluatePool(snapshot, settings).repair;
      const { action, reasons, name } = planSummary(plan);
      assert.deepEqual([action, reasons, name], [c.plan[0], c.plan[1], c.plan[2]]);
      c.check?.(plan);
      if (plan.action !== 'register' && plan.action !== 'refresh') return;
      // A second repair finds nothing left to do, and the pool no longer needs one.
      const after = evaluatePool(carriedOut(snapshot, plan), settings);
      assert.deepEqual([after.repair.action, after.repair.action === 'nothing' && after.repair.reason], ['nothing', 'current']);
      assert.notEqual(after.verdict, 'blocked');
      assert.equal(after.placeholder.state, 'presentOffline');
    });
  }
});
