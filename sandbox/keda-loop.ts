/**
 * Plays KEDA ScaledJobs against the sandbox's pools: each poll counts the pool's waiting jobs as the
 * `azure-pipelines` trigger would, starts agent "pods" for them, and each pod, once started, registers an
 * agent, takes one job, receives it, runs it, goes offline and (sometimes) deregisters, like a `--once`
 * agent in a Job. Starting and receiving take the time configured, so the job requests show real waits.
 */
import { effectiveCapabilities } from './capabilities';
import { parseDemand, satisfiesAll } from './demands';
import { jobsToCreate, queueLength, type AzurePipelinesTrigger, type JobRequestAsKedaSeesIt } from './keda-trigger';
import { isPodName, POD_OS_DESCRIPTION, podName, podSystemCapabilities } from './kubernetes-agent';
import { createRandom, type Random } from './random';
import type { OrgState, StoredAgent, StoredPool } from './state';

export interface ScaledJobConfig {
  /** Organization whose pool the trigger names. */
  org: string;
  /** The ScaledJob's name; pods, and so agents, are named `<name>-xxxxx-xxxxx`. */
  name: string;
  trigger: AzurePipelinesTrigger;
  /** Upper bound on this ScaledJob's unfinished pods (KEDA's default is 100; 10 suits a sandbox). */
  maxReplicaCount?: number;
  /** KEDA's `pollingInterval`, in milliseconds. */
  pollingIntervalMs?: number;
  /** How long each job runs once its agent has received it. */
  jobDurationMs?: number;
  /**
   * From KEDA creating the pod to its agent registering online, when the service assigns it a waiting job:
   * scheduling, image pull, container start and `config.sh`. KEDA's captured running request waited 40 s
   * between queueing and assignment (`jobrequest-assigned-keda.json`). Default 0: at once.
   */
  podStartupMs?: number;
  /** From the assignment to the agent receiving the job (2.5 to 3.3 s in captured requests). Default 0: at once. */
  agentStartMs?: number;
  /**
   * Share of pods whose agent deregisters on exit (the stock image's trap). The others stay
   * registered and offline, as `--once` agents do when the trap is skipped or the pod is killed.
   */
  deregisterShare?: number;
  agentVersion?: string;
  /** Tool capabilities of the agent image, on top of what the pod's environment gives every agent. */
  capabilities?: Record<string, string>;
  /** Seeds pod names and deregistration choices. */
  seed?: number;
}

export interface KedaLoopOptions {
  /** false: nothing moves on its own, only `tick()` does (deterministic tests). Default true. */
  autoRun?: boolean;
  /** Milliseconds since the epoch; lets tests run jobs of non-zero duration without waiting. */
  now?: () => number;
  /** Where failures inside timer callbacks go (they cannot reach a caller). */
  onError?: (error: unknown) => void;
}

export interface KedaLoop {
  /** One poll of every ScaledJob: finish jobs that are due, hand waiting jobs to idle pods, scale. */
  tick(): Promise<void>;
  /** Stops every timer; agents and jobs stay as they are, as if KEDA itself went away. */
  stop(): Promise<void>;
}

/** Organizations the loop can reach: one, or several (e.g. the values of the sandbox's organization map). */
export type KedaLoopOrganizations = OrgState | Iterable<OrgState>;

const DEFAULTS = {
  maxReplicaCount: 10,
  pollingIntervalMs: 30_000,
  jobDurationMs: 20_000,
  deregisterShare: 0.8,
  podStartupMs: 0,
  agentStartMs: 0,
  agentVersion: '4.248.0',
  capabilities: {
    kubectl: '/usr/local/bin/kubectl',
    helm: '/usr/local/bin/helm',
    docker: '/usr/bin/docker',
    git: '/usr/bin/git',
    sh: '/bin/sh',
  },
  seed: 1,
} satisfies Omit<Required<ScaledJobConfig>, 'org' | 'name' | 'trigger'>;

/**
 * A running Kubernetes Job of the ScaledJob: starting until `readyAt`, then its agent, and its job once it
 * has taken one; each step on one timer at a time.
 */
interface Pod {
  readonly name: string;
  readonly deregistersOnExit: boolean;
  readyAt: number;
  /** Registered when the pod has started. */
  agent?: StoredAgent;
  requestId?: number;
  /** When its agent receives the job it was assigned. */
  receiveAt?: number;
  received: boolean;
  finishAt?: number;
  timer?: NodeJS.Timeout;
}

