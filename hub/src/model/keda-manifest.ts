import { InputError, parseCount, sameOrganizationUrl } from '../../../core/guard/inputs';
import { countQueue } from '../../../core/keda/count';
import type { KedaError, KedaFinding } from '../../../core/keda/findings';
import { isUnresolved, readManifest } from '../../../core/keda/manifest';
import {
  jobsAmbiguity,
  manifestPlans,
  scaledObjectView,
  type ReplicasView,
  type ScalerPlan,
  type TriggerPlan,
} from '../../../core/keda/manifest-plan';
import type { ManifestText } from '../../../core/keda/manifest-text';
import { scaledJobView, type CountedTrigger, type ScaledJobView } from '../../../core/keda/scaledjob-view';
import type { ClusterJobs, QueueView } from '../../../core/keda/types';
import { KedaUsageError } from '../../../core/keda/usage-error';
import { parseKedaVersion, type KedaVersion } from '../../../core/keda/version';
import type { Params } from '../../../core/model/findings';
import type { JobRequest, Pool } from '../../../core/model/types';
import type { TextKey } from './text';

/**
 * A pasted ScaledJob or ScaledObject manifest against the pool on the page: read with the YAML parser and
 * core's `readManifest` as `keda-pool-guard keda -f` reads the file, each trigger that polls this pool
 * counted over the pool's unfinished jobs, and the decision the command line prints. A trigger polling
 * another pool (or organization) is named, not counted: the page has this pool's jobs only, and a decision
 * without that trigger would be another ScaledJob's.
 */

export interface Note {
  readonly key: TextKey;
  readonly params: Params;
}

export type PastedManifest =
  | { readonly kind: 'invalid'; readonly message: Note }
  | {
      readonly kind: 'read';
      readonly version: KedaVersion;
      readonly scalers: readonly ScalerOutcome[];
      /** The triggers KEDA builds or refuses for this pool: the others poll another pool. */
      readonly onThisPool: number;
    };

export interface ScalerOutcome {
  readonly plan: ScalerPlan;
  readonly triggers: readonly TriggerOutcome[];
  readonly decision?: { readonly kind: 'jobs'; readonly view: ScaledJobView } | { readonly kind: 'replicas'; readonly view: ReplicasView };
  /** Why the decision is not shown although KEDA would make one. */
  readonly noDecision?: Note;
}

export type TriggerOutcome =
  | { readonly kind: 'counted'; readonly index: number; readonly view: QueueView; readonly findings: readonly KedaFinding[] }
  | {
      readonly kind: 'rejected';
      readonly index: number;
      readonly errors: readonly KedaError[];
      readonly kedaLog: string;
      readonly findings: readonly KedaFinding[];
    }
  | { readonly kind: 'elsewhere'; readonly index: number; readonly message: Note };

export interface ManifestContext {
  readonly pool: Pool;
  readonly requests: readonly JobRequest[];
  readonly organizationUrl: string;
  /** The KEDA release as typed in the tab. */
  readonly version: string;
  /** The Jobs of the ScaledJob as the user typed them (`kubectl get jobs`), blank when not counted. */
  readonly runningJobs: string;
  readonly pendingJobs: string;
}

/**
 * The YAML documents of the text, or what is wrong with it. The parser is given by the caller, which loads
 * the YAML package on demand (`manifest-yaml.ts`).
 */
export function parseManifest(
  text: string,
  parse: (text: string) => ManifestText,
): { ok: true; documents: readonly unknown[] } | { ok: false; message: Note } {
  if (text.trim() === '') return { ok: false, message: { key: 'hub.keda.manifest.empty', params: {} } };
  const parsed = parse(text);
  if (!parsed.ok)
    return {
      ok: false,
      message: { key: 'hub.keda.manifest.notYaml', params: { line: parsed.line, column: parsed.column, problem: parsed.problem } },
    };
  return parsed;
}

