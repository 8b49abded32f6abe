import { replicaLines, type MessageLine } from './decision-lines';
import type { KedaFinding } from './findings';
import { AZURE_PIPELINES, type Manifest, type ManifestKind, type ManifestScaler } from './manifest';
import { scaledObjectReplicas, type ScaledObjectReplicas } from './scaledjob';
import type { CountedTrigger } from './scaledjob-view';
import { parseTrigger } from './trigger';
import type { Parsed, ScaledJobSpec, ScalingSettings } from './types';
import type { KedaVersion } from './version';

/**
 * What a manifest asks the faces to count and decide, the same for `keda -f` and the hub's pasted manifest:
 * each ScaledJob or ScaledObject, its `azure-pipelines` triggers as KEDA builds them (or refuses them), and
 * whether a Job decision or a replica count follows. Counting needs each trigger's pool: the face reads it.
 */

/** A ScaledJob or ScaledObject of the manifest, or (from the command line's flags) one trigger on one pool. */
export interface ScalerPlan {
  readonly kind?: ManifestKind;
  readonly name?: string;
  readonly spec: ScaledJobSpec;
  /** A ScaledJob's decision, a ScaledObject's replicas, or nothing (the manifest is refused, or flags ask none). */
  readonly decide: 'jobs' | 'replicas' | 'none';
  readonly triggers: readonly TriggerPlan[];
  readonly findings: readonly KedaFinding[];
}

export interface TriggerPlan {
  /** The position in `spec.triggers`, which names KEDA's metric. */
  readonly index: number;
  readonly metricType: 'AverageValue' | 'Value';
  /** KEDA's reading of the trigger; the organization URL too, when the manifest gives one. */
  readonly parsed: Parsed<{ settings: ScalingSettings; organizationUrl?: string }>;
}

/**
 * The number of ScaledJobs in the manifest when the Jobs counted in the cluster cannot be said to be one's
 * (`kubectl get jobs -l scaledjob.keda.sh/name=<name>` counts one ScaledJob's); undefined when they can.
 */
export function jobsAmbiguity(manifest: Manifest, jobsGiven: boolean): number | undefined {
  const scaledJobs = manifest.scalers.filter((scaler) => scaler.kind === 'ScaledJob').length;
  return jobsGiven && scaledJobs > 1 ? scaledJobs : undefined;
}

export function manifestPlans(manifest: Manifest, version: KedaVersion): ScalerPlan[] {
  const plans = manifest.scalers.map((scaler) => scalerPlan(scaler, version));
  // A file without any ScaledJob or ScaledObject: its finding alone.
  return plans.length > 0 ? plans : [{ spec: {}, decide: 'none', triggers: [], findings: manifest.findings }];
}

function scalerPlan(scaler: ManifestScaler, version: KedaVersion): ScalerPlan {
  // Kubernetes refuses a manifest KEDA could not read: nothing of it is counted.
  const refused = scaler.findings.some((finding) => finding.severity === 'error');
  const triggers = refused
    ? []
    : scaler.triggers.flatMap((trigger): TriggerPlan[] => {
        if (!('sources' in trigger) || trigger.type !== AZURE_PIPELINES) return [];
        const parsed = parseTrigger(trigger.sources, version);
        return [
          {
            index: trigger.index,
            metricType: trigger.metricType,
            parsed: parsed.ok
              ? { ...parsed, value: { settings: parsed.value.settings, organizationUrl: parsed.value.organizationUrl } }
              : parsed,
          },
        ];
      });
  return {
    kind: scaler.kind,
    name: scaler.name,
    spec: scaler.spec,
    decide: refused ? 'none' : scaler.kind === 'ScaledJob' ? 'jobs' : 'replicas',
    triggers,
    findings: scaler.findings,
  };
}

export interface ReplicasView {
  readonly replicas: ScaledObjectReplicas | undefined;
  readonly lines: readonly MessageLine[];
}

/**
 * A ScaledObject's replicas over its counted triggers: the HPA follows the metric asking for the most
 * replicas, and KEDA keeps the target up while any trigger is active.
 */
export function scaledObjectView(spec: ScaledJobSpec, counted: readonly [CountedTrigger, ...CountedTrigger[]]): ReplicasView {
  const isActive = counted.some((trigger) => trigger.queue.isActive);
  const proposals = counted.map((trigger) => ({ trigger, replicas: scaledObjectReplicas({ ...trigger.queue, isActive }, spec) }));
  const chosen = proposals.reduce((best, next) => ((next.replicas?.replicas ?? -1) > (best.replicas?.replicas ?? -1) ? next : best));
  return { replicas: chosen.replicas, lines: replicaLines(chosen.replicas, chosen.trigger.queue) };
}