export function startKedaLoop(
  organizations: KedaLoopOrganizations,
  configs: readonly ScaledJobConfig[],
  options: KedaLoopOptions = {},
): KedaLoop {
  const autoRun = options.autoRun ?? true;
  const now = options.now ?? Date.now;
  const onError = options.onError ?? ((error: unknown) => console.error('KEDA loop:', error));
  const orgs = Symbol.iterator in organizations ? [...organizations] : [organizations];
  // Every configuration is checked before any of them touches the state or starts a timer.
  const scaledJobs = configs.map((config) => new ScaledJobPlayer(findOrganization(orgs, config.org), config, now, autoRun, onError));
  for (const player of scaledJobs) player.start();
  // KEDA polls once when the scaler starts, then every pollingInterval.
  const firstPolls = autoRun ? scaledJobs.map((player) => setImmediate(() => guarded(() => player.poll(), onError))) : [];
  const polls = autoRun
    ? scaledJobs.map((player) => setInterval(() => guarded(() => player.poll(), onError), player.pollingIntervalMs))
    : [];
  return {
    async tick() {
      for (const player of scaledJobs) player.poll();
    },
    async stop() {
      for (const immediate of firstPolls) clearImmediate(immediate);
      for (const interval of polls) clearInterval(interval);
      for (const player of scaledJobs) player.stop();
    },
  };
}

