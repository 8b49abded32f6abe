import { agentVersionOf, capabilitiesOf, capabilityValue } from './capabilities';
import { classifyAgents, isKedaKind, type AgentKind, type ClassifiedAgent } from './classify';
import {
  formatDemand,
  isAgentVersionDemand,
  parseDemands,
  satisfies,
  unmetDemands,
  withImplicitAgentVersion,
  type Demand,
} from './demands';
import { finding, line, verdictOf, type Finding, type Line, type Verdict } from './findings';
import { registerPlaceholderSteps, repairStep, reregisterStep, sweepStep, type GuidanceContext } from './guidance';
import { pendingJobs, stuckJobsFinding } from './pending';
import { capabilitiesLacking, draftPlaceholder, isOlderThan, newestAgent, type PlaceholderProposal } from './placeholder';
import { busyAgentIds, decideQueueing, type QueueDecision } from './queueing';
import { divideAgents, hoursToMs, leftoversOf, type Leftovers } from './sweep';
import type { PoolSettings } from './settings';
import type { Agent, PoolSnapshot } from './types';

/** A pool the caller could not read: not found (the service also hides pools the caller may not view) or denied. */
export interface UnavailablePool {
  poolName: string;
  unavailable: 'missing' | 'invisible';
}

export type PlaceholderState = 'presentOffline' | 'presentOnline' | 'disabled' | 'missing' | 'drifted' | 'unknown';

export interface PoolCounts {
  registered: number;
  online: number;
  busy: number;
  /** Agents satisfying the demands, whatever their status. */
  matching: number;
  placeholder: number;
  keda: number;
  stale: number;
  static: number;
}

export interface PoolReport {
  pool: { id?: number; name: string };
  verdict: Verdict;
  counts: PoolCounts;
  agents: ClassifiedAgent[];
  /** The state of the placeholder that serves the demands best, and its name. */
  placeholder: { state: PlaceholderState; name?: string };
  /** The demands judged, `Agent.Version` included. */
  demands: string[];
  /** Absent for a pool that could not be read. */
  queue?: QueueDecision;
  pending: { count: number; oldestAgeMs?: number; stuck: number };
  /** What a sweep with the same settings would delete now. */
  leftovers: Leftovers;
  lastKedaRegistration?: { agent: string; at: Date; ageMs: number };
  /** What to register when the placeholder is missing or drifted. */
  proposal?: PlaceholderProposal;
  findings: Finding[];
}

export const DEFAULT_PENDING_THRESHOLD_MINUTES = 10;
const NEAREST_AGENTS_SHOWN = 5;

export function evaluatePool(input: PoolSnapshot | UnavailablePool, settings: PoolSettings): PoolReport {
  const listed = parseDemands(settings.demands);
  const demands = withImplicitAgentVersion(listed, settings.minAgentVersion);
  if ('unavailable' in input) return unavailableReport(input, demands);
  const versionGuessed = settings.minAgentVersion === undefined && !listed.some(isAgentVersionDemand);
  return new PoolEvaluation(input, settings, demands, versionGuessed).report();
}

export function worstVerdict(reports: Iterable<{ verdict: Verdict }>): Verdict {
  const rank: Record<Verdict, number> = { ready: 0, atRisk: 1, blocked: 2 };
  let worst: Verdict = 'ready';
  for (const { verdict } of reports) if (rank[verdict] > rank[worst]) worst = verdict;
  return worst;
}

const EMPTY_COUNTS: PoolCounts = { registered: 0, online: 0, busy: 0, matching: 0, placeholder: 0, keda: 0, stale: 0, static: 0 };

function unavailableReport(input: UnavailablePool, demands: readonly Demand[]): PoolReport {
  const pool = input.poolName;
  const found =
    input.unavailable === 'missing'
      ? finding('poolNotFound', { pool }, [line('fix.checkPoolName', { pool }), line('fix.grantReader', { pool })])
      : finding('poolNotVisible', { pool }, [line('fix.grantReader', { pool })]);
  return reportWithoutSnapshot(pool, demands, found);
}

/** A pool known only by its name, blocked by the one finding that says why nothing could be read. */
export function unreadablePoolReport(
  poolName: string,
  settings: Pick<PoolSettings, 'demands' | 'minAgentVersion'>,
  why: Finding,
): PoolReport {
  return reportWithoutSnapshot(poolName, withImplicitAgentVersion(parseDemands(settings.demands), settings.minAgentVersion), why);
}

