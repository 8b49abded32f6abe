import { InputError, parseCount } from '../../../core/guard/inputs';
import { countQueue } from '../../../core/keda/count';
import { analyseCoverage, type CoverageReport, type NamedScaler } from '../../../core/keda/coverage';
import type { KedaError, KedaFinding } from '../../../core/keda/findings';
import { scaledJobView, type ScaledJobView } from '../../../core/keda/scaledjob-view';
import { parseScalingMetadata } from '../../../core/keda/trigger';
import type { KedaScaler, QueueView, ScaledJobSpec, ScalingSettings } from '../../../core/keda/types';
import { KedaUsageError } from '../../../core/keda/usage-error';
import { NEWEST_MODELLED, parseKedaVersion, type KedaVersion } from '../../../core/keda/version';
import type { Params } from '../../../core/model/findings';
import type { JobRequest, Pool } from '../../../core/model/types';
import type { MessageKey } from '../../../core/messages';
import type { SavedTrigger } from './settings';

/** The trigger settings the KEDA view offers, each the metadata key it writes. */
export const TEXT_KEYS = [
  'parent',
  'demands',
  'jobsToFetch',
  'targetPipelinesQueueLength',
  'activationTargetPipelinesQueueLength',
] as const;
/** Booleans with the value the box writes when ticked; unticked, the key is left out and KEDA's default holds. */
export const FLAG_KEYS = [
  ['requireAllDemands', 'true'],
  ['requireAllDemandsAndIgnoreOthers', 'true'],
  ['caseInsensitiveDemandsProcessing', 'true'],
  ['fetchUnfinishedJobsOnly', 'true'],
  ['scaleOnInFlight', 'false'],
] as const;

export const DEFAULT_KEDA_VERSION = NEWEST_MODELLED.label;

/** What one trigger makes of the pool's unfinished jobs, or why KEDA would not build it. */
export type TriggerOutcome =
  | { kind: 'counted'; view: QueueView; settings: ScalingSettings; version: KedaVersion; findings: readonly KedaFinding[] }
  | { kind: 'rejected'; errors: readonly KedaError[]; kedaLog: string; findings: readonly KedaFinding[] }
  /** The KEDA version given is not one the emulation reads. */
  | { kind: 'unusable'; message: { key: MessageKey; params: Params } };

/**
 * The trigger as KEDA reads it, with this pool as its `poolName`, counting the pool's unfinished requests.
 * Only what the user wrote becomes metadata: KEDA then applies its own defaults and checks, as in the cluster.
 */
export function triggerOutcome(
  pool: Pool,
  trigger: SavedTrigger,
  requests: readonly JobRequest[],
  organizationUrl: string,
): TriggerOutcome {
  const scaler = buildScaler(pool, trigger, organizationUrl);
  if (scaler.kind !== 'built') return scaler.outcome;
  const view = countQueue(scaler.scaler, requests);
  const { settings, version } = scaler.scaler;
  return { kind: 'counted', view, settings, version, findings: [...scaler.findings, ...view.findings] };
}

/** The ScaledJob around the trigger, as the user types it: its YAML fields, and the Jobs `kubectl get jobs` lists. */
export const SCALED_JOB_FIELDS = ['strategy', 'maxReplicaCount', 'minReplicaCount', 'runningJobs', 'pendingJobs'] as const;
export type ScaledJobInput = Readonly<Partial<Record<(typeof SCALED_JOB_FIELDS)[number], string>>>;

export type DecisionOutcome =
  /** Nothing typed about the ScaledJob: the trigger alone is shown. */
  { kind: 'none' } | { kind: 'decided'; view: ScaledJobView } | { kind: 'invalid'; message: { key: MessageKey; params: Params } };

/**
 * What a ScaledJob with this trigger does on this poll, under the strategy, maximum and minimum typed, given the
 * Jobs in the cluster: the same decision and arithmetic as `keda-pool-guard keda -f` prints. The strategy goes
 * to KEDA as typed (before 2.20 an unknown name selects `default`; from 2.20 the CRD refuses it).
 */
export function scaledJobOutcome(trigger: TriggerOutcome, input: ScaledJobInput): DecisionOutcome {
  if (trigger.kind !== 'counted' || SCALED_JOB_FIELDS.every((field) => !input[field]?.trim())) return { kind: 'none' };
  try {
    const count = (field: (typeof SCALED_JOB_FIELDS)[number]) => parseCount(input[field] ?? '', field);
    const strategy = input.strategy?.trim();
    const spec: ScaledJobSpec = {
      maxReplicaCount: count('maxReplicaCount'),
      minReplicaCount: count('minReplicaCount'),
      scalingStrategy: strategy ? { strategy } : undefined,
    };
    const jobs = { running: count('runningJobs') ?? 0, pending: count('pendingJobs') ?? 0 };
    const jobsGiven = Boolean(input.runningJobs?.trim() || input.pendingJobs?.trim());
    return {
      kind: 'decided',
      view: scaledJobView(spec, [{ queue: trigger.view, settings: trigger.settings }], jobs, jobsGiven, trigger.version),
    };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { kind: 'invalid', message: { key: error.key, params: error.params } };
  }
}

/** The saved triggers side by side: jobs none of them counts, and jobs several count. Rejected triggers are left out. */
export function triggerCoverage(
  pool: Pool,
  triggers: readonly SavedTrigger[],
  requests: readonly JobRequest[],
  organizationUrl: string,
): CoverageReport {
  const scalers: NamedScaler[] = triggers.flatMap((trigger) => {
    const built = buildScaler(pool, trigger, organizationUrl);
    return built.kind === 'built' ? [{ name: trigger.name, scaler: built.scaler }] : [];
  });
  return analyseCoverage(requests, scalers);
}

type Built = { kind: 'built'; scaler: KedaScaler; findings: readonly KedaFinding[] } | { kind: 'failed'; outcome: TriggerOutcome };

function buildScaler(pool: Pool, trigger: SavedTrigger, organizationUrl: string): Built {
  let version;
  try {
    version = parseKedaVersion(trigger.kedaVersion);
  } catch (error) {
    if (!(error instanceof KedaUsageError)) throw error;
    return { kind: 'failed', outcome: { kind: 'unusable', message: { key: error.messageKey, params: error.params } } };
  }
  const parsed = parseScalingMetadata({ ...trigger.metadata, poolName: pool.name }, version);
  if (!parsed.ok)
    return { kind: 'failed', outcome: { kind: 'rejected', errors: parsed.errors, kedaLog: parsed.kedaLog, findings: parsed.findings } };
  return {
    kind: 'built',
    // The pool lookup KEDA makes when it builds the scaler finds this pool: the page has it already.
    scaler: { version, settings: parsed.value, organizationUrl, poolId: pool.id, triggerIndex: 0 },
    findings: parsed.findings,
  };
}
