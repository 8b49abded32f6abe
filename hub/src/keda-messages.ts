import { registerMessages } from '../../core/on-demand-messages';

/**
 * The KEDA tab's own texts: it loads on demand with the pool panel, and so do they, registered when this
 * module is imported (by the tab), to keep them out of the hub's first load (`scripts/budgets.ts`).
 */
export const HUB_KEDA_MESSAGES = {
  'hub.keda.intro':
    'Enter the `azure-pipelines` trigger of a ScaledJob on pool {pool:code} (its `poolName` is this pool) to see which of the pool’s unfinished jobs KEDA would count, and why. Save it to compare the pool’s triggers: jobs no trigger counts wait for ever, jobs several count start several agents.',
  'hub.keda.saved': 'Saved triggers:',
  'hub.keda.load': 'Show this trigger',
  'hub.keda.remove': 'Remove trigger {name}',
  'hub.keda.field.name': 'ScaledJob',
  'hub.keda.field.version': 'KEDA version',
  'hub.keda.save': 'Save trigger',
  'hub.keda.nameNeeded': 'Name the ScaledJob to save its trigger.',
  'hub.keda.coverage.title': 'The saved triggers together',
  'hub.keda.coverage.none':
    'Save the trigger of each ScaledJob on this pool to see which jobs none of them counts, and which several count.',
  'hub.keda.coverage.ok': 'Each waiting job is counted by exactly one of the {triggers} saved trigger(s).',
  'hub.keda.scaledJob.title': 'What the ScaledJob does now',
  'hub.keda.scaledJob.intro':
    'Enter the ScaledJob’s `scalingStrategy.strategy`, `maxReplicaCount` and `minReplicaCount` as in its YAML (empty: KEDA’s defaults), and its Jobs not finished yet, as `kubectl get jobs -l scaledjob.keda.sh/name=<name>` lists them, to see how many Jobs KEDA creates on this poll, with the arithmetic.',
  'hub.keda.field.runningJobs': 'Jobs not finished',
  'hub.keda.field.pendingJobs': 'of them pending',
  'hub.keda.decision.heading': 'What KEDA {version} does now with this ScaledJob:',
} as const satisfies Record<string, string>;

export type HubKedaMessageKey = keyof typeof HUB_KEDA_MESSAGES;

registerMessages(HUB_KEDA_MESSAGES);
