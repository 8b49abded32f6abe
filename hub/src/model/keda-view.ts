import { countQueue } from '../../../core/keda/count';
import { analyseCoverage, type CoverageReport, type NamedScaler } from '../../../core/keda/coverage';
import type { KedaError, KedaFinding } from '../../../core/keda/findings';
import { parseScalingMetadata } from '../../../core/keda/trigger';
import type { KedaScaler, QueueView } from '../../../core/keda/types';
import { KedaUsageError } from '../../../core/keda/usage-error';
import { NEWEST_MODELLED, parseKedaVersion } from '../../../core/keda/version';
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
  | { kind: 'counted'; view: QueueView; findings: readonly KedaFinding[] }
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
  return { kind: 'counted', view, findings: [...scaler.findings, ...view.findings] };
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
