/**
 * Pools whose agents Azure provisions: VM scale set ("elastic") pools and Managed DevOps Pools, with the
 * members the service reports for them, in both wire formats. Sources and confidence: sandbox/README.md.
 */
import assert from 'node:assert/strict';
import { getPersonalAccessTokenHandler, WebApi } from 'azure-devops-node-api';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { Scenario } from '../../sandbox/scenario-types';
import { ADMIN_PAT, call, ORG, tinyScenario } from './tiny-scenario';

/** The tiny organization plus a scale set pool (10) and a Managed DevOps Pool (11). */
function withProvisionedPools(): Scenario {
  const scenario = tinyScenario();
  scenario.organizations[0].pools.push(
    {
      id: 10,
      name: 'vmss-linux',
      options: ['singleUseAgents', 'elasticPool'],
      autoProvision: false,
      agents: [
        {
          id: 100,
          name: 'vmsslinux000001',
          version: '4.248.0',
          status: 'online',
          systemCapabilities: { 'Agent.OS': 'Linux', docker: '/usr/bin/docker' },
        },
      ],
    },
    { id: 11, name: 'mdp-ubuntu', agentCloudId: 3, targetSize: 4, autoSize: true, agents: [] },
  );
  scenario.organizations[0].projects[0].queues['vmss-linux'] = 'vmss-linux';
  return scenario;
}

describe('sandbox pools Azure provisions', () => {
  let sandbox: Sandbox;
  let pools: string;
  beforeEach(async () => {
    sandbox = await startSandbox({ scenario: withProvisionedPools() });
    pools = `${sandbox.orgUrl(ORG)}/_apis/distributedtask/pools`;
  });
  afterEach(() => sandbox.stop());

  it('serves their members with flags as names by default', async () => {
    const pick = (pool: Record<string, unknown>) => [
      pool.isHosted,
      pool.options,
      pool.agentCloudId,
      pool.targetSize,
      pool.autoSize,
      pool.autoProvision,
      pool.size,
    ];
    const vmss = (await call(`${pools}/10`)).json();
    assert.deepEqual(pick(vmss), [false, 'elasticPool, singleUseAgents', null, null, true, false, 1]);
    const mdp = (await call(`${pools}/11`)).json();
    assert.deepEqual(pick(mdp), [false, 'none', 3, 4, true, true, 0]);
    const plain = (await call(`${pools}?poolName=keda`)).json().value[0];
    assert.deepEqual(pick(plain), [false, 'none', null, null, true, true, 2]);
  });

  it('serves them as numbers with enumsAsNumbers, and node reads the flags', async () => {
    const numeric = (
      await call(`${pools}/10`, { headers: { Accept: 'application/json;api-version=7.2-preview.1;enumsAsNumbers=true' } })
    ).json();
    assert.deepEqual([numeric.options, numeric.poolType], [3, 1]);
    const api = await new WebApi(sandbox.orgUrl(ORG), getPersonalAccessTokenHandler(ADMIN_PAT)).getTaskAgentApi();
    const [vmss] = await api.getAgentPools('vmss-linux');
    assert.deepEqual([vmss.options, vmss.agentCloudId, vmss.isHosted], [3, null, false]);
    const mdp = await api.getAgentPool(11);
    assert.deepEqual([mdp.options, mdp.agentCloudId, mdp.targetSize], [0, 3, 4]);
  });

  it('queues any job in a scale set pool, matched on the agent version alone', () => {
    const org = sandbox.org(ORG);
    const outcome = org.queueJob('vmss-linux', ['maven', 'Agent.OS -equals Windows_NT'], { minAgentVersion: '3.232.1' });
    assert.ok(outcome.ok, 'a scale set pool waits for its scale set instead of refusing');
    assert.deepEqual(outcome.request.demands, ['Agent.Version -gtVersion 3.232.1']);
    assert.deepEqual(
      org.matchingAgents(10, outcome.request.demands).map((agent) => agent.name),
      ['vmsslinux000001'],
    );
    const byName = org.queueJob('vmss-linux', ['Agent.Name -equals vmsslinux000002', 'docker']);
    assert.ok(byName.ok);
    assert.deepEqual(byName.request.demands, ['Agent.Name -equals vmsslinux000002', 'Agent.Version -gtVersion 2.218.1']);
    assert.deepEqual(org.matchingAgents(10, byName.request.demands), []);
  });
});
