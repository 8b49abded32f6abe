import assert from 'node:assert/strict';
import { startSandbox } from '../../sandbox';
import large, {
  LARGE_POOL_KINDS,
  LARGE_TOTALS,
  MANAGED_DEVOPS_AGENT_CLOUD_ID,
  PLACEHOLDER_CAPABILITY,
} from '../../sandbox/scenarios/large';
import type { Scenario } from '../../sandbox/scenario-types';
import { isElasticPool, OrgState } from '../../sandbox/state';
import { figure } from '../support/long';

const count = <T>(items: readonly T[], test: (item: T) => boolean) => items.filter(test).length;

describe('sandbox scenario: large', () => {
  let scenario: Scenario;
  let generationMs: number;
  before(() => {
    const started = performance.now();
    scenario = large();
    generationMs = performance.now() - started;
  });

  it('has exactly 300 pools, 20,000 agents and 5,000 job requests', () => {
    const [org] = scenario.organizations;
    const agents = org.pools.flatMap((pool) => pool.agents);
    const requests = org.pools.flatMap((pool) => pool.jobRequests ?? []);
    assert.deepEqual(
      [org.pools.length, agents.length, requests.length],
      [LARGE_TOTALS.pools, LARGE_TOTALS.agents, LARGE_TOTALS.jobRequests],
    );
    assert.equal(
      Object.values(LARGE_POOL_KINDS).reduce((a, b) => a + b, 0),
      LARGE_TOTALS.pools,
    );
    assert.equal(Object.keys(org.projects[0].queues).length, LARGE_TOTALS.pools, 'one queue per pool');
    figure('large scenario generated, ms', Math.round(generationMs));
  });

  it('mixes the pool kinds it promises', () => {
    const { pools } = scenario.organizations[0];
    const placeholders = pools
      .flatMap((pool) => pool.agents)
      .filter((agent) => agent.userCapabilities?.[PLACEHOLDER_CAPABILITY] === 'true');
    const { kedaReady, kedaMissingCapability, kedaOldPlaceholder, kedaDisabledPlaceholder, kedaEmpty, hosted, scaleSet, managedDevOps } =
      LARGE_POOL_KINDS;
    assert.equal(placeholders.length, kedaReady + kedaMissingCapability + kedaOldPlaceholder + kedaDisabledPlaceholder);
    assert.equal(
      count(placeholders, (agent) => agent.version === '2.210.1'),
      kedaOldPlaceholder,
    );
    assert.equal(
      count(placeholders, (agent) => agent.enabled === false),
      kedaDisabledPlaceholder,
    );
    assert.equal(
      count(pools, (pool) => pool.agents.length === 0),
      kedaEmpty,
    );
    assert.equal(
      count(pools, (pool) => pool.isHosted === true),
      hosted,
    );
    const scaleSets = pools.filter((pool) => pool.options?.includes('elasticPool'));
    assert.equal(scaleSets.length, scaleSet);
    assert.ok(scaleSets.some((pool) => pool.options?.includes('singleUseAgents')));
    assert.ok(scaleSets.some((pool) => pool.options?.includes('preserveAgentOnJobFailure')));
    assert.ok(scaleSets.every((pool) => pool.agents.length > 0 && pool.agentCloudId === undefined));
    assert.equal(
      count(pools, (pool) => pool.agentCloudId === MANAGED_DEVOPS_AGENT_CLOUD_ID && !pool.isHosted),
      managedDevOps,
    );
    assert.ok(
      count(
        pools.flatMap((pool) => pool.agents),
        (agent) => agent.systemCapabilities?.KUBERNETES_SERVICE_HOST !== undefined,
      ) > 15_000,
    );
  });

  it('replays identically for a seed and differs for another', () => {
    assert.equal(JSON.stringify(large()), JSON.stringify(scenario));
    assert.equal(JSON.stringify(large({ seed: 5 })), JSON.stringify(large({ seed: 5 })));
    assert.notEqual(JSON.stringify(large({ seed: 5 })), JSON.stringify(scenario));
  });

  it('loads, and obeys the queueing rule: every waiting job has a registered agent that satisfies it', () => {
    const org = new OrgState(scenario.organizations[0]);
    let waiting = 0;
    let running = 0;
    for (const pool of org.listPools()) {
      for (const request of org.listRequests(pool.id)) {
        if (request.result !== undefined) continue;
        if (request.assignTime) {
          running++;
          assert.equal(request.reservedAgent?.status, 'online', `${pool.name}: request ${request.requestId} runs on an online agent`);
        } else if (!isElasticPool(pool)) {
          waiting++;
          assert.ok(
            org.matchingAgents(pool.id, request.demands).length > 0,
            `${pool.name}: request ${request.requestId} could not have queued`,
          );
        }
      }
    }
    assert.ok(waiting > 100 && running > 300, `${waiting} waiting, ${running} running`);
  });

  it('serves its scale set pools and Managed DevOps Pools as the service reports them, in both wire formats', async () => {
    const sandbox = await startSandbox({ scenario });
    try {
      const get = async (accept?: string) =>
        (
          await (
            await fetch(`${sandbox.orgUrl('large')}/_apis/distributedtask/pools`, {
              headers: {
                Authorization: `Basic ${Buffer.from(`:${'largeadminpat'.padEnd(52, '0')}`).toString('base64')}`,
                ...(accept && { Accept: accept }),
              },
            })
          ).json()
        ).value as { name: string; options: string | number; agentCloudId: number | null; isHosted: boolean }[];
      const named = await get();
      const numbered = await get('application/json;api-version=7.2-preview.1;enumsAsNumbers=true');
      const kinds = (pools: typeof named) => [
        pools.filter((pool) => typeof pool.options === 'string' && pool.options.startsWith('elasticPool, ')).length,
        pools.filter((pool) => typeof pool.options === 'number' && (pool.options & 1) === 1 && pool.options > 1).length,
        pools.filter((pool) => pool.agentCloudId === MANAGED_DEVOPS_AGENT_CLOUD_ID).length,
        pools.filter((pool) => pool.agentCloudId === 1 && pool.isHosted).length,
      ];
      assert.deepEqual(kinds(named), [LARGE_POOL_KINDS.scaleSet, 0, LARGE_POOL_KINDS.managedDevOps, LARGE_POOL_KINDS.hosted]);
      assert.deepEqual(kinds(numbered), [0, LARGE_POOL_KINDS.scaleSet, LARGE_POOL_KINDS.managedDevOps, LARGE_POOL_KINDS.hosted]);
    } finally {
      await sandbox.stop();
    }
  });
});
