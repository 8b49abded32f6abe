import type { KedaFinding } from '../core/keda/findings';
import { isUnfinished, isWaiting } from '../core/keda/job-state';
import { TOP_RESPONSE_CAP } from '../core/keda/queue-url';
import { renderJobReason } from '../core/keda/reasons';
import type { QueueView, ScalingSettings } from '../core/keda/types';
import type { KedaVersion } from '../core/keda/version';
import type { JobRequest } from '../core/model/types';
import { renderTable } from './table';
import { text } from './text';

/** What one trigger on one pool sees: the input of both the text report and the JSON. */
export interface KedaPoolView {
  readonly pool: { readonly id: number; readonly name: string };
  readonly version: KedaVersion;
  readonly settings: ScalingSettings;
  readonly queue: QueueView;
  /** The trigger's findings, then what the pool's jobs reveal. */
  readonly findings: readonly KedaFinding[];
}

type JobState = 'waiting' | 'inFlight' | 'finished';

/** Waiting jobs this trigger leaves out: no agent starts for them. In-flight jobs already have one. */
export function uncountedWaitingJobs(view: KedaPoolView): number {
  return view.queue.perJob.filter((verdict) => !verdict.counted && isWaiting(verdict.request)).length;
}

export function renderKedaView(view: KedaPoolView): string {
  const { queue } = view;
  const summary = [
    text('keda.view.heading', { pool: view.pool.name, poolId: view.pool.id, version: view.version.label }),
    text('keda.view.url', { url: queue.url }),
    text('keda.view.queue', { queueLength: queue.queueLength, metricName: queue.metricName }),
    text(queue.isActive ? 'keda.view.active' : 'keda.view.inactive', { activation: queue.activationTargetQueueLength }),
  ].join('\n');
  const uncounted = uncountedWaitingJobs(view);
  return [
    summary,
    queue.perJob.length > 0 ? jobTable(queue) : text('keda.view.noJobs'),
    ...notes(view).map((note) => `${text('severity.info')}: ${note}`),
    ...(uncounted > 0 ? [text('keda.view.waitingUncounted', { count: uncounted })] : []),
    ...view.findings.map((finding) => `${text(`severity.${finding.severity}`)}: ${text(finding.messageKey, finding.params)}`),
  ].join('\n\n');
}

function jobTable(queue: QueueView): string {
  const rows = queue.perJob.map(({ request, counted, reason }) => [
    String(request.requestId),
    jobName(request) ?? '',
    text(`keda.view.state.${jobState(request)}`),
    request.demands.join(', '),
    text(counted ? 'keda.view.counted.yes' : 'keda.view.counted.no'),
    renderJobReason(reason, 'text'),
  ]);
  return renderTable(text('keda.view.columns').split('|'), rows);
}

export function kedaViewJson(view: KedaPoolView) {
  const { queue } = view;
  return {
    pool: view.pool.name,
    poolId: view.pool.id,
    kedaVersion: view.version.label,
    url: queue.url,
    form: queue.form,
    queueLength: queue.queueLength,
    isActive: queue.isActive,
    metricName: queue.metricName,
    targetQueueLength: queue.targetQueueLength,
    activationTargetQueueLength: queue.activationTargetQueueLength,
    jobs: queue.perJob.map(({ request, counted, reason }) => ({
      requestId: request.requestId,
      job: jobName(request),
      state: jobState(request),
      demands: request.demands,
      counted,
      reason: reason.code,
      reasonText: renderJobReason(reason, 'text'),
    })),
    findings: view.findings.map((finding) => ({
      code: finding.code,
      severity: finding.severity,
      message: text(finding.messageKey, finding.params),
    })),
    notes: notes(view),
  };
}

/**
 * The view reads only unfinished requests, while a `$top` answer also holds finished ones: its window may
 * end earlier than the view can tell, so the view says so rather than claim more than it knows.
 */
function notes(view: KedaPoolView): string[] {
  if (view.queue.form !== 'top') return [];
  return [text('keda.view.topWindowNote', { jobsToFetch: view.settings.jobsToFetch, cap: TOP_RESPONSE_CAP })];
}

function jobName(request: JobRequest): string | undefined {
  return request.definitionName ?? request.jobName;
}

function jobState(request: JobRequest): JobState {
  if (!isUnfinished(request)) return 'finished';
  return isWaiting(request) ? 'waiting' : 'inFlight';
}
