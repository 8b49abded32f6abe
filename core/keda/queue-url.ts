import { goQueryEscape } from './go';
import type { PoolRef, QueueUrlForm, ScalingSettings } from './types';
import { KedaVersion, SINCE, isAtLeast } from './version';

/** The URLs KEDA calls: plain `GET`s built with `fmt.Sprintf`, no `api-version`, `$top` written literally. */

/** The most job requests the service returns for `$top`, whatever is asked (kedacore/keda#6819). */
export const TOP_RESPONSE_CAP = 200;

/** `GetAzurePipelinesQueueURL`: `fetchUnfinishedJobsOnly` first, then `parent`, else `$top`. */
export function queueUrlForm(settings: ScalingSettings): QueueUrlForm {
  if (settings.fetchUnfinishedJobsOnly) return 'unfinishedOnly';
  return settings.parent !== '' ? 'all' : 'top';
}

export function queueRequestUrl(organizationUrl: string, poolId: number, settings: ScalingSettings): string {
  const base = `${organizationUrl}/_apis/distributedtask/pools/${poolId}/jobrequests`;
  switch (queueUrlForm(settings)) {
    case 'unfinishedOnly':
      return `${base}?completedRequestCount=0`;
    case 'all':
      return base;
    case 'top':
      return `${base}?$top=${settings.jobsToFetch}`;
  }
}

/**
 * The call made once, when the scaler is built: a name lookup (query-escaped since 2.12.1, kedacore/keda#5120),
 * or a probe of the id whose only effect is its status code.
 */
export function poolLookupUrl(organizationUrl: string, pool: PoolRef, version: KedaVersion): string {
  const base = `${organizationUrl}/_apis/distributedtask/pools`;
  if (pool.kind === 'id') return `${base}?poolID=${pool.id}`;
  const name = isAtLeast(version, SINCE.poolNameQueryEscaped) ? goQueryEscape(pool.name) : pool.name;
  return `${base}?poolName=${name}`;
}
