/**
 * `repair` against the sandbox, with both product clients (the task's and command line's, and the hub's):
 * for each kind of pool the plan, what was written, the verdict after, and that a second repair is a no-op.
 * The refresh is watched change by change: the pool never lacks an agent that lets its jobs queue.
 */
import assert from 'node:assert/strict';
import type { AdoClient } from '../../../core/ado/client';
import { standInName } from '../../../core/ado/registration';
import { runGuard, type GuardRequest } from '../../../core/guard/run';
import { startSandbox, type FaultRule, type OrgState, type Sandbox } from '../../../sandbox';
import { BOTH_CLIENTS } from '../../support/clients';
import { watchQueueing } from '../../support/queueing-watch';

/** Both clients send bearer tokens: the portal user who administers every pool. */
const ADMIN = 'demo-admin-token';
const MARKER = 'KedaPoolGuard.Placeholder';

function request(sandbox: Sandbox, pool: string, extra: Partial<GuardRequest> = {}): GuardRequest {
  return {
    pools: [pool],
    demands: ['kubectl'],
    action: 'repair',
    failOn: 'blocked',
    requireOnlineAgent: false,
    placeholderName: 'keda-placeholder',
    placeholderCapabilities: {},
    organizationUrl: sandbox.orgUrl('demo'),
    access: { kind: 'personalAccessToken', via: 'connection' },
    ...extra,
  };
}

interface RepairCase {
  pool: string;
  /** Changes the demo organization first. */
  arrange?: (org: OrgState, poolId: number) => void;
  request?: Partial<GuardRequest>;
  plan: string;
  result: string;
  verdict: 'ready' | 'atRisk' | 'blocked';
  /** Whether the first repair writes. */
  writes: boolean;
}

const CASES: RepairCase[] = [
  { pool: 'keda-empty', plan: 'register', result: 'registered', verdict: 'ready', writes: true },
  { pool: 'keda-leftovers', plan: 'register', result: 'registered', verdict: 'ready', writes: true },
  { pool: 'keda-old-placeholder', plan: 'refresh', result: 'refreshed', verdict: 'ready', writes: true },
  { pool: 'keda-missing-capability', plan: 'refresh', result: 'refreshed', verdict: 'ready', writes: true },
  {
    pool: 'keda-empty',
    // Someone else's placeholder, lacking `kubectl`: jobs fail at once, and it stays theirs to fix.
    arrange: (org, poolId) => org.registerAgent(poolId, { name: 'keda-placeholder', version: '2.210.1', status: 'offline' }),
    plan: 'refused',
    result: 'notDone',
    verdict: 'blocked',
    writes: false,
  },
  {
    pool: 'keda-empty',
    arrange: (org, poolId) => org.registerAgent(poolId, { name: 'build-01', version: '4.248.0', status: 'online' }),
    request: { placeholderName: 'build-01' },
    plan: 'refused',
    result: 'notDone',
    verdict: 'blocked',
    writes: false,
  },
  { pool: 'static-linux', request: { demands: [] }, plan: 'refused', result: 'notDone', verdict: 'atRisk', writes: false },
  { pool: 'Azure Pipelines', plan: 'refused', result: 'notDone', verdict: 'ready', writes: false },
  { pool: 'vmss-linux', plan: 'refused', result: 'notDone', verdict: 'ready', writes: false },
  { pool: 'managed-linux', plan: 'refused', result: 'notDone', verdict: 'ready', writes: false },
];

const writesOf = (sandbox: Sandbox) => sandbox.requests.list().filter((r) => r.method !== 'GET');

