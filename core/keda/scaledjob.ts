import { KedaFinding, kedaFinding } from './findings';
import type {
  ClusterJobs,
  QueueView,
  ResolvedStrategy,
  ScaledJobDecision,
  ScaledJobSpec,
  ScalingStrategySpec,
  TriggerMetric,
} from './types';

/**
 * What KEDA does with the trigger metrics of a ScaledJob (`pkg/scaling/scaledjob/metrics.go`,
 * `pkg/scaling/executor/scale_jobs.go`) and of a ScaledObject, given the Jobs already in the cluster.
 */

const DEFAULT_MAX_REPLICA_COUNT = 100;

/** The metric a counted queue contributes; `Value` metrics have no AverageValue target. */
export function triggerMetric(view: QueueView, metricType: 'AverageValue' | 'Value' = 'AverageValue'): TriggerMetric {
  return {
    queueLength: view.queueLength,
    isActive: view.isActive,
    targetAverageValue: metricType === 'AverageValue' ? view.targetQueueLength : 0,
  };
}

export function scaledJobDecision(spec: ScaledJobSpec, triggers: readonly TriggerMetric[], jobs: ClusterJobs): ScaledJobDecision {
  const min = minReplicaCount(spec);
  const max = maxReplicaCount(spec);
  const { strategy, findings } = resolveStrategy(spec.scalingStrategy);
  const combined = combineTriggers(triggers, spec.scalingStrategy?.multipleScalersCalculation, max);
  const isActive = combined.isActive || min > 0;
  const maxValue = Math.min(combined.maxValue, max);
  const maxScale = Math.ceil(maxValue);
  let scaleTo = Math.ceil(combined.queueLength);
  let effectiveMaxScale: number;

  if (jobs.running < min) {
    scaleTo = effectiveMaxScale = min - jobs.running;
  } else {
    const limit = strategyLimit(strategy, maxScale, jobs.running - min, jobs.pending, max, scaleTo);
    effectiveMaxScale = limit.effectiveMaxScale;
    scaleTo = limit.scaleTo;
    if (limit.failed) findings.push(kedaFinding('customDeductionMissing'));
  }
  effectiveMaxScale = Math.max(0, effectiveMaxScale);

  return {
    isActive,
    minReplicaCount: min,
    maxReplicaCount: max,
    queueLength: combined.queueLength,
    maxValue,
    strategy: strategy.name,
    scaleTo,
    maxScale,
    effectiveMaxScale,
    jobsToCreate: isActive && effectiveMaxScale > 0 ? Math.min(scaleTo, effectiveMaxScale) : 0,
    findings,
  };
}

/** `MinReplicaCount()`: default 0; above the maximum it becomes the maximum. */
export function minReplicaCount(spec: ScaledJobSpec): number {
  const { minReplicaCount: min, maxReplicaCount: max } = spec;
  if (min === undefined) return 0;
  return max !== undefined && min > max ? max : min;
}

/**
 * `MaxReplicaCount()`, a quirk: with a maximum set it returns maximum − minimum (both being the maximum when the
 * minimum exceeds it); without one it returns 100 and does not subtract the minimum.
 */
export function maxReplicaCount(spec: ScaledJobSpec): number {
  const { minReplicaCount: min, maxReplicaCount: max } = spec;
  if (max === undefined) return DEFAULT_MAX_REPLICA_COUNT;
  if (min !== undefined && min > max) return max;
  return max - minReplicaCount(spec);
}

/** `NewScalingStrategy`: an unreadable percentage silently selects `default`. */
export function resolveStrategy(spec: ScalingStrategySpec | undefined): { strategy: ResolvedStrategy; findings: KedaFinding[] } {
  switch (spec?.strategy) {
    case 'custom': {
      const text = spec.customScalingRunningJobPercentage ?? '';
      const percentage = parseGoDecimal(text);
      if (percentage === undefined) {
        return { strategy: { name: 'default' }, findings: [kedaFinding('customPercentageUnparseable', { value: text })] };
      }
      return { strategy: { name: 'custom', deduction: spec.customScalingQueueLengthDeduction, percentage }, findings: [] };
    }
    case 'accurate':
      return { strategy: { name: 'accurate' }, findings: [] };
    case 'eager':
      return { strategy: { name: 'eager' }, findings: [] };
    default:
      return { strategy: { name: 'default' }, findings: [] };
  }
}

