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
import { demandedNames, demandSetsOf, setKey, type DemandSet } from './demand-sets';
import { finding, line, verdictOf, type Finding, type Judgement, type Line, type Verdict } from './findings';
import { nameAsKedaStep, registerPlaceholderSteps, repairStep, reregisterStep, sweepStep, type GuidanceContext } from './guidance';
import { isQueued, pendingJobs, stuckJobsFinding } from './pending';
import { capabilitiesLacking, draftPlaceholder, isOlderThan, newestAgent, type PlaceholderProposal } from './placeholder';
import { judgePoolKind, type PoolKindJudgement } from './pool-kind';
import { planRepair, type RepairPlan } from './repair-plan';
import { busyAgentIds, decideQueueing, type QueueDecision } from './queueing';
import { divideAgents, hoursToMs, leftoversOf, type Leftovers } from './sweep';
import type { PoolSettings } from './settings';
import type { Agent, JobRequest, PoolSnapshot } from './types';

/** `notApplicable`: the pool is not KEDA-scaled, so it needs no placeholder; `unknown`: the pool was not read. */
export type PlaceholderState = 'presentOffline' | 'presentOnline' | 'disabled' | 'missing' | 'drifted' | 'notApplicable' | 'unknown';

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

/**
 * A pool judged from what was read, or (`verdict: 'unknown'`) a pool that could not be read: then the
 * report holds only the failure as its finding, and nothing about agents or jobs it never saw.
 */
export type PoolReport = JudgedPoolReport | UnreadPoolReport;

interface PoolReportBase {
  pool: { id?: number; name: string };
  /** The demands judged, `Agent.Version` included. */
  demands: string[];
  findings: Finding[];
}

export interface UnreadPoolReport extends PoolReportBase {
  verdict: 'unknown';
}

export interface JudgedPoolReport extends PoolReportBase {
  verdict: Judgement;
  /** What the pool is, and the evidence for it. */
  kind: PoolKindJudgement;
  /** Absent for a Microsoft-hosted pool, whose agents are not read. */
  counts?: PoolCounts;
  agents: ClassifiedAgent[];
  /** The state of the placeholder that serves the demands best, and its name. */
  placeholder: { state: PlaceholderState; name?: string };
  /** Absent for pools whose agents the service provides. */
  queue?: QueueDecision;
  pending: { count: number; oldestAgeMs?: number; stuck: number };
  /** What a sweep with the same settings would delete now. */
  leftovers: Leftovers;
  lastKedaRegistration?: { agent: string; at: Date; ageMs: number };
  /** What `repair` would do in this pool, and why. */
  repair: RepairPlan;
}

export function isJudged(report: PoolReport): report is JudgedPoolReport {
  return report.verdict !== 'unknown';
}

export const DEFAULT_PENDING_THRESHOLD_MINUTES = 10;
const NEAREST_AGENTS_SHOWN = 5;

export function evaluatePool(input: PoolSnapshot, settings: PoolSettings): JudgedPoolReport {
  const listed = parseDemands(settings.demands);
  const demands = withImplicitAgentVersion(listed, settings.minAgentVersion);
  const versionGuessed = settings.minAgentVersion === undefined && !listed.some(isAgentVersionDemand);
  return new PoolEvaluation(input, settings, demands, versionGuessed).report();
}

/**
 * The worst verdict over several pools. A pool that could not be read outranks ready and at risk (nothing
 * may be claimed about it), while a blocked pool is a certainty that outranks it.
 */
export function worstVerdict(reports: Iterable<{ verdict: Verdict }>): Verdict {
  const rank: Record<Verdict, number> = { ready: 0, atRisk: 1, unknown: 2, blocked: 3 };
  let worst: Verdict = 'ready';
  for (const { verdict } of reports) if (rank[verdict] > rank[worst]) worst = verdict;
  return worst;
}

const EMPTY_COUNTS: PoolCounts = { registered: 0, online: 0, busy: 0, matching: 0, placeholder: 0, keda: 0, stale: 0, static: 0 };

/** A pool known only by its name: its verdict is unknown, and its one finding says why nothing could be read. */
export function unreadablePoolReport(
  poolName: string,
  settings: Pick<PoolSettings, 'demands' | 'minAgentVersion'>,
  why: Finding,
): UnreadPoolReport {
  return reportWithoutSnapshot(poolName, withImplicitAgentVersion(parseDemands(settings.demands), settings.minAgentVersion), why);
}

