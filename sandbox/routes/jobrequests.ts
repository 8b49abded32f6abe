/**
 * Pool job requests (location fc825784), in the forms KEDA and the clients use (reference §6.5):
 *   `$top=N[&continuationToken=T]`  newest first, finished ones included, no `matchedAgents`, at
 *                                    most 200 per page, more announced by `x-ms-continuationtoken`;
 *   `completedRequestCount=N`       every unfinished request plus the N latest finished ones;
 *   no query                        the whole history;
 * the last two oldest first, each unfinished request with the agents that can take it
 * (`matchedAgents`, computed now, so agents registered after queueing appear). `agentId`/`agentIds`
 * narrow every form to the requests those agents took.
 */
import { jobRequestContract } from '../contracts';
import { argumentInvalid, jobRequestNotFound } from '../errors';
import { jsonReply } from '../reply';
import type { RequestContext, Route } from '../router';
import { isFinished, type StoredJobRequest, type StoredPool } from '../state';
import { renderCollection, renderJson } from '../wire';
import { canView, namedPool } from './access';

/** The service's page cap on `$top`, whatever the caller asks for (kedacore/keda#6819). */
export const JOB_REQUEST_PAGE_LIMIT = 200;

function withMatches(context: RequestContext, pool: StoredPool, request: StoredJobRequest) {
  const matched = isFinished(request) ? undefined : context.org.matchingAgents(pool.id, request.demands);
  return jobRequestContract(request, context.links, matched);
}

function byAgents(context: RequestContext, requests: StoredJobRequest[]): StoredJobRequest[] {
  const single = context.query.int('agentId');
  const agentIds = context.query.intList('agentIds') ?? (single === undefined ? undefined : [single]);
  return agentIds === undefined ? requests : requests.filter((request) => agentIds.includes(request.reservedAgent?.id ?? -1));
}

function page(context: RequestContext, requests: StoredJobRequest[], top: number) {
  if (top < 0) throw argumentInvalid(`The value '${top}' is not valid for $top.`);
  // The token is the id of the last request handed out; the next page continues below it.
  const after = context.query.int('continuationToken');
  const newestFirst = [...requests].reverse().filter((request) => after === undefined || request.requestId < after);
  const items = newestFirst.slice(0, Math.min(top, JOB_REQUEST_PAGE_LIMIT));
  const last = items[items.length - 1];
  const headers: Record<string, string> =
    last && newestFirst.length > items.length ? { 'x-ms-continuationtoken': String(last.requestId) } : {};
  return jsonReply(
    200,
    renderCollection(
      items.map((request) => jobRequestContract(request, context.links)),
      context.wire,
    ),
    headers,
  );
}

function unfinishedAndLatestFinished(requests: StoredJobRequest[], completedRequestCount: number | undefined): StoredJobRequest[] {
  if (completedRequestCount === undefined) return requests;
  const finished = requests.filter(isFinished).sort((a, b) => (a.finishTime as Date).getTime() - (b.finishTime as Date).getTime());
  const kept = new Set(finished.slice(Math.max(0, finished.length - completedRequestCount)));
  return requests.filter((request) => !isFinished(request) || kept.has(request));
}

export const jobRequestRoutes: Route[] = [
  {
    pattern: '_apis/distributedtask/pools/{poolId}/jobrequests/{requestId?}',
    handlers: {
      GET: (context) => {
        const { org, params, query, wire } = context;
        const pool = namedPool(context, params.poolId);
        // Without View on the pool every list form answers empty, and one request as if it did not exist.
        const viewable = canView(context, pool);
        if (params.requestId !== undefined) {
          const request = viewable && /^\d+$/.test(params.requestId) ? org.getRequest(pool.id, Number(params.requestId)) : undefined;
          if (!request) throw jobRequestNotFound(params.requestId);
          return jsonReply(200, renderJson(withMatches(context, pool, request), wire));
        }
        if (!viewable) return jsonReply(200, renderCollection([], wire));
        const requests = byAgents(context, org.listRequests(pool.id));
        const top = query.int('$top');
        if (top !== undefined) return page(context, requests, top);
        const listed = unfinishedAndLatestFinished(requests, query.int('completedRequestCount'));
        return jsonReply(
          200,
          renderCollection(
            listed.map((request) => withMatches(context, pool, request)),
            wire,
          ),
        );
      },
    },
  },
];
