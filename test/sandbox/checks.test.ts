/**
 * The sandbox's approvals and checks: the check configurations routes as the service answers them, and a
 * stage held back by an Invoke REST API check on its pool's queue until the check passes.
 */
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox';
import { ADMIN_PAT, BUILD_SERVICE_TOKEN, GATE_ORG, GATE_POOLS, GATE_PROJECT, gateScenario, READER_PAT } from '../tasks/gate-scenario';
import { basic } from './tiny-scenario';

const PREVIEW = 'application/json;api-version=7.1-preview.1';

/** An Invoke REST API check asking the agents route whether a registered agent has kubectl. */
function poolCheck(queueId: number, poolId: number, settings: Record<string, unknown> = {}, timeout = 30) {
  return {
    type: { id: 'fe1de3ee-a436-41b4-bb20-f6eb4cb879a7', name: 'Task Check' },
    settings: {
      displayName: 'Pool has an agent for kubectl',
      definitionRef: { id: '9c3e8943-130d-4c78-ac63-8af81df62dfb', name: 'InvokeRESTAPI', version: '1.220.0' },
      inputs: {
        connectedServiceNameSelector: 'connectedServiceName',
        connectedServiceName: 'azure-devops-pools',
        method: 'GET',
        headers: '{"Content-Type":"application/json"}',
        urlSuffix: `/_apis/distributedtask/pools/${poolId}/agents?demands=kubectl&api-version=7.1`,
        waitForCompletion: 'false',
        successCriteria: "gt(count(root['value']), 0)",
      },
      retryInterval: 5,
      ...settings,
    },
    resource: { type: 'queue', id: String(queueId) },
    timeout,
  };
}