function reportWithoutSnapshot(pool: string, demands: readonly Demand[], why: Finding): PoolReport {
  return {
    pool: { name: pool },
    verdict: verdictOf([why]),
    counts: { ...EMPTY_COUNTS },
    agents: [],
    placeholder: { state: 'unknown' },
    demands: demands.map(formatDemand),
    pending: { count: 0, stuck: 0 },
    leftovers: { count: 0 },
    findings: [why],
  };
}

interface PlaceholderAssessment {
  state: PlaceholderState;
  /** The placeholder the state describes. */
  agent?: Agent;
}

/** One evaluation: demands parsed and agents indexed and classified once, then every rule reads them. */
class PoolEvaluation {
  private readonly now: Date;
  private readonly classified: ClassifiedAgent[];
  private readonly busy: Set<number>;
  private readonly queue: QueueDecision;
  private readonly matching: Set<Agent>;
  private readonly placeholders: ClassifiedAgent[];
  private readonly kedaAgents: ClassifiedAgent[];
  private readonly where: GuidanceContext;
  private readonly demandStrings: string[];
  private readonly lastKedaAgent: Agent | undefined;
  private readonly findings: Finding[] = [];
  /** Names that some finding's guidance already tells the user to register. */
  private readonly proposedNames = new Set<string>();

  constructor(
    private readonly snapshot: PoolSnapshot,
    private readonly settings: PoolSettings,
    private readonly demands: Demand[],
    /** The jobs' minimum agent version is the default, not something the caller said. */
    private readonly versionGuessed: boolean,
  ) {
    this.now = settings.now ?? snapshot.takenAt;
    this.classified = classifyAgents(snapshot.agents, settings.rules, {
      now: this.now,
      lastCompletedRequestIncluded: snapshot.included?.lastCompletedRequest,
    });
    this.busy = busyAgentIds(snapshot);
    this.queue = decideQueueing(snapshot.pool.name, snapshot.agents, demands, this.busy);
    this.matching = new Set(this.queue.outcome === 'waits' ? [...this.queue.online, ...this.queue.offline, ...this.queue.disabled] : []);
    this.placeholders = this.classified.filter((c) => c.kind === 'placeholder');
    this.kedaAgents = this.classified.filter((c) => isKedaKind(c.kind));
    this.where = {
      pool: snapshot.pool.name,
      poolId: snapshot.pool.id,
      markerCapability: settings.rules.markerCapability,
      ...(settings.organizationUrl ? { organizationUrl: settings.organizationUrl } : {}),
    };
    this.demandStrings = demands.map(formatDemand);
    this.lastKedaAgent = newestAgent(this.kedaAgents.filter((c) => c.agent.createdOn))?.agent;
  }

  report(): PoolReport {
    const { snapshot } = this;
    const placeholder = this.assessPlaceholders();
    const proposal = this.proposal(placeholder.agent);
    if (snapshot.agents.length === 0) this.add(finding('poolEmpty', { pool: snapshot.pool.name }, this.registerSteps(proposal)));
    else if (this.queue.outcome === 'failsAtOnce') this.add(this.unsatisfiable(this.queue.serviceMessage, proposal));
    this.placeholderFindings(placeholder, proposal);
    this.placeholderHygiene();
    this.onlineFinding();
    const pending = this.pendingJobs();
    this.staleFinding();

    const lastKeda = this.lastKedaAgent;
    const repairable = placeholder.state === 'missing' || placeholder.state === 'drifted';
    return {
      pool: { id: snapshot.pool.id, name: snapshot.pool.name },
      verdict: verdictOf(this.findings),
      counts: this.counts(),
      agents: this.classified,
      placeholder: { state: placeholder.state, ...(placeholder.agent ? { name: placeholder.agent.name } : {}) },
      demands: this.demandStrings,
      queue: this.queue,
      pending,
      leftovers: this.leftovers(),
      ...(lastKeda?.createdOn
        ? {
            lastKedaRegistration: {
              agent: lastKeda.name,
              at: lastKeda.createdOn,
              ageMs: this.now.getTime() - lastKeda.createdOn.getTime(),
            },
          }
        : {}),
      ...(repairable ? { proposal } : {}),
      findings: this.findings,
    };
  }

  private add(f: Finding): void {
    this.findings.push(f);
  }

