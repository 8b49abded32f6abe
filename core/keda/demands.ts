import { foldKey } from './go';

/**
 * KEDA's demand matching (`getCanAgentDemandFulfilJob`): whole-string comparison of the job's demand
 * strings with the trigger's comma-separated items. Nothing is parsed: `java -equals 17` equals only the
 * item `java -equals 17`, and agent capabilities are never looked at.
 */

/** `requireAllDemands` wins over `requireAllDemandsAndIgnoreOthers` when both are set. */
export type DemandMode = 'default' | 'requireAllDemands' | 'requireAllDemandsAndIgnoreOthers';

export interface DemandFilter {
  readonly mode: DemandMode;
  readonly caseInsensitive: boolean;
  /** The trigger's items as KEDA keeps them: split on `,`, not trimmed, `Agent.Version…` items dropped. */
  readonly items: readonly string[];
  /** How often each comparison key occurs among `items`; duplicates count every time. */
  readonly occurrences: ReadonlyMap<string, number>;
}

export interface DemandMatch {
  readonly matches: boolean;
  /** Number of (job item, trigger item) pairs that compare equal. */
  readonly pairCount: number;
  /** The job's demands as KEDA compares them (`Agent.Version…` dropped). */
  readonly jobItems: readonly string[];
}

export interface DemandMismatchDetail extends DemandMatch {
  readonly jobItemsWithoutMatch: readonly string[];
  readonly triggerItemsWithoutMatch: readonly string[];
}

/** Case-sensitive prefix, as `strings.HasPrefix`, even in case-insensitive mode. */
const AGENT_VERSION_PREFIX = 'Agent.Version';

export function isAgentVersionItem(item: string): boolean {
  return item.startsWith(AGENT_VERSION_PREFIX);
}

export function withoutAgentVersion(items: readonly string[]): string[] {
  return items.filter((item) => !isAgentVersionItem(item));
}

/** Go's `strings.Split(demands, ",")`: an empty string still gives one empty item. */
export function splitTriggerDemands(demands: string): string[] {
  return demands.split(',');
}

export function demandMode(requireAllDemands: boolean, requireAllDemandsAndIgnoreOthers: boolean): DemandMode {
  if (requireAllDemands) return 'requireAllDemands';
  return requireAllDemandsAndIgnoreOthers ? 'requireAllDemandsAndIgnoreOthers' : 'default';
}

export function compileDemandFilter(demands: string, mode: DemandMode, caseInsensitive: boolean): DemandFilter {
  const items = withoutAgentVersion(splitTriggerDemands(demands));
  const occurrences = new Map<string, number>();
  for (const item of items) {
    const key = comparisonKey(item, caseInsensitive);
    occurrences.set(key, (occurrences.get(key) ?? 0) + 1);
  }
  return { mode, caseInsensitive, items, occurrences };
}

export function matchDemands(filter: DemandFilter, jobDemands: readonly string[]): DemandMatch {
  const jobItems = withoutAgentVersion(jobDemands);
  let pairCount = 0;
  for (const item of jobItems) pairCount += filter.occurrences.get(comparisonKey(item, filter.caseInsensitive)) ?? 0;
  return { matches: isMatch(filter, pairCount, jobItems.length), pairCount, jobItems };
}

/** Which items found no partner: the "why" of a mismatch, computed only when one is shown. */
export function explainMismatch(filter: DemandFilter, match: DemandMatch): DemandMismatchDetail {
  const key = (item: string) => comparisonKey(item, filter.caseInsensitive);
  const jobKeys = new Set(match.jobItems.map(key));
  return {
    ...match,
    jobItemsWithoutMatch: match.jobItems.filter((item) => !filter.occurrences.has(key(item))),
    triggerItemsWithoutMatch: filter.items.filter((item) => !jobKeys.has(key(item))),
  };
}

function isMatch(filter: DemandFilter, pairCount: number, jobItemCount: number): boolean {
  switch (filter.mode) {
    case 'requireAllDemands':
      return pairCount === jobItemCount && pairCount === filter.items.length;
    case 'requireAllDemandsAndIgnoreOthers':
      return pairCount === filter.items.length;
    case 'default':
      return pairCount === jobItemCount;
  }
}

function comparisonKey(item: string, caseInsensitive: boolean): string {
  return caseInsensitive ? foldKey(item) : item;
}