/**
 * `strconv.ParseFloat` for decimal notation. Go also accepts `inf`, `nan`, hexadecimal and underscore forms;
 * those are treated as unreadable here.
 */
function parseGoDecimal(text: string): number | undefined {
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : undefined;
}

/**
 * `IsScaledJobActive` over the triggers' `(queueLength, maxValue)`; only active triggers take part, and the
 * comparisons are KEDA's own (`max` needs a strictly larger queue, `min` treats 0 as "none yet").
 */
function combineTriggers(triggers: readonly TriggerMetric[], calculation: string | undefined, max: number) {
  const metrics = triggers.map((t) => ({
    queueLength: t.queueLength,
    maxValue: t.targetAverageValue !== 0 ? Math.min(t.queueLength / t.targetAverageValue, max) : 0,
    isActive: t.isActive,
  }));
  const active = metrics.filter((m) => m.isActive);
  let queueLength = 0;
  let maxValue = 0;
  let isActive = false;
  switch (calculation) {
    case 'min':
      for (const m of active) {
        if (queueLength === 0 || m.queueLength < queueLength) ({ queueLength, maxValue, isActive } = m);
      }
      break;
    case 'avg':
      if (active.length > 0) {
        queueLength = active.reduce((sum, m) => sum + m.queueLength, 0) / active.length;
        maxValue = active.reduce((sum, m) => sum + m.maxValue, 0) / active.length;
        isActive = true;
      }
      break;
    case 'sum':
      for (const m of active) {
        queueLength += m.queueLength;
        maxValue += m.maxValue;
        isActive = true;
      }
      break;
    default:
      for (const m of active) {
        if (m.queueLength > queueLength) ({ queueLength, maxValue, isActive } = m);
      }
  }
  return { queueLength, maxValue, isActive };
}

/** `GetEffectiveMaxScale` of each strategy, with `running` already reduced by the minimum. */
function strategyLimit(
  strategy: ResolvedStrategy,
  maxScale: number,
  running: number,
  pending: number,
  max: number,
  scaleTo: number,
): { effectiveMaxScale: number; scaleTo: number; failed?: true } {
  switch (strategy.name) {
    case 'default':
      return { effectiveMaxScale: maxScale - running, scaleTo };
    case 'custom':
      // KEDA dereferences the deduction unchecked: without it this ScaledJob's scaling fails.
      if (strategy.deduction === undefined) return { effectiveMaxScale: 0, scaleTo, failed: true };
      return {
        effectiveMaxScale: Math.min(maxScale - strategy.deduction - Math.trunc(running * strategy.percentage), max),
        scaleTo,
      };
    case 'accurate':
      return { effectiveMaxScale: maxScale + running - pending > max ? max - running : maxScale - pending, scaleTo };
    case 'eager':
      return { effectiveMaxScale: Math.min(max - running - pending, maxScale), scaleTo: max };
  }
}

/**
 * A ScaledObject's replicas for the HPA: `ceil(queueLength / target)` within [max(min, 1), max] while the
 * trigger is active, `minReplicaCount` once it is not (after `cooldownPeriod`). HPA tolerance and
 * stabilization windows are not modelled. Undefined for a target that is not positive (the HPA rejects it).
 */
export function scaledObjectReplicas(
  metric: { readonly queueLength: number; readonly isActive: boolean; readonly targetQueueLength: number },
  spec: { readonly minReplicaCount?: number; readonly maxReplicaCount?: number } = {},
): number | undefined {
  if (metric.targetQueueLength <= 0) return undefined;
  const min = spec.minReplicaCount ?? 0;
  const max = spec.maxReplicaCount ?? DEFAULT_MAX_REPLICA_COUNT;
  if (!metric.isActive) return min;
  return Math.min(max, Math.max(min, 1, Math.ceil(metric.queueLength / metric.targetQueueLength)));
}