  private proposal(existing?: Agent): PlaceholderProposal {
    return draftPlaceholder(this.classified, this.demands, this.settings.rules, existing ? { name: existing.name } : {});
  }

  private registerSteps(proposal: PlaceholderProposal): Line[] {
    this.proposedNames.add(proposal.name);
    return registerPlaceholderSteps(this.where, proposal, this.demandStrings);
  }

  private counts(): PoolCounts {
    const counts = { ...EMPTY_COUNTS, registered: this.classified.length, matching: this.matching.size };
    for (const { agent, kind } of this.classified) {
      counts[kind]++;
      if (agent.status === 'online') counts.online++;
      if (this.busy.has(agent.id)) counts.busy++;
    }
    return counts;
  }

  /** The placeholder serving the demands best: fitting, then not drifted, enabled and offline. */
  private assessPlaceholders(): PlaceholderAssessment {
    if (this.placeholders.length === 0) return { state: 'missing' };
    const fitting = this.placeholders.filter((p) => this.matching.has(p.agent));
    if (fitting.length === 0) return { state: 'drifted', agent: this.nearest(this.placeholders)[0]?.agent };
    const reference = this.referenceKedaAgent();
    const drifted = (agent: Agent) =>
      reference !== undefined && (isOlderThan(agent, reference) || capabilitiesLacking(agent, reference).length > 0);
    const rank = (agent: Agent) => (drifted(agent) ? 4 : 0) + (agent.enabled ? 0 : 2) + (agent.status === 'online' ? 1 : 0);
    const best = fitting.map((p) => p.agent).reduce((a, b) => (rank(b) < rank(a) ? b : a));
    const state: PlaceholderState = drifted(best)
      ? 'drifted'
      : !best.enabled
        ? 'disabled'
        : best.status === 'online'
          ? 'presentOnline'
          : 'presentOffline';
    return { state, agent: best };
  }

  /** The newest KEDA agent able to run these jobs: what a placeholder standing in for it must match. */
  private referenceKedaAgent(): Agent | undefined {
    return newestAgent(this.kedaAgents.filter((c) => this.matching.has(c.agent)))?.agent;
  }

  /** Agents ordered by how close they come to the demands, placeholders first. */
  private nearest(agents: readonly ClassifiedAgent[]): { agent: Agent; kind: AgentKind; unmet: Demand[] }[] {
    return agents
      .map(({ agent, kind }) => ({ agent, kind, unmet: unmetDemands(capabilitiesOf(agent), this.demands) }))
      .sort((a, b) => Number(b.kind === 'placeholder') - Number(a.kind === 'placeholder') || a.unmet.length - b.unmet.length);
  }

  private unmetLines(agent: Agent, kind: AgentKind, unmet: readonly Demand[]): Line[] {
    const capabilities = capabilitiesOf(agent);
    const values = unmet.flatMap((demand) => {
      const value = demand.operator === 'exists' ? undefined : capabilityValue(capabilities, demand.name);
      return value === undefined ? [] : [`${demand.name}=${value}`];
    });
    const unmetText = unmet.map(formatDemand);
    return [
      line(kind === 'placeholder' ? 'detail.placeholderUnmet' : 'detail.agentUnmet', { agent: agent.name, unmet: unmetText }),
      ...(values.length > 0 ? [line('detail.capabilityValues', { agent: agent.name, values })] : []),
    ];
  }

  private unsatisfiable(serviceMessage: string, proposal: PlaceholderProposal): Finding {
    const nearest = this.nearest(this.classified).slice(0, NEAREST_AGENTS_SHOWN);
    const details = [
      line('detail.serviceMessage', { message: serviceMessage }),
      ...nearest.flatMap(({ agent, kind, unmet }) => this.unmetLines(agent, kind, unmet)),
    ];
    const placeholder = nearest.find((n) => n.kind === 'placeholder');
    const guidance = placeholder ? this.refitSteps(placeholder.agent, placeholder.unmet) : this.registerSteps(proposal);
    const noKedaAgentMeets = this.demandsNoKedaAgentMeets();
    if (placeholder && noKedaAgentMeets.length > 0) guidance.unshift(line('fix.unmetByKedaAgents', { unmet: noKedaAgentMeets }));
    if (this.versionIsTheOnlyObstacle()) {
      guidance.push(line('fix.minAgentVersionDefault', { version: this.minimumVersion() }));
    }
    return finding(
      'demandsUnsatisfiable',
      { pool: this.snapshot.pool.name, demands: this.demandStrings, serviceMessage },
      guidance,
      details,
    );
  }

