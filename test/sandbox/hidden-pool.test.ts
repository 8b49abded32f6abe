/**
 * What the service answers a caller without View (no role) on a pool that exists, route by route, as
 * Azure DevOps Server 2022 codes it (decompiled `DistributedTaskResourceService`, controllers named per
 * row; not confirmed on Services, medium confidence: sandbox/README.md). The reads the guard makes do not
 * fail: they answer empty, which is why the product must never judge such a pool from them.
 */
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox';
import { ADMIN_PAT, basic, call, ORG, tinyScenario } from './tiny-scenario';

/** Reader on pool `empty` only, Reader on every queue of project `web`: the queue of pool `keda` (id 1) is listed. */
const MEMBER_PAT = 'm'.repeat(52);
/** The same pool roles without queue roles: a queue then follows the pool, and `keda`'s is left out. */
const NO_QUEUE_ROLES_PAT = 'n'.repeat(52);

type Expected = [status: number, body: unknown];

const EMPTY: Expected = [200, { count: 0, value: [] }];
const NOT_ENOUGH: Expected = [
  403,
  {
    typeKey: 'TaskAgentPoolNotEnoughPermissionsException',
    message: "This agent pool exists, but you don't have enough permissions to access it.",
  },
];

/** [route under the organization, method, body, what the service answers, where the rule is]. */
const ROUTES: Array<[path: string, method: string, body: unknown, expected: Expected, source: string]> = [
  ['pools/1/agents', 'GET', undefined, EMPTY, 'GetAgents(agentName): HasPoolPermission(1) → empty list'],
  ['pools/1/agents?includeCapabilities=true&includeLastCompletedRequest=true', 'GET', undefined, EMPTY, 'same'],
  ['pools/1/agents?agentName=keda-placeholder', 'GET', undefined, EMPTY, 'same'],
  ['pools/1/agents?demands=kubectl', 'GET', undefined, EMPTY, 'GetAgents(demandSets): a result without matched agents'],
  [
    'pools/1/agents/10',
    'GET',
    undefined,
    [404, { typeKey: 'TaskAgentNotFoundException', message: 'No agent found for pool 1 with identifier 10.' }],
    'GetAgent → GetAgents(ids) empty → TaskAgentsBaseController.GetAgent throws AgentNotFound',
  ],
  ['pools/1/jobrequests', 'GET', undefined, EMPTY, 'GetAgentRequestsForAgents: HasPoolPermission(1) → empty'],
  ['pools/1/jobrequests?completedRequestCount=0', 'GET', undefined, EMPTY, 'same'],
  ['pools/1/jobrequests?agentId=11', 'GET', undefined, EMPTY, 'GetAgentRequestsForAgent → GetAgentRequestsForAgents'],
  ['pools/1/jobrequests?$top=25', 'GET', undefined, EMPTY, 'GetAgentRequestsAsync: HasPoolPermission(1) → empty page'],
  [
    'pools/1/jobrequests/102',
    'GET',
    undefined,
    [404, { typeKey: 'TaskAgentJobNotFoundException', message: 'No request was found with identifier 102.' }],
    'GetAgentRequest → null → TaskAgentJobRequestsLegacyController throws not found',
  ],
  [
    'pools/1/agents/10/usercapabilities',
    'PUT',
    { helm: '3' },
    [404, { typeKey: 'TaskAgentNotFoundException', message: 'No agent found for pool 1 with identifier 10.' }],
    'TaskAgentUserCapabilitiesController reads the agent first: GetAgent → null',
  ],
  ['pools/1/agents', 'POST', { name: 'mine', version: '4.248.0' }, NOT_ENOUGH, 'AddAgent: CheckViewAndOtherPermissionsForPool'],
  ['pools/1/agents/10', 'PATCH', { id: 10, enabled: false }, NOT_ENOUGH, 'UpdateAgent: same'],
  ['pools/1/agents/10', 'PUT', { id: 10, name: 'keda-placeholder', version: '4.248.0' }, NOT_ENOUGH, 'UpdateAgent: same'],
  [
    'pools/1/agents/10',
    'DELETE',
    undefined,
    [404, { typeKey: 'TaskAgentPoolNotFoundException', message: 'No agent pool found with identifier 1.' }],
    'TaskAgentsBaseController.DeleteAgent looks the pool up first (GetAgentPool → null)',
  ],
  [
    'pools/1',
    'GET',
    undefined,
    [404, { typeKey: 'TaskAgentPoolNotFoundException', message: 'No agent pool found with identifier 1.' }],
    'GetAgentPool: HasPoolPermission(1) → null',
  ],
  ['pools/1/permissions/1', 'GET', undefined, [200, false], 'the permission probe grants nothing'],
];

