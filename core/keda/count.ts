import type { JobRequest } from '../model/types';
import { compileDemandFilter, demandMode, explainMismatch, matchDemands } from './demands';
import { jobQuirks } from './quirks';
import { TOP_RESPONSE_CAP, queueRequestUrl, queueUrlForm } from './queue-url';
import type { JobVerdict, KedaScaler, QueueView, ScalingSettings, TopWindow } from './types';
import { KedaVersion, receivedJobsRule } from './version';

/**
 * `GetAzurePipelinesQueueLength`: which job requests one trigger counts, and why each other one is left out.
 */

export const DEFAULT_TOP_WINDOW: TopWindow = { order: 'newestFirst', cap: TOP_RESPONSE_CAP };

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