  /** Demands no KEDA agent seen in the pool satisfies; `Agent.Version` aside, as agents update themselves. */
  private demandsNoKedaAgentMeets(): string[] {
    if (this.kedaAgents.length === 0) return [];
    return this.demands
      .filter((demand) => !isAgentVersionDemand(demand))
      .filter((demand) => !this.kedaAgents.some(({ agent }) => satisfies(capabilitiesOf(agent), demand)))
      .map(formatDemand);
  }

  private minimumVersion(): string {
    return this.demands.find(isAgentVersionDemand)?.value ?? '';
  }

  /** The default minimum agent version alone blocks agents that satisfy everything else. */
  private versionIsTheOnlyObstacle(): boolean {
    const others = this.demands.filter((demand) => !isAgentVersionDemand(demand));
    return this.versionGuessed && this.snapshot.agents.some((agent) => unmetDemands(capabilitiesOf(agent), others).length === 0);
  }

  /** Steps that make an existing placeholder satisfy demands it fails. */
  private refitSteps(agent: Agent, unmet: readonly Demand[]): Line[] {
    const capabilities = unmet.filter((demand) => !isAgentVersionDemand(demand)).map(formatDemand);
    const steps: Line[] = [];
    if (capabilities.length > 0) {
      steps.push(line('fix.addUserCapabilities', { agent: agent.name, pool: this.where.pool, demands: capabilities }));
    }
    if (unmet.some(isAgentVersionDemand)) steps.push(reregisterStep(this.where, agent.name));
    steps.push(repairStep(this.where));
    return steps;
  }

  private placeholderFindings(assessment: PlaceholderAssessment, proposal: PlaceholderProposal): void {
    const pool = this.snapshot.pool.name;
    const waits = this.queue.outcome === 'waits';
    if (waits && this.placeholders.length === 0 && this.kedaAgentsAloneMatch()) {
      const kedaAgents = this.kedaAgents.filter((c) => this.matching.has(c.agent)).map((c) => c.agent.name);
      this.add(finding('noPlaceholder', { pool, kedaAgents }, this.registerSteps(proposal)));
    }
    const fitting = this.placeholders.filter((p) => this.matching.has(p.agent));
    if (waits && this.placeholders.length > 0 && fitting.length === 0) this.add(this.unfit());
    if (fitting.length > 0 && assessment.agent) this.driftFindings(assessment.agent);
    if (assessment.state === 'disabled' && assessment.agent) {
      this.add(
        finding('placeholderDisabled', { placeholder: assessment.agent.name }, [
          line('fix.enablePlaceholder', { placeholder: assessment.agent.name, pool }),
        ]),
      );
    }
    this.parentFindings(fitting);
  }

  /** Placeholders that could take real jobs, or that only their name identifies. */
  private placeholderHygiene(): void {
    const pool = this.snapshot.pool.name;
    const online = this.placeholders.filter(({ agent }) => agent.enabled && agent.status === 'online').map((p) => p.agent.name);
    if (online.length > 0) {
      this.add(finding('placeholderOnline', { placeholders: online }, [line('fix.stopPlaceholder', { placeholders: online, pool })]));
    }
    const unmarked = this.placeholders.filter((p) => !p.reasons.some((r) => r.code === 'markerCapability')).map((p) => p.agent.name);
    if (unmarked.length > 0) {
      const marker = this.settings.rules.markerCapability;
      this.add(
        finding('placeholderUnmarked', { placeholders: unmarked, marker }, [line('fix.addMarker', { name: unmarked, pool, marker })]),
      );
    }
  }

  private kedaAgentsAloneMatch(): boolean {
    return this.classified.every((c) => !this.matching.has(c.agent) || isKedaKind(c.kind));
  }

  private unfit(): Finding {
    const placeholders = this.nearest(this.placeholders);
    const [closest] = placeholders;
    const details = placeholders.slice(0, NEAREST_AGENTS_SHOWN).flatMap(({ agent, kind, unmet }) => this.unmetLines(agent, kind, unmet));
    const params = { pool: this.snapshot.pool.name, placeholders: placeholders.map((p) => p.agent.name) };
    return finding('placeholderUnfit', params, this.refitSteps(closest.agent, closest.unmet), details);
  }

