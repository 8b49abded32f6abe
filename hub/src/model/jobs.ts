import { formatMessage } from '../../../core/model/render';
import type { JobRequest } from '../../../core/model/types';

/** A request as people know it: its pipeline and job, else its id. */
export function jobLabel(request: Pick<JobRequest, 'requestId' | 'definitionName' | 'jobName'>): string {
  const name = [request.definitionName, request.jobName].filter(Boolean).join(' / ');
  return name || formatMessage('hub.job.requestId', { id: request.requestId }, 'text');
}
