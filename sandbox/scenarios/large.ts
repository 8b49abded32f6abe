/**
 * `large`: an organization the size of a busy enterprise, for benchmarks and the hub's paging: exactly
 * 300 pools, 20,000 agents and 5,000 job requests, generated from a seed so every run sees the same
 * organization. The mix mirrors what users report: KEDA pools buried under offline `--once` agents,
 * pools that lost or never had a working placeholder, static VM pools, pools whose agents Azure
 * provisions (VM scale sets, Managed DevOps Pools) and Microsoft-hosted pools.
 */
import { POD_OS_DESCRIPTION, podName, podSystemCapabilities } from '../kubernetes-agent';
import { createRandom, type Random } from '../random';
import type { PoolOption, Scenario, ScenarioAgent, ScenarioJobRequest, ScenarioPool } from '../scenario-types';

export const LARGE_TOTALS = { pools: 300, agents: 20_000, jobRequests: 5_000 } as const;

export const PLACEHOLDER_CAPABILITY = 'KedaPoolGuard.Placeholder';

/** Pools of each kind; the counts add up to `LARGE_TOTALS.pools`. */
export const LARGE_POOL_KINDS = {
  /** Placeholder, busy pods, leftovers, queued jobs: what a healthy KEDA pool looks like. */
  kedaReady: 150,
  /** Only offline `--once` agents: jobs still queue, until a cleanup removes them. */
  kedaLeftovers: 36,
  /** Nothing registered: every job fails at once. */
  kedaEmpty: 20,
  /** The placeholder lacks one tool the jobs demand. */
  kedaMissingCapability: 14,
  /** The placeholder's agent version is below the jobs' `Agent.Version -gtVersion` minimum. */
  kedaOldPlaceholder: 12,
  /** The only matching agent is a disabled placeholder: jobs wait for ever. */
  kedaDisabledPlaceholder: 8,
  staticVms: 50,
  /** VM scale set ("elastic") pools: Azure DevOps starts and recycles the agents. */
  scaleSet: 4,
  /** Managed DevOps Pools: an agent cloud provisions the agents. */
  managedDevOps: 2,
  hosted: 4,
} as const;

/**
 * The agent cloud of the Managed DevOps Pools. Which id the service gives it is not known; that such
 * a pool names an agent cloud, as Microsoft-hosted pools do (id 1), is inferred (sandbox/README.md).
 */
export const MANAGED_DEVOPS_AGENT_CLOUD_ID = 3;

/** Scale set pools alternate between recycling agents after each job and keeping failed ones. */
const SCALE_SET_OPTIONS: PoolOption[][] = [
  ['elasticPool', 'singleUseAgents'],
  ['elasticPool', 'preserveAgentOnJobFailure'],
];

type PoolKind = keyof typeof LARGE_POOL_KINDS;

