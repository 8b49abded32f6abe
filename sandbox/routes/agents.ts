/** Agents of a pool (location e298ef32): list, get, add (POST), replace (PUT), update (PATCH), delete. */
import { agentContract, type AgentIncludes } from '../contracts';
import { agentNotFound, argumentNull, methodNotAllowed } from '../errors';
import { emptyReply, jsonReply, type Reply } from '../reply';
import type { RequestContext, Route } from '../router';
import { satisfiesAll } from '../demands';
import type { AgentChanges, StoredAgent, StoredPool } from '../state';
import { renderCollection, renderJson } from '../wire';
import { requireAdministrator, visiblePool } from './access';

type AgentBody = Record<string, unknown>;

function agentBody(body: unknown): AgentBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw argumentNull('agent');
  return body as AgentBody;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** Capability values are strings on the wire; numbers and booleans are taken as their text. */
function capabilities(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entries = Object.entries(value).filter(([, item]) => ['string', 'number', 'boolean'].includes(typeof item));
  return Object.fromEntries(entries.map(([name, item]) => [name, String(item)]));
}

function publicKey(body: AgentBody): unknown {
  const authorization = body.authorization;
  return typeof authorization === 'object' && authorization !== null ? (authorization as AgentBody).publicKey : undefined;
}

/**
 * PUT replaces what a (re)configuring agent reports and keeps user capabilities, as
 * `config.sh --replace` expects; PATCH changes only the members sent (e.g. `enabled`).
 */
function agentChanges(body: AgentBody, replace: boolean): AgentChanges {
  return {
    name: text(body.name),
    version: text(body.version),
    osDescription: text(body.osDescription),
    enabled: typeof body.enabled === 'boolean' ? body.enabled : undefined,
    systemCapabilities: capabilities(body.systemCapabilities) ?? (replace ? {} : undefined),
    publicKey: publicKey(body),
  };
}

function includesOf({ query }: RequestContext): AgentIncludes {
  return {
    capabilities: query.bool('includeCapabilities'),
    assignedRequest: query.bool('includeAssignedRequest'),
    lastCompletedRequest: query.bool('includeLastCompletedRequest'),
  };
}

function existingAgent(context: RequestContext, pool: StoredPool, agentIdText: string): StoredAgent {
  const agent = /^\d+$/.test(agentIdText) ? context.org.getAgent(pool.id, Number(agentIdText)) : undefined;
  if (!agent) throw agentNotFound(pool.id, agentIdText);
  return agent;
}

function agentReply(context: RequestContext, pool: StoredPool, agent: StoredAgent, includes: AgentIncludes = {}): Reply {
  return jsonReply(200, renderJson(agentContract(agent, pool.id, context.links, includes), context.wire));
}

/** A write on one agent: the pool must be visible, the caller its Administrator, the agent present. */
function agentWrite(write: (context: RequestContext, pool: StoredPool, agent: StoredAgent) => Reply) {
  return (context: RequestContext) => {
    if (context.params.agentId === undefined) throw methodNotAllowed(context.method);
    const pool = visiblePool(context, context.params.poolId);
    requireAdministrator(context, pool);
    return write(context, pool, existingAgent(context, pool, context.params.agentId));
  };
}

export const agentRoutes: Route[] = [
  {
    pattern: '_apis/distributedtask/pools/{poolId}/agents/{agentId?}',
    handlers: {
      GET: (context) => {
        const { org, params, query, wire, links } = context;
        const pool = visiblePool(context, params.poolId);
        const includes = includesOf(context);
        if (params.agentId !== undefined) return agentReply(context, pool, existingAgent(context, pool, params.agentId), includes);
        const name = query.get('agentName');
        const demands = query.list('demands');
        const agents = org
          .listAgents(pool.id)
          .filter((agent) => name === undefined || agent.name.toLowerCase() === name.toLowerCase())
          .filter((agent) => demands === undefined || satisfiesAll(agent, demands));
        return jsonReply(
          200,
          renderCollection(
            agents.map((agent) => agentContract(agent, pool.id, links, includes)),
            wire,
          ),
        );
      },
      // A registration is offline until the agent opens a session, whatever status the body claims.
      POST: (context) => {
        if (context.params.agentId !== undefined) throw methodNotAllowed('POST');
        const pool = visiblePool(context, context.params.poolId);
        requireAdministrator(context, pool);
        const body = agentBody(context.body);
        const name = text(body.name);
        if (!name) throw argumentNull('agent.Name');
        const agent = context.org.registerAgent(pool.id, {
          ...agentChanges(body, true),
          name,
          version: text(body.version) ?? '',
          status: 'offline',
        });
        return agentReply(context, pool, agent);
      },
      PUT: agentWrite((context, pool, agent) =>
        agentReply(context, pool, context.org.updateAgent(pool.id, agent.id, agentChanges(agentBody(context.body), true))),
      ),
      PATCH: agentWrite((context, pool, agent) =>
        agentReply(context, pool, context.org.updateAgent(pool.id, agent.id, agentChanges(agentBody(context.body), false))),
      ),
      DELETE: agentWrite((context, pool, agent) => {
        context.org.deleteAgent(pool.id, agent.id);
        return emptyReply(204);
      }),
    },
  },
  {
    // User capabilities are only ever set here, replacing the whole set; registrations carry system ones.
    pattern: '_apis/distributedtask/pools/{poolId}/agents/{agentId}/usercapabilities',
    handlers: {
      PUT: agentWrite((context, pool, agent) => {
        const userCapabilities = capabilities(context.body);
        if (userCapabilities === undefined) throw argumentNull('userCapabilities');
        return agentReply(context, pool, context.org.updateAgent(pool.id, agent.id, { userCapabilities }), { capabilities: true });
      }),
    },
  },
];