describe('sandbox: a pool the caller may not view', () => {
  let sandbox: Sandbox;
  const api = (path: string) => `${sandbox.orgUrl(ORG)}/_apis/distributedtask/${path}`;
  const as = (pat: string, path: string, method = 'GET', body?: unknown) =>
    call(api(path), {
      method,
      // Writes need an api-version (the service refuses them without one); reads take the default.
      headers: { Authorization: basic(pat), Accept: 'application/json;api-version=7.1', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  before(async () => {
    const scenario = tinyScenario();
    scenario.organizations[0].identities.push(
      { name: 'Queue Member', pat: MEMBER_PAT, poolRoles: { empty: 'Reader' }, queueRoles: { '*': 'Reader' } },
      { name: 'Pool Reader Only', pat: NO_QUEUE_ROLES_PAT, poolRoles: { empty: 'Reader' } },
    );
    sandbox = await startSandbox({ scenario });
  });
  after(() => sandbox.stop());

  for (const [path, method, body, [status, expected], source] of ROUTES) {
    it(`${method} ${path}: ${status} (${source})`, async () => {
      const response = await as(MEMBER_PAT, path, method, body);
      assert.equal(response.status, status);
      const answer = response.json();
      if (typeof expected === 'object' && expected !== null && !('value' in expected)) {
        for (const [key, value] of Object.entries(expected)) assert.equal(answer[key], value, key);
      } else {
        assert.deepEqual(answer, expected);
      }
    });
  }

  it('changes nothing: the writes it refused left the pool as it was', async () => {
    const agents = (await as(ADMIN_PAT, 'pools/1/agents?includeCapabilities=true')).json().value;
    assert.deepEqual(
      agents.map((agent: { id: number; enabled: boolean; userCapabilities?: object }) => [agent.id, agent.enabled, agent.userCapabilities]),
      [
        [10, true, { 'KedaPoolGuard.Placeholder': 'true' }],
        [11, true, undefined],
      ],
    );
  });

  it('is left out of the pool list, by name too, while the admin sees it', async () => {
    const names = async (pat: string, query = '') =>
      (await as(pat, `pools${query}`)).json().value.map((pool: { name: string }) => pool.name);
    assert.deepEqual(await names(MEMBER_PAT), ['empty']);
    assert.deepEqual(await names(MEMBER_PAT, '?poolName=keda'), []);
    assert.deepEqual(await names(ADMIN_PAT, '?poolName=keda'), ['keda']);
  });

  it("lists the pool's queue by the caller's role on the queue (FilterQueues), not on the pool", async () => {
    const queues = async (pat: string) =>
      (await call(`${sandbox.orgUrl(ORG)}/web/_apis/distributedtask/queues`, { headers: { Authorization: basic(pat) } }))
        .json()
        .value.map((queue: { name: string; pool: { id: number } }) => [queue.name, queue.pool.id]);
    assert.deepEqual(await queues(MEMBER_PAT), [
      ['keda-queue', 1],
      ['empty', 2],
      ['static', 3],
    ]);
    assert.deepEqual(await queues(NO_QUEUE_ROLES_PAT), [['empty', 2]], 'without queue roles a queue follows its pool');
  });
});
