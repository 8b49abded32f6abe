/**
 * `/_sandbox/` control endpoints: outside the Azure DevOps routes, no authentication, never
 * faulted or logged. They let a demo or a test do what a pipeline or an operator would:
 *
 *   POST   /_sandbox/{org}/jobs    {pool, demands?, minAgentVersion?, definitionName?}
 *                                  201 + the job request, or 422 with the service's refusal message
 *   GET    /_sandbox/requests      the request log;  DELETE clears it
 *   GET    /_sandbox/faults        the fault rules;  PUT [rules] replaces them;  DELETE clears them
 *   GET    /_sandbox/state/{org}   the organization's state, for debugging
 */
import { agentContract, jobRequestContract, poolReference, type LinkBase } from './contracts';
import { sandboxError } from './errors';
import { faultRuleFromJson, type FaultInjector, type FaultRuleJson } from './faults';
import { emptyReply, jsonReply } from './reply';
import type { RequestLog } from './request-log';
import { Router, type Route } from './router';
import { isFinished, type OrgState } from './state';
import { DEFAULT_WIRE_OPTIONS, renderJson, type WireValue } from './wire';

export interface ControlTarget {
  findOrg(name: string): OrgState | undefined;
  faults: FaultInjector;
  log: RequestLog;
}

export interface ControlContext {
  target: ControlTarget;
  params: Record<string, string>;
  body: unknown;
  /** `http://host:port` as the caller reached the sandbox. */
  baseUrl: string;
}

const json = (status: number, value: WireValue) => jsonReply(status, renderJson(value, DEFAULT_WIRE_OPTIONS));

function requireOrg({ target, params, baseUrl }: ControlContext): { org: OrgState; links: LinkBase } {
  const org = target.findOrg(params.org);
  if (!org) throw sandboxError(404, `The sandbox has no organization ${params.org}.`);
  return { org, links: { orgUrl: `${baseUrl}/${org.name}` } };
}

function queueJob(context: ControlContext) {
  const { org, links } = requireOrg(context);
  const body = (context.body ?? {}) as Record<string, unknown>;
  const demands = body.demands ?? [];
  if (typeof body.pool !== 'string' || !Array.isArray(demands) || !demands.every((demand) => typeof demand === 'string')) {
    throw sandboxError(400, 'Expected a JSON body {"pool": "<name>", "demands": ["<demand>", ...], "minAgentVersion"?: "<version>"}.');
  }
  const outcome = org.queueJob(body.pool, demands, {
    minAgentVersion: typeof body.minAgentVersion === 'string' ? body.minAgentVersion : undefined,
    definitionName: typeof body.definitionName === 'string' ? body.definitionName : undefined,
  });
  if (!outcome.ok) throw sandboxError(422, outcome.message);
  const { request } = outcome;
  return json(201, jobRequestContract(request, links, org.matchingAgents(request.poolId, request.demands)));
}

function setFaults({ target, body }: ControlContext) {
  if (!Array.isArray(body)) throw sandboxError(400, 'Expected a JSON array of fault rules.');
  try {
    target.faults.set((body as FaultRuleJson[]).map(faultRuleFromJson));
  } catch (error) {
    throw sandboxError(400, (error as Error).message);
  }
  return listFaults({ target });
}

function listFaults({ target }: Pick<ControlContext, 'target'>) {
  const rules = target.faults.list().map(({ rule: { query, ...rule }, remaining }) => ({
    ...rule,
    route: typeof rule.route === 'string' ? rule.route : undefined,
    routeRegex: rule.route instanceof RegExp ? rule.route.source : undefined,
    queryRegex: query?.source,
    remaining: Number.isFinite(remaining) ? remaining : null,
  }));
  return json(200, rules);
}

function stateSnapshot(context: ControlContext) {
  const { org, links } = requireOrg(context);
  const everything = { capabilities: true, assignedRequest: true, lastCompletedRequest: true };
  return json(200, {
    id: org.id,
    name: org.name,
    identities: org.identities.map(({ name, poolRoles, queueRoles }) => ({ name, poolRoles, ...(queueRoles && { queueRoles }) })),
    projects: org.listProjects().map((project) => ({
      id: project.id,
      name: project.name,
      queues: project.queues.map((queue) => ({ id: queue.id, name: queue.name, poolId: queue.pool.id })),
    })),
    pools: org.listPools().map((pool) => ({
      ...poolReference(pool),
      agents: org.listAgents(pool.id).map((agent) => agentContract(agent, pool.id, links, everything)),
      jobRequests: org
        .listRequests(pool.id)
        .map((request) =>
          jobRequestContract(request, links, isFinished(request) ? undefined : org.matchingAgents(pool.id, request.demands)),
        ),
    })),
  });
}

const controlRoutes: Route<ControlContext>[] = [
  {
    pattern: 'requests',
    handlers: {
      GET: ({ target }) => jsonReply(200, JSON.stringify(target.log.list())),
      DELETE: ({ target }) => {
        target.log.clear();
        return emptyReply(204);
      },
    },
  },
  {
    pattern: 'faults',
    handlers: {
      GET: listFaults,
      PUT: setFaults,
      DELETE: ({ target }) => {
        target.faults.clear();
        return emptyReply(204);
      },
    },
  },
  { pattern: 'state/{org}', handlers: { GET: stateSnapshot } },
  { pattern: '{org}/jobs', handlers: { POST: queueJob } },
];

export const controlRouter = new Router<ControlContext>(controlRoutes);
