/**
 * The demo organization's pools, each with the demands its jobs carry and the verdict every face must
 * give it (README, "The demo"). One table for the task, the command line and the hub tests, and for the
 * KEDA loop test that holds the verdicts over ten minutes.
 */
export interface DemoPool {
  pool: string;
  /** The demands as the task's `demands` input takes them, one a line. */
  demands: string;
  kind: 'keda' | 'static' | 'hosted' | 'azureProvisioned';
  verdict: 'ready' | 'atRisk' | 'blocked';
  /** The task's result for that verdict. */
  result: 'Succeeded' | 'SucceededWithIssues' | 'Failed';
  /** Words the pool's main finding says, when it has one. */
  issue?: RegExp;
}

export const DEMO_POOLS: readonly DemoPool[] = [
  { pool: 'keda-ready', demands: 'kubectl', kind: 'keda', verdict: 'ready', result: 'Succeeded' },
  {
    pool: 'keda-empty',
    demands: 'kubectl',
    kind: 'keda',
    verdict: 'blocked',
    result: 'Failed',
    issue: /has no registered agent, so every job sent to it fails at once/,
  },
  {
    pool: 'keda-leftovers',
    demands: 'kubectl',
    kind: 'keda',
    verdict: 'atRisk',
    result: 'SucceededWithIssues',
    issue: /queue only because KEDA agents are still registered/,
  },
  {
    pool: 'keda-missing-capability',
    demands: 'kubectl',
    kind: 'keda',
    verdict: 'atRisk',
    result: 'SucceededWithIssues',
    issue:
      /Jobs like recent ones in pool `keda-missing-capability` would now fail at once.*`keda-placeholder` user capabilities that satisfy `helm`/,
  },
  {
    pool: 'keda-old-placeholder',
    demands: 'kubectl',
    kind: 'keda',
    verdict: 'atRisk',
    result: 'SucceededWithIssues',
    issue: /runs agent version `3\.232\.1` or later.*queues them only because it asks `keda-placeholder` to update/,
  },
  // No placeholder findings outside KEDA pools: each is judged by what it is.
  { pool: 'static-linux', demands: 'Agent.OS -equals Linux', kind: 'static', verdict: 'ready', result: 'Succeeded' },
  { pool: 'Azure Pipelines', demands: 'kubectl', kind: 'hosted', verdict: 'ready', result: 'Succeeded' },
  { pool: 'vmss-linux', demands: 'kubectl', kind: 'azureProvisioned', verdict: 'ready', result: 'Succeeded' },
  { pool: 'managed-linux', demands: 'kubectl', kind: 'azureProvisioned', verdict: 'ready', result: 'Succeeded' },
];
