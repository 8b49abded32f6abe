import type { JobRequest } from '../../../core/model/types';
import { text } from './text';

/** A request as people know it: its pipeline and job, else its id. */
export function jobLabel(request: Pick<JobRequest, 'requestId' | 'definitionName' | 'jobName'>): string {
  const name = [request.definitionName, request.jobName].filter(Boolean).join(' / ');
  return name || text('hub.job.requestId', { id: request.requestId });
}
