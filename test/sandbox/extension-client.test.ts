/**
 * The real azure-devops-extension-api TaskAgentRestClient against the sandbox, in Node: the client whose
 * requests the hub's own `TaskAgentFetchClient` repeats, request for request.
 */
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox';
import { ADMIN_BEARER, ORG, tinyScenario } from './tiny-scenario';

type TaskAgentModule = typeof import('azure-devops-extension-api/TaskAgent');

describe('sandbox with azure-devops-extension-api', () => {
  let sandbox: Sandbox;
  let TaskAgentRestClient: TaskAgentModule['TaskAgentRestClient'];
  const client = () =>
    new TaskAgentRestClient({
      rootPath: `${sandbox.orgUrl(ORG)}/`,
      authTokenProvider: { getAuthorizationHeader: async () => `Bearer ${ADMIN_BEARER}` },
    });

  before(() => {
    // Its fetch polyfill looks at `self`; the import must come after this line, hence require.
    Object.assign(globalThis, { self: globalThis });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ({ TaskAgentRestClient } = require('azure-devops-extension-api/TaskAgent') as TaskAgentModule);
  });
  beforeEach(async () => {
    sandbox = await startSandbox({ scenario: tinyScenario(450) });
  });
  afterEach(() => sandbox.stop());

  it('gets bare arrays, numeric enums and Date objects thanks to its Accept options', async () => {
    const pools = await client().getAgentPools('keda');
    assert.ok(Array.isArray(pools));
    assert.equal(pools[0].id, 1);
    assert.equal(pools[0].poolType, 1);
    assert.ok(pools[0].createdOn instanceof Date, 'msDateFormat dates become Date objects');

    const agents = await client().getAgents(1, undefined, true);
    assert.deepEqual(
      agents.map((agent) => [agent.name, agent.status, agent.userCapabilities?.['KedaPoolGuard.Placeholder']]),
      [
        ['keda-placeholder', 1, 'true'],
        ['keda-scaledjob-x7k2p-9qzrt', 2, undefined],
      ],
    );
    assert.ok(agents[0].createdOn instanceof Date && agents[0].statusChangedOn instanceof Date);
    assert.equal((agents[0] as unknown as Record<string, unknown>)._links, undefined, 'excludeUrls drops _links');

    const queues = await client().getAgentQueues('web', 'keda-queue');
    assert.deepEqual(
      queues.map((queue) => [queue.id, queue.pool.id]),
      [[1, 1]],
    );

    const [request] = sandbox.requests.list();
    assert.equal(request.authScheme, 'Bearer');
    assert.equal(
      request.accept,
      'application/json;api-version=7.2-preview.1;excludeUrls=true;enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true',
    );
  });

  it('pages job requests with the continuation token, 200 at a time', async () => {
    const first = await client().getAgentRequests(4, 250);
    assert.equal(first.length, 200);
    assert.equal(first[0].requestId, 1449, 'newest first');
    assert.equal(first[0].result, 0, 'succeeded as a number');
    assert.ok(first[0].finishTime instanceof Date);
    assert.ok(first.continuationToken);

    const second = await client().getAgentRequests(4, 250, first.continuationToken ?? undefined);
    assert.equal(second.length, 200);
    assert.equal(second[0].requestId, 1249);
    const third = await client().getAgentRequests(4, 250, second.continuationToken ?? undefined);
    assert.deepEqual([third.length, third[third.length - 1].requestId, third.continuationToken], [50, 1000, null]);
  });
});