function reportWithoutSnapshot(pool: string, demands: readonly Demand[], why: Finding): UnreadPoolReport {
  return { pool: { name: pool }, verdict: 'unknown', demands: demands.map(formatDemand), findings: [why] };
}

interface PlaceholderAssessment {
  state: PlaceholderState;
  /** The placeholder the state describes. */
  agent?: Agent;
}

/** Demand sets of recent jobs shown in one finding, at most. */
const DEMAND_SETS_SHOWN = 3;

/**
 * One evaluation: demands parsed, the pool's kind judged and its agents classified once, then every rule
 * reads them. Each kind has its own rules: the placeholder's only in a KEDA pool; the queueing rule in
 * any self-hosted pool; nothing but what it is for a pool whose agents the service provides.
 */
class PoolEvaluation {
  private readonly now: Date;
  private readonly kind: PoolKindJudgement;
  private readonly keda: boolean;
  private readonly classified: ClassifiedAgent[];
  private readonly busy: Set<number>;
  private readonly queue: QueueDecision;
  private readonly matching: Set<Agent>;
  private readonly placeholders: ClassifiedAgent[];
  private readonly kedaAgents: ClassifiedAgent[];
  private readonly where: GuidanceContext;
  private readonly demandStrings: string[];
  /** What the pool's unfinished and recent jobs demanded, each distinct set once. */
  private readonly jobDemandSets: DemandSet[];
  private readonly lastKedaAgent: Agent | undefined;
  private readonly plan: RepairPlan;
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
    const classified = classifyAgents(snapshot.agents, settings.rules, {
      now: this.now,
      lastCompletedRequestIncluded: snapshot.included?.lastCompletedRequest,
    });
    this.kind = judgePoolKind({
      pool: snapshot.pool,
      classified,
      history: snapshot.history,
      rules: settings.rules,
      kedaScaled: settings.kedaScaled,
    });
    this.keda = this.kind.kind === 'keda';
    // Outside a KEDA pool nothing is a placeholder or a KEDA leftover, whatever the names: a Kubernetes
    // agent of a plain Deployment is a static agent, and an agent named `dummy` there is just an agent.
    this.classified = this.keda ? classified : classified.map(asStatic);
    this.busy = busyAgentIds(snapshot);
    this.queue = decideQueueing(snapshot.pool, snapshot.agents, demands, this.busy);
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
    this.jobDemandSets = demandSetsOf([...snapshot.jobRequests, ...(snapshot.history ?? [])]);
    this.lastKedaAgent = newestAgent(this.kedaAgents.filter((c) => c.agent.createdOn))?.agent;
    this.plan = planRepair({
      kind: this.kind.kind,
      classified: this.classified,
      demands,
      jobDemandSets: this.jobDemandSets.map((set) => set.demands),
      jobAgentVersions: [...(snapshot.history ?? []), ...snapshot.jobRequests].flatMap((r) =>
        r.reservedAgent?.version ? [r.reservedAgent.version] : [],
      ),
      reference: this.referenceKedaAgent(),
      rules: settings.rules,
      userCapabilities: settings.placeholderCapabilities,
      placeholderMissing: !this.placeholders.some((p) => this.matching.has(p.agent)),
      now: this.now,
    });
  }

  report(): JudgedPoolReport {
    switch (this.kind.kind) {
      case 'hosted':
      case 'azureProvisioned':
        return this.providedByService();
      case 'static':
        return this.selfHosted({ state: 'notApplicable' });
      case 'keda':
        return this.selfHosted(this.assessPlaceholders());
    }
  }

  /** Microsoft's or Azure's agents: the service provides them as jobs need them, so there is nothing to guard. */
  private providedByService(): JudgedPoolReport {
    const pool = this.snapshot.pool.name;
    this.add(finding(this.kind.kind === 'hosted' ? 'hostedPool' : 'azureProvisionedPool', { pool }, []));
    const hosted = this.kind.kind === 'hosted';
    return {
      ...this.base(),
      ...(hosted ? {} : { counts: this.counts() }),
      agents: hosted ? [] : this.classified,
      placeholder: { state: 'notApplicable' },
      pending: { count: 0, stuck: 0 },
      leftovers: { count: 0 },
      repair: this.plan,
    };
  }

  private selfHosted(placeholder: PlaceholderAssessment): JudgedPoolReport {
    const { snapshot } = this;
    const proposal = this.keda ? this.proposal() : undefined;
    if (snapshot.agents.length === 0) this.add(finding('poolEmpty', { pool: snapshot.pool.name }, this.noAgentSteps(proposal)));
    else if (this.queue.outcome === 'failsAtOnce') this.add(this.unsatisfiable(this.queue.serviceMessage, proposal));
    else if (this.updateOnly()) this.add(this.awaitingUpdate());
    // While the configured jobs already fail at once, that is the news; the recent jobs' demands come next.
    else this.recentJobsFinding();
    if (proposal) {
      this.placeholderFindings(placeholder, proposal);
      this.placeholderHygiene();
    }
    this.onlineFinding();
    const pending = this.keda ? this.pendingJobs() : { count: this.snapshot.jobRequests.filter(isQueued).length, stuck: 0 };
    if (this.keda) this.staleFinding();

    const lastKeda = this.lastKedaAgent;
    return {
      ...this.base(),
      counts: this.counts(),
      agents: this.classified,
      placeholder: { state: placeholder.state, ...(placeholder.agent ? { name: placeholder.agent.name } : {}) },
      queue: this.queue,
      pending,
      leftovers: this.keda ? this.leftovers() : { count: 0 },
      ...(lastKeda?.createdOn
        ? {
            lastKedaRegistration: {
              agent: lastKeda.name,
              at: lastKeda.createdOn,
              ageMs: this.now.getTime() - lastKeda.createdOn.getTime(),
            },
          }
        : {}),
      repair: this.plan,
    };
  }

  private base(): Pick<JudgedPoolReport, 'pool' | 'verdict' | 'kind' | 'demands' | 'findings'> {
    return {
      pool: { id: this.snapshot.pool.id, name: this.snapshot.pool.name },
      verdict: verdictOf(this.findings),
      kind: this.kind,
      demands: this.demandStrings,
      findings: this.findings,
    };
  }

  private add(f: Finding): void {
    this.findings.push(f);
  }

  /** What a new placeholder would be: the plan's, when `repair` would register one, else the same draft for doing it by hand. */
  private proposal(name?: string): PlaceholderProposal {
    const { plan } = this;
    if (plan.action === 'register' && (name === undefined || plan.proposal.name === name)) return plan.proposal;
    return draftPlaceholder(this.classified, this.demands, this.settings.rules, {
      ...(name ? { name } : {}),
      userCapabilities: this.settings.placeholderCapabilities,
      learned: { demandSets: this.jobDemandSets.map((set) => set.demands), agentVersions: [] },
    });
  }

  private registerSteps(proposal: PlaceholderProposal): Line[] {
    this.proposedNames.add(proposal.name);
    return registerPlaceholderSteps(this.where, proposal, this.demandStrings, this.repairLines(proposal.name));
  }

  /**
   * The step that lets KEDA Pool Guard make the change, offered only where its `repair` would make it for
   * that agent: otherwise the user is told why it will not, instead of being sent to a repair that does nothing.
   */
  private repairLines(agent: string): Line[] {
    const { plan } = this;
    const same = (name: string) => name.toLowerCase() === agent.toLowerCase();
    if (plan.action === 'register' && same(plan.proposal.name)) return [repairStep(this.where)];
    if (plan.action === 'refresh' && same(plan.placeholder.name)) return [repairStep(this.where)];
    if (plan.action === 'refused' && plan.reason === 'foreignPlaceholder' && plan.agent && same(plan.agent)) {
      return [line('fix.repairLeavesForeign', { agent: plan.agent, marker: this.settings.rules.markerCapability })];
    }
    if (plan.action === 'refused' && plan.reason === 'nameTaken' && plan.agent)
      return [line('fix.renamePlaceholder', { agent: plan.agent })];
    return [];
  }

  /**
   * What makes jobs queue again in a pool where no agent satisfies them: in a KEDA pool a placeholder; in a
   * pool without KEDA evidence an agent, unless KEDA scales it after all, which the user can say.
   */
  private noAgentSteps(proposal: PlaceholderProposal | undefined): Line[] {
    if (proposal) return this.registerSteps(proposal);
    return [line('fix.startAgentFor', { demands: this.demandStrings }), nameAsKedaStep(this.where)];
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
    // Only what a demand names changes what queues; an older version alone is a note (`placeholderOutdated`).
    const drifted = (agent: Agent) => reference !== undefined && this.demandedCapabilitiesLacking(agent, reference).length > 0;
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

  /**
   * Capabilities the reference KEDA agent has and the placeholder lacks, split by whether some demand names
   * them: the configured demands or those of the pool's jobs. Only the demanded ones change what queues.
   */
  private lackingCapabilities(placeholder: Agent, reference: Agent): { demanded: string[]; undemanded: string[] } {
    const demanded = demandedNames([this.demands, ...this.jobDemandSets.map((set) => set.demands)]);
    const lacking = capabilitiesLacking(placeholder, reference);
    return {
      demanded: lacking.filter((name) => demanded.has(name.toLowerCase())),
      undemanded: lacking.filter((name) => !demanded.has(name.toLowerCase())),
    };
  }

  private demandedCapabilitiesLacking(placeholder: Agent, reference: Agent): string[] {
    return this.lackingCapabilities(placeholder, reference).demanded;
  }

  /** Agents ordered by how close they come to the demands, placeholders first. */
  private nearest(
    agents: readonly ClassifiedAgent[],
    demands: readonly Demand[] = this.demands,
  ): { agent: Agent; kind: AgentKind; unmet: Demand[] }[] {
    return agents
      .map(({ agent, kind }) => ({ agent, kind, unmet: unmetDemands(capabilitiesOf(agent), demands) }))
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

  private unsatisfiable(serviceMessage: string, proposal: PlaceholderProposal | undefined): Finding {
    const nearest = this.nearest(this.classified).slice(0, NEAREST_AGENTS_SHOWN);
    const details = [
      line('detail.serviceMessage', { message: serviceMessage }),
      ...nearest.flatMap(({ agent, kind, unmet }) => this.unmetLines(agent, kind, unmet)),
    ];
    const placeholder = nearest.find((n) => n.kind === 'placeholder');
    const guidance = placeholder ? this.refitSteps(placeholder.agent, placeholder.unmet) : this.noAgentSteps(proposal);
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

  /**
   * Recent jobs whose demands no registered agent satisfies any more: the next such job fails at once. Jobs
   * only queue when some agent satisfied them, so such a set means an agent that did is gone: typically the
   * KEDA agents that ran them, leaving a placeholder that lacks something they had.
   */
  private recentJobsFinding(): void {
    const configured = setKey(this.demands);
    const refused = this.jobDemandSets.filter(
      (set) =>
        setKey(set.demands) !== configured &&
        decideQueueing(this.snapshot.pool, this.snapshot.agents, set.demands).outcome === 'failsAtOnce',
    );
    if (refused.length === 0) return;
    const shown = refused.slice(0, DEMAND_SETS_SHOWN);
    const details = shown.map((set) =>
      line('detail.jobDemands', { demands: set.text, jobs: set.requests.map(jobLabel), count: set.requests.length }),
    );
    const [first] = shown;
    const placeholder = this.keda ? this.nearest(this.placeholders, first.demands)[0] : undefined;
    const guidance = placeholder
      ? this.refitSteps(placeholder.agent, placeholder.unmet)
      : this.keda
        ? this.registerSteps(this.proposal())
        : [line('fix.startAgentFor', { demands: first.text })];
    this.add(finding('recentJobsUnsatisfiable', { pool: this.snapshot.pool.name, count: refused.length }, guidance, details));
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
    steps.push(...this.repairLines(agent.name));
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
    if (waits && this.placeholders.length > 0 && fitting.length === 0 && !this.updateOnly()) this.add(this.unfit());
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
    return this.matching.size > 0 && this.classified.every((c) => !this.matching.has(c.agent) || isKedaKind(c.kind));
  }

  /** Jobs queue only because the service asks agents that miss the `Agent.Version` minimum to update. */
  private updateOnly(): boolean {
    return this.queue.outcome === 'waits' && this.matching.size === 0;
  }

  /**
   * An offline agent never updates itself, so such jobs wait for another agent: in a KEDA pool for a pod,
   * unless the trigger counts through `parent` (the service leaves update candidates out of a job's matched
   * agents, so KEDA never sees them); in a static pool until the agents come online and update.
   */
  private awaitingUpdate(): Finding {
    const candidates = this.queue.outcome === 'waits' ? this.queue.awaitingUpdate : [];
    const minimum = this.minimumVersion();
    const details = candidates
      .slice(0, NEAREST_AGENTS_SHOWN)
      .map((agent) => line('detail.capabilityValues', { agent: agent.name, values: [`Agent.Version=${agentVersionOf(agent)}`] }));
    if (this.keda && this.settings.rules.parent) details.push(line('detail.parentIgnoresUpdates', { parent: this.settings.rules.parent }));
    const placeholder = this.placeholders.find((p) => candidates.includes(p.agent));
    const steps = placeholder
      ? this.refitSteps(placeholder.agent, this.demands.filter(isAgentVersionDemand))
      : [line(this.keda ? 'fix.updateKedaImage' : 'fix.startStaticAgent', { version: minimum })];
    if (this.versionGuessed) steps.push(line('fix.minAgentVersionDefault', { version: minimum }));
    return finding(
      'awaitingAgentUpdate',
      { pool: this.snapshot.pool.name, version: minimum, agents: candidates.map((agent) => agent.name) },
      steps,
      details,
    );
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
          [reregisterStep(this.where, placeholder.name), ...this.repairLines(placeholder.name)],
        ),
      );
    }
    const { demanded, undemanded } = this.lackingCapabilities(placeholder, reference);
    if (demanded.length > 0) {
      const params = { placeholder: placeholder.name, kedaAgent: reference.name, capabilities: demanded };
      this.add(
        finding('placeholderMissingCapabilities', params, [
          line('fix.copyCapabilities', { ...params, pool: this.where.pool }),
          reregisterStep(this.where, placeholder.name),
          ...this.repairLines(placeholder.name),
        ]),
      );
    }
    if (undemanded.length > 0) {
      this.add(
        finding('placeholderLacksUndemanded', { placeholder: placeholder.name, kedaAgent: reference.name, capabilities: undemanded }, []),
      );
    }
  }

  /** KEDA's `parent` mode counts a job only if the exactly named agent is among its matched agents. */
  private parentFindings(fitting: readonly ClassifiedAgent[]): void {
    const { parent } = this.settings.rules;
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
        ...this.registerSteps(this.proposal(parent)),
      ];
      this.add(finding('parentMissing', { pool, parent }, guidance, details));
    } else if (!this.matching.has(exact) && fitting.length > 0) {
      const unmet = unmetDemands(capabilitiesOf(exact), this.demands);
      this.add(finding('parentUnfit', { parent, unmet: unmet.map(formatDemand) }, this.refitSteps(exact, unmet)));
    }
  }

  /**
   * Jobs that wait for an agent to come online. A static pool has nothing that starts one, so that is a risk
   * there; a KEDA pool starts agents itself, so only when the user asks (a ScaledJob that never scales to zero).
   */
  private onlineFinding(): void {
    // An online agent that misses only the version minimum updates itself and takes the job.
    if (this.queue.outcome !== 'waits' || this.queue.online.length > 0) return;
    if (this.queue.awaitingUpdate.some((agent) => agent.enabled && agent.status === 'online')) return;
    if (this.keda && !this.settings.requireOnlineAgent) return;
    const steps = this.keda ? [line('fix.startAgent', {})] : [line('fix.startStaticAgent', {}), nameAsKedaStep(this.where)];
    this.add(finding('noOnlineAgent', { pool: this.snapshot.pool.name }, steps));
  }

  private pendingJobs(): JudgedPoolReport['pending'] {
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
          ...(this.settings.rules.parent ? { parent: this.settings.rules.parent } : {}),
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

/** In a pool that is not KEDA-scaled every agent is a static one; the evidence that made it look otherwise stays. */
function asStatic(classified: ClassifiedAgent): ClassifiedAgent {
  if (classified.kind === 'static') return classified;
  const kept = classified.reasons.filter((reason) => reason.code === 'kubernetesCapability');
  return { agent: classified.agent, kind: 'static', reasons: [...kept, { code: 'noKedaEvidence', params: {} }] };
}

/** A job as the user knows it: its pipeline and job name when the service gave them, else its request id. */
function jobLabel(request: JobRequest): string {
  const name = [request.definitionName, request.jobName].filter(Boolean).join(' / ');
  return name ? `${name} (#${request.requestId})` : `#${request.requestId}`;
}
