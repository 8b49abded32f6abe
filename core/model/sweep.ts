import { agentVersionOf, capabilitiesOf } from './capabilities';
import { classifyAgents, isKedaKind, type AgentKind, type ClassificationRules, type ClassifiedAgent } from './classify';
import { formatDemand, parseDemands, satisfiesAll, withImplicitAgentVersion } from './demands';
import { busyAgentIds } from './queueing';
import { formatMessage, type RenderFormat, type Translation } from './render';
import { judgePoolKind, type PoolKind, type PoolKindJudgement } from './pool-kind';
import type { Agent, PoolSnapshot } from './types';
import type { PoolSettings } from './settings';
import { compareVersions } from './version';

/**
 * The sweep's rules: which leftover KEDA agents may be deleted, and why every other agent is kept.
 * Pure: the task, the command line and the hub plan the same sweep from the same snapshot.
 */

/** What a sweep is judged by; `rules.staleAfterHours` is how long an agent must have been offline. */
export type SweepSettings = Pick<PoolSettings, 'demands' | 'minAgentVersion' | 'rules' | 'now' | 'kedaScaled'>;

/** Parameters of each reason to keep an agent; durations are milliseconds. */
export interface KeepReasonParams {
  placeholder: Record<string, never>;
  static: Record<string, never>;
  busy: Record<string, never>;
  online: Record<string, never>;
  offlineSinceUnknown: Record<string, never>;
  offlineRecently: { offlineMs: number; thresholdMs: number };
  lastMatchingAgent: { demands: string[] };
  /** The pool is not KEDA-scaled: its agents are not leftovers of anything. */
  notKedaPool: { kind: Exclude<PoolKind, 'keda'> };
}

export type KeepReasonCode = keyof KeepReasonParams;
export type KeepReason = { [C in KeepReasonCode]: { code: C; params: KeepReasonParams[C] } }[KeepReasonCode];

/** An agent the sweep deletes: `reasons` say why it is a KEDA leftover. */
export interface SweepCandidate extends ClassifiedAgent {
  offlineMs: number;
}

export interface KeptAgent extends ClassifiedAgent {
  keptBecause: KeepReason;
}

export interface SweepPlan {
  pool: { id: number; name: string };
  /** Only a KEDA pool's agents are ever candidates. */
  kind: PoolKindJudgement;
  /** When the agents were read: a deletion re-reads the agent and compares it with this state. */
  takenAt: Date;
  thresholdMs: number;
  /** The demands the pool must stay able to satisfy, `Agent.Version` included. */
  demands: string[];
  rules: ClassificationRules;
  /** Oldest offline first. */
  candidates: SweepCandidate[];
  kept: KeptAgent[];
  /**
   * The agent that keeps the pool able to queue jobs once the candidates are gone: a placeholder or
   * static agent that satisfies the demands, or else the candidate kept for that purpose. Absent when
   * no agent satisfies them, so that deleting the candidates cannot change what queues.
   */
  keeper?: Agent;
}

/** What the pool list shows: how many agents a sweep would delete now, and how long the oldest has been offline. */
export interface Leftovers {
  count: number;
  oldestOfflineMs?: number;
}

/** What the pool's evaluation already knows, so that the sweep and the pool report share one pass. */
export interface SweepBasis {
  classified: readonly ClassifiedAgent[];
  busy: ReadonlySet<number>;
  /** Whether the agent satisfies the demands. */
  matches(agent: Agent): boolean;
  /** The demands as shown in the reason for keeping the last matching agent. */
  demands: readonly string[];
  now: Date;
  thresholdMs: number;
}

export function planSweep(snapshot: PoolSnapshot, settings: SweepSettings): SweepPlan {
  const demands = withImplicitAgentVersion(parseDemands(settings.demands), settings.minAgentVersion);
  const now = settings.now ?? snapshot.takenAt;
  const classified = classifyAgents(snapshot.agents, settings.rules, {
    now,
    lastCompletedRequestIncluded: snapshot.included?.lastCompletedRequest,
  });
  const demandStrings = demands.map(formatDemand);
  const thresholdMs = hoursToMs(settings.rules.staleAfterHours);
  const kind = judgePoolKind({
    pool: snapshot.pool,
    classified,
    history: snapshot.history,
    rules: settings.rules,
    kedaScaled: settings.kedaScaled,
  });
  const plan = {
    pool: { id: snapshot.pool.id, name: snapshot.pool.name },
    kind,
    takenAt: snapshot.takenAt,
    thresholdMs,
    demands: demandStrings,
    rules: settings.rules,
  };
  if (kind.kind !== 'keda') {
    const keptBecause: KeepReason = { code: 'notKedaPool', params: { kind: kind.kind } };
    return { ...plan, candidates: [], kept: classified.map((c) => ({ ...c, keptBecause })) };
  }
  const division = divideAgents({
    classified,
    busy: busyAgentIds(snapshot),
    matches: (agent) => satisfiesAll(capabilitiesOf(agent), demands),
    demands: demandStrings,
    now,
    thresholdMs,
  });
  return { ...plan, ...division };
}

