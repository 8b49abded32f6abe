/**
 * The hub's `AdoClient` over each of its REST layers (the one it ships, and azure-devops-extension-api's own
 * client), in Node against the sandbox: the same model data as the task's client, and every failure as the
 * same `AdoError`. Registering
 * is the protocol both clients share, tested for both in `test/core/ado/registration-contract.test.ts`.
 */
import assert from 'node:assert/strict';
import type { AdoClient } from '../../core/ado/client';
import { AdoError } from '../../core/ado/errors';
import { readPoolSnapshot } from '../../core/ado/snapshots';
import { startSandbox, type Sandbox } from '../../sandbox';
import { REST_LAYERS, browserClient as connectBrowserClient, restClient as connectRestClient } from '../support/clients';

const ADMIN = 'demo-admin-token';
const READER = 'demo-reader-token';

for (const layer of REST_LAYERS) {
  describe(`hub: BrowserAdoClient over ${layer.name}`, () => {
    let sandbox: Sandbox;
    let browserClient: (token: string) => AdoClient;
    let restClient: AdoClient;

    before(async () => {
      sandbox = await startSandbox({ scenario: 'demo' });
      browserClient = (token) => connectBrowserClient(sandbox, 'demo', token, layer);
      restClient = connectRestClient(sandbox, 'demo', ADMIN);
    });
    after(() => sandbox?.stop());
    afterEach(() => sandbox.faults.clear());

    it('reads what the task reads: queues, pools, agents with dates and capabilities, unfinished requests with matches', async () => {
      const client = browserClient(ADMIN);
      assert.deepEqual(await client.listQueues('demo'), await restClient.listQueues('demo'));
      const [pool] = await client.listPools('keda-ready');
      const now = () => new Date('2026-01-01T00:00:00Z');
      assert.deepEqual(await readPoolSnapshot(client, pool, now), await readPoolSnapshot(restClient, pool, now));
      assert.equal(await client.canManagePool(pool.id), true);
      assert.equal(await browserClient(READER).canManagePool(pool.id), false);
    });

    it('registers an agent with its user capabilities, and enables and disables it', async () => {
      const client = browserClient(ADMIN);
      const [pool] = await client.listPools('keda-empty');
      const agent = await client.addAgent(pool.id, {
        name: 'tpl',
        version: '4.248.0',
        systemCapabilities: { kubectl: '/bin/kubectl' },
        userCapabilities: { Marker: 'true' },
      });
      assert.deepEqual([agent.name, agent.status, agent.userCapabilities], ['tpl', 'offline', { Marker: 'true' }]);
      assert.equal((await client.setAgentEnabled(pool.id, agent.id, false)).enabled, false);
      await client.deleteAgent(pool.id, agent.id);
      assert.equal(await client.getAgent(pool.id, agent.id), undefined);
    });

    it('turns refusals and failures into the causes the guard explains', async () => {
      const [pool] = await restClient.listPools('keda-empty');
      const failure = async (call: Promise<unknown>): Promise<AdoError> => {
        const error = await call.then(
          () => undefined,
          (e: unknown) => e,
        );
        assert.ok(error instanceof AdoError, String(error));
        return error;
      };
      const denied = await failure(browserClient(READER).addAgent(pool.id, { name: 'x', version: '4.0.0', systemCapabilities: {} }));
      assert.deepEqual([denied.kind, denied.status, denied.method], ['forbidden', 403, 'POST']);
      assert.match(denied.serviceMessage ?? '', /Riley Reader/);
      assert.equal((await failure(browserClient('wrong-token').listPools())).kind, 'unauthorized');

      sandbox.faults.set([{ route: '/agents', kind: 'serverError', status: 503 }]);
      assert.deepEqual([(await failure(browserClient(ADMIN).listAgents(pool.id))).kind], ['unavailable']);
      sandbox.faults.set([{ route: '/agents', kind: 'malformedJson' }]);
      assert.equal((await failure(browserClient(ADMIN).listAgents(pool.id))).kind, 'malformed');
      sandbox.faults.set([{ route: '/agents', kind: 'reset' }]);
      // The client logs a dropped connection before it throws; the test's output need not show it.
      const warn = console.warn;
      console.warn = () => undefined;
      try {
        assert.equal((await failure(browserClient(ADMIN).listAgents(pool.id))).kind, 'unavailable');
      } finally {
        console.warn = warn;
      }
    });
  });
}