const HOSTED_POOL_NAMES = ['Azure Pipelines', 'Hosted Ubuntu 1604', 'Hosted VS2017', 'Hosted macOS'];
const TEAMS = [
  'payments',
  'checkout',
  'search',
  'identity',
  'billing',
  'catalog',
  'mobile',
  'platform',
  'data',
  'ml',
  'web',
  'api',
  'infra',
  'security',
  'analytics',
  'orders',
  'shipping',
  'support',
  'growth',
  'media',
];
/** Tool sets of KEDA agent images; jobs demand subsets of their pool's set. */
const IMAGE_TOOLS: ReadonlyArray<Record<string, string>> = [
  { kubectl: '/usr/local/bin/kubectl', helm: '/usr/local/bin/helm' },
  { dotnet60: '/usr/share/dotnet', java: '/usr/bin/java', cmake: '/usr/bin/cmake' },
  { 'node.js': '/usr/bin/node', npm: '/usr/bin/npm', docker: '/usr/bin/docker' },
  { python3: '/usr/bin/python3', terraform: '/usr/local/bin/terraform' },
  { maven: '/usr/share/maven', java: '/usr/bin/java', docker: '/usr/bin/docker' },
];
const VM_TOOLS: Record<string, string> = {
  docker: '/usr/bin/docker',
  git: '/usr/bin/git',
  java: '/usr/bin/java',
  make: '/usr/bin/make',
  'node.js': '/usr/bin/node',
  npm: '/usr/bin/npm',
  python3: '/usr/bin/python3',
  sh: '/bin/sh',
};
const CURRENT_AGENT_VERSIONS = ['4.248.0', '3.248.0'];
const PREVIOUS_AGENT_VERSIONS = ['4.246.0', '3.246.0', '3.243.1'];
const OLD_PLACEHOLDER_VERSION = '2.210.1';
/** Jobs' implicit minimum in pools whose placeholder is too old; the other pools use either. */
const RECENT_MIN_VERSION = '3.232.1';
const MIN_VERSIONS = ['2.218.1', RECENT_MIN_VERSION];
const DAY_S = 86_400;
/** Every pool that collects leftovers has a few, so a leftovers-only pool is never empty. */
const MIN_LEFTOVERS = 3;
/**
 * How long the pods of one KEDA pool take to start (a cold image pull on a new node), while the others take
 * `FAST_STARTUP_S`: the slow pool among fast ones that the waits show. It is the first ready KEDA pool, with
 * at least `SLOW_POOL_BUSY_PODS` pods running jobs queued in the last half hour.
 */
export const LARGE_SLOW_STARTUP_S = 330;
const SLOW_POOL_BUSY_PODS = 3;
const FAST_STARTUP_S: readonly [number, number] = [15, 45];
/** From assignment to the agent receiving its job, as in captured requests (2.5 to 3.3 s). */
const AGENT_START_S: readonly [number, number] = [2, 4];
/** A static or provisioned pool's jobs wait for a free agent a few seconds. */
const FREE_AGENT_WAIT_S: readonly [number, number] = [1, 10];

const ago = (seconds: number) => `-${Math.max(0, Math.round(seconds))}s`;

interface PoolPlan {
  kind: PoolKind;
  name: string;
  scaledJobName: string;
  tools: Record<string, string>;
  agentVersion: string;
  minVersion: string;
  agents: ScenarioAgent[];
  jobs: ScenarioJobRequest[];
  /** Offline pods that ran one job each, with that job's timing, for history to point at. */
  leftovers: Array<{ agent: ScenarioAgent; createdAgoS: number; runS: number }>;
  usedNames: Set<string>;
  /** What the service reports for a pool it provisions the agents of. */
  provisioning?: Pick<ScenarioPool, 'options' | 'autoProvision' | 'agentCloudId'>;
  /** How long a job waits for an agent, and the agent takes to receive it. */
  waitS: number;
  agentStartS: number;
}

