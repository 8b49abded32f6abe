/**
 * Project queues (location 900fa995), judged by the caller's role on each queue, not on its pool
 * (`DistributedTaskResourceService.FilterQueues`, `HasQueuePermission`; Server 2022, medium
 * confidence): left out without one, `actionFilter` judged by it (use = User, manage = Administrator).
 * A queue's role is the identity's `queueRoles` entry, else its role on the queue's pool. Without a `{project}` segment (node drops an undefined
 * project) the queues of every project are served.
 */
import { projectNotFound, queueNotFound } from '../errors';
import { queueContract } from '../contracts';
import { jsonReply } from '../reply';
import type { RequestContext, Route } from '../router';
import type { StoredQueue } from '../state';
import { renderCollection, renderJson } from '../wire';
import { ACTION_FILTER, allowsActions } from './access';

function queuesInScope({ org, params }: RequestContext): readonly StoredQueue[] {
  if (params.project === undefined) return org.listProjects().flatMap((project) => project.queues);
  const project = org.findProject(params.project);
  if (!project) throw projectNotFound(params.project);
  return project.queues;
}

function listQueues(context: RequestContext) {
  const { org, identity, params, query, wire } = context;
  const actionFilter = query.enumValue('actionFilter', ACTION_FILTER);
  const permitted = queuesInScope(context).filter((queue) => allowsActions(org.roleOnQueue(identity, queue), actionFilter));
  if (params.queueId !== undefined) {
    const queue = permitted.find((candidate) => String(candidate.id) === params.queueId);
    if (!queue) throw queueNotFound(params.queueId);
    return jsonReply(200, renderJson(queueContract(queue), wire));
  }
  const name = query.get('queueName')?.toLowerCase();
  const names = query.list('queueNames')?.map((item) => item.toLowerCase());
  const ids = query.intList('queueIds');
  const poolIds = query.intList('poolIds');
  const selected = permitted.filter(
    (queue) =>
      (name === undefined || queue.name.toLowerCase() === name) &&
      (names === undefined || names.includes(queue.name.toLowerCase())) &&
      (ids === undefined || ids.includes(queue.id)) &&
      (poolIds === undefined || poolIds.includes(queue.pool.id)),
  );
  return jsonReply(200, renderCollection(selected.map(queueContract), wire));
}

export const queueRoutes: Route[] = [
  { pattern: '{project}/_apis/distributedtask/queues/{queueId?}', handlers: { GET: listQueues } },
  { pattern: '_apis/distributedtask/queues/{queueId?}', handlers: { GET: listQueues } },
];
