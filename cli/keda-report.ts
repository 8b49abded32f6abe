import { REPORT_SCHEMA_VERSION } from '../core/guard/report';
import type { MessageLine } from '../core/keda/decision-lines';
import type { KedaFinding } from '../core/keda/findings';
import { isUnfinished, isWaiting } from '../core/keda/job-state';
import type { ManifestKind } from '../core/keda/manifest';
import { TOP_RESPONSE_CAP } from '../core/keda/queue-url';
import { renderJobReason } from '../core/keda/reasons';
import type { ScaledObjectReplicas } from '../core/keda/scaledjob';
import type { QueueView, ScaledJobDecision, ScalingSettings } from '../core/keda/types';
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

/** A trigger counted, or why not: KEDA refuses it (`triggerRejected`), or its pool could not be read. */
export type TriggerView =
  | ({ readonly index: number; readonly metricType: 'AverageValue' | 'Value' } & KedaPoolView)
  | { readonly index: number; readonly messages: readonly string[]; readonly triggerRejected: boolean };

export type CountedTrigger = Extract<TriggerView, { queue: QueueView }>;

/** A ScaledJob or ScaledObject of the manifest (or, from flags, one trigger), what it counts and what it does now. */
export interface ScalerView {
  readonly kind?: ManifestKind;
  readonly name?: string;
  readonly version: KedaVersion;
  readonly triggers: readonly TriggerView[];
  /** What reading the manifest showed. */
  readonly findings: readonly KedaFinding[];
  readonly decision?:
    | {
        readonly kind: 'jobs';
        readonly decision: ScaledJobDecision;
        readonly lines: readonly MessageLine[];
        readonly findings: readonly KedaFinding[];
      }
    | {
        readonly kind: 'replicas';
        readonly replicas: ScaledObjectReplicas | undefined;
        readonly lines: readonly MessageLine[];
        readonly findings: readonly KedaFinding[];
      };
}

type JobState = 'waiting' | 'inFlight' | 'finished';

const finding = (f: KedaFinding) => `${text(`severity.${f.severity}`)}: ${text(f.messageKey, f.params)}`;

/** Waiting jobs this trigger leaves out: no agent starts for them. In-flight jobs already have one. */
export function uncountedWaitingJobs(view: KedaPoolView): number {
  return view.queue.perJob.filter((verdict) => !verdict.counted && isWaiting(verdict.request)).length;
}

export function renderScalerView(view: ScalerView): string {
  const counted = view.triggers.flatMap((trigger) => ('queue' in trigger ? [trigger] : []));
  const triggers = counted.map((trigger) => {
    const heading = view.kind ? [text('keda.view.triggerHeading', { kind: view.kind, name: view.name ?? '', index: trigger.index })] : [];
    return [...heading, renderKedaView(trigger)].join('\n');
  });
  return [...view.findings.map(finding), ...triggers, ...(view.decision ? [renderDecision(view)] : [])].join('\n\n');
}

function renderDecision(view: ScalerView): string {
  const { decision } = view;
  if (!decision) return '';
  const params = { version: view.version.label, name: view.name ?? '' };
  const heading =
    decision.kind === 'replicas'
      ? text('keda.replicas.heading', params)
      : text(view.kind ? 'keda.decision.heading' : 'keda.decision.headingFlags', params);
  const lines = decision.lines.map((line) => `  ${text(line.key, line.params)}`);
  return [[heading, ...lines].join('\n'), ...decision.findings.map(finding)].join('\n\n');
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
    ...view.findings.map(finding),
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

/** The `--json` document (`schemas/keda-report.schema.json`): every ScaledJob or ScaledObject (or flag trigger), its triggers and its decision. */
export function kedaReportJson(version: KedaVersion, views: readonly ScalerView[]) {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    kedaVersion: version.label,
    scalers: views.map((view) => ({
      kind: view.kind ?? null,
      name: view.name ?? null,
      findings: view.findings.map(findingJson),
      triggers: view.triggers.map((trigger) =>
        'queue' in trigger
          ? { index: trigger.index, metricType: trigger.metricType, ...kedaViewJson(trigger) }
          : { index: trigger.index, error: { rejectedByKeda: trigger.triggerRejected, messages: trigger.messages } },
      ),
      decision: decisionJson(view.decision),
    })),
  };
}

function decisionJson(decision: ScalerView['decision']) {
  if (!decision) return null;
  const common = { lines: decision.lines.map((line) => text(line.key, line.params)), findings: decision.findings.map(findingJson) };
  if (decision.kind === 'replicas') {
    return { kind: 'replicas' as const, replicas: decision.replicas?.replicas ?? null, rule: decision.replicas?.rule ?? null, ...common };
  }
  const d = decision.decision;
  return {
    kind: 'jobs' as const,
    jobsToCreate: d.jobsToCreate,
    isActive: d.isActive,
    strategy: d.strategy,
    queueLength: d.queueLength,
    maxScale: d.maxScale,
    scaleTo: d.scaleTo,
    effectiveMaxScale: d.effectiveMaxScale,
    minReplicaCount: d.minReplicaCount,
    maxReplicaCount: d.maxReplicaCount,
    ...common,
  };
}

export function kedaViewJson(view: KedaPoolView) {
  const { queue } = view;
  return {
    pool: view.pool.name,
    poolId: view.pool.id,
    url: queue.url,
    form: queue.form,
    queueLength: queue.queueLength,
    isActive: queue.isActive,
    metricName: queue.metricName,
    targetQueueLength: queue.targetQueueLength,
    activationTargetQueueLength: queue.activationTargetQueueLength,
    jobs: queue.perJob.map(({ request, counted, reason }) => ({
      requestId: request.requestId,
      job: jobName(request) ?? null,
      state: jobState(request),
      demands: request.demands,
      counted,
      reason: reason.code,
      reasonText: renderJobReason(reason, 'text'),
    })),
    findings: view.findings.map(findingJson),
    notes: notes(view),
  };
}

function findingJson(f: KedaFinding) {
  return { code: f.code, severity: f.severity, message: text(f.messageKey, f.params) };
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