export function manifestOutcome(documents: readonly unknown[], context: ManifestContext): PastedManifest {
  let version: KedaVersion;
  try {
    version = parseKedaVersion(context.version);
  } catch (error) {
    if (!(error instanceof KedaUsageError)) throw error;
    return { kind: 'invalid', message: { key: error.messageKey, params: error.params } };
  }
  const manifest = readManifest(documents);
  let jobs: ClusterJobs;
  try {
    jobs = { running: parseCount(context.runningJobs, 'runningJobs') ?? 0, pending: parseCount(context.pendingJobs, 'pendingJobs') ?? 0 };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { kind: 'invalid', message: { key: error.key, params: error.params } };
  }
  const jobsGiven = context.runningJobs.trim() !== '' || context.pendingJobs.trim() !== '';
  const count = jobsAmbiguity(manifest, jobsGiven);
  if (count !== undefined) return { kind: 'invalid', message: { key: 'hub.keda.manifest.jobsAmbiguous', params: { count } } };
  const scalers = manifestPlans(manifest, version).map((plan) => scalerOutcome(plan, { ...context, version }, jobs, jobsGiven));
  const onThisPool = scalers.flatMap((scaler) => scaler.triggers.filter((trigger) => trigger.kind !== 'elsewhere')).length;
  return { kind: 'read', version, scalers, onThisPool };
}

type Context = Omit<ManifestContext, 'version'> & { readonly version: KedaVersion };

function scalerOutcome(plan: ScalerPlan, context: Context, jobs: ClusterJobs, jobsGiven: boolean): ScalerOutcome {
  const triggers = plan.triggers.map((trigger) => triggerOutcome(trigger, plan.name ?? '', context));
  const counted: CountedTrigger[] = triggers.flatMap((trigger, index) =>
    trigger.kind === 'counted' && plan.triggers[index].parsed.ok
      ? [{ queue: trigger.view, settings: plan.triggers[index].parsed.value.settings, metricType: plan.triggers[index].metricType }]
      : [],
  );
  const [first, ...rest] = counted;
  if (plan.decide === 'none' || first === undefined) return { plan, triggers };
  if (triggers.some((trigger) => trigger.kind === 'elsewhere'))
    return {
      plan,
      triggers,
      noDecision: { key: 'hub.keda.manifest.noDecision', params: { scaler: plan.name ?? '', pool: context.pool.name } },
    };
  if (plan.decide === 'replicas')
    return { plan, triggers, decision: { kind: 'replicas', view: scaledObjectView(plan.spec, [first, ...rest]) } };
  return { plan, triggers, decision: { kind: 'jobs', view: scaledJobView(plan.spec, counted, jobs, jobsGiven, context.version) } };
}

function triggerOutcome(trigger: TriggerPlan, scaler: string, context: Context): TriggerOutcome {
  const { index, parsed } = trigger;
  if (!parsed.ok) return { kind: 'rejected', index, errors: parsed.errors, kedaLog: parsed.kedaLog, findings: parsed.findings };
  const { pool, organizationUrl, version } = context;
  const elsewhere = (key: TextKey, params: Params): TriggerOutcome => ({
    kind: 'elsewhere',
    index,
    message: { key, params: { index, scaler, pool: pool.name, poolId: pool.id, ...params } },
  });
  const url = parsed.value.organizationUrl;
  // A URL the cluster sets from a Secret not pasted is taken as this organization's: nothing says otherwise.
  if (url !== undefined && !isUnresolved(url) && !sameOrganizationUrl(url, organizationUrl))
    return elsewhere('hub.keda.manifest.otherOrganization', { url, organization: organizationUrl });
  const { settings } = parsed.value;
  switch (settings.pool.kind) {
    case 'name':
      // Azure DevOps matches `poolName` without regard to case (the sandbox's pools route, as the service).
      if (settings.pool.name.toLowerCase() !== pool.name.toLowerCase())
        return elsewhere('hub.keda.manifest.otherPool', { other: settings.pool.name });
      break;
    case 'id':
      if (settings.pool.id !== pool.id) return elsewhere('hub.keda.manifest.otherPoolId', { id: settings.pool.id });
      break;
    case 'probedId':
      // Up to 2.16 KEDA polls the id Azure DevOps answers its lookup with (`core/keda/pool.ts`): the page does not make that call.
      return elsewhere('hub.keda.manifest.probedId', { id: settings.pool.text, version: version.label });
  }
  const view = countQueue({ version, settings, organizationUrl, poolId: pool.id, triggerIndex: index }, context.requests);
  return { kind: 'counted', index, view, findings: [...parsed.findings, ...view.findings] };
}
