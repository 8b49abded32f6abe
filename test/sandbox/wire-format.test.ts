/** The wire format a raw client (KEDA, curl, core's own client) sees. */
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox';
import { call, ORG, tinyScenario } from './tiny-scenario';

/** Members the 7.1 spec (`spec-taskAgent-7.1.json`) declares for each contract. */
const SPEC_MEMBERS = {
  TaskAgentPool: [
    'agentCloudId',
    'autoProvision',
    'autoSize',
    'autoUpdate',
    'createdBy',
    'createdOn',
    'id',
    'isHosted',
    'isLegacy',
    'name',
    'options',
    'owner',
    'poolType',
    'properties',
    'scope',
    'size',
    'targetSize',
  ],
  TaskAgent: [
    '_links',
    'accessPoint',
    'assignedAgentCloudRequest',
    'assignedRequest',
    'authorization',
    'createdOn',
    'enabled',
    'id',
    'lastCompletedRequest',
    'maxParallelism',
    'name',
    'osDescription',
    'pendingUpdate',
    'properties',
    'provisioningState',
    'status',
    'statusChangedOn',
    'systemCapabilities',
    'userCapabilities',
    'version',
  ],
  TaskAgentReference: ['_links', 'accessPoint', 'enabled', 'id', 'name', 'osDescription', 'provisioningState', 'status', 'version'],
  TaskAgentJobRequest: [
    'agentSpecification',
    'assignTime',
    'data',
    'definition',
    'demands',
    'finishTime',
    'hostId',
    'jobId',
    'jobName',
    'lockedUntil',
    'matchedAgents',
    'matchesAllAgentsInPool',
    'orchestrationId',
    'owner',
    'planGroup',
    'planId',
    'planType',
    'poolId',
    'priority',
    'queueId',
    'queueTime',
    'receiveTime',
    'requestId',
    'reservedAgent',
    'result',
    'scopeId',
    'serviceOwner',
    'statusMessage',
    'userDelayed',
  ],
  TaskAgentQueue: ['id', 'name', 'pool', 'projectId'],
};

/** Members of the captured payloads (`pools-list.json`, `agents-list-includeCapabilities.json`, `jobrequests-list-pending-keda.json`). */
const CAPTURED_MEMBERS = {
  pool: SPEC_MEMBERS.TaskAgentPool.filter((member) => member !== 'properties'),
  agent: [
    '_links',
    'accessPoint',
    'authorization',
    'createdOn',
    'enabled',
    'id',
    'maxParallelism',
    'name',
    'osDescription',
    'provisioningState',
    'status',
    'statusChangedOn',
    'systemCapabilities',
    'version',
  ],
  pendingRequest: [
    'data',
    'definition',
    'demands',
    'hostId',
    'jobId',
    'matchedAgents',
    'orchestrationId',
    'owner',
    'planId',
    'planType',
    'poolId',
    'priority',
    'queueTime',
    'requestId',
    'scopeId',
    'serviceOwner',
  ],
};

const members = (value: object) => Object.keys(value).sort();
const assertWithin = (value: object, allowed: string[], what: string) =>
  assert.deepEqual(
    members(value).filter((member) => !allowed.includes(member)),
    [],
    `${what} members outside the spec`,
  );

