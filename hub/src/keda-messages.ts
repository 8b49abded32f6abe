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
  'hub.keda.manifest.title': 'Or paste the manifest',
  'hub.keda.manifest.intro':
    'Paste the ScaledJob or ScaledObject as you apply it with kubectl, or as `kubectl get scaledjob <name> -o yaml` prints it, with its TriggerAuthentication and Secret if you have them, to see what `keda-pool-guard keda -f` prints for it against this pool. The strategy, the replica counts and the triggers come from the manifest; the KEDA version and the Jobs not finished from the fields above. The manifest stays in this page: nothing of it is sent.',
  'hub.keda.manifest.label': 'ScaledJob or ScaledObject manifest (YAML)',
  'hub.keda.manifest.apply': 'Show what KEDA does with it',
  'hub.keda.manifest.reading': 'Reading the manifest…',
  'hub.keda.manifest.loadFailed': 'The manifest reader could not be loaded ({reason}). Reload the page and apply the manifest again.',
  'hub.keda.manifest.empty': 'Paste a ScaledJob or ScaledObject manifest in the field first.',
  'hub.keda.manifest.notYaml':
    'The manifest is not valid YAML at line {line}, column {column}: {problem}. Correct it as `kubectl apply --dry-run=client -f` would need it.',
  'hub.keda.manifest.jobsAmbiguous':
    'The Jobs not finished are one ScaledJob’s, and the manifest has {count} ScaledJobs. Empty those fields, or paste a manifest with one ScaledJob.',
  'hub.keda.manifest.read': 'Manifest read: {triggers} `azure-pipelines` trigger(s) poll {pool:code}.',
  'hub.keda.manifest.noneForPool':
    'None of the manifest’s `azure-pipelines` triggers polls {pool:code}, so nothing here is counted for it. Paste the manifest of the ScaledJob that scales this pool’s agents, or open the KEDA tab of the pool the trigger names.',
  'hub.keda.manifest.otherPool':
    'Trigger {index} of {scaler:code} polls pool {other:code}, not {pool:code}: this page counts this pool’s jobs only. Open the KEDA tab of {other:code}, or run `keda-pool-guard keda -f` on the manifest, which reads every pool it names.',
  'hub.keda.manifest.otherPoolId':
    'Trigger {index} of {scaler:code} polls the pool with id {id}, not {pool:code} (id {poolId}): this page counts this pool’s jobs only. Open the KEDA tab of that pool, or run `keda-pool-guard keda -f` on the manifest.',
  'hub.keda.manifest.probedId':
    'Trigger {index} of {scaler:code} names `poolID` {id}: KEDA {version} polls the pool whose id Azure DevOps answers its lookup with, a call this page does not make. Run `keda-pool-guard keda -f` on the manifest to see which pool that is, or give the trigger a `poolName`.',
  'hub.keda.manifest.otherOrganization':
    'Trigger {index} of {scaler:code} polls organization {url:code}, not {organization:code}. Open the KEDA pools page of that organization, or run `keda-pool-guard keda -f` on the manifest.',
  'hub.keda.manifest.noDecision':
    'What {scaler:code} does now depends on all its triggers, and some poll another pool than {pool:code}, whose jobs this page does not read. Run `keda-pool-guard keda -f` on the manifest to see the decision.',
} as const satisfies Record<string, string>;

export type HubKedaMessageKey = keyof typeof HUB_KEDA_MESSAGES;

registerMessages(HUB_KEDA_MESSAGES);