export default function large(options: { seed?: number } = {}): Scenario {
  const seed = options.seed ?? 20_000;
  const random = createRandom(seed);
  const plans = planPools(random);
  // Timings come from a stream of their own, so that the rest of the organization stays as it was.
  planTimings(plans, createRandom(seed + 1));
  for (const plan of plans) addStandingAgents(plan, random);

  const standing = plans.reduce((sum, plan) => sum + plan.agents.length, 0);
  const leftoverPools = plans.filter((plan) => plan.kind === 'kedaReady' || plan.kind === 'kedaLeftovers');
  const spare = LARGE_TOTALS.agents - standing - MIN_LEFTOVERS * leftoverPools.length;
  const leftoverCounts = distribute(
    spare,
    leftoverPools.map(() => 0.2 + random.next()),
  );
  leftoverPools.forEach((plan, i) => addLeftovers(plan, MIN_LEFTOVERS + leftoverCounts[i], random));

  for (const plan of plans) addPendingJobs(plan, random);
  const queuedOrRunning = plans.reduce((sum, plan) => sum + plan.jobs.length, 0);
  const historyCounts = distribute(
    LARGE_TOTALS.jobRequests - queuedOrRunning,
    plans.map((plan) => historyWeight(plan, random)),
  );
  plans.forEach((plan, i) => addHistory(plan, historyCounts[i], random));

  return {
    description:
      'Generated: 300 pools (150 ready KEDA pools, 36 with only leftover offline agents, 20 empty, 14 whose placeholder lacks a demanded tool, ' +
      '12 whose placeholder is too old, 8 whose placeholder is disabled, 50 static VM pools, 4 VM scale set pools, 2 Managed DevOps Pools, ' +
      '4 Microsoft-hosted), 20,000 agents, 5,000 job requests. ' +
      `Jobs wait 15 to 45 s for a KEDA agent, except in ${plans.find((plan) => plan.waitS === LARGE_SLOW_STARTUP_S)?.name}, whose pods take ${LARGE_SLOW_STARTUP_S} s to start. ` +
      `Placeholders carry ${PLACEHOLDER_CAPABILITY}=true. Tokens: Basic PAT largeadminpat000... (Administrator everywhere), ` +
      'Bearer large-build-service-token (Reader everywhere), Basic PAT largenoaccesspat000... (no pool).',
    organizations: [
      {
        name: 'large',
        identities: [
          { name: 'Large Administrator', pat: pat('largeadminpat'), poolRoles: { '*': 'Administrator' } },
          { name: 'large Build Service (large)', bearer: 'large-build-service-token', poolRoles: { '*': 'Reader' } },
          { name: 'No Pool Access', pat: pat('largenoaccesspat'), poolRoles: {} },
        ],
        projects: [{ name: 'large', queues: Object.fromEntries(plans.map((plan) => [plan.name, plan.name])) }],
        pools: plans.map(toScenarioPool),
      },
    ],
  };
}

/** The service issues 52-character PATs; node's `getHandlerFromToken` relies on that length. */
function pat(prefix: string): string {
  return prefix.padEnd(52, '0');
}

const POOL_NAME_KIND: Record<PoolKind, string> = {
  kedaReady: 'k8s',
  kedaLeftovers: 'k8s',
  kedaEmpty: 'k8s',
  kedaMissingCapability: 'k8s',
  kedaOldPlaceholder: 'k8s',
  kedaDisabledPlaceholder: 'k8s',
  staticVms: 'vms',
  scaleSet: 'vmss',
  managedDevOps: 'mdp',
  hosted: 'hosted',
};

function planPools(random: Random): PoolPlan[] {
  const kinds = shuffle(
    (Object.entries(LARGE_POOL_KINDS) as Array<[PoolKind, number]>)
      .filter(([kind]) => kind !== 'hosted')
      .flatMap(([kind, count]) => Array.from({ length: count }, () => kind)),
    random,
  );
  const plan = (kind: PoolKind, name: string, team: string): PoolPlan => ({
    kind,
    name,
    scaledJobName: `${team}-scaledjob`,
    tools: random.pick(IMAGE_TOOLS),
    agentVersion: random.pick(CURRENT_AGENT_VERSIONS),
    minVersion: kind === 'kedaOldPlaceholder' ? RECENT_MIN_VERSION : random.pick(MIN_VERSIONS),
    agents: [],
    jobs: [],
    leftovers: [],
    usedNames: new Set(),
    waitS: 0,
    agentStartS: 0,
  });
  const hosted = HOSTED_POOL_NAMES.slice(0, LARGE_POOL_KINDS.hosted).map((name) => plan('hosted', name, 'hosted'));
  let scaleSets = 0;
  const own = kinds.map((kind, i) => {
    const team = random.pick(TEAMS);
    const number = String(i + 1).padStart(3, '0');
    const planned = plan(kind, `${team}-${POOL_NAME_KIND[kind]}-${number}`, team);
    if (kind === 'scaleSet')
      planned.provisioning = { options: SCALE_SET_OPTIONS[scaleSets++ % SCALE_SET_OPTIONS.length], autoProvision: false };
    if (kind === 'managedDevOps') planned.provisioning = { agentCloudId: MANAGED_DEVOPS_AGENT_CLOUD_ID };
    return planned;
  });
  return [...hosted, ...own];
}