for (const kind of BOTH_CLIENTS) {
  describe(`repair, with ${kind.name}`, function () {
    this.timeout(60_000);
    let sandbox: Sandbox;
    let client: AdoClient;
    beforeEach(async () => {
      sandbox = await startSandbox({ scenario: 'demo' });
      client = kind.connect(sandbox, 'demo', ADMIN);
    });
    afterEach(() => sandbox.stop());

    for (const c of CASES) {
      const title = `${c.pool}${c.arrange ? ' (changed first)' : ''}: plans ${c.plan}, ${c.result}, ${c.verdict} after; a second repair writes nothing`;
      it(title, async () => {
        const org = sandbox.org('demo');
        const pool = org.findPoolByName(c.pool)!;
        c.arrange?.(org, pool.id);
        sandbox.requests.clear();
        const first = await runGuard(client, request(sandbox, c.pool, c.request));
        const [outcome] = first.pools;
        assert.deepEqual([outcome.plan?.action, outcome.repair?.kind, outcome.report.verdict], [c.plan, c.result, c.verdict]);
        assert.equal(
          writesOf(sandbox).length > 0,
          c.writes,
          writesOf(sandbox)
            .map((r) => `${r.method} ${r.url}`)
            .join('\n'),
        );
        assert.equal(first.errored, false);

        sandbox.requests.clear();
        const second = await runGuard(client, request(sandbox, c.pool, c.request));
        assert.deepEqual(writesOf(sandbox), []);
        assert.equal(second.pools[0].repair?.kind, 'notDone');
        assert.equal(second.pools[0].report.verdict, c.verdict);
        if (c.writes) {
          const placeholders = org.listAgents(pool.id).filter((agent) => agent.userCapabilities[MARKER] !== undefined);
          assert.deepEqual(
            placeholders.map((agent) => agent.name),
            ['keda-placeholder'],
          );
        }
      });
    }

    it('refreshes a placeholder in place, and the pool can queue its jobs after every change', async () => {
      const org = sandbox.org('demo');
      const watch = watchQueueing(org, 'keda-missing-capability', [['kubectl'], ['kubectl', 'helm']]);
      sandbox.requests.clear();
      const result = await runGuard(client, request(sandbox, 'keda-missing-capability'));
      watch.stop();
      assert.equal(result.pools[0].repair?.kind, 'refreshed');
      assert.deepEqual(watch.before, ['kubectl']);
      assert.deepEqual(watch.lapses, []);
      assert.deepEqual(watch.satisfied(), ['kubectl', 'kubectl & helm']);
      const writes = writesOf(sandbox).map((r) => `${r.method} ${r.url.replace(/\?.*/, '').replace(/.*\/pools\/\d+/, '')}`);
      const [placeholder] = org.listAgents(org.findPoolByName('keda-missing-capability')!.id).filter((a) => a.name === 'keda-placeholder');
      assert.ok(writes.includes(`PUT /agents/${placeholder.id}`), writes.join('\n'));
      assert.equal(writes[0], 'POST /agents', 'the stand-in is registered first');
      assert.match(writes.at(-1)!, /^DELETE \/agents\/\d+$/, 'the stand-in is removed last');
    });

    it('replaces the placeholder by its stand-in where the service cannot replace it in place, never without an agent', async () => {
      const org = sandbox.org('demo');
      const pool = org.findPoolByName('keda-old-placeholder')!;
      const old = org.findAgentByName(pool.id, 'keda-placeholder')!;
      const refuseReplace: FaultRule = { method: 'PUT', route: new RegExp(`/agents/${old.id}$`), kind: 'serverError', status: 405 };
      sandbox.faults.set([refuseReplace]);
      const watch = watchQueueing(org, 'keda-old-placeholder', [['kubectl']]);
      const result = await runGuard(client, request(sandbox, 'keda-old-placeholder'));
      watch.stop();
      assert.equal(result.pools[0].repair?.kind, 'refreshed', JSON.stringify(result.pools[0].report.findings));
      assert.deepEqual(watch.lapses, []);
      assert.ok(watch.changes() >= 3, 'registered, deleted, renamed');
      const agents = org.listAgents(pool.id).filter((agent) => agent.userCapabilities[MARKER] !== undefined);
      assert.deepEqual(
        agents.map((agent) => [agent.name, agent.version === old.version, agent.id === old.id]),
        [['keda-placeholder', false, false]],
      );
      assert.equal(result.pools[0].report.verdict, 'ready');
    });

    it('leaves a refresh to the run that holds the stand-in, and takes over a stand-in abandoned long ago', async () => {
      const org = sandbox.org('demo');
      const pool = org.findPoolByName('keda-old-placeholder')!;
      const standIn = org.registerAgent(pool.id, {
        name: standInName('keda-placeholder'),
        version: '4.248.0',
        status: 'offline',
        userCapabilities: { [MARKER]: 'true' },
      });
      sandbox.requests.clear();
      const held = await runGuard(client, request(sandbox, 'keda-old-placeholder'));
      assert.equal(held.pools[0].repair?.kind, 'refreshUnderway');
      assert.deepEqual(
        writesOf(sandbox).map((r) => r.method),
        ['POST'],
        'only the claim, refused',
      );

      // Aged in place: the sandbox registers agents at its own time, and no call of the service backdates one.
      Object.assign(standIn, { createdOn: new Date(Date.now() - 11 * 60_000) });
      const takenOver = await runGuard(client, request(sandbox, 'keda-old-placeholder'));
      assert.equal(takenOver.pools[0].repair?.kind, 'refreshed');
      assert.deepEqual(
        org.listAgents(pool.id).map((agent) => agent.name),
        ['keda-placeholder'],
      );
    });

    it('changes nothing when the placeholder stopped being ours between the plan and the write', async () => {
      const org = sandbox.org('demo');
      const pool = org.findPoolByName('keda-old-placeholder')!;
      const placeholder = org.findAgentByName(pool.id, 'keda-placeholder')!;
      // The stand-in's registration is the moment to strike: after the plan, before the placeholder is read again.
      const stop = org.onChange((event) => {
        if (event.type === 'agentRegistered' && event.agent.name === standInName('keda-placeholder')) {
          org.updateAgent(pool.id, placeholder.id, { userCapabilities: {} });
        }
      });
      const result = await runGuard(client, request(sandbox, 'keda-old-placeholder'));
      stop();
      assert.equal(result.pools[0].repair?.kind, 'changedMeanwhile');
      assert.deepEqual(
        org.listAgents(pool.id).map((agent) => [agent.name, agent.version]),
        [['keda-placeholder', placeholder.version]],
      );
    });
  });
}
