import type { JobRequest } from '../model/types';

/** Not finished: the service has not set a result (any result, `succeeded` included, means finished). */
export function isUnfinished(request: JobRequest): boolean {
  return request.result === undefined;
}

/** Waiting for an agent: not finished, not assigned, not received. */
export function isWaiting(request: JobRequest): boolean {
  return isUnfinished(request) && request.assignTime === undefined && request.receiveTime === undefined;
}
