import type { JobRequest } from '../model/types';
import type { DemandMode } from './demands';
import type { KedaError, KedaFinding } from './findings';
import type { KedaVersion } from './version';

/**
 * The KEDA emulation's data: a trigger's settings as parsed, a scaler, what it counts and why, and a
 * ScaledJob's spec and decision. Types only, so that the modules that compute them (trigger, queue-url,
 * quirks, count, scaledjob) can share them while importing only downwards.
 */

// A trigger, as `trigger.ts` parses it.

export interface TriggerSources {
  /** The trigger's `metadata:` map, values as written (KEDA trims them itself). */
  readonly metadata: Readonly<Record<string, string>>;
  /** TriggerAuthentication parameters (`organizationURL`, `personalAccessToken`). */
  readonly authParams?: Readonly<Record<string, string>>;
  /** Environment of the scale target's container by variable name, for the `…FromEnv` keys. */
  readonly resolvedEnv?: Readonly<Record<string, string>>;
  /** TriggerAuthentication `podIdentity.provider`. */
  readonly podIdentityProvider?: string;
}

export type PoolRef = { readonly kind: 'name'; readonly name: string } | { readonly kind: 'id'; readonly id: number };

/** Everything that decides what the scaler counts. Strings are `''` when absent, as in KEDA. */
export interface ScalingSettings {
  readonly pool: PoolRef;
  readonly parent: string;
  readonly demands: string;
  readonly requireAllDemands: boolean;
  readonly requireAllDemandsAndIgnoreOthers: boolean;
  readonly caseInsensitiveDemandsProcessing: boolean;
  readonly jobsToFetch: number;
  readonly fetchUnfinishedJobsOnly: boolean;
  readonly targetPipelinesQueueLength: number;
  readonly activationTargetPipelinesQueueLength: number;
  /** Read only from 2.21 on; earlier releases behave by their band whatever this says. */
  readonly scaleOnInFlight: boolean;
}

/** The token is what KEDA sends (one trailing newline removed); never render it. */
export type TriggerAuth = { readonly kind: 'personalAccessToken'; readonly token: string } | { readonly kind: 'workloadIdentity' };

export interface TriggerConfig {
  readonly organizationUrl: string;
  readonly organizationName: string;
  readonly auth: TriggerAuth;
  readonly settings: ScalingSettings;
}

export type Parsed<T> =
  | { readonly ok: true; readonly value: T; readonly findings: readonly KedaFinding[] }
  | {
      readonly ok: false;
      readonly errors: readonly KedaError[];
      /** The whole error as KEDA logs it when it fails to build the scaler. */
      readonly kedaLog: string;
      readonly findings: readonly KedaFinding[];
    };

// A scaler and what it counts, as `count.ts` computes it.

/** A built scaler: parsed settings plus what the build resolved. */
export interface KedaScaler {
  readonly version: KedaVersion;
  readonly settings: ScalingSettings;
  readonly organizationUrl: string;
  /** The organization-level pool id (from `poolID`, or the `poolName` lookup). */
  readonly poolId: number;
  /** The trigger's position in its ScaledJob or ScaledObject; it names the metric. */
  readonly triggerIndex: number;
}

/**
 * How the service cuts a `$top` response (kedacore/keda#6819): at most `cap` items, finished ones included.
 * The order is not documented; we assume newest first (highest request id first), because that is the only
 * order in which `$top` has ever worked for KEDA in pools with a long history, and in which waiting jobs fall
 * out of the window exactly as #6819 reports. `asListed` trusts the caller's order instead (e.g. when the list
 * comes from a real `$top` call). The window is only as faithful as the list: pass finished requests too, or
 * the cut falls later than the service's.
 */
export interface TopWindow {
  readonly order: 'newestFirst' | 'asListed';
  readonly cap: number;
}

