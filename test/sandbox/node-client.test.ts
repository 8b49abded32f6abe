/** The real azure-devops-node-api 17 against the sandbox, unchanged. */
import assert from 'node:assert/strict';
import { getBearerHandler, getPersonalAccessTokenHandler, WebApi } from 'azure-devops-node-api';
import type { ITaskAgentApi } from 'azure-devops-node-api/TaskAgentApi';
import { TaskAgentPoolType, TaskAgentStatus, TaskResult } from 'azure-devops-node-api/interfaces/TaskAgentInterfaces';
import { startSandbox, type Sandbox } from '../../sandbox';
import { ADMIN_BEARER, ADMIN_PAT, ORG, READER_PAT, tinyScenario } from './tiny-scenario';

describe('sandbox with azure-devops-node-api', () => {
  let sandbox: Sandbox;
  const taskAgentApi = (pat = ADMIN_PAT): Promise<ITaskAgentApi> =>
    new WebApi(sandbox.orgUrl(ORG), getPersonalAccessTokenHandler(pat)).getTaskAgentApi();

  beforeEach(async () => {
    sandbox = await startSandbox({ scenario: tinyScenario() });
  });
  afterEach(() => sandbox.stop());

  it('discovers distributedtask with the three requests node sends, then negotiates 7.2-preview.1', async () => {
    const pools = await (await taskAgentApi()).getAgentPools();

    const log = sandbox.requests.list();
    assert.deepEqual(
      log.map((entry) => `${entry.method} ${entry.url}`),
      [
        'OPTIONS /contoso/_apis/Location',
        'GET /contoso/_apis/ResourceAreas',
        'OPTIONS /contoso/_apis/distributedtask',
        'GET /contoso/_apis/distributedtask/pools',
      ],
    );
    assert.equal(log[3].accept, 'application/json;api-version=7.2-preview.1');
    assert.deepEqual(
      log.map((entry) => [entry.status, entry.authScheme, entry.identity]),
      Array(4).fill([200, 'Basic', 'Contoso Admin']),
    );
    assert.deepEqual(
      pools.map((pool) => [pool.id, pool.name, pool.poolType, pool.size]),
      [
        [1, 'keda', TaskAgentPoolType.Automation, 2],
        [2, 'empty', TaskAgentPoolType.Automation, 0],
        [3, 'static', TaskAgentPoolType.Automation, 1],
        [4, 'big', TaskAgentPoolType.Automation, 1],
      ],
    );
    assert.ok(pools[0].createdOn instanceof Date && pools[0].createdOn.getTime() < Date.now() - 29 * 86_400_000);
  });

  it('reads pools by name and id, agents with capabilities and requests, queues and job requests', async () => {
    const api = await taskAgentApi();

    assert.deepEqual(
      (await api.getAgentPools('KEDA', undefined, TaskAgentPoolType.Automation)).map((pool) => pool.id),
      [1],
    );
    assert.equal((await api.getAgentPool(3)).name, 'static');
    assert.equal(await api.getAgentPool(99), null, 'node turns the 404 into null');

    const agents = await api.getAgents(1, undefined, true, true, true);
    const [placeholder, pod] = agents;
    assert.equal(placeholder.name, 'keda-placeholder');
    assert.equal(placeholder.status, TaskAgentStatus.Offline);
    assert.equal(placeholder.userCapabilities?.['KedaPoolGuard.Placeholder'], 'true');
    assert.equal(placeholder.systemCapabilities?.kubectl, '/usr/bin/kubectl');
    assert.ok(placeholder.statusChangedOn instanceof Date);
    assert.equal(pod.status, TaskAgentStatus.Online);
    assert.equal(pod.assignedRequest?.requestId, 101);
    assert.equal(pod.lastCompletedRequest?.requestId, 100);
    assert.equal(pod.lastCompletedRequest?.result, TaskResult.Succeeded);

    const bare = await api.getAgents(1);
    assert.equal(bare[0].systemCapabilities, undefined, 'capabilities only when asked for');
    assert.equal(bare[1].assignedRequest, undefined);
    assert.deepEqual(
      (await api.getAgents(1, undefined, false, false, false, undefined, ['KUBERNETES_SERVICE_HOST'])).map((a) => a.id),
      [11],
    );

    const queues = await api.getAgentQueues('web');
    assert.deepEqual(
      queues.map((queue) => [queue.name, queue.pool?.id]),
      [
        ['keda-queue', 1],
        ['empty', 2],
        ['static', 3],
      ],
    );
    assert.deepEqual(
      (await api.getAgentQueuesForPools([1, 3], 'web')).map((queue) => queue.name),
      ['keda-queue', 'static'],
    );

    const unfinished = await api.getAgentRequestsForAgents(1, undefined, 0);
    assert.deepEqual(
      unfinished.map((request) => request.requestId),
      [101, 102, 103],
    );
    assert.deepEqual(
      unfinished[2].matchedAgents?.map((agent) => agent.name),
      ['keda-placeholder', 'keda-scaledjob-x7k2p-9qzrt'],
    );
    assert.deepEqual(unfinished[1].matchedAgents, [], 'nobody has helm');
    assert.deepEqual(unfinished[2].demands, ['kubectl', 'Agent.Version -gtVersion 2.218.1']);

    const top = await api.getAgentRequests(1, 50);
    assert.deepEqual(
      top.map((request) => request.requestId),
      [103, 102, 101, 100],
    );
    assert.ok(top.every((request) => request.matchedAgents === undefined));
    assert.equal(top[3].result, TaskResult.Succeeded);
    assert.ok(top[3].finishTime instanceof Date);

    assert.equal(await api.hasPoolPermissions(1, 2), true);
    const readerApi = await taskAgentApi(READER_PAT);
    assert.equal(await readerApi.hasPoolPermissions(1, 2), false, 'Manage needs Administrator');
    assert.equal(await readerApi.hasPoolPermissions(1, 1), true, 'View needs Reader');
    assert.equal(await readerApi.hasPoolPermissions(1, 16), false, 'Use needs User');
  });

  it('adds, disables and deletes an agent', async () => {
    const api = await taskAgentApi();
    const added = await api.addAgent(
      {
        name: 'keda-placeholder-2',
        version: '4.248.0',
        enabled: true,
        maxParallelism: 1,
        systemCapabilities: { 'Agent.Version': '4.248.0', kubectl: '/usr/bin/kubectl' },
        authorization: { publicKey: { exponent: [1, 0, 1], modulus: [7] } } as never,
      },
      1,
    );
    assert.equal(added.name, 'keda-placeholder-2');
    assert.equal(added.status, TaskAgentStatus.Offline, 'a registration is offline until the agent connects');
    assert.ok(added.id && added.createdOn instanceof Date);
    assert.equal(sandbox.org(ORG).findAgentByName(1, 'KEDA-PLACEHOLDER-2')?.id, added.id);

    const disabled = await api.updateAgent({ id: added.id, enabled: false }, 1, added.id as number);
    assert.equal(disabled.enabled, false);
    assert.equal(disabled.name, 'keda-placeholder-2', 'PATCH keeps what it was not sent');
    assert.equal(sandbox.org(ORG).getAgent(1, added.id as number)?.systemCapabilities.kubectl, '/usr/bin/kubectl');

    await api.deleteAgent(1, added.id as number);
    assert.equal(await api.getAgent(1, added.id as number), null);
    const writes = sandbox.requests.list().filter((entry) => entry.method !== 'GET' && entry.method !== 'OPTIONS');
    assert.deepEqual(
      writes.map((entry) => [entry.method, entry.status]),
      [
        ['POST', 200],
        ['PATCH', 200],
        ['DELETE', 204],
      ],
    );
  });

  it('rejects a duplicate name with 409 and a reader write with 403', async () => {
    await assert.rejects((await taskAgentApi()).addAgent({ name: 'Keda-Placeholder', version: '4.248.0' }, 1), (error: any) => {
      assert.equal(error.statusCode, 409);
      assert.equal(error.result.typeKey, 'TaskAgentExistsException');
      return true;
    });
    await assert.rejects((await taskAgentApi(READER_PAT)).deleteAgent(1, 10), (error: any) => {
      assert.equal(error.statusCode, 403);
      assert.match(error.message, /^Access denied\. Pool Reader needs Manage permissions/);
      return true;
    });
    assert.ok(sandbox.org(ORG).getAgent(1, 10), 'the denied delete changed nothing');
  });

  it('accepts a bearer token, also for connectionData', async () => {
    const webApi = new WebApi(sandbox.orgUrl(ORG), getBearerHandler(ADMIN_BEARER));
    assert.equal((await webApi.connect()).authenticatedUser?.providerDisplayName, 'Contoso Admin');
    const api = await webApi.getTaskAgentApi();
    assert.equal((await api.getAgents(3)).length, 1);
    assert.ok(sandbox.requests.list().every((entry) => entry.authScheme === 'Bearer' && entry.identity === 'Contoso Admin'));
  });
});
