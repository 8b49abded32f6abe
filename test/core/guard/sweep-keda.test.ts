import assert from 'node:assert/strict';
import { RestAdoClient } from '../../../core/ado/client';
import { runSweep, type SweepResult } from '../../../core/guard/sweep';
import { startSandbox, type Sandbox } from '../../../sandbox';
import type { Scenario, ScenarioAgent } from '../../../sandbox/scenario-types';
import { podName } from './pod-names';

const ADMIN_PAT = 'a'.repeat(52);
/** What the sweep keeps the pool able to satisfy: the jobs' demand and the implicit minimum agent version. */
const DEMANDS = ['kubectl', 'Agent.Version -gtVersion 3.232.1'];
/**
 * The sweeps go on until they have raced KEDA enough: this many sweeps, KEDA's registrations and
 * deletions. How long that takes depends on the machine; what happened by then does not.
 */
const ENOUGH = { sweeps: 8, registered: 5, swept: 25 };
/** A bound, so that a sweep that never deletes a new leftover fails the test instead of running for ever. */
const MAX_SWEEPS = 400;

const oldLeftover = (i: number): ScenarioAgent => ({
  name: podName('azdevops-scaledjob', 100_000 + i),
  version: '4.248.0',
  status: 'offline',
  createdOn: `-${3 + i}d`,
  statusChangedOn: `-${2 + i}d`,
  systemCapabilities: { 'Agent.Version': '4.248.0', KUBERNETES_SERVICE_HOST: '10.0.0.1', kubectl: '/usr/local/bin/kubectl' },
});

function scenario(withPlaceholder: boolean): Scenario {
  const placeholder: ScenarioAgent = {
    name: 'keda-placeholder',
    version: '4.248.0',
    status: 'offline',
    createdOn: '-30d',
    systemCapabilities: { 'Agent.Version': '4.248.0', kubectl: '/usr/local/bin/kubectl' },
    userCapabilities: { 'KedaPoolGuard.Placeholder': 'true' },
  };
  const leftovers = Array.from({ length: 20 }, (_, i) => oldLeftover(i));
  return {
    organizations: [
      {
        name: 'contoso',
        identities: [{ name: 'Admin', pat: ADMIN_PAT, poolRoles: { '*': 'Administrator' } }],
        projects: [{ name: 'web', queues: { keda: 'keda' } }],
        pools: [{ name: 'keda', agents: withPlaceholder ? [placeholder, ...leftovers] : leftovers }],
      },
    ],
  };
}

interface Deletion {
  id: number;
  name: string;
  online: boolean;
  busy: boolean;
  /**
   * Offline agents satisfying the demands, right after the deletion: what keeps the pool able to queue
   * jobs once KEDA's pods are gone, which they may be at any moment.
   */
  lastingAfter: number;
}

/**
 * KEDA registers pods, runs jobs and retires agents (some deregister, the others stay offline) on real
 * timers, while two sweeps with a threshold of a fraction of a second run over and over on the same
 * pool, until they have raced it enough (`ENOUGH`). Every deletion, the sweep's and KEDA's own, is
 * checked the moment it happens.
 */