export type JobReason =
  | { readonly code: 'beyondTopWindow'; readonly position: number; readonly window: number }
  | { readonly code: 'finished'; readonly result: string }
  | { readonly code: 'receivedExcluded'; readonly rule: 'v2.20' | 'scaleOnInFlightFalse' }
  | { readonly code: 'countedNoFilter' }
  | { readonly code: 'countedParent'; readonly parent: string }
  | { readonly code: 'parentNotInMatchedAgents'; readonly parent: string; readonly matchedAgents: readonly string[] }
  | { readonly code: 'noMatchedAgents'; readonly parent: string }
  | { readonly code: 'countedDemands'; readonly mode: DemandMode }
  | {
      readonly code: 'demandMismatch';
      readonly mode: DemandMode;
      /** Matching (job item, trigger item) pairs; duplicates count every time. */
      readonly pairCount: number;
      readonly jobItems: readonly string[];
      readonly triggerItems: readonly string[];
      readonly jobItemsWithoutMatch: readonly string[];
      readonly triggerItemsWithoutMatch: readonly string[];
    };

export interface JobVerdict {
  readonly request: JobRequest;
  readonly counted: boolean;
  readonly reason: JobReason;
}

export interface QueueView {
  readonly url: string;
  readonly form: QueueUrlForm;
  /** The metric value: jobs counted. */
  readonly queueLength: number;
  /** `queueLength > activationTargetPipelinesQueueLength`. */
  readonly isActive: boolean;
  readonly metricName: string;
  readonly targetQueueLength: number;
  readonly activationTargetQueueLength: number;
  /** One verdict per request, in the order given. */
  readonly perJob: readonly JobVerdict[];
  readonly findings: readonly KedaFinding[];
}

// The URL KEDA polls (`queue-url.ts`).

/**
 * The form of the job requests URL KEDA polls:
 *
 * - `top`: `?$top={jobsToFetch}`: finished requests included, at most 200 items, no `matchedAgents`;
 * - `unfinishedOnly`: `?completedRequestCount=0` (`fetchUnfinishedJobsOnly`), with `matchedAgents`;
 * - `all`: no query (a `parent` trigger), the pool's whole history, with `matchedAgents`.
 */
export type QueueUrlForm = 'top' | 'unfinishedOnly' | 'all';

// A ScaledJob, as `scaledjob.ts` decides it.

/** `spec.scalingStrategy` as written in the ScaledJob; unknown values behave as KEDA's `default` branches. */
export interface ScalingStrategySpec {
  readonly strategy?: string;
  readonly customScalingQueueLengthDeduction?: number;
  /** A string in the CRD, read with `strconv.ParseFloat`. */
  readonly customScalingRunningJobPercentage?: string;
  readonly multipleScalersCalculation?: string;
}

export interface ScaledJobSpec {
  readonly minReplicaCount?: number;
  readonly maxReplicaCount?: number;
  readonly scalingStrategy?: ScalingStrategySpec;
}

/** One trigger's contribution; a trigger whose poll failed is left out, as KEDA skips it. */
export interface TriggerMetric {
  readonly queueLength: number;
  readonly isActive: boolean;
  /** The AverageValue target; 0 with `metricType: Value`, which gives the trigger no scale of its own. */
  readonly targetAverageValue: number;
}

/** Kubernetes Jobs of this ScaledJob not finished yet; `pending` is the part whose pod is not running yet. */
export interface ClusterJobs {
  readonly running: number;
  readonly pending: number;
}

export type ResolvedStrategy =
  | { readonly name: 'default' }
  | { readonly name: 'accurate' }
  | { readonly name: 'eager' }
  | { readonly name: 'custom'; readonly deduction: number | undefined; readonly percentage: number };

export interface ScaledJobDecision {
  readonly isActive: boolean;
  /** `MinReplicaCount()` and `MaxReplicaCount()` as KEDA computes them (the latter is max − min). */
  readonly minReplicaCount: number;
  readonly maxReplicaCount: number;
  /** Aggregated over the active triggers by `multipleScalersCalculation`. */
  readonly queueLength: number;
  readonly maxValue: number;
  readonly strategy: ResolvedStrategy['name'];
  /** `ceil(queueLength)`, or `maxReplicaCount` for `eager`, or what `minReplicaCount` asks for. */
  readonly scaleTo: number;
  /** `ceil(maxValue)`. */
  readonly maxScale: number;
  /** The strategy's limit, never below 0. */
  readonly effectiveMaxScale: number;
  /** Jobs KEDA creates on this poll. */
  readonly jobsToCreate: number;
  readonly findings: readonly KedaFinding[];
}
