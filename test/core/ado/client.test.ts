import assert from 'node:assert/strict';
import { RestAdoClient } from '../../../core/ado/client';
import { AdoError } from '../../../core/ado/errors';
import { readPools } from '../../../core/ado/snapshots';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { TestClock } from '../../support/clock';
import { DEMO } from '../../support/tokens';

const ADMIN_PAT = DEMO.adminPat;
const BUILD_SERVICE_TOKEN = 'demo-build-service-token';

describe('core/ado RestAdoClient against the sandbox', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ scenario: 'demo' });
  });
  after(() => sandbox.stop());
  beforeEach(() => {
    sandbox.faults.clear();
    sandbox.requests.clear();
  });

  const client = (token: string = ADMIN_PAT, timeoutMs = 10_000, clock = new TestClock()) =>
    new RestAdoClient({ orgUrl: sandbox.orgUrl('demo'), credentials: { kind: 'pat', token }, timeoutMs, clock });

  it('reads one pool in four requests (pools, agents, unfinished and recent requests) and no location discovery', async () => {
    const [read] = await readPools(client(), ['keda-ready']);
    assert.equal(read.kind, 'found');
    if (read.kind !== 'found') return;
    assert.ok(read.snapshot.agents.length > 0);
    assert.ok(
      read.snapshot.agents.every((a) => a.systemCapabilities !== undefined),
      'capabilities are read',
    );
    assert.ok(
      read.snapshot.jobRequests.every((r) => r.result === undefined),
      'only unfinished requests',
    );
    const requests = sandbox.requests.list().map((r) => `${r.method} ${r.url}`);
    assert.equal(requests.length, 4, requests.join('\n'));
    assert.ok(read.snapshot.history && read.snapshot.history.length > 0, 'the recent requests are read');
    assert.ok(requests.every((r) => !r.startsWith('OPTIONS') && !r.includes('ResourceAreas')));
  });

  it('reads several pools with one pool list, and says which names match no pool', async () => {
    const names = ['keda-ready', 'keda-empty', 'KEDA-LEFTOVERS', 'no-such-pool'];
    const reads = await readPools(client(), names);
    assert.deepEqual(
      reads.map((r) => r.kind),
      ['found', 'found', 'found', 'missing'],
    );
    assert.equal(sandbox.requests.list().length, 1 + 3 * 3);
  });

  it('reports a pool the identity cannot see as missing, like the service hides it', async () => {
    const reads = await readPools(
      new RestAdoClient({
        orgUrl: sandbox.orgUrl('demo'),
        credentials: { kind: 'bearer', token: 'demo-collection-build-service-token' },
        timeoutMs: 5_000,
      }),
      ['keda-ready', 'keda-empty'],
    );
    assert.deepEqual(
      reads.map((r) => r.kind),
      ['found', 'missing'],
    );
  });

  it('registers, disables and deletes an agent, and tells a conflict from a refusal', async () => {
    const admin = client();
    const [pool] = await admin.listPools('keda-empty');
    const agent = await admin.addAgent(pool.id, {
      name: 'guard-test-placeholder',
      version: '4.248.0',
      systemCapabilities: { 'Agent.Version': '4.248.0', kubectl: '/usr/bin/kubectl' },
      userCapabilities: { 'KedaPoolGuard.Placeholder': 'true' },
    });
    assert.equal(agent.status, 'offline');
    assert.equal(agent.name, 'guard-test-placeholder');
    const stored = await admin.getAgent(pool.id, agent.id);
    assert.deepEqual(stored?.userCapabilities, { 'KedaPoolGuard.Placeholder': 'true' });
    assert.equal(stored?.systemCapabilities?.kubectl, '/usr/bin/kubectl');

    const duplicate = await admin
      .addAgent(pool.id, { name: 'GUARD-TEST-PLACEHOLDER', version: '4.248.0', systemCapabilities: {} })
      .catch((e) => e);
    assert.ok(duplicate instanceof AdoError && duplicate.kind === 'conflict');

    const reader = new RestAdoClient({
      orgUrl: sandbox.orgUrl('demo'),
      credentials: { kind: 'bearer', token: BUILD_SERVICE_TOKEN },
      timeoutMs: 5_000,
    });
    assert.equal(await reader.canManagePool(pool.id), false);
    const refused = await reader.addAgent(pool.id, { name: 'x', version: '4.248.0', systemCapabilities: {} }).catch((e) => e);
    assert.ok(refused instanceof AdoError && refused.kind === 'forbidden');
    assert.match(refused.serviceMessage ?? '', /demo Build Service \(demo\) needs Manage permissions/);

    assert.equal(await admin.canManagePool(pool.id), true);
    assert.equal((await admin.setAgentEnabled(pool.id, agent.id, false)).enabled, false);
    await admin.deleteAgent(pool.id, agent.id);
    assert.equal(await admin.getAgent(pool.id, agent.id), undefined);
  });

  it('turns a bad token into "unauthorized"', async () => {
    const error = await client('not-a-valid-token')
      .listPools()
      .catch((e) => e);
    assert.ok(error instanceof AdoError);
    assert.equal(error.kind, 'unauthorized');
    assert.equal(error.status, 401);
  });

  it('waits out throttling as the service asks, within the budget', async () => {
    sandbox.faults.set([{ kind: 'rateLimit', route: '/agents', retryAfterSeconds: 1, times: 1 }]);
    const clock = new TestClock();
    const [read] = await readPools(client(ADMIN_PAT, 10_000, clock), ['keda-ready']);
    assert.equal(read.kind, 'found');
    const agentCalls = sandbox.requests.list().filter((r) => r.url.includes('/agents'));
    assert.equal(agentCalls.length, 2);
    assert.deepEqual(clock.sleeps, [1000]);
  });

  it('keeps other pools when one fails, and names the cause', async () => {
    const ready = (await client().listPools('keda-ready'))[0];
    sandbox.faults.set([{ kind: 'malformedJson', route: new RegExp(`pools/${ready.id}/agents`) }]);
    const reads = await readPools(client(), ['keda-ready', 'static-linux']);
    assert.equal(reads[0].kind, 'failed');
    assert.equal(reads[0].kind === 'failed' && reads[0].error.kind, 'malformed');
    assert.equal(reads[1].kind, 'found');
  });

  it('gives up on a hanging service when the budget runs out', async () => {
    sandbox.faults.set([{ kind: 'hang', route: '/jobrequests' }]);
    const clock = new TestClock();
    const stopListening = sandbox.faults.onHang(() => clock.expireNextTimeout());
    const [read] = await readPools(client(ADMIN_PAT, 1_000, clock), ['keda-ready']).finally(stopListening);
    assert.equal(read.kind === 'failed' && read.error.kind, 'timeout');
    assert.equal(
      sandbox.requests.list().filter((r) => r.url.includes('/jobrequests?completedRequestCount=0')).length,
      1,
      'not tried again',
    );
    assert.equal(clock.elapsed(), 1_000);
  });
});