  private driftFindings(placeholder: Agent): void {
    const reference = this.referenceKedaAgent();
    if (!reference) return;
    if (isOlderThan(placeholder, reference)) {
      this.add(
        finding(
          'placeholderOutdated',
          {
            placeholder: placeholder.name,
            version: agentVersionOf(placeholder),
            kedaAgent: reference.name,
            kedaVersion: agentVersionOf(reference),
          },
          [reregisterStep(this.where, placeholder.name), repairStep(this.where)],
        ),
      );
    }
    const lacking = capabilitiesLacking(placeholder, reference);
    if (lacking.length > 0) {
      const params = { placeholder: placeholder.name, kedaAgent: reference.name, capabilities: lacking };
      this.add(
        finding('placeholderMissingCapabilities', params, [
          line('fix.copyCapabilities', { ...params, pool: this.where.pool }),
          reregisterStep(this.where, placeholder.name),
          repairStep(this.where),
        ]),
      );
    }
  }

  /** KEDA's `parent` mode counts a job only if the exactly named agent is among its matched agents. */
  private parentFindings(fitting: readonly ClassifiedAgent[]): void {
    const parent = this.settings.rules.placeholderName;
    if (!parent || this.queue.outcome !== 'waits') return;
    const pool = this.snapshot.pool.name;
    const exact = this.snapshot.agents.find((agent) => agent.name === parent);
    if (!exact) {
      if (this.proposedNames.has(parent)) return;
      const sameButCase = this.snapshot.agents.find((agent) => agent.name.toLowerCase() === parent.toLowerCase());
      const details = sameButCase ? [line('detail.parentCase', { agent: sameButCase.name, parent })] : [];
      const others = fitting.map((p) => p.agent.name);
      const guidance = [
        ...(others.length > 0 ? [line('fix.setParent', { placeholders: others })] : []),
        ...this.registerSteps(draftPlaceholder(this.classified, this.demands, this.settings.rules, { name: parent })),
      ];
      this.add(finding('parentMissing', { pool, parent }, guidance, details));
    } else if (!this.matching.has(exact) && fitting.length > 0) {
      const unmet = unmetDemands(capabilitiesOf(exact), this.demands);
      this.add(finding('parentUnfit', { parent, unmet: unmet.map(formatDemand) }, this.refitSteps(exact, unmet)));
    }
  }

  private onlineFinding(): void {
    if (!this.settings.requireOnlineAgent || this.queue.outcome !== 'waits' || this.queue.online.length > 0) return;
    this.add(finding('noOnlineAgent', { pool: this.snapshot.pool.name }, [line('fix.startAgent', {})]));
  }

  private pendingJobs(): PoolReport['pending'] {
    const thresholdMs = (this.settings.pendingThresholdMinutes ?? DEFAULT_PENDING_THRESHOLD_MINUTES) * 60_000;
    const { queued, oldestAgeMs, stuck } = pendingJobs(this.snapshot.jobRequests, this.lastKedaAgent?.createdOn, this.now, thresholdMs);
    if (stuck.length > 0) {
      this.add(
        stuckJobsFinding({
          guidance: this.where,
          stuck,
          thresholdMs,
          kedaAgents: this.kedaAgents,
          busy: this.busy,
          now: this.now,
          ...(this.settings.rules.placeholderName ? { parent: this.settings.rules.placeholderName } : {}),
        }),
      );
    }
    return { count: queued.length, ...(oldestAgeMs !== undefined ? { oldestAgeMs } : {}), stuck: stuck.length };
  }

  private leftovers(): Leftovers {
    const { candidates } = divideAgents({
      classified: this.classified,
      busy: this.busy,
      matches: (agent) => this.matching.has(agent),
      demands: this.demandStrings,
      now: this.now,
      thresholdMs: hoursToMs(this.settings.rules.staleAfterHours),
    });
    return leftoversOf(candidates);
  }

  private staleFinding(): void {
    const stale = this.classified.filter((c) => c.kind === 'stale').map((c) => c.agent.name);
    if (stale.length === 0) return;
    const thresholdMs = hoursToMs(this.settings.rules.staleAfterHours);
    const { pool, poolId } = this.where;
    const path = `_apis/distributedtask/pools/${poolId}/agents/<agentId>`;
    this.add(
      finding('staleAgents', { pool, agents: stale, thresholdMs }, [sweepStep(this.where), line('fix.deleteStale', { pool, path })]),
    );
  }
}
