import type { JobRequest } from '../model/types';
import { DemandMode, compileDemandFilter, demandMode, explainMismatch, matchDemands } from './demands';
import { KedaFinding } from './findings';
import { jobQuirks } from './quirks';
import { QueueUrlForm, TOP_RESPONSE_CAP, queueRequestUrl, queueUrlForm } from './queue-url';
import type { ScalingSettings } from './trigger';
import { KedaVersion, receivedJobsRule } from './version';

/**
 * `GetAzurePipelinesQueueLength`: which job requests one trigger counts, and why each other one is left out.
 */

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

export const DEFAULT_TOP_WINDOW: TopWindow = { order: 'newestFirst', cap: TOP_RESPONSE_CAP };

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

export function countQueue(scaler: KedaScaler, requests: readonly JobRequest[], window: TopWindow = DEFAULT_TOP_WINDOW): QueueView {
  const { settings, version } = scaler;
  const form = queueUrlForm(settings);
  const judge = jobJudge(settings, version);
  const windowSize = form === 'top' && settings.jobsToFetch >= 1 ? Math.min(settings.jobsToFetch, window.cap) : undefined;
  const positions = windowSize === undefined || requests.length <= windowSize ? undefined : listPositions(requests, window.order);

  let queueLength = 0;
  const perJob = requests.map((request, index): JobVerdict => {
    const position = positions?.[index];
    if (windowSize !== undefined && position !== undefined && position >= windowSize) {
      return { request, counted: false, reason: { code: 'beyondTopWindow', position, window: windowSize } };
    }
    const verdict = judge(request);
    if (verdict.counted) queueLength++;
    return verdict;
  });

  return {
    url: queueRequestUrl(scaler.organizationUrl, scaler.poolId, settings),
    form,
    queueLength,
    isActive: queueLength > settings.activationTargetPipelinesQueueLength,
    // `NormalizeString` leaves `azure-pipelines-<id>` unchanged.
    metricName: `s${scaler.triggerIndex}-azure-pipelines-${scaler.poolId}`,
    targetQueueLength: settings.targetPipelinesQueueLength,
    activationTargetQueueLength: settings.activationTargetPipelinesQueueLength,
    perJob,
    findings: jobQuirks(settings, perJob),
  };
}

/** Position of each request in the service's order, for the `$top` cut. */
function listPositions(requests: readonly JobRequest[], order: TopWindow['order']): number[] {
  const indexes = requests.map((_, index) => index);
  // Array.prototype.sort is stable: equal ids keep the caller's order.
  if (order === 'newestFirst') indexes.sort((a, b) => requests[b].requestId - requests[a].requestId);
  const positions = new Array<number>(requests.length);
  indexes.forEach((requestIndex, position) => (positions[requestIndex] = position));
  return positions;
}

/** The per-job decision, with everything that does not depend on the job prepared once. */
function jobJudge(settings: ScalingSettings, version: KedaVersion): (request: JobRequest) => JobVerdict {
  const excludedBy = receivedJobsRule(version, settings.scaleOnInFlight);
  const { parent, demands } = settings;
  const mode = demandMode(settings.requireAllDemands, settings.requireAllDemandsAndIgnoreOthers);
  const filter = compileDemandFilter(demands, mode, settings.caseInsensitiveDemandsProcessing);

  return (request) => {
    if (request.result !== undefined) return { request, counted: false, reason: { code: 'finished', result: request.result } };
    if (excludedBy && request.receiveTime !== undefined) {
      return { request, counted: false, reason: { code: 'receivedExcluded', rule: excludedBy } };
    }
    if (parent === '' && demands === '') return { request, counted: true, reason: { code: 'countedNoFilter' } };
    if (parent !== '') return parentVerdict(request, parent);

    const match = matchDemands(filter, request.demands);
    if (match.matches) return { request, counted: true, reason: { code: 'countedDemands', mode } };
    const detail = explainMismatch(filter, match);
    return {
      request,
      counted: false,
      reason: {
        code: 'demandMismatch',
        mode,
        pairCount: detail.pairCount,
        jobItems: detail.jobItems,
        triggerItems: filter.items,
        jobItemsWithoutMatch: detail.jobItemsWithoutMatch,
        triggerItemsWithoutMatch: detail.triggerItemsWithoutMatch,
      },
    };
  };
}

/** The parent must be one of the agents Azure DevOps matched to the job, by exact, case-sensitive name. */
function parentVerdict(request: JobRequest, parent: string): JobVerdict {
  const matched = request.matchedAgents;
  if (matched === undefined) return { request, counted: false, reason: { code: 'noMatchedAgents', parent } };
  if (matched.some((agent) => agent.name === parent)) return { request, counted: true, reason: { code: 'countedParent', parent } };
  return {
    request,
    counted: false,
    reason: { code: 'parentNotInMatchedAgents', parent, matchedAgents: matched.map((agent) => agent.name) },
  };
}
