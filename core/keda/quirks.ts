import type { JobRequest } from '../model/types';
import { isAgentVersionItem, splitTriggerDemands, withoutAgentVersion } from './demands';
import { KedaFinding, kedaFinding } from './findings';
import { foldKey } from './go';
import { isUnfinished, isWaiting } from './job-state';
import { TOP_RESPONSE_CAP, queueUrlForm } from './queue-url';
import { resolveStrategy } from './scaledjob';
import type { JobVerdict, ScaledJobSpec, ScalingSettings } from './types';
import { KedaVersion, receivedJobsRule } from './version';

/**
 * The ways KEDA's scaler surprises users, as findings: from the settings alone, from what the pool's jobs
 * reveal, and from the ScaledJob strategy paired with the release's counting rule.
 */

/** How many jobs a finding names before it only counts them. */
const JOBS_NAMED = 10;

export function settingsQuirks(settings: ScalingSettings, metadata: Readonly<Record<string, string>>, version: KedaVersion): KedaFinding[] {
  const findings: KedaFinding[] = [];
  const jobsToFetchGiven = Object.hasOwn(metadata, 'jobsToFetch') && metadata.jobsToFetch.trim() !== '';

  if (settings.parent !== '') {
    if (settings.demands !== '') findings.push(kedaFinding('parentIgnoresDemands', { parent: settings.parent }));
    // From 2.18 on the pair is rejected before this point.
    if (jobsToFetchGiven) findings.push(kedaFinding('jobsToFetchIgnoredWithParent', { version: version.label }));
  } else if (settings.demands !== '') {
    findings.push(...demandItemQuirks(settings));
    if (settings.requireAllDemands && settings.requireAllDemandsAndIgnoreOthers) findings.push(kedaFinding('requireAllDemandsWins'));
  }

  if (queueUrlForm(settings) === 'top' && jobsToFetchGiven) {
    const { jobsToFetch } = settings;
    if (jobsToFetch > TOP_RESPONSE_CAP) findings.push(kedaFinding('jobsToFetchAboveServiceCap', { jobsToFetch, cap: TOP_RESPONSE_CAP }));
    if (jobsToFetch < 1) findings.push(kedaFinding('jobsToFetchNotPositive', { jobsToFetch }));
  }
  if (settings.targetPipelinesQueueLength <= 0) {
    findings.push(kedaFinding('targetNotPositive', { target: settings.targetPipelinesQueueLength }));
  }
  return findings;
}

/** Items KEDA compares byte for byte after splitting on commas, with nothing trimmed. */
function demandItemQuirks(settings: ScalingSettings): KedaFinding[] {
  const findings: KedaFinding[] = [];
  const occurrences = new Map<string, { item: string; times: number }>();
  splitTriggerDemands(settings.demands).forEach((item, index) => {
    const trimmed = item.trim();
    if (trimmed === '') {
      findings.push(kedaFinding('demandItemEmpty', { position: index + 1 }));
      return;
    }
    if (isAgentVersionItem(item)) {
      findings.push(kedaFinding('demandAgentVersionIgnored', { item }));
      return;
    }
    if (item !== trimmed) findings.push(kedaFinding('demandItemPadded', { item, trimmed }));
    const key = settings.caseInsensitiveDemandsProcessing ? foldKey(item) : item;
    const seen = occurrences.get(key);
    if (seen) seen.times++;
    else occurrences.set(key, { item, times: 1 });
  });
  for (const { item, times } of occurrences.values()) {
    if (times > 1) findings.push(kedaFinding('demandItemDuplicated', { item, times }));
  }
  return findings;
}

/** What the verdicts on the pool's jobs show about this trigger. */
export function jobQuirks(settings: ScalingSettings, verdicts: readonly JobVerdict[]): KedaFinding[] {
  const findings: KedaFinding[] = [];
  const waiting = verdicts.filter((v) => isWaiting(v.request));

  const outsideWindow = verdicts.flatMap((v) =>
    v.reason.code === 'beyondTopWindow' && isUnfinished(v.request) ? [{ request: v.request, window: v.reason.window }] : [],
  );
  if (outsideWindow.length > 0) {
    findings.push(kedaFinding('queuedJobsBeyondTopWindow', { window: outsideWindow[0].window, ...jobList(outsideWindow) }));
  }

  if (settings.parent !== '') {
    findings.push(...parentQuirks(settings.parent, waiting));
  } else if (settings.demands !== '' && !settings.requireAllDemands && !settings.requireAllDemandsAndIgnoreOthers) {
    const demandless = waiting.filter((v) => v.counted && withoutAgentVersion(v.request.demands).length === 0);
    if (demandless.length > 0) findings.push(kedaFinding('demandlessJobsMatchEveryTrigger', jobList(demandless)));
  }
  return findings;
}

/** The parent must be registered and match: Azure DevOps lists it among the job's matched agents, or not. */
function parentQuirks(parent: string, waiting: readonly JobVerdict[]): KedaFinding[] {
  const findings: KedaFinding[] = [];
  const unmatched = waiting.filter((v) => v.reason.code === 'parentNotInMatchedAgents');
  if (unmatched.length > 0) {
    findings.push(kedaFinding('parentNotInMatchedAgents', { parent, ...jobList(unmatched) }));
    const parentKey = foldKey(parent);
    const nearMiss = unmatched
      .flatMap((v) => v.request.matchedAgents ?? [])
      .find((agent) => agent.name !== parent && foldKey(agent.name) === parentKey);
    if (nearMiss) findings.push(kedaFinding('parentNameCaseMismatch', { parent, agentName: nearMiss.name }));
  }
  const withoutList = waiting.filter((v) => v.reason.code === 'noMatchedAgents');
  if (withoutList.length > 0) findings.push(kedaFinding('jobsWithoutMatchedAgents', { parent, ...jobList(withoutList) }));
  return findings;
}

/**
 * The `default` strategy subtracts running Jobs, so it needs in-flight jobs counted; `accurate` subtracts only
 * pending Jobs, so it needs them left out. A mismatch under- or over-scales whenever jobs are in flight.
 */
export function strategyQuirks(version: KedaVersion, settings: ScalingSettings, spec: ScaledJobSpec): KedaFinding[] {
  const { strategy } = resolveStrategy(spec.scalingStrategy);
  const inFlightExcluded = receivedJobsRule(version, settings.scaleOnInFlight) !== undefined;
  if (strategy.name === 'default' && inFlightExcluded) return [kedaFinding('defaultStrategyExcludesInFlight', { version: version.label })];
  if (strategy.name === 'accurate' && !inFlightExcluded) return [kedaFinding('accurateStrategyCountsInFlight', { version: version.label })];
  return [];
}

/** The `count` and `jobs` parameters: how many, and the first few named (`#id definition`, plus `detail`). */
export function jobList<T extends { readonly request: JobRequest }>(
  items: readonly T[],
  detail?: (item: T) => string,
): { count: number; jobs: string[] } {
  return {
    count: items.length,
    jobs: items.slice(0, JOBS_NAMED).map((item) => {
      const name = item.request.definitionName ?? item.request.jobName;
      const label = name === undefined ? `#${item.request.requestId}` : `#${item.request.requestId} ${name}`;
      return detail ? `${label} (${detail(item)})` : label;
    }),
  };
}