export function hoursToMs(hours: number): number {
  return hours * 3_600_000;
}

export function leftoversOf(candidates: readonly SweepCandidate[]): Leftovers {
  const [oldest] = candidates;
  return oldest ? { count: candidates.length, oldestOfflineMs: oldest.offlineMs } : { count: 0 };
}

/**
 * Splits the agents into candidates and kept agents. A candidate is a KEDA agent, offline for longer
 * than the threshold and not busy; everything else is kept with the first reason that protects it.
 * Then the pool's ability to queue jobs is secured: KEDA's own agents come and go, so only a
 * placeholder or a static agent that satisfies the demands counts; without one, the best matching
 * candidate stays.
 */
export function divideAgents(basis: SweepBasis): Pick<SweepPlan, 'candidates' | 'kept' | 'keeper'> {
  let candidates: SweepCandidate[] = [];
  const kept: KeptAgent[] = [];
  // Object literals rather than spreads: in a pool of thousands of leftovers this loop is most of the cost.
  for (const { agent, kind, reasons } of basis.classified) {
    const offlineMs = offlineDuration(agent, basis.now);
    const keptBecause = protection(agent, kind, offlineMs, basis);
    if (keptBecause) kept.push({ agent, kind, reasons, keptBecause });
    else candidates.push({ agent, kind, reasons, offlineMs: offlineMs as number });
  }
  candidates.sort((a, b) => b.offlineMs - a.offlineMs || a.agent.id - b.agent.id);

  const lasting = kept.filter((k) => (k.kind === 'placeholder' || k.kind === 'static') && basis.matches(k.agent));
  if (lasting.length > 0) return { candidates, kept, keeper: best(lasting, placeholdersFirst).agent };
  const matching = candidates.filter((c) => basis.matches(c.agent));
  if (matching.length === 0) return { candidates, kept };
  const last = best(matching);
  candidates = candidates.filter((c) => c !== last);
  kept.push({
    agent: last.agent,
    kind: last.kind,
    reasons: last.reasons,
    keptBecause: { code: 'lastMatchingAgent', params: { demands: [...basis.demands] } },
  });
  return { candidates, kept, keeper: last.agent };
}

/** How long the agent has been offline, by its last status change or else its registration; undefined when online or unknown. */
function offlineDuration(agent: Agent, now: Date): number | undefined {
  const since = agent.statusChangedOn ?? agent.createdOn;
  return agent.status === 'offline' && since ? now.getTime() - since.getTime() : undefined;
}

function protection(agent: Agent, kind: AgentKind, offlineMs: number | undefined, basis: SweepBasis): KeepReason | undefined {
  if (kind === 'placeholder') return { code: 'placeholder', params: {} };
  if (!isKedaKind(kind)) return { code: 'static', params: {} };
  if (basis.busy.has(agent.id)) return { code: 'busy', params: {} };
  if (agent.status === 'online') return { code: 'online', params: {} };
  if (offlineMs === undefined) return { code: 'offlineSinceUnknown', params: {} };
  if (offlineMs <= basis.thresholdMs) return { code: 'offlineRecently', params: { offlineMs, thresholdMs: basis.thresholdMs } };
  return undefined;
}

type Order = (a: ClassifiedAgent, b: ClassifiedAgent) => number;

const placeholdersFirst: Order = (a, b) => Number(b.kind === 'placeholder') - Number(a.kind === 'placeholder');

/**
 * The agent most worth keeping: enabled, then the newest agent version (it satisfies the most
 * `Agent.Version` demands), then the most recently seen, then the newest registration. The order
 * depends on the agents alone, never on when the plan is made, so two sweeps of one pool that overlap
 * keep the same agent, or the later one keeps an agent the earlier one never saw: they cannot delete
 * each other's keeper.
 */
function best<T extends ClassifiedAgent>(agents: readonly T[], first: Order = () => 0): T {
  const seen = (agent: Agent) => (agent.statusChangedOn ?? agent.createdOn)?.getTime() ?? -Infinity;
  const order: Order = (a, b) =>
    first(a, b) ||
    Number(b.agent.enabled) - Number(a.agent.enabled) ||
    compareVersions(agentVersionOf(b.agent), agentVersionOf(a.agent)) ||
    Math.sign(seen(b.agent) - seen(a.agent)) ||
    b.agent.id - a.agent.id;
  return agents.reduce((winner, agent) => (order(agent, winner) < 0 ? agent : winner));
}

export function renderKeepReason(reason: KeepReason, format: RenderFormat, translation: Translation = {}): string {
  return formatMessage(`keep.${reason.code}`, reason.params, format, translation);
}