async function sweepWhileKedaScales(
  withPlaceholder: boolean,
): Promise<{ deletions: Deletion[]; sweptIds: Set<number>; results: SweepResult[]; registered: number }> {
  const sandbox: Sandbox = await startSandbox({
    scenario: scenario(withPlaceholder),
    keda: [
      {
        org: 'contoso',
        name: 'azdevops-scaledjob',
        trigger: { poolName: 'keda', demands: 'kubectl' },
        pollingIntervalMs: 15,
        jobDurationMs: 20,
        deregisterShare: 0.4,
        maxReplicaCount: 6,
        capabilities: { kubectl: '/usr/local/bin/kubectl' },
        seed: 7,
      },
    ],
  });
  const org = sandbox.org('contoso');
  const pool = org.findPoolByName('keda')!;
  const seeded = new Set(org.listAgents(pool.id).map((agent) => agent.id));
  const deletions: Deletion[] = [];
  const deleteAgent = org.deleteAgent.bind(org);
  org.deleteAgent = (poolId, agentId) => {
    const agent = org.getAgent(poolId, agentId)!;
    const reserved = org.listRequests(poolId).some((request) => request.result === undefined && request.reservedAgent === agent);
    const before = { id: agentId, name: agent.name, online: agent.status === 'online', busy: Boolean(agent.assignedRequest) || reserved };
    const deleted = deleteAgent(poolId, agentId);
    deletions.push({ ...before, lastingAfter: org.matchingAgents(poolId, DEMANDS).filter((a) => a.status === 'offline').length });
    return deleted;
  };
  // Bursts of jobs, then quiet: between bursts every retired agent ages past the sweep's threshold.
  const started = Date.now();
  const jobs = setInterval(() => (Date.now() - started) % 400 < 100 && org.queueJob('keda', ['kubectl']), 8);

  const client = new RestAdoClient({
    orgUrl: sandbox.orgUrl('contoso'),
    credentials: { kind: 'pat', token: ADMIN_PAT },
    timeoutMs: 30_000,
  });
  const results: SweepResult[] = [];
  const registeredSoFar = () => org.listAgents(pool.id).length + deletions.length - seeded.size;
  const enough = () =>
    results.length >= ENOUGH.sweeps &&
    registeredSoFar() >= ENOUGH.registered &&
    results.reduce((sum, result) => sum + result.deleted, 0) >= ENOUGH.swept;
  const sweeper = async () => {
    while (!enough() && results.length < MAX_SWEEPS) {
      results.push(
        await runSweep(client, {
          pools: ['keda'],
          demands: ['kubectl'],
          placeholderName: 'keda-placeholder',
          staleAfterHours: 0.05 / 3600,
          dryRun: false,
          access: { kind: 'personalAccessToken', via: 'environment' },
        }),
      );
      // A pause for KEDA's timers, whose pods age past the threshold meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  try {
    await Promise.all([sweeper(), sweeper()]);
  } finally {
    clearInterval(jobs);
    await sandbox.stop();
  }
  const sweptIds = new Set(
    sandbox.requests
      .list()
      .filter((request) => request.method === 'DELETE' && request.status === 204)
      .map((request) => Number(/\/agents\/(\d+)/.exec(request.url)![1])),
  );
  return { deletions, sweptIds, results, registered: registeredSoFar() };
}

describe('sweep while the KEDA loop registers and retires agents', function () {
  for (const withPlaceholder of [true, false]) {
    it(`never deletes an online or busy agent, nor the last matching one (${withPlaceholder ? 'with' : 'without'} a placeholder)`, async () => {
      const { deletions, sweptIds, results, registered } = await sweepWhileKedaScales(withPlaceholder);
      for (const deletion of deletions)
        assert.ok(deletion.lastingAfter > 0, `deleting ${deletion.name} left only KEDA's pods to satisfy the demands`);
      const swept = deletions.filter((deletion) => sweptIds.has(deletion.id));
      console.log(`      KEDA registered ${registered} agents; ${results.length} sweeps deleted ${swept.length}`);
      assert.equal(swept.length, sweptIds.size, 'every deletion the sweep asked for happened');
      assert.ok(registered >= ENOUGH.registered, `KEDA registered agents while the sweeps ran (${registered})`);
      assert.ok(swept.length >= ENOUGH.swept, `the sweeps deleted old and new leftovers (${swept.length})`);
      assert.ok(results.length >= ENOUGH.sweeps, `the sweeps ran over and over (${results.length})`);
      for (const deletion of swept) {
        assert.equal(deletion.online, false, `${deletion.name} was online when the sweep deleted it`);
        assert.equal(deletion.busy, false, `${deletion.name} was busy when the sweep deleted it`);
        assert.notEqual(deletion.name, 'keda-placeholder');
      }
      for (const result of results) assert.equal(result.errored, false, JSON.stringify(result.pools[0].findings));
    });
  }
});
