import assert from 'node:assert/strict';
import * as azdev from 'azure-devops-node-api';
import { TaskAgentStatus } from 'azure-devops-node-api/interfaces/TaskAgentInterfaces';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { readSample, SAMPLES_PAT } from '../../sandbox/scenarios/samples';

type Json = null | boolean | number | string | Json[] | { [member: string]: Json };

/**
 * Links point at whichever host served them: both sides' organization URLs become `{org}`. Captures
 * from 2019 carry the retired agent web link (`_admin/_AgentPool#...`), which is read as today's.
 */
function normalizeHref(href: string, orgUrl: string): string {
  return href
    .replace(orgUrl, '{org}')
    .replace(/^https:\/\/dev\.azure\.com\/[^/]+/, '{org}')
    .replace(/\/_admin\/_AgentPool#_a=agents&poolId=(\d+)&agentId=(\d+)$/, '/_settings/agentpools?view=jobs&poolId=$1&agentId=$2');
}

/** Same members in the same order, same JSON types, same values; `where` names the member on failure. */
function assertSameWire(served: Json, captured: Json, orgUrl: string, where = '$'): void {
  if (captured !== null && typeof captured === 'object') {
    assert.equal(Array.isArray(served), Array.isArray(captured), `${where}: array vs object`);
    assert.ok(served !== null && typeof served === 'object', `${where}: expected an object or array, served ${JSON.stringify(served)}`);
    if (Array.isArray(captured)) {
      assert.equal((served as Json[]).length, captured.length, `${where}: length`);
      captured.forEach((item, i) => assertSameWire((served as Json[])[i], item, orgUrl, `${where}[${i}]`));
      return;
    }
    const servedObject = served as Record<string, Json>;
    assert.deepEqual(Object.keys(servedObject), Object.keys(captured), `${where}: members`);
    for (const member of Object.keys(captured)) assertSameWire(servedObject[member], captured[member], orgUrl, `${where}.${member}`);
    return;
  }
  assert.equal(typeof served, typeof captured, `${where}: type`);
  if (where.endsWith('.href')) {
    assert.equal(normalizeHref(served as string, orgUrl), normalizeHref(captured as string, orgUrl), where);
  } else {
    assert.equal(served, captured, where);
  }
}

describe('sandbox scenario: samples (captured payloads served back)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ scenario: 'samples' });
  });
  after(() => sandbox?.stop());

  /** A plain GET as KEDA and curl send it: the service's default `Accept`, no api-version, Basic PAT. */
  async function get(org: string, pathAndQuery: string): Promise<Json> {
    const response = await fetch(`${sandbox.orgUrl(org)}/${pathAndQuery}`, {
      headers: { Accept: 'application/json', Authorization: `Basic ${Buffer.from(`:${SAMPLES_PAT}`).toString('base64')}` },
    });
    assert.equal(response.status, 200, `${org}/${pathAndQuery}: ${await response.clone().text()}`);
    return (await response.json()) as Json;
  }

  const cases: Array<[string, string, string]> = [
    ['pools-list.json', 'BlackShirt', '_apis/distributedtask/pools'],
    ['agents-list-includeCapabilities.json', 'BlackShirt', '_apis/distributedtask/pools/1/agents?includeCapabilities=true'],
    ['jobrequests-list.json', 'Test', '_apis/distributedtask/pools/1/jobrequests?$top=2'],
    ['queues-list.json', 'VSTeamQueues', 'VSTeam/_apis/distributedtask/queues'],
    ['jobrequests-list-pending-keda.json', 'FOO', '_apis/distributedtask/pools/44/jobrequests'],
  ];
  for (const [file, org, pathAndQuery] of cases) {
    it(`${file}: GET ${org}/${pathAndQuery}`, async () => {
      assertSameWire(await get(org, pathAndQuery), readSample<Json>(file), sandbox.orgUrl(org));
    });
  }

  it('jobrequests-list-for-agent.json: GET BlackShirt/_apis/distributedtask/pools/1/jobrequests?agentId=111&completedRequestCount=3', async () => {
    const served = (await get('BlackShirt', '_apis/distributedtask/pools/1/jobrequests?agentId=111&completedRequestCount=3')) as {
      value: Array<{ requestId: number }>;
    };
    // The capture lists the agent's requests newest first; the sandbox lists this form oldest first.
    served.value.sort((a, b) => b.requestId - a.requestId);
    assertSameWire(served as unknown as Json, readSample<Json>('jobrequests-list-for-agent.json'), sandbox.orgUrl('BlackShirt'));
  });

  it('jobrequest-finished-keda.json: the finished request in its pool', async () => {
    const served = (await get('FOO-finished', '_apis/distributedtask/pools/44/jobrequests')) as { value: Json[] };
    assertSameWire(served.value[0], readSample<Json>('jobrequest-finished-keda.json'), sandbox.orgUrl('FOO-finished'));
  });

  it('jobrequest-assigned-keda.json: the running request, matched by its template and by the agent that runs it', async () => {
    const captured = readSample<Record<string, Json>>('jobrequest-assigned-keda.json');
    const served = ((await get('FOO-assigned', '_apis/distributedtask/pools/44/jobrequests')) as { value: Array<Record<string, Json>> })
      .value[0];
    // KEDA's fixture lists only the template; the sandbox computes matches when asked, so the running agent
    // (which satisfies the same demands) is listed too.
    const names = (agents: Json) => (agents as Array<{ name: string }>).map((agent) => agent.name);
    assert.deepEqual(names(served.matchedAgents), [...names(captured.matchedAgents), 'dotnet60-scaledjob-5nlph-kzpgf']);
    assertSameWire(
      (served.matchedAgents as Json[])[0],
      (captured.matchedAgents as Json[])[0],
      sandbox.orgUrl('FOO-assigned'),
      '$.matchedAgents[0]',
    );
    assertSameWire({ ...served, matchedAgents: null }, { ...captured, matchedAgents: null }, sandbox.orgUrl('FOO-assigned'));
  });

  it('reads back through the real node client with the captured values', async () => {
    const api = new azdev.WebApi(sandbox.orgUrl('BlackShirt'), azdev.getPersonalAccessTokenHandler(SAMPLES_PAT));
    const taskAgent = await api.getTaskAgentApi();
    const captured = readSample<{ value: Array<Record<string, Json>> }>('agents-list-includeCapabilities.json').value;
    const agents = await taskAgent.getAgents(1, undefined, true);
    assert.deepEqual(
      agents.map((agent) => [
        agent.id,
        agent.name,
        agent.version,
        agent.status,
        agent.createdOn?.toISOString(),
        agent.systemCapabilities?.['Agent.OS'],
      ]),
      captured.map((agent) => [
        agent.id,
        agent.name,
        agent.version,
        TaskAgentStatus.Offline,
        new Date(agent.createdOn as string).toISOString(),
        (agent.systemCapabilities as Record<string, string>)['Agent.OS'],
      ]),
    );
    const pools = await taskAgent.getAgentPools();
    assert.deepEqual(
      pools.map((pool) => [pool.id, pool.name, pool.isHosted, pool.size]),
      readSample<{ value: Array<Record<string, Json>> }>('pools-list.json').value.map((pool) => [
        pool.id,
        pool.name,
        pool.isHosted,
        pool.size,
      ]),
    );
  });
});
