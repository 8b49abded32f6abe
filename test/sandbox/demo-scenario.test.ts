import assert from 'node:assert/strict';
import { loadScenario } from '../../sandbox/scenario-loader';
import { OrgState } from '../../sandbox/state';

const PLACEHOLDER = 'KedaPoolGuard.Placeholder';

describe('sandbox scenario: demo', () => {
  const seed = loadScenario('demo').organizations[0];
  const org = () => new OrgState(seed);

  it('is the organization demo, with every pool reachable through a queue of project demo', () => {
    assert.equal(seed.name, 'demo');
    assert.deepEqual(
      seed.projects.map((project) => project.name),
      ['demo'],
    );
    assert.deepEqual(Object.values(seed.projects[0].queues).sort(), seed.pools.map((pool) => pool.name).sort());
  });

  it('puts each KEDA pool in the state its name promises, by the queueing rule', () => {
    const state = org();
    const outcome = (pool: string, demands: string[], minAgentVersion = '3.232.1') => state.queueJob(pool, demands, { minAgentVersion }).ok;
    assert.equal(outcome('keda-ready', ['kubectl', 'helm']), true);
    assert.equal(outcome('keda-empty', ['kubectl']), false);
    assert.equal(outcome('keda-empty', []), false, 'an empty pool refuses even a job without demands');
    assert.equal(outcome('keda-leftovers', ['kubectl']), true, 'only thanks to offline leftovers');
    assert.equal(outcome('keda-missing-capability', ['kubectl']), true);
    assert.equal(outcome('keda-missing-capability', ['kubectl', 'helm']), false);
    assert.equal(outcome('keda-old-placeholder', ['kubectl'], '2.182.1'), true);
    assert.equal(outcome('keda-old-placeholder', ['kubectl']), true, 'only because the service asks the placeholder to update');
    assert.equal(outcome('keda-old-placeholder', ['helm']), false);
    assert.equal(outcome('static-linux', ['java', 'maven']), true);
  });

  it('marks placeholders with KedaPoolGuard.Placeholder=true and gives pods their Kubernetes capabilities', () => {
    const agents = seed.pools.flatMap((pool) => pool.agents.map((agent) => ({ pool: pool.name, ...agent })));
    const placeholders = agents.filter((agent) => agent.userCapabilities?.[PLACEHOLDER] === 'true');
    assert.deepEqual(
      placeholders.map((agent) => `${agent.pool}/${agent.name}/${agent.version}/${agent.status}`),
      [
        'keda-ready/keda-placeholder/4.248.0/offline',
        'keda-missing-capability/keda-placeholder/4.248.0/offline',
        'keda-old-placeholder/keda-placeholder/2.210.1/offline',
      ],
    );
    const pods = agents.filter((agent) => /-scaledjob-/.test(agent.name));
    assert.ok(pods.length >= 10);
    for (const pod of pods) {
      assert.equal(pod.systemCapabilities?.HOSTNAME, pod.name);
      assert.ok(pod.systemCapabilities?.KUBERNETES_SERVICE_HOST && pod.systemCapabilities.KUBERNETES_SERVICE_PORT);
    }
    assert.equal(seed.pools.find((pool) => pool.name === 'Azure Pipelines')?.isHosted, true);
  });

  it('has busy pods running jobs and waiting jobs that could queue', () => {
    const state = org();
    const pool = state.findPoolByName('keda-ready')!;
    assert.equal(state.listAgents(pool.id).filter((agent) => agent.assignedRequest).length, 2);
    const waiting = state.pendingRequests(pool.id);
    assert.equal(waiting.length, 2);
    for (const request of waiting) assert.ok(state.matchingAgents(pool.id, request.demands).length > 0);
  });
});