function planTimings(plans: PoolPlan[], random: Random): void {
  const slow = plans.find((plan) => plan.kind === 'kedaReady');
  for (const plan of plans) {
    const keda = plan.kind.startsWith('keda');
    plan.waitS = plan === slow ? LARGE_SLOW_STARTUP_S : random.int(...(keda ? FAST_STARTUP_S : FREE_AGENT_WAIT_S));
    plan.agentStartS = random.int(...AGENT_START_S);
  }
}

function addStandingAgents(plan: PoolPlan, random: Random): void {
  switch (plan.kind) {
    case 'hosted':
      for (let i = 1; i <= 5; i++) plan.agents.push(hostedAgent(`Azure Pipelines ${i}`));
      return;
    case 'staticVms':
      addVms(plan, random.int(2, 10), (i) => `${plan.name}-vm${String(i).padStart(2, '0')}`, 20 * DAY_S, random);
      return;
    case 'scaleSet':
      // A uniform scale set names its instances after its prefix and a six-digit base-36 instance id.
      addVms(plan, random.int(1, 8), (i) => `${plan.name.replace(/-/g, '')}${i.toString(36).padStart(6, '0')}`, DAY_S, random);
      return;
    case 'managedDevOps':
      addVms(plan, random.int(1, 6), (i) => `${plan.name}-agent-${i}`, DAY_S, random);
      return;
    case 'kedaReady': {
      plan.agents.push(placeholder(plan.tools, plan.agentVersion, true, random));
      // A pod registers, takes its job at once and runs until it finishes: every online pod is busy.
      const busyPods = Math.max(random.int(0, 6), plan.waitS === LARGE_SLOW_STARTUP_S ? SLOW_POOL_BUSY_PODS : 0);
      for (let i = 0; i < busyPods; i++) {
        const createdAgoS = random.int(30, 1_800);
        const busy = pod(plan, plan.agentVersion, 'online', createdAgoS, 0, random);
        plan.agents.push(busy);
        // The pod's agent registers and is assigned the job it was started for at once.
        addRunningJob(plan, busy, createdAgoS, random);
      }
      return;
    }
    case 'kedaMissingCapability': {
      const tools = Object.fromEntries(Object.entries(plan.tools).slice(0, -1));
      plan.agents.push(placeholder(tools, plan.agentVersion, true, random));
      return;
    }
    case 'kedaOldPlaceholder':
      plan.agents.push(placeholder(plan.tools, OLD_PLACEHOLDER_VERSION, true, random));
      return;
    case 'kedaDisabledPlaceholder':
      plan.agents.push(placeholder(plan.tools, plan.agentVersion, false, random));
      return;
    case 'kedaLeftovers':
    case 'kedaEmpty':
      return;
  }
}

/** Long-lived (or provisioned) VM agents, some of them running a job. */
function addVms(plan: PoolPlan, count: number, name: (index: number) => string, maxOnlineS: number, random: Random): void {
  for (let i = 1; i <= count; i++) {
    const onlineForS = random.int(600, maxOnlineS);
    const vm = vmAgent(name(i), plan.agentVersion, onlineForS, random);
    plan.agents.push(vm);
    if (vm.status === 'online' && random.chance(0.3)) addRunningJob(plan, vm, random.int(20, Math.min(onlineForS, 1_700)), random);
  }
}

/** Pods that ran their one job and stayed registered, offline, as `--once` agents do. */
function addLeftovers(plan: PoolPlan, count: number, random: Random): void {
  for (let i = 0; i < count; i++) {
    const createdAgoS = random.int(600, 60 * DAY_S);
    const runS = random.int(60, 1_800);
    const version = createdAgoS > 20 * DAY_S ? random.pick(PREVIOUS_AGENT_VERSIONS) : plan.agentVersion;
    const agent = pod(plan, version, 'offline', createdAgoS, runS, random);
    plan.agents.push(agent);
    plan.leftovers.push({ agent, createdAgoS, runS });
  }
}

