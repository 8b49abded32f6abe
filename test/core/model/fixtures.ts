import { classificationRules, type ClassificationRules } from '../../../core/model/classify';
import type { Agent, JobRequest, Pool, PoolSnapshot } from '../../../core/model/types';
import type { PoolSettings } from '../../../core/model/settings';

export const NOW = new Date('2024-05-01T12:00:00Z');
export const minutesAgo = (minutes: number): Date => new Date(NOW.getTime() - minutes * 60_000);
export const hoursAgo = (hours: number): Date => minutesAgo(hours * 60);

export const KEDA_VERSION = '3.240.1';
let nextId = 1000;

/** An agent registered from a ScaledJob pod: pod name, Kubernetes environment, the image's tools. */
export function kedaAgent(name: string, extra: Partial<Agent> = {}, capabilities: Record<string, string> = {}): Agent {
  const version = extra.version ?? KEDA_VERSION;
  return {
    id: nextId++,
    name,
    version,
    enabled: true,
    status: 'online',
    createdOn: minutesAgo(30),
    statusChangedOn: minutesAgo(30),
    systemCapabilities: {
      'Agent.Name': name,
      'Agent.Version': version,
      'Agent.OS': 'Linux',
      HOSTNAME: name,
      KUBERNETES_SERVICE_HOST: '10.0.0.1',
      KUBERNETES_PORT_443_TCP: 'tcp://10.0.0.1:443',
      REDIS_SERVICE_HOST: '10.0.0.9',
      helm: '/usr/local/bin/helm',
      kubectl: '/usr/local/bin/kubectl',
      ...capabilities,
    },
    ...extra,
  };
}

/** A placeholder registered like the KEDA agents but stopped: offline, same image unless overridden. */
export function placeholderAgent(name: string, extra: Partial<Agent> = {}, capabilities: Record<string, string> = {}): Agent {
  return kedaAgent(
    name,
    { status: 'offline', createdOn: hoursAgo(24 * 30), statusChangedOn: hoursAgo(24 * 30), ...extra },
    {
      HOSTNAME: name,
      'Agent.Name': name,
      ...capabilities,
    },
  );
}

export function staticAgent(name: string, extra: Partial<Agent> = {}, capabilities: Record<string, string> = {}): Agent {
  const version = extra.version ?? KEDA_VERSION;
  return {
    id: nextId++,
    name,
    version,
    enabled: true,
    status: 'online',
    createdOn: hoursAgo(24 * 100),
    systemCapabilities: { 'Agent.Name': name, 'Agent.Version': version, helm: 'C:\\helm.exe', ...capabilities },
    ...extra,
  };
}

export function queuedJob(requestId: number, demands: string[], queuedMinutesAgo: number, extra: Partial<JobRequest> = {}): JobRequest {
  return { requestId, demands, queueTime: minutesAgo(queuedMinutesAgo), ...extra };
}

export function snapshotOf(agents: Agent[], jobRequests: JobRequest[] = [], pool = 'k8s-linux'): PoolSnapshot {
  return { pool: { id: 7, name: pool, isHosted: false, poolType: 'automation' }, agents, jobRequests, takenAt: NOW };
}

/** The same snapshot with other pool fields (kind), or a job history. */
export function withPool(snapshot: PoolSnapshot, fields: Partial<Pool>): PoolSnapshot {
  return { ...snapshot, pool: { ...snapshot.pool, ...fields } };
}

export function withHistory(snapshot: PoolSnapshot, history: JobRequest[]): PoolSnapshot {
  return { ...snapshot, history };
}

/** A finished request that `agent` ran. */
export function finishedJob(requestId: number, demands: string[], agent: string, finishedHoursAgo = 2): JobRequest {
  return {
    requestId,
    demands,
    queueTime: hoursAgo(finishedHoursAgo + 0.5),
    assignTime: hoursAgo(finishedHoursAgo + 0.4),
    receiveTime: hoursAgo(finishedHoursAgo + 0.4),
    finishTime: hoursAgo(finishedHoursAgo),
    result: 'succeeded',
    reservedAgent: { id: 1, name: agent },
    definitionName: 'deploy',
    jobName: 'Job',
  };
}

export function settingsOf(extra: Partial<PoolSettings> = {}, rules: Partial<ClassificationRules> = {}): PoolSettings {
  return { demands: ['helm'], rules: classificationRules(rules), ...extra };
}
