import type { JobRequest } from '../model/types';
import { DEFAULT_TOP_WINDOW, countQueue } from './count';
import { KedaFinding, kedaFinding } from './findings';
import { isWaiting } from './job-state';
import { jobList } from './quirks';
import type { JobReason, KedaScaler, QueueView, TopWindow } from './types';

/**
 * Several triggers (usually one per ScaledJob) on one pool, seen together: each scaler counts on its own
 * (kedacore/keda#4195), so a job no trigger counts waits forever, and a job several count gets several agents.
 */

export interface NamedScaler {
  /** The ScaledJob (or ScaledObject) name, shown to the user. */
  readonly name: string;
  readonly scaler: KedaScaler;
}

export interface CoverageReport {
  readonly views: readonly { readonly name: string; readonly view: QueueView }[];
  /** Waiting jobs no trigger counts, with each trigger's reason. */
  readonly uncounted: readonly {
    readonly request: JobRequest;
    readonly reasons: readonly { readonly trigger: string; readonly reason: JobReason }[];
  }[];
  /** Jobs (in any state) that more than one trigger counts. */
  readonly countedByMany: readonly { readonly request: JobRequest; readonly triggers: readonly string[] }[];
  readonly findings: readonly KedaFinding[];
}

export function analyseCoverage(
  requests: readonly JobRequest[],
  scalers: readonly NamedScaler[],
  window: TopWindow = DEFAULT_TOP_WINDOW,
): CoverageReport {
  const views = scalers.map(({ name, scaler }) => ({ name, view: countQueue(scaler, requests, window) }));
  const uncounted: CoverageReport['uncounted'][number][] = [];
  const countedByMany: CoverageReport['countedByMany'][number][] = [];

  requests.forEach((request, index) => {
    const counting = views.filter(({ view }) => view.perJob[index].counted).map(({ name }) => name);
    if (counting.length > 1) countedByMany.push({ request, triggers: counting });
    if (counting.length === 0 && isWaiting(request)) {
      uncounted.push({ request, reasons: views.map(({ name, view }) => ({ trigger: name, reason: view.perJob[index].reason })) });
    }
  });

  const findings: KedaFinding[] = [];
  if (uncounted.length > 0) {
    findings.push(kedaFinding('jobsNoTriggerCounts', { ...jobList(uncounted), triggers: scalers.map(({ name }) => name) }));
  }
  if (countedByMany.length > 0) {
    findings.push(
      kedaFinding(
        'jobsCountedByManyTriggers',
        jobList(countedByMany, ({ triggers }) => triggers.join(' + ')),
      ),
    );
  }
  return { views, uncounted, countedByMany, findings };
}