/** A job the agent was assigned `assignedAgoS` seconds ago, after the pool's wait, and still runs. */
function addRunningJob(plan: PoolPlan, agent: ScenarioAgent, assignedAgoS: number, random: Random): void {
  plan.jobs.push({
    demands: jobDemands(plan, random),
    queueTime: ago(assignedAgoS + plan.waitS),
    assignTime: ago(assignedAgoS),
    receiveTime: ago(assignedAgoS - plan.agentStartS),
    agent: agent.name,
    definitionName: definitionName(plan, random),
    planType: 'Build',
  });
}

/** Jobs waiting in pools where an agent (offline or disabled) satisfies them, so they queued rather than failed. */
function addPendingJobs(plan: PoolPlan, random: Random): void {
  const waiting = plan.kind === 'kedaReady' ? 4 : plan.kind === 'kedaLeftovers' ? 2 : plan.kind === 'kedaDisabledPlaceholder' ? 1 : 0;
  const count = waiting === 0 ? 0 : random.int(0, waiting);
  for (let i = 0; i < count; i++) {
    plan.jobs.push({
      demands: jobDemands(plan, random),
      queueTime: ago(random.int(5, 900)),
      definitionName: definitionName(plan, random),
      planType: 'Build',
    });
  }
}

/** How much finished history each kind of pool gets, relative to the others. */
const HISTORY_WEIGHTS: Record<PoolKind, number> = {
  kedaReady: 3,
  kedaLeftovers: 2,
  staticVms: 3,
  scaleSet: 2,
  managedDevOps: 2,
  hosted: 2,
  kedaMissingCapability: 1,
  kedaOldPlaceholder: 1,
  kedaDisabledPlaceholder: 1,
  kedaEmpty: 1,
};

function historyWeight(plan: PoolPlan, random: Random): number {
  // Half of the empty pools were emptied by a cleanup and keep their history; the others never ran a job.
  if (plan.kind === 'kedaEmpty' && random.chance(0.5)) return 0;
  return HISTORY_WEIGHTS[plan.kind] * (0.5 + random.next());
}

/**
 * Finished jobs: a KEDA pool's history points at the leftover pod that ran each job while it lasts,
 * then at no agent (that pod deregistered); a VM or hosted pool's history at any of its agents.
 */
function addHistory(plan: PoolPlan, count: number, random: Random): void {
  const ranBy = shuffle(plan.leftovers, random);
  const longLived = plan.kind === 'staticVms' || plan.kind === 'scaleSet' || plan.kind === 'managedDevOps' || plan.kind === 'hosted';
  for (let i = 0; i < count; i++) {
    const leftover = ranBy[i];
    // A pod is started for a waiting job, takes it once registered and goes offline when it ends.
    const assignedAgoS = leftover ? leftover.createdAgoS : random.int(3_600, 30 * DAY_S);
    const finishedAgoS = leftover ? leftover.createdAgoS - leftover.runS : assignedAgoS - random.int(60, 1_800);
    const agent = leftover?.agent ?? (longLived ? random.pick(plan.agents) : undefined);
    plan.jobs.push({
      demands: jobDemands(plan, random),
      queueTime: ago(assignedAgoS + plan.waitS),
      assignTime: ago(assignedAgoS),
      receiveTime: ago(assignedAgoS - plan.agentStartS),
      finishTime: ago(finishedAgoS),
      result: random.chance(0.85) ? 'succeeded' : random.pick(['failed', 'canceled', 'succeededWithIssues']),
      ...(agent ? { agent: agent.name } : {}),
      definitionName: definitionName(plan, random),
      planType: random.chance(0.8) ? 'Build' : 'Release',
    });
  }
}

/** A non-empty subset of the pool's tools, in a stable order, plus the implicit version minimum. */
function jobDemands(plan: PoolPlan, random: Random): string[] {
  const onVms = plan.kind === 'staticVms' || plan.kind === 'scaleSet' || plan.kind === 'managedDevOps';
  const tools = onVms ? ['docker', 'java', 'node.js'] : plan.kind === 'hosted' ? [] : Object.keys(plan.tools);
  let chosen = tools.filter(() => random.chance(0.6));
  if (chosen.length === 0 && tools.length > 0) chosen = [random.pick(tools)];
  // The job that the missing capability breaks demands it; other pools' jobs need any subset.
  if (plan.kind === 'kedaMissingCapability') chosen = tools;
  return [...chosen, `Agent.Version -gtVersion ${plan.minVersion}`];
}

