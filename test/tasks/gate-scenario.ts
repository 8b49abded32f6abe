/**
 * An organization for the agentless gate and the pool check: one pool for each answer the service can give
 * a job, and the identities a server job, a connection and a pool administrator act as.
 */
import type { Scenario, ScenarioAgent } from '../../sandbox/scenario-types';

export const GATE_ORG = 'fabrikam';
export const GATE_PROJECT = 'web';
/** The job's token in a server job (`System.AccessToken`): the project's build service, Reader on the visible pools. */
export const BUILD_SERVICE_TOKEN = 'fabrikam-build-service-token';
/** A personal access token of a user with the Reader role on every pool, for a connection. */
export const READER_PAT = 'fabrikamreaderpat00000000000000000000000000000000000';
/** A pool administrator (Administrator on every pool, so on every queue). */
export const ADMIN_PAT = 'fabrikamadminpat000000000000000000000000000000000000';

/** The jobs' demands every case below guards. */
export const DEMANDS = ['kubectl', 'Agent.OS -equals Linux'];
export const MIN_AGENT_VERSION = '3.232.1';

const placeholder = (version: string, capabilities: Record<string, string> = { kubectl: '/usr/bin/kubectl' }): ScenarioAgent => ({
  name: 'keda-placeholder',
  version,
  status: 'offline',
  systemCapabilities: { 'Agent.OS': 'Linux', ...capabilities },
  userCapabilities: { 'KedaPoolGuard.Placeholder': 'true' },
});

/** Pool names and what a job demanding `DEMANDS` meets in each. */
export const GATE_POOLS = {
  /** A placeholder that satisfies the demands: the job queues. */
  ready: 'k8s-ready',
  /** No agent at all: the job fails at once. */
  empty: 'k8s-empty',
  /** A placeholder without kubectl: the job fails at once. */
  unfit: 'k8s-unfit',
  /** A fine placeholder the build service cannot see: the gate cannot tell. */
  hidden: 'k8s-hidden',
  /** A placeholder of an old agent version in a pool that updates its agents: the job waits for the update. */
  oldUpdatable: 'k8s-old-updatable',
  /** The same with agent updates turned off: the job fails at once. */
  oldFrozen: 'k8s-old-frozen',
  /** A virtual machine scale set pool with no agent yet: the job waits for the scale set. */
  scaleSet: 'vmss-linux',
} as const;

export function gateScenario(): Scenario {
  const pools = GATE_POOLS;
  const visible = Object.values(pools).filter((name) => name !== pools.hidden);
  return {
    organizations: [
      {
        name: GATE_ORG,
        identities: [
          {
            name: `${GATE_PROJECT} Build Service (${GATE_ORG})`,
            bearer: BUILD_SERVICE_TOKEN,
            poolRoles: Object.fromEntries(visible.map((name) => [name, 'Reader'])),
          },
          { name: 'Pool Reader', pat: READER_PAT, poolRoles: { '*': 'Reader' } },
          { name: 'Pool Administrator', pat: ADMIN_PAT, poolRoles: { '*': 'Administrator' } },
        ],
        projects: [
          {
            name: GATE_PROJECT,
            queues: Object.fromEntries(Object.values(pools).map((name) => [name, name])),
            genericConnections: {
              'azure-devops-pools': { id: '5d0c2f7e-3b1a-4c8e-9f2d-6a7b8c9d0e1f', url: `/${GATE_ORG}`, password: READER_PAT },
            },
          },
        ],
        pools: [
          { name: pools.ready, agents: [placeholder('4.248.0')] },
          { name: pools.empty, agents: [] },
          { name: pools.unfit, agents: [placeholder('4.248.0', { docker: '/usr/bin/docker' })] },
          { name: pools.hidden, agents: [placeholder('4.248.0')] },
          { name: pools.oldUpdatable, agents: [placeholder('2.210.1')] },
          { name: pools.oldFrozen, autoUpdate: false, agents: [placeholder('2.210.1')] },
          { name: pools.scaleSet, options: ['elasticPool', 'singleUseAgents'], agents: [] },
        ],
      },
    ],
  };
}
