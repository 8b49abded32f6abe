import { Agent, AgentRef, AgentStatus, Capabilities, JobRequest, Pool, PoolOption, Queue } from '../model/types';
import { AdoError } from './errors';

/**
 * Reading the service's JSON into the model's types. The service is lenient in what it sends
 * (members omitted or null, enums as names or numbers), so every reader is too, and a body of the
 * wrong shape is reported as malformed rather than crashing a rule far away.
 */
export class WireShapeError extends Error {
  readonly name = 'WireShapeError';
}

export type Json = Record<string, unknown>;

/**
 * A 2xx answer read into the model. Only a body that fails the readers' checks is `malformed`: any other
 * error (a `TypeError`, say) is a fault of ours, not of the service, and goes on as it is, so that it is
 * reported as an internal error and never taken for an answer that went wrong.
 */
export function readAnswer<T>(read: () => T, method: string, resource: string, status?: number): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof WireShapeError) throw new AdoError('malformed', method, resource, status, error.message);
    throw error;
  }
}

/** A single resource, which must be an object. */
export function readOne<T>(body: unknown, read: (item: Json) => T): T {
  return read(object(body));
}

/** A collection: `{count, value}` by default, a bare array with `noArrayWrap`. */
export function readList<T>(body: unknown, read: (item: Json) => T): T[] {
  const items = Array.isArray(body) ? body : isObject(body) && Array.isArray(body.value) ? body.value : undefined;
  if (!items) throw new WireShapeError('expected a list');
  return items.map((item) => read(object(item)));
}

export function readPool(json: Json): Pool {
  return {
    id: int(json.id),
    name: str(json.name),
    isHosted: json.isHosted === true,
    poolType: json.poolType === 'deployment' || json.poolType === 2 ? 'deployment' : 'automation',
    size: typeof json.size === 'number' ? json.size : undefined,
    options: poolOptions(json.options),
    agentCloudId: optionalInt(json.agentCloudId),
    autoUpdate: typeof json.autoUpdate === 'boolean' ? json.autoUpdate : undefined,
  };
}

/** `TaskAgentPoolOptions` bits (reference §9), for the browser client's `enumsAsNumbers`. */
const POOL_OPTION_BITS: readonly [number, PoolOption][] = [
  [1, 'elasticPool'],
  [2, 'singleUseAgents'],
  [4, 'preserveAgentOnJobFailure'],
  [8, 'billedPerUsage'],
];

/** Flags arrive as `"elasticPool, singleUseAgents"` or as OR-ed numbers; names unknown to us are dropped. */
function poolOptions(value: unknown): PoolOption[] | undefined {
  if (typeof value === 'number') return POOL_OPTION_BITS.filter(([bit]) => (value & bit) !== 0).map(([, option]) => option);
  if (typeof value !== 'string') return undefined;
  const names = value.split(',').map((name) => name.trim().toLowerCase());
  return POOL_OPTION_BITS.map(([, option]) => option).filter((option) => names.includes(option.toLowerCase()));
}

export function readQueue(json: Json): Queue {
  const pool = object(json.pool);
  return {
    id: int(json.id),
    name: str(json.name),
    projectId: optionalStr(json.projectId),
    pool: { id: int(pool.id), name: str(pool.name), isHosted: pool.isHosted === true, options: poolOptions(pool.options) },
  };
}

export function readAgent(json: Json): Agent {
  return {
    id: int(json.id),
    name: str(json.name),
    version: optionalStr(json.version) ?? '',
    // The service omits `enabled` when it holds its default.
    enabled: json.enabled !== false,
    status: status(json.status),
    provisioningState: optionalStr(json.provisioningState),
    osDescription: optionalStr(json.osDescription),
    createdOn: date(json.createdOn),
    statusChangedOn: date(json.statusChangedOn),
    systemCapabilities: capabilities(json.systemCapabilities),
    userCapabilities: capabilities(json.userCapabilities),
    assignedRequest: isObject(json.assignedRequest) ? readJobRequest(json.assignedRequest) : undefined,
    lastCompletedRequest: isObject(json.lastCompletedRequest) ? readJobRequest(json.lastCompletedRequest) : undefined,
  };
}

export function readJobRequest(json: Json): JobRequest {
  return {
    requestId: int(json.requestId),
    poolId: optionalInt(json.poolId),
    queueId: optionalInt(json.queueId),
    demands: Array.isArray(json.demands) ? json.demands.map(demand) : [],
    queueTime: date(json.queueTime),
    assignTime: date(json.assignTime),
    receiveTime: date(json.receiveTime),
    finishTime: date(json.finishTime),
    result: result(json.result),
    matchedAgents: Array.isArray(json.matchedAgents) ? json.matchedAgents.map((a) => agentRef(object(a))) : undefined,
    reservedAgent: isObject(json.reservedAgent) ? agentRef(json.reservedAgent) : undefined,
    planType: optionalStr(json.planType),
    definitionName: isObject(json.definition) ? optionalStr(json.definition.name) : undefined,
    ownerName: isObject(json.owner) ? optionalStr(json.owner.name) : undefined,
    jobName: optionalStr(json.jobName),
  };
}

function agentRef(json: Json): AgentRef {
  return {
    id: int(json.id),
    name: str(json.name),
    version: optionalStr(json.version),
    enabled: typeof json.enabled === 'boolean' ? json.enabled : undefined,
    status: json.status === undefined || json.status === null ? undefined : status(json.status),
  };
}

/** The wire form is a string; the 7.1 spec's `{name, value}` object is accepted too. */
function demand(value: unknown): string {
  if (typeof value === 'string') return value;
  const { name, value: operand } = object(value);
  return operand === undefined || operand === null ? str(name) : `${str(name)} -equals ${String(operand)}`;
}

const RESULTS = ['succeeded', 'succeededWithIssues', 'failed', 'canceled', 'skipped', 'abandoned'];

/** Unfinished requests have no result; `0` means succeeded, so it must not be read as "absent". */
function result(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return RESULTS[value] ?? String(value);
  return str(value);
}

function status(value: unknown): AgentStatus {
  if (value === 'online' || value === 2) return 'online';
  if (value === 'offline' || value === 1) return 'offline';
  if (typeof value === 'string' && value.toLowerCase() === 'online') return 'online';
  return 'offline';
}

function capabilities(value: unknown): Capabilities | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) out[name] = v === null || v === undefined ? '' : String(v);
  return out;
}

function date(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value !== 'string' || value === '') return undefined;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw new WireShapeError(`unreadable date ${JSON.stringify(value)}`);
  return parsed;
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function object(value: unknown): Json {
  if (!isObject(value)) throw new WireShapeError('expected an object');
  return value;
}

export function str(value: unknown): string {
  if (typeof value !== 'string') throw new WireShapeError('expected a string');
  return value;
}

export function optionalStr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function int(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new WireShapeError('expected an integer id');
  return value;
}

export function optionalInt(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
