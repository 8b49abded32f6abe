/**
 * `samples`: organizations seeded from the captured payloads in `sandbox/scenarios/samples/`, so a test
 * can check that the sandbox serves them back field by field. The captures come from different
 * organizations and years and contradict one another (pool 1 is `Default` in one and `DefaultPool` in
 * another; KEDA's fixtures reuse request 890659 and agent 11735 with different contents), so each
 * capture that must stay consistent gets its own organization:
 *
 *   BlackShirt    pools-list, agents-list-includeCapabilities (pool 1), jobrequests-list-for-agent (agent 111)
 *   Test          jobrequests-list (pool 1, agent 113)
 *   VSTeamQueues  queues-list (project `VSTeam`)
 *   FOO           jobrequests-list-pending-keda (pool 44)
 *   FOO-assigned  jobrequest-assigned-keda (pool 44)
 *   FOO-finished  jobrequest-finished-keda (pool 44)
 *
 * Every entity keeps the capture it came from (`recorded`), which decides its members. Capabilities of
 * the KEDA agents are not in the captures; they are chosen so the demand rule yields the captured
 * `matchedAgents`. Pools are padded with invented agents up to their captured `size`.
 * Token: Basic PAT `samplespat000...` (Reader on every pool of every organization).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Scenario, ScenarioAgent, ScenarioIdentity, ScenarioJobRequest, ScenarioOrganization, ScenarioPool } from '../scenario-types';

export const SAMPLES_DIRECTORY = path.resolve(__dirname, 'samples');
export const SAMPLES_PAT = 'samplespat'.padEnd(52, '0');

type Json = Record<string, unknown>;
interface CapturedAgent extends Json {
  id: number;
  name: string;
  version: string;
  status: 'online' | 'offline';
  enabled?: boolean;
  osDescription?: string;
  createdOn?: string;
  statusChangedOn?: string;
  systemCapabilities?: Record<string, string>;
}
interface CapturedPool extends Json {
  id: number;
  name: string;
  isHosted: boolean;
  poolType: 'automation' | 'deployment';
  size: number;
  createdOn?: string;
}
interface CapturedRequest extends Json {
  requestId: number;
  demands: string[];
  queueTime: string;
  assignTime?: string;
  receiveTime?: string;
  finishTime?: string;
  result?: string;
  planType: 'Build' | 'Release';
  reservedAgent?: CapturedAgent;
  matchedAgents?: CapturedAgent[];
  definition?: { name: string };
}

export function readSample<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(SAMPLES_DIRECTORY, file), 'utf8')) as T;
}
const list = <T>(file: string) => readSample<{ count: number; value: T[] }>(file).value;

/** The KEDA fixtures' pool demands `dotnet60, java, cmake`; their agents must satisfy them to be matched. */
const DOTNET_AGENT_CAPABILITIES = { dotnet60: '/usr/share/dotnet', java: '/usr/bin/java', cmake: '/usr/bin/cmake' };

export default function samples(): Scenario {
  const pools = list<CapturedPool>('pools-list.json');
  const agents = list<CapturedAgent>('agents-list-includeCapabilities.json');
  const forAgent111 = list<CapturedRequest>('jobrequests-list-for-agent.json');
  const testRequests = list<CapturedRequest>('jobrequests-list.json');
  const queues = list<Json & { id: number; name: string; projectId: string; pool: CapturedPool }>('queues-list.json');
  const pending = list<CapturedRequest>('jobrequests-list-pending-keda.json');
  const assigned = readSample<CapturedRequest>('jobrequest-assigned-keda.json');
  const finished = readSample<CapturedRequest>('jobrequest-finished-keda.json');

  const kedaPool = (requests: CapturedRequest[], kedaAgents: CapturedAgent[]): ScenarioPool => ({
    id: requests[0].poolId as number,
    name: 'dotnet60',
    agents: kedaAgents.map((agent) => seedAgent(agent, DOTNET_AGENT_CAPABILITIES)),
    jobRequests: requests.map(seedRequest),
  });
  const firstMatched = pending[1].matchedAgents as CapturedAgent[];

  return {
    description: 'Organizations seeded from captured Azure DevOps payloads (sandbox/scenarios/samples), served back in the captured shape.',
    organizations: [
      organization('BlackShirt', {
        pools: pools.map((pool) => {
          const own = pool.id === 1 ? agents : [];
          return {
            ...seedPool(pool, own),
            jobRequests: pool.id === 1 ? forAgent111.map(seedRequest) : [],
          };
        }),
      }),
      organization('Test', {
        pools: [
          {
            id: 1,
            name: 'Default',
            agents: [seedAgent(testRequests[0].reservedAgent as CapturedAgent)],
            jobRequests: testRequests.map(seedRequest),
          },
        ],
      }),
      organization('VSTeamQueues', {
        pools: queues.map((queue) => seedPool(queue.pool, [])),
        projects: [
          {
            id: queues[0].projectId,
            name: 'VSTeam',
            queues: Object.fromEntries(queues.map((queue) => [queue.name, queue.pool.name])),
            queueIds: Object.fromEntries(queues.map((queue) => [queue.name, queue.id])),
          },
        ],
      }),
      organization('FOO', { pools: [kedaPool(pending, firstMatched)] }),
      organization('FOO-assigned', { pools: [kedaPool([assigned], [firstMatched[0], assigned.reservedAgent as CapturedAgent])] }),
      organization('FOO-finished', { pools: [kedaPool([finished], [finished.reservedAgent as CapturedAgent])] }),
    ],
  };
}

function organization(name: string, content: Pick<ScenarioOrganization, 'pools'> & Partial<ScenarioOrganization>): ScenarioOrganization {
  const reader: ScenarioIdentity = { name: 'Samples Reader', pat: SAMPLES_PAT, poolRoles: { '*': 'Reader' } };
  return { name, identities: [reader], projects: [], ...content };
}

/** A captured pool, padded with invented agents so the served `size` (the agent count) is the captured one. */
function seedPool(pool: CapturedPool, agents: CapturedAgent[]): ScenarioPool {
  const invented: ScenarioAgent[] = Array.from({ length: pool.size - agents.length }, (_, i) => ({
    name: `${pool.isHosted ? 'Hosted Agent' : pool.name} ${i + 1}`,
    version: '2.155.1',
    status: 'online',
  }));
  return {
    id: pool.id,
    name: pool.name,
    isHosted: pool.isHosted,
    poolType: pool.poolType,
    createdOn: pool.createdOn,
    agents: [...agents.map((agent) => seedAgent(agent)), ...invented],
    recorded: pool,
  };
}

function seedAgent(agent: CapturedAgent, extraCapabilities: Record<string, string> = {}): ScenarioAgent {
  return {
    id: agent.id,
    name: agent.name,
    version: agent.version,
    status: agent.status,
    enabled: agent.enabled,
    osDescription: agent.osDescription,
    createdOn: agent.createdOn,
    statusChangedOn: agent.statusChangedOn,
    systemCapabilities: agent.systemCapabilities ?? extraCapabilities,
    recorded: agent,
  };
}

function seedRequest(request: CapturedRequest): ScenarioJobRequest {
  return {
    requestId: request.requestId,
    demands: request.demands,
    queueTime: request.queueTime,
    assignTime: request.assignTime,
    receiveTime: request.receiveTime,
    finishTime: request.finishTime,
    result: request.result,
    agent: request.reservedAgent?.name,
    definitionName: request.definition?.name,
    planType: request.planType,
    recorded: request,
  };
}