describe('sandbox approvals and checks', () => {
  let sandbox: Sandbox;
  const queueOf = (pool: string) =>
    sandbox
      .org(GATE_ORG)
      .findProject(GATE_PROJECT)!
      .queues.find((queue) => queue.name === pool)!;
  const checksUrl = (suffix = '') => `${sandbox.orgUrl(GATE_ORG)}/${GATE_PROJECT}/_apis/pipelines/checks/configurations${suffix}`;
  const call = async (method: string, url: string, pat: string, body?: unknown, accept = PREVIEW) => {
    const response = await fetch(url, {
      method,
      headers: { Authorization: basic(pat), Accept: accept, 'Content-Type': 'application/json', 'X-TFS-FedAuthRedirect': 'Suppress' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
  };
  const addCheck = (pool: string, settings?: Record<string, unknown>, timeout?: number) => {
    const queue = queueOf(pool);
    return call('POST', checksUrl(), ADMIN_PAT, poolCheck(queue.id, queue.pool.id, settings, timeout));
  };

  beforeEach(async () => {
    sandbox = await startSandbox({ scenario: gateScenario() });
  });
  afterEach(() => sandbox.stop());

  describe('the configurations routes', () => {
    it("add a task check on a queue for the queue's Administrator, as the REST reference's example answers", async () => {
      const queue = queueOf(GATE_POOLS.ready);
      const { status, json } = await addCheck(GATE_POOLS.ready);
      assert.equal(status, 200);
      assert.deepEqual(json.type, { id: 'fe1de3ee-a436-41b4-bb20-f6eb4cb879a7', name: 'Task Check' });
      assert.deepEqual(json.resource, { type: 'queue', id: String(queue.id), name: GATE_POOLS.ready });
      assert.equal(json.settings.displayName, 'Pool has an agent for kubectl');
      assert.equal(json.timeout, 30);
      assert.equal(json.createdBy.displayName, 'Pool Administrator');
      assert.match(json.url, new RegExp(`/_apis/pipelines/checks/configurations/${json.id}$`));
    });

    it('refuse a version without -preview, as for any preview resource', async () => {
      const queue = queueOf(GATE_POOLS.ready);
      const { status, json } = await call(
        'POST',
        checksUrl(),
        ADMIN_PAT,
        poolCheck(queue.id, queue.pool.id),
        'application/json;api-version=7.1',
      );
      assert.equal(status, 400);
      assert.equal(json.typeKey, 'VssInvalidPreviewVersionException');
    });

    it('refuse a user without the Administrator role on the queue, in the service words', async () => {
      const queue = queueOf(GATE_POOLS.ready);
      const { status, json } = await call('POST', checksUrl(), READER_PAT, poolCheck(queue.id, queue.pool.id));
      assert.equal(status, 403);
      assert.equal(json.message, 'You do not have permissions to update checks on this resource. Contact your resource administrator.');
      assert.equal((await call('POST', checksUrl(), ADMIN_PAT, poolCheck(999, queue.pool.id))).status, 403, 'a queue that is not there');
    });

    it('refuse a check polled more than ten times: the scalability limits', async () => {
      const { status, json } = await addCheck(GATE_POOLS.ready, { retryInterval: 1 }, 60);
      assert.equal(status, 400);
      assert.match(json.message, /not compliant with our checks scalability limits: Pool has an agent for kubectl\./);
    });

    it('list the checks of a queue, their settings only when expanded, to whoever sees the queue', async () => {
      const queue = queueOf(GATE_POOLS.ready);
      const { json: added } = await addCheck(GATE_POOLS.ready);
      await addCheck(GATE_POOLS.empty);
      const list = (pat: string, expand = '') => call('GET', checksUrl(`?resourceType=queue&resourceId=${queue.id}${expand}`), pat);
      const plain = await list(READER_PAT);
      assert.deepEqual(
        plain.json.value.map((check: any) => [check.id, check.settings]),
        [[added.id, undefined]],
      );
      assert.equal((await list(READER_PAT, '&$expand=settings')).json.value[0].settings.inputs.method, 'GET');
      const missing = await call('GET', checksUrl('?resourceType=queue'), READER_PAT);
      assert.equal(missing.status, 400);
      assert.match(missing.json.message, /^Value cannot be null\.\r\nParameter name: resourceId$/);
    });

    it('get and delete one by id; a missing one is 404 in the service words', async () => {
      const { json: added } = await addCheck(GATE_POOLS.ready);
      assert.equal((await call('GET', checksUrl(`/${added.id}`), READER_PAT)).json.id, added.id);
      assert.equal((await call('DELETE', checksUrl(`/${added.id}`), READER_PAT)).status, 403);
      assert.equal((await call('DELETE', checksUrl(`/${added.id}`), ADMIN_PAT)).status, 204);
      const gone = await call('GET', checksUrl(`/${added.id}`), ADMIN_PAT);
      assert.equal(gone.status, 404);
      assert.equal(gone.json.message, `Checks configuration with id ${added.id} does not exist.`);
    });
  });

  describe('a stage reaching a pool whose queue has the check', () => {
    const stage = (pool: string) =>
      sandbox.startStage(GATE_ORG, { project: GATE_PROJECT, pool, demands: ['kubectl'], accessToken: BUILD_SERVICE_TOKEN });

    it('queues its job at once when there is no check', async () => {
      const run = await stage(GATE_POOLS.ready);
      assert.equal(run.status, 'queued');
      assert.ok(run.jobRequest);
    });

    it('queues its job once the check passes, having called the pool with the connection', async () => {
      await addCheck(GATE_POOLS.ready);
      sandbox.requests.clear();
      const run = await stage(GATE_POOLS.ready);
      assert.equal(run.status, 'queued', run.message);
      assert.equal(run.checks[0].status, 'passed');
      assert.deepEqual(
        sandbox.requests.list().map((request) => request.identity),
        ['Pool Reader'],
      );
    });

    it('is held back while the pool has no agent for its job, and queues when one is registered', async () => {
      await addCheck(GATE_POOLS.empty);
      const run = await stage(GATE_POOLS.empty);
      assert.equal(run.status, 'waiting');
      assert.equal(run.checks[0].status, 'retrying');
      assert.match(run.checks[0].message, /does not meet the success criteria gt\(count\(root\['value'\]\), 0\)/);
      assert.equal(run.jobRequest, undefined, 'nothing queued');
      const org = sandbox.org(GATE_ORG);
      org.registerAgent(queueOf(GATE_POOLS.empty).pool.id, {
        name: 'keda-placeholder',
        version: '4.248.0',
        systemCapabilities: { kubectl: 'x' },
      });
      await run.evaluate();
      assert.equal(run.status, 'queued', run.message);
      assert.equal(run.checks[0].evaluations, 2);
    });

    it('is skipped when the check does not pass within its timeout, after timeout / retryInterval evaluations', async () => {
      await addCheck(GATE_POOLS.empty, { retryInterval: 5 }, 15);
      const run = await stage(GATE_POOLS.empty);
      await run.evaluate();
      assert.equal(run.status, 'waiting');
      await run.evaluate();
      assert.equal(run.status, 'skipped');
      assert.equal(run.checks[0].evaluations, 3);
      assert.match(run.message, /did not pass within its timeout/);
    });

    it('keeps the pass of a check without retries while another check holds the stage back: that decision is final', async () => {
      const queue = queueOf(GATE_POOLS.ready);
      const helmSuffix = `/_apis/distributedtask/pools/${queue.pool.id}/agents?demands=helm&api-version=7.1`;
      await addCheck(GATE_POOLS.ready, { retryInterval: 0 });
      const base = poolCheck(queue.id, queue.pool.id, { displayName: 'Pool has an agent for helm' });
      await call('POST', checksUrl(), ADMIN_PAT, {
        ...base,
        settings: { ...base.settings, inputs: { ...base.settings.inputs, urlSuffix: helmSuffix } },
      });
      const run = await sandbox.startStage(GATE_ORG, {
        project: GATE_PROJECT,
        pool: GATE_POOLS.ready,
        demands: ['helm'],
        accessToken: BUILD_SERVICE_TOKEN,
      });
      assert.equal(run.status, 'waiting');
      assert.deepEqual(
        run.checks.map((check) => check.status),
        ['passed', 'retrying'],
      );
      const org = sandbox.org(GATE_ORG);
      for (const agent of org.listAgents(queue.pool.id)) org.deleteAgent(queue.pool.id, agent.id);
      org.registerAgent(queue.pool.id, { name: 'helm-agent', version: '4.248.0', systemCapabilities: { helm: 'x' } });
      await run.evaluate();
      assert.equal(run.status, 'queued', run.message);
      assert.deepEqual(
        run.checks.map((check) => check.evaluations),
        [1, 2],
      );
    });

    it('fails at the first negative decision of a check without retries', async () => {
      await addCheck(GATE_POOLS.empty, { retryInterval: 0 });
      const run = await stage(GATE_POOLS.empty);
      assert.equal(run.status, 'failed');
      assert.match(run.message, /^The check Pool has an agent for kubectl failed: /);
    });
  });
});