function definitionName(plan: PoolPlan, random: Random): string {
  return `${plan.scaledJobName.replace('-scaledjob', '')}-${random.pick(['ci', 'pr', 'deploy', 'nightly', 'release'])}`;
}

function pod(
  plan: PoolPlan,
  version: string,
  status: 'online' | 'offline',
  createdAgoS: number,
  runS: number,
  random: Random,
): ScenarioAgent {
  let name = podName(plan.scaledJobName, random);
  while (plan.usedNames.has(name)) name = podName(plan.scaledJobName, random);
  plan.usedNames.add(name);
  return {
    name,
    version,
    status,
    enabled: true,
    osDescription: POD_OS_DESCRIPTION,
    createdOn: ago(createdAgoS),
    statusChangedOn: ago(createdAgoS - runS),
    systemCapabilities: podSystemCapabilities({ podName: name, agentVersion: version, tools: plan.tools }),
  };
}

function placeholder(tools: Record<string, string>, version: string, enabled: boolean, random: Random): ScenarioAgent {
  const createdOn = ago(random.int(DAY_S, 400 * DAY_S));
  return {
    name: 'keda-placeholder',
    version,
    status: 'offline',
    enabled,
    osDescription: 'Linux',
    createdOn,
    statusChangedOn: createdOn,
    systemCapabilities: {
      'Agent.Name': 'keda-placeholder',
      'Agent.Version': version,
      'Agent.OS': 'Linux',
      'Agent.OSArchitecture': 'X64',
      ...tools,
    },
    userCapabilities: { [PLACEHOLDER_CAPABILITY]: 'true' },
  };
}

function vmAgent(name: string, version: string, statusChangedAgoS: number, random: Random): ScenarioAgent {
  const online = random.chance(0.85);
  return {
    name,
    version,
    status: online ? 'online' : 'offline',
    enabled: online || random.chance(0.5),
    osDescription: 'Linux 6.8.0-1017-azure #20~22.04.1-Ubuntu SMP Tue Oct 22 18:34:09 UTC 2024',
    createdOn: ago(random.int(30 * DAY_S, 900 * DAY_S)),
    statusChangedOn: ago(statusChangedAgoS),
    systemCapabilities: {
      'Agent.Name': name,
      'Agent.Version': version,
      'Agent.ComputerName': name,
      'Agent.HomeDirectory': '/home/azdo/agent',
      'Agent.OS': 'Linux',
      'Agent.OSArchitecture': 'X64',
      ...VM_TOOLS,
    },
  };
}

function hostedAgent(name: string): ScenarioAgent {
  return {
    name,
    version: '4.248.0',
    status: 'online',
    enabled: true,
    osDescription: 'Linux 6.5.0-1025-azure #26~22.04.1-Ubuntu SMP Thu Jul 11 22:33:04 UTC 2024',
    createdOn: ago(DAY_S),
    statusChangedOn: ago(DAY_S),
    systemCapabilities: {
      'Agent.Name': name,
      'Agent.Version': '4.248.0',
      'Agent.OS': 'Linux',
      'Agent.OSArchitecture': 'X64',
      ImageOverride: 'ubuntu-22.04',
    },
  };
}

function toScenarioPool(plan: PoolPlan): ScenarioPool {
  return { name: plan.name, isHosted: plan.kind === 'hosted', ...plan.provisioning, agents: plan.agents, jobRequests: plan.jobs };
}

/** Splits `total` into integers proportional to `weights` (largest remainders get the spare units). */
function distribute(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (sum > 0 ? (total * weight) / sum : 0));
  const counts = exact.map(Math.floor);
  const spare = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((value, i) => ({ i, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (let k = 0; k < spare; k++) counts[byRemainder[k].i]++;
  return counts;
}

function shuffle<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
