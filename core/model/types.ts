/**
 * The service's data as the model sees it: one normalised shape, whatever client fetched it.
 * Wire differences (enums as numbers or strings, dates as ISO or `/Date(...)/`, wrapped or bare lists)
 * are resolved in `core/ado` and the hub's service layer before anything reaches the rules.
 */

export type AgentStatus = 'online' | 'offline';

export type Capabilities = Readonly<Record<string, string>>;

export interface AgentRef {
  id: number;
  name: string;
  version?: string;
  enabled?: boolean;
  status?: AgentStatus;
}

export interface JobRequest {
  requestId: number;
  poolId?: number;
  queueId?: number;
  /** Demands in the service's string form, the implicit `Agent.Version -gtVersion X` included. */
  demands: string[];
  queueTime?: Date;
  assignTime?: Date;
  receiveTime?: Date;
  finishTime?: Date;
  /** Absent while the job is unfinished; `succeeded`, `failed`, ... once done. */
  result?: string;
  /** Present only on un-`$top`ed lists, for unfinished requests. */
  matchedAgents?: AgentRef[];
  reservedAgent?: AgentRef;
  planType?: string;
  definitionName?: string;
  ownerName?: string;
  jobName?: string;
}

export interface Agent {
  id: number;
  name: string;
  /** Agent version as the agent reports it, e.g. `4.248.0`. */
  version: string;
  enabled: boolean;
  status: AgentStatus;
  provisioningState?: string;
  osDescription?: string;
  createdOn?: Date;
  /** Last online/offline flip. */
  statusChangedOn?: Date;
  /** Present only when capabilities were requested. */
  systemCapabilities?: Capabilities;
  userCapabilities?: Capabilities;
  /** Present (when requested) exactly while the agent runs a job. */
  assignedRequest?: JobRequest;
  lastCompletedRequest?: JobRequest;
}

/** `TaskAgentPoolOptions` flags (reference §9); the service may add more, which are kept as read. */
export type PoolOption = 'elasticPool' | 'singleUseAgents' | 'preserveAgentOnJobFailure' | 'billedPerUsage';

export interface Pool {
  id: number;
  name: string;
  isHosted: boolean;
  poolType: 'automation' | 'deployment';
  /** Registered agents as the service counts them. */
  size?: number;
  /** The pool's option flags; absent when the answer did not carry them (a queue's pool reference may not). */
  options?: readonly PoolOption[];
  /** The agent cloud that provisions the pool's agents: Microsoft's for hosted pools, Azure's for Managed DevOps Pools. */
  agentCloudId?: number;
  /** Whether the service may update the pool's agents; absent (a queue's pool reference) means the default, yes. */
  autoUpdate?: boolean;
}

/**
 * A check configured on a resource of a project (Approvals and checks), as far as the product reads one:
 * the task a task check runs and that task's inputs.
 */
export interface CheckConfiguration {
  id: number;
  resource: { type: string; id: string; name?: string };
  /** Minutes the check may take before the stage is skipped. */
  timeout?: number;
  displayName?: string;
  /** The id of the task a task check runs, lower-cased. */
  taskId?: string;
  inputs: Readonly<Record<string, string>>;
  /** Minutes between evaluations while it does not pass; absent or 0: its first decision is final. */
  retryInterval?: number;
}

export interface Queue {
  id: number;
  name: string;
  projectId?: string;
  pool: { id: number; name: string; isHosted?: boolean; options?: readonly PoolOption[] };
}

/** Everything the model needs to judge one pool, fetched once. */
export interface PoolSnapshot {
  pool: Pool;
  agents: Agent[];
  /** Unfinished job requests (queued, assigned or running). */
  jobRequests: JobRequest[];
  /**
   * The pool's most recent job requests, finished ones included, newest first: who ran its jobs lately and
   * what they demanded. Absent when not read (a pool whose agents are not read, or an older caller).
   */
  history?: JobRequest[];
  /**
   * The pool's requests of the last day, at most 500, newest first, for the waits of its jobs
   * (`core/model/waits.ts`); read only where the waits are judged (the task, the CLI). Without it the waits
   * come from `history`.
   */
  waitWindow?: JobRequest[];
  /** When the data was read; all ages are measured from here. */
  takenAt: Date;
  /** Which optional agent details were requested; an absent flag means unknown. */
  included?: { lastCompletedRequest?: boolean };
}
