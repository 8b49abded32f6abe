/**
 * Issue 19, item 1: one registration protocol ("register, set user capabilities, undo on failure", and the
 * Manage permission bit) in `core/ado/registration.ts`, which the task's and the hub's clients implement the
 * port of. Both pass the same contract against the sandbox.
 */
import assert from 'node:assert/strict';
import { AdoError } from '../../../core/ado/errors';
import type { AgentRegistration } from '../../../core/ado/registration';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { BOTH_CLIENTS } from '../../support/clients';

const ADMIN = 'demo-admin-token';
const READER = 'demo-reader-token';
const POOL = 'keda-empty';

const placeholder = (name: string, userCapabilities?: Record<string, string>): AgentRegistration => ({
  name,
  version: '4.248.0',
  systemCapabilities: { 'Agent.Version': '4.248.0', kubectl: '/usr/bin/kubectl' },
  userCapabilities,
});

async function failure(call: Promise<unknown>): Promise<AdoError> {
  const error = await call.then(
    () => assert.fail('the call succeeded'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof AdoError, String(error));
  return error;
}

for (const kind of BOTH_CLIENTS) {
  describe(`registration protocol: ${kind.name}`, () => {
    let sandbox: Sandbox;
    let poolId: number;
    before(async () => {
      sandbox = await startSandbox({ scenario: 'demo' });
      poolId = sandbox.org('demo').findPoolByName(POOL)!.id;
    });
    after(() => sandbox?.stop());
    beforeEach(() => {
      sandbox.faults.clear();
      sandbox.requests.clear();
      for (const agent of sandbox.org('demo').listAgents(poolId)) sandbox.org('demo').deleteAgent(poolId, agent.id);
    });

    const client = (token = ADMIN) => kind.connect(sandbox, 'demo', token);
    const stored = () => sandbox.org('demo').listAgents(poolId);
    const agents = () => `/demo/_apis/distributedtask/pools/${poolId}/agents`;
    const sent = () => sandbox.requests.list().map((request) => `${request.method} ${request.url.replace(/\?.*/, '')}`);

    it('registers an offline agent, then sets its user capabilities: whole, in a POST and a PUT', async () => {
      const agent = await client().addAgent(poolId, placeholder('tpl', { 'KedaPoolGuard.Placeholder': 'true' }));
      assert.deepEqual(
        [agent.name, agent.status, agent.enabled, agent.userCapabilities],
        ['tpl', 'offline', true, { 'KedaPoolGuard.Placeholder': 'true' }],
      );
      assert.equal(agent.systemCapabilities?.kubectl, '/usr/bin/kubectl');
      assert.deepEqual(sent(), [`POST ${agents()}`, `PUT ${agents()}/${agent.id}/usercapabilities`]);
      assert.deepEqual(
        stored().map((a) => [a.name, a.status, a.userCapabilities]),
        [['tpl', 'offline', { 'KedaPoolGuard.Placeholder': 'true' }]],
      );
    });

    it('registers without a PUT when there is no user capability to set', async () => {
      await client().addAgent(poolId, placeholder('bare', {}));
      assert.deepEqual(sent(), [`POST ${agents()}`]);
    });

    it('undoes the registration when its user capabilities are refused', async () => {
      sandbox.faults.set([{ method: 'PUT', route: '/usercapabilities', kind: 'serverError', status: 503 }]);
      const error = await failure(client().addAgent(poolId, placeholder('half', { Marker: 'true' })));
      assert.deepEqual([error.kind, error.method], ['unavailable', 'PUT']);
      assert.deepEqual(stored(), []);
      assert.equal(sent().filter((request) => request.startsWith('DELETE')).length, 1);
    });

    it('undoes a registration whose answer could not be read: it landed all the same', async () => {
      sandbox.faults.set([{ method: 'POST', route: '/agents', kind: 'malformedJson' }]);
      const error = await failure(client().addAgent(poolId, placeholder('unread', { Marker: 'true' })));
      assert.deepEqual([error.kind, error.method], ['malformed', 'POST']);
      assert.deepEqual(stored(), []);
      assert.deepEqual(sent().slice(0, 2), [`POST ${agents()}`, `GET ${agents()}`]);
      assert.match(sent()[2], new RegExp(`^DELETE ${agents()}/\\d+$`));
    });

    it('leaves an agent of the same name alone: the registration answers 409', async () => {
      await client().addAgent(poolId, placeholder('taken', { Marker: 'true' }));
      sandbox.requests.clear();
      const error = await failure(client().addAgent(poolId, placeholder('TAKEN', { Marker: 'true' })));
      assert.deepEqual([error.kind, error.method, error.status], ['conflict', 'POST', 409]);
      assert.deepEqual(sent(), [`POST ${agents()}`]);
      assert.deepEqual(
        stored().map((a) => a.name),
        ['taken'],
      );
    });

    it('tells a Reader no, in the service’s words, and registers nothing', async () => {
      const error = await failure(client(READER).addAgent(poolId, placeholder('x')));
      assert.deepEqual([error.kind, error.method, error.status], ['forbidden', 'POST', 403]);
      assert.match(error.serviceMessage ?? '', /needs Manage permissions/);
      assert.deepEqual(stored(), []);
    });

    it('asks for the Manage permission, bit 2, to know whether the caller administers the pool', async () => {
      assert.equal(await client().canManagePool(poolId), true);
      assert.equal(await client(READER).canManagePool(poolId), false);
      assert.deepEqual(sent(), [
        `GET /demo/_apis/distributedtask/pools/${poolId}/permissions/2`,
        `GET /demo/_apis/distributedtask/pools/${poolId}/permissions/2`,
      ]);
    });
  });
}