function findOrganization(orgs: readonly OrgState[], name: string): OrgState {
  const found = orgs.find((org) => org.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new Error(`KEDA loop: no organization named ${name}`);
  return found;
}

/**
 * How long the demo's pods take to start and their agents to receive a job: the jobs' waits for an agent
 * that the demo scenario's history shows, and that jobs queued while the demo runs get.
 */
export const DEMO_POD_STARTUP_MS = 12_000;
export const DEMO_AGENT_START_MS = 3_000;

/**
 * What `--keda` plays: one ScaledJob per pool whose name starts with `keda` (the demo's convention),
 * counting every waiting job, with pods that start in `DEMO_POD_STARTUP_MS` and jobs of 15 s so a demo
 * visibly moves. It polls every second, so that a job waits for KEDA's poll no more than that on top.
 */
export function scaledJobsForKedaPools(organizations: Iterable<OrgState>): ScaledJobConfig[] {
  return [...organizations].flatMap((org) =>
    org
      .listPools()
      .filter((pool) => /^keda/i.test(pool.name))
      .map((pool) => ({
        org: org.name,
        name: 'azdevops-scaledjob',
        trigger: { poolName: pool.name },
        pollingIntervalMs: 1_000,
        jobDurationMs: 15_000,
        podStartupMs: DEMO_POD_STARTUP_MS,
        agentStartMs: DEMO_AGENT_START_MS,
        seed: pool.id,
      })),
  );
}

function guarded(action: () => void, onError: (error: unknown) => void): void {
  try {
    action();
  } catch (error) {
    onError(error);
  }
}

class ScaledJobPlayer {
  readonly pollingIntervalMs: number;
  private readonly pool: StoredPool;
  private readonly settings: Required<ScaledJobConfig>;
  private readonly random: Random;
  private readonly pods: Pod[] = [];
  private unsubscribe?: () => void;
  private stopped = false;
  private polled = false;

  constructor(
    private readonly org: OrgState,
    config: ScaledJobConfig,
    private readonly now: () => number,
    private readonly autoRun: boolean,
    private readonly onError: (error: unknown) => void,
  ) {
    this.settings = { ...DEFAULTS, ...withoutUndefined(config), org: config.org, name: config.name, trigger: config.trigger };
    const { maxReplicaCount, deregisterShare, pollingIntervalMs, jobDurationMs, podStartupMs, agentStartMs, trigger } = this.settings;
    if (!(maxReplicaCount >= 1)) throw new RangeError(`KEDA loop ${config.name}: maxReplicaCount must be at least 1`);
    if (!(deregisterShare >= 0 && deregisterShare <= 1))
      throw new RangeError(`KEDA loop ${config.name}: deregisterShare must be within 0..1`);
    if (!(pollingIntervalMs > 0) || !(jobDurationMs >= 0) || !(podStartupMs >= 0) || !(agentStartMs >= 0))
      throw new RangeError(
        `KEDA loop ${config.name}: pollingIntervalMs must be positive, jobDurationMs, podStartupMs and agentStartMs not negative`,
      );
    if (trigger.targetPipelinesQueueLength !== undefined && !(trigger.targetPipelinesQueueLength >= 1)) {
      throw new RangeError(`KEDA loop ${config.name}: targetPipelinesQueueLength must be at least 1`);
    }
    this.pollingIntervalMs = pollingIntervalMs;
    this.random = createRandom(this.settings.seed);
    // KEDA resolves the pool name once, when it builds the scaler, and fails the same way when it is unknown.
    const pool = org.findPoolByName(trigger.poolName);
    if (!pool) throw new Error(`KEDA loop ${config.name}: agent pool with name \`${trigger.poolName}\` not found`);
    this.pool = pool;
  }

  start(): void {
    // Pods already running when KEDA starts watching (a scenario's busy agents) are this ScaledJob's too.
    for (const agent of this.org.listAgents(this.pool.id)) {
      if (agent.status === 'online' && isPodName(this.settings.name, agent.name)) this.adopt(agent);
    }
    // A listening agent gets a job as soon as the service has one for it, not at KEDA's next poll.
    if (this.autoRun) {
      this.unsubscribe = this.org.onChange((event) => {
        if (!this.stopped && event.type === 'jobQueued' && event.pool === this.pool) guarded(() => this.handOutJobs(), this.onError);
      });
    }
  }

  poll(): void {
    if (this.stopped) return;
    this.finishDueJobs();
    this.receiveDueJobs();
    this.registerStartedPods();
    this.handOutJobs();
    this.scale();
    this.handOutJobs();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    for (const pod of this.pods) clearTimeout(pod.timer);
  }

  private scale(): void {
    const requests = this.org.listRequests(this.pool.id);
    const jobs = requests.map((request): JobRequestAsKedaSeesIt => ({
      result: request.result,
      receiveTime: request.receiveTime,
      demands: [...request.demands],
      // Only the parent rule reads matchedAgents, and computing them for a long history is not free.
      matchedAgents:
        this.settings.trigger.parent && request.result === undefined ? this.org.matchingAgents(this.pool.id, request.demands) : undefined,
    }));
    const count = jobsToCreate({
      queueLength: queueLength(jobs, this.settings.trigger),
      targetPipelinesQueueLength: this.settings.trigger.targetPipelinesQueueLength ?? 1,
      maxReplicaCount: this.settings.maxReplicaCount,
      running: this.pods.length,
      // Starting, idle, or assigned a job its agent has not received yet: no pod of these runs a job.
      pending: this.pods.filter((pod) => !pod.received).length,
    });
    // KEDA has been polling all along: at the loop's first poll, the pods for jobs already waiting have been
    // starting since those jobs were queued, so a scenario's waiting jobs wait the start-up time, no longer.
    const waitingSince = this.polled
      ? []
      : requests
          .filter((request, i) => !request.assignTime && queueLength([jobs[i]], this.settings.trigger) > 0)
          .map((request) => request.queueTime.getTime());
    this.polled = true;
    for (let i = 0; i < count; i++) this.startPod(waitingSince[i]);
  }

  /** KEDA creates a Job (now, unless `createdAt` says it did before); its agent registers `podStartupMs` later. */
  private startPod(createdAt = this.now()): void {
    const { name, podStartupMs, deregisterShare } = this.settings;
    let agentName = podName(name, this.random);
    while (this.org.findAgentByName(this.pool.id, agentName) || this.pods.some((pod) => pod.name === agentName)) {
      agentName = podName(name, this.random);
    }
    // Never created in the future, whatever clock stamped the job it was started for.
    const startingMs = Math.max(0, Math.min(createdAt, this.now()) + podStartupMs - this.now());
    const pod: Pod = {
      name: agentName,
      deregistersOnExit: this.random.chance(deregisterShare),
      readyAt: this.now() + startingMs,
      received: false,
    };
    this.pods.push(pod);
    if (startingMs === 0) this.register(pod);
    else if (this.autoRun)
      pod.timer = this.after(startingMs, () => {
        this.register(pod);
        this.handOutJobs();
      });
  }

  /** The pod's agent registers and comes online, as `config.sh` then `run.sh --once` do. */
  private register(pod: Pod): void {
    const { agentVersion, capabilities } = this.settings;
    pod.agent = this.org.registerAgent(this.pool.id, {
      name: pod.name,
      version: agentVersion,
      status: 'online',
      osDescription: POD_OS_DESCRIPTION,
      systemCapabilities: podSystemCapabilities({ podName: pod.name, agentVersion, tools: capabilities }),
    });
  }

  private adopt(agent: StoredAgent): void {
    const pod: Pod = {
      name: agent.name,
      agent,
      deregistersOnExit: this.random.chance(this.settings.deregisterShare),
      readyAt: this.now(),
      received: false,
    };
    this.pods.push(pod);
    if (agent.assignedRequest) {
      pod.requestId = agent.assignedRequest.requestId;
      this.run(pod);
    }
  }

  /** The agent has received its job, which runs for `jobDurationMs`. */
  private run(pod: Pod): void {
    pod.received = true;
    pod.finishAt = this.now() + this.settings.jobDurationMs;
    if (this.autoRun) pod.timer = this.after(this.settings.jobDurationMs, () => this.exit(pod));
  }

  /** The service gives the oldest waiting job to an idle agent that satisfies its demands. */
  private handOutJobs(): void {
    const { agentStartMs } = this.settings;
    for (const pod of this.pods) {
      const agent = pod.agent;
      if (pod.requestId !== undefined || !agent || !this.isRegistered(pod) || !agent.enabled || agent.status !== 'online') continue;
      const capabilities = effectiveCapabilities(agent);
      const job = this.org.pendingRequests(this.pool.id).find((request) => satisfiesAll(capabilities, request.demands.map(parseDemand)));
      if (!job) continue;
      this.org.assignRequest(this.pool.id, job.requestId, agent.id, { received: agentStartMs === 0 });
      pod.requestId = job.requestId;
      if (agentStartMs === 0) {
        this.run(pod);
        continue;
      }
      pod.receiveAt = this.now() + agentStartMs;
      if (this.autoRun) pod.timer = this.after(agentStartMs, () => this.receive(pod));
    }
    this.forgetVanishedPods();
  }

  private receive(pod: Pod): void {
    if (!this.pods.includes(pod) || pod.requestId === undefined) return;
    if (!this.isRegistered(pod)) return this.exit(pod);
    const request = this.org.getRequest(this.pool.id, pod.requestId);
    // Someone finished (cancelled) it meanwhile: the agent has nothing to receive, and its pod ends.
    if (!request || request.result !== undefined) return this.exit(pod);
    this.org.receiveRequest(this.pool.id, pod.requestId);
    this.run(pod);
  }

  private registerStartedPods(): void {
    for (const pod of this.pods.filter((candidate) => !candidate.agent && candidate.readyAt <= this.now())) {
      clearTimeout(pod.timer);
      this.register(pod);
    }
  }

  private receiveDueJobs(): void {
    const due = this.pods.filter((pod) => !pod.received && pod.receiveAt !== undefined && pod.receiveAt <= this.now());
    for (const pod of due) {
      clearTimeout(pod.timer);
      this.receive(pod);
    }
  }

  private finishDueJobs(): void {
    const due = this.pods.filter((pod) => pod.finishAt !== undefined && pod.finishAt <= this.now());
    for (const pod of due) this.exit(pod);
  }

  private after(ms: number, action: () => void): NodeJS.Timeout {
    return setTimeout(() => guarded(action, this.onError), ms);
  }

  /** The job ends, the agent goes offline, and only some agents deregister on the way out. */
  private exit(pod: Pod): void {
    const index = this.pods.indexOf(pod);
    if (index < 0) return;
    clearTimeout(pod.timer);
    this.pods.splice(index, 1);
    if (!this.isRegistered(pod)) return;
    const request = pod.requestId === undefined ? undefined : this.org.getRequest(this.pool.id, pod.requestId);
    if (request && request.result === undefined) this.org.finishRequest(this.pool.id, request.requestId, 'succeeded');
    const agent = pod.agent as StoredAgent;
    this.org.setAgentStatus(this.pool.id, agent.id, 'offline');
    if (pod.deregistersOnExit) this.org.deleteAgent(this.pool.id, agent.id);
  }

  /** Whether the pod's agent is the one registered under its id; a pod still starting has none yet. */
  private isRegistered(pod: Pod): boolean {
    return pod.agent !== undefined && this.org.getAgent(this.pool.id, pod.agent.id) === pod.agent;
  }

  /** A pod whose agent someone deleted (a cleanup, a test) has lost its job and exits with it. */
  private forgetVanishedPods(): void {
    for (const pod of this.pods.filter((candidate) => candidate.agent && !this.isRegistered(candidate))) this.exit(pod);
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as Partial<T>;
}
