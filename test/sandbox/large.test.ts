import assert from 'node:assert/strict';
import large, { LARGE_POOL_KINDS, LARGE_TOTALS, PLACEHOLDER_CAPABILITY } from '../../sandbox/scenarios/large';
import type { Scenario } from '../../sandbox/scenario-types';
import { OrgState } from '../../sandbox/state';
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
    const { kedaReady, kedaMissingCapability, kedaOldPlaceholder, kedaDisabledPlaceholder, kedaEmpty, hosted } = LARGE_POOL_KINDS;
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
        } else {
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
});
