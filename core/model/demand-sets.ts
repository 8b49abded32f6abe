import { DemandParseError, formatDemand, parseDemand, type Demand } from './demands';
import type { JobRequest } from './types';

/** One set of demands that jobs in the pool carried, and the jobs that carried it (newest first). */
export interface DemandSet {
  demands: Demand[];
  /** The demands in the service's string form, as the requests listed them. */
  text: string[];
  requests: JobRequest[];
}

/**
 * Parses a request's demands, skipping any that does not parse: the service wrote them, but one odd
 * demand must not sink the whole report. `cache` spares parsing the same text again across requests.
 */
export function requestDemands(request: JobRequest, cache = new Map<string, Demand | undefined>()): Demand[] {
  return request.demands.flatMap((text) => {
    if (!cache.has(text)) {
      try {
        cache.set(text, parseDemand(text));
      } catch (error) {
        if (!(error instanceof DemandParseError)) throw error;
        cache.set(text, undefined);
      }
    }
    const demand = cache.get(text);
    return demand ? [demand] : [];
  });
}

/**
 * The distinct demand sets of the given requests (unfinished and recent ones), newest request first. Two
 * requests carry the same set when their demands read the same, whatever their order or the case of
 * their names (the service compares names without regard to case).
 */
export function demandSetsOf(requests: readonly JobRequest[]): DemandSet[] {
  const cache = new Map<string, Demand | undefined>();
  const sets = new Map<string, DemandSet>();
  const newestFirst = [...requests].sort((a, b) => (b.queueTime?.getTime() ?? 0) - (a.queueTime?.getTime() ?? 0));
  for (const request of newestFirst) {
    const demands = requestDemands(request, cache);
    const key = setKey(demands);
    const known = sets.get(key);
    if (known) known.requests.push(request);
    else sets.set(key, { demands, text: demands.map(formatDemand), requests: [request] });
  }
  return [...sets.values()];
}

export function setKey(demands: readonly Demand[]): string {
  return demands
    .map((demand) => formatDemand({ ...demand, name: demand.name.toLowerCase() }))
    .sort()
    .join('\n');
}

/** Capability names that some demand in the sets names, lower-cased. */
export function demandedNames(sets: readonly (readonly Demand[])[]): Set<string> {
  return new Set(sets.flatMap((demands) => demands.map((demand) => demand.name.toLowerCase())));
}