describe('sandbox wire format', () => {
  let sandbox: Sandbox;
  let apis: string;
  const get = async (path: string, accept?: string) => call(`${apis}${path}`, { headers: accept ? { Accept: accept } : {} });

  beforeEach(async () => {
    sandbox = await startSandbox({ scenario: tinyScenario(450) });
    apis = `${sandbox.orgUrl(ORG)}/_apis/distributedtask`;
  });
  afterEach(() => sandbox.stop());

  it('writes the service contracts: spec members only, the captured payloads members all', async () => {
    const pool = (await get('/pools/1')).json();
    assert.deepEqual(members(pool), [...CAPTURED_MEMBERS.pool].sort());

    const [placeholder, pod] = (
      await get('/pools/1/agents?includeCapabilities=true&includeAssignedRequest=true&includeLastCompletedRequest=true')
    ).json().value;
    assertWithin(placeholder, SPEC_MEMBERS.TaskAgent, 'agent');
    assert.deepEqual(
      CAPTURED_MEMBERS.agent.filter((member) => !(member in placeholder)),
      [],
    );
    assertWithin(pod.assignedRequest, SPEC_MEMBERS.TaskAgentJobRequest, 'assigned request');
    assertWithin(pod.assignedRequest.reservedAgent, SPEC_MEMBERS.TaskAgentReference, 'reserved agent');

    const requests = (await get('/pools/1/jobrequests')).json().value;
    for (const request of requests) assertWithin(request, SPEC_MEMBERS.TaskAgentJobRequest, 'job request');
    const pending = requests.find((request: { requestId: number }) => request.requestId === 103);
    assert.deepEqual(
      CAPTURED_MEMBERS.pendingRequest.filter((member) => !(member in pending)),
      [],
    );
    assertWithin(pending.matchedAgents[0], SPEC_MEMBERS.TaskAgentReference, 'matched agent');

    const queue = (await call(`${sandbox.orgUrl(ORG)}/web/_apis/distributedtask/queues/1`)).json();
    assertWithin(queue, SPEC_MEMBERS.TaskAgentQueue, 'queue');
  });

  it('defaults to {count,value}, camelCase enum names, ISO dates with Z, URLs and demand strings', async () => {
    const body = (await get('/pools/1/jobrequests?completedRequestCount=1')).json();
    assert.deepEqual(Object.keys(body), ['count', 'value']);
    assert.equal(body.count, 4);
    const [finished, running] = body.value;
    assert.equal(finished.result, 'succeeded');
    assert.match(finished.finishTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,7})?Z$/);
    assert.equal(running.reservedAgent.status, 'online');
    assert.match(running.reservedAgent._links.self.href, /\/contoso\/_apis\/distributedtask\/pools\/1\/agents\/11$/);
    assert.deepEqual(running.demands, ['kubectl', 'Agent.Version -gtVersion 2.218.1']);
    assert.equal((await get('/pools/1')).json().poolType, 'automation');
  });

  it('honours noArrayWrap, enumsAsNumbers, msDateFormat and excludeUrls one by one', async () => {
    const path = '/pools/1/agents';
    assert.ok(Array.isArray((await get(path, 'application/json;noArrayWrap=true')).json()));
    assert.equal((await get(path, 'application/json;enumsAsNumbers=true')).json().value[0].status, 1);

    const msDates = await get(path, 'application/json;msDateFormat=true');
    assert.match(msDates.text, /"createdOn":"\\\/Date\(\d+\)\\\/"/, 'slashes escaped in the raw text');
    const createdOn = msDates.json().value[0].createdOn as string;
    assert.equal(Number(/\d+/.exec(createdOn)?.[0]), Date.parse((await get(path)).json().value[0].createdOn));

    const noUrls = await get('/pools/1', 'application/json;excludeUrls=true');
    assert.doesNotMatch(noUrls.text, /"(url|_links)"/);
    assert.match((await get('/pools/1')).text, /"url":"http/);
  });

  it('pages $top newest first, at most 200, without matchedAgents, finished included', async () => {
    const first = await get('/pools/4/jobrequests?$top=250');
    const firstPage = first.json().value;
    assert.equal(firstPage.length, 200);
    assert.equal(firstPage[0].requestId, 1449);
    assert.ok(firstPage.every((request: object) => !('matchedAgents' in request)));
    const token = first.headers.get('x-ms-continuationtoken');
    assert.ok(token);

    const second = await get(`/pools/4/jobrequests?%24top=250&continuationToken=${token}`);
    assert.equal(second.json().value[0].requestId, 1249, '%24top reads as $top');
    const small = await get('/pools/1/jobrequests?$top=2&completedRequestCount=0');
    assert.deepEqual(
      small.json().value.map((request: { requestId: number }) => request.requestId),
      [103, 102],
      '$top wins',
    );
    assert.equal(small.json().value[0].matchedAgents, undefined);
    assert.ok(small.headers.get('x-ms-continuationtoken'));
    const last = await get(`/pools/1/jobrequests?$top=2&continuationToken=${small.headers.get('x-ms-continuationtoken')}`);
    assert.deepEqual(
      last.json().value.map((request: { requestId: number }) => request.requestId),
      [101, 100],
    );
    assert.equal(last.headers.get('x-ms-continuationtoken'), null);
  });

  it('lists the whole history without a query, matchedAgents on unfinished requests only', async () => {
    const all = (await get('/pools/1/jobrequests')).json().value;
    assert.deepEqual(
      all.map((request: { requestId: number; matchedAgents?: unknown[] }) => [request.requestId, request.matchedAgents?.length]),
      [
        [100, undefined],
        [101, 2],
        [102, 0],
        [103, 2],
      ],
    );
    const forAgent = (await get('/pools/1/jobrequests?agentIds=11,99')).json().value;
    assert.deepEqual(
      forAgent.map((request: { requestId: number }) => request.requestId),
      [100, 101],
    );
  });

  it('serves discovery for every area at once and for one area in any casing', async () => {
    const options = async (path: string) => (await call(`${sandbox.orgUrl(ORG)}${path}`, { method: 'OPTIONS' })).json().value;
    const all = await options('/_apis/');
    assert.deepEqual(
      all.map((location: { area: string; resourceName: string }) => `${location.area}/${location.resourceName}`),
      [
        'Location/ConnectionData',
        'Location/ResourceAreas',
        'distributedtask/pools',
        'distributedtask/agents',
        'distributedtask/usercapabilities',
        'distributedtask/queues',
        'distributedtask/jobrequests',
        'distributedtask/permissions',
        'distributedtask/oidctoken',
      ],
    );
    assert.deepEqual((await options('/_apis')).length, all.length);
    const agents = (await options('/_apis/DistributedTask')).find(
      (location: { id: string }) => location.id === 'e298ef32-5878-4cab-993c-043836571f42',
    );
    assert.deepEqual(agents, {
      id: 'e298ef32-5878-4cab-993c-043836571f42',
      area: 'distributedtask',
      resourceName: 'agents',
      routeTemplate: '_apis/{area}/pools/{poolId}/{resource}/{agentId}',
      resourceVersion: 1,
      minVersion: '1.0',
      maxVersion: '7.2',
      releasedVersion: '7.1',
    });
    const areas = (await call(`${sandbox.orgUrl(ORG)}/_apis/resourceareas`)).json().value;
    assert.deepEqual(areas, [
      { id: 'a85b8835-c1a1-4aac-ae97-1c3d0ba72dbd', name: 'distributedtask', locationUrl: `${sandbox.orgUrl(ORG)}/` },
    ]);
  });

  it('matches paths and query names case-insensitively and ignores unknown query names', async () => {
    const url = `${sandbox.url}/CONTOSO/_APIS/DistributedTask/Pools?POOLNAME=KEDA`;
    assert.deepEqual(
      (await call(url)).json().value.map((pool: { id: number }) => pool.id),
      [1],
    );
    assert.equal((await get('/pools?poolID=3')).json().count, 4, "KEDA's poolID probe is not a filter");
    assert.deepEqual((await get('/pools?poolName=nothing')).json(), { count: 0, value: [] });
  });

  it('answers unknown routes, organizations, pools and agents with 404 service errors', async () => {
    const unknownRoute = await get('/gremlins');
    assert.equal(unknownRoute.status, 404);
    assert.equal(unknownRoute.json().$id, '1');
    assert.equal((await call(`${sandbox.url}/fabrikam/_apis/distributedtask/pools`)).status, 404);
    assert.equal((await get('/pools/9')).json().typeKey, 'TaskAgentPoolNotFoundException');
    assert.equal((await get('/pools/1/agents/99')).json().typeKey, 'TaskAgentNotFoundException');
    assert.equal((await get('/pools/1/jobrequests/99')).status, 404);
    assert.equal(
      (await call(`${sandbox.orgUrl(ORG)}/nope/_apis/distributedtask/queues`)).json().typeKey,
      'ProjectDoesNotExistWithNameException',
    );
    assert.equal(
      (await call(`${apis}/pools/1/jobrequests`, { method: 'POST', headers: { Accept: 'application/json;api-version=7.1' } })).status,
      405,
    );
  });
});
