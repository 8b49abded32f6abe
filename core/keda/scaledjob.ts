import type {
  ClusterJobs,
  QueueView,
  ResolvedStrategy,
  ScaledJobDecision,
  ScaledJobSpec,
  ScalingStrategySpec,
  StrategyLimit,
  TriggerMetric,
} from './types';
import { KedaFinding, kedaFinding } from './findings';
import { KedaVersion, SINCE, isAtLeast } from './version';
// Its sentences, registered for the faces that render what this module produces.
import './view-messages';

/**
 * What KEDA does with the trigger metrics of a ScaledJob (`pkg/scaling/scaledjob/metrics.go`, before 2.12
 * `pkg/scaling/cache/scalers_cache.go`; `pkg/scaling/executor/scale_jobs.go`; `apis/keda/v1alpha1/
 * scaledjob_types.go`) and of a ScaledObject (`pkg/scaling/executor/scale_scaledobjects.go` and the HPA),
 * given the Jobs already in the cluster, release by release (`SINCE`; `docs/keda-versions.md`).
 */

const DEFAULT_MAX_REPLICA_COUNT = 100;
/** `multipleScalersCalculation` values the CRD accepts from 2.20.0 (kedacore/keda#7533). */
const CALCULATIONS = ['min', 'avg', 'sum', 'max'];

/** The metric a counted queue contributes; `Value` metrics have no AverageValue target. */
export function triggerMetric(view: QueueView, metricType: 'AverageValue' | 'Value' = 'AverageValue'): TriggerMetric {
  return {
    queueLength: view.queueLength,
    isActive: view.isActive,
    targetAverageValue: metricType === 'AverageValue' ? view.targetQueueLength : 0,
  };
}

export function scaledJobDecision(
  spec: ScaledJobSpec,
  triggers: readonly TriggerMetric[],
  jobs: ClusterJobs,
  version: KedaVersion,
): ScaledJobDecision {
  const findings: KedaFinding[] = [];
  const replicas = replicaCounts(spec, version);
  const { min, max } = replicas;
  const resolved = resolveStrategy(spec.scalingStrategy, version);
  findings.push(...resolved.findings, ...replicas.findings);
  const combined = combineTriggers(triggers, spec.scalingStrategy?.multipleScalersCalculation, max);
  const isActive = combined.isActive || min > 0;
  const maxValue = Math.min(combined.maxValue, max);
  const maxScale = Math.ceil(maxValue);
  let scaleTo = Math.ceil(combined.queueLength);
  let limit: StrategyLimit;

  if (replicas.stopped || resolved.stopped) {
    limit = { rule: 'stopped', value: 0 };
  } else if (jobs.running < min) {
    limit = { rule: 'belowMinimum', running: jobs.running, min, value: min - jobs.running };
    scaleTo = limit.value;
  } else {
    limit = strategyLimit(resolved.strategy, maxScale, jobs.running - min, jobs.pending, max, version);
    if (resolved.strategy.name === 'eager') scaleTo = max;
  }
  const effectiveMaxScale = Math.max(0, limit.value);

  return {
    isActive,
    minReplicaCount: min,
    maxReplicaCount: max,
    queueLength: combined.queueLength,
    maxValue,
    strategy: resolved.strategy.name,
    scaleTo,
    maxScale,
    limit,
    effectiveMaxScale,
    jobsToCreate: isActive && effectiveMaxScale > 0 ? Math.min(scaleTo, effectiveMaxScale) : 0,
    findings,
  };
}

/** `MinReplicaCount()`: default 0; above the maximum it becomes the maximum. */
export function minReplicaCount(spec: ScaledJobSpec, version: KedaVersion): number {
  return replicaCounts(spec, version).min;
}

/**
 * `MaxReplicaCount()`, a quirk: with a maximum set it returns maximum − minimum (both being the maximum when the
 * minimum exceeds it); without one it returns 100 and does not subtract the minimum.
 */
export function maxReplicaCount(spec: ScaledJobSpec, version: KedaVersion): number {
  return replicaCounts(spec, version).max;
}

/**
 * Before 2.11.0 (kedacore/keda#4567) `MinReplicaCount()` read the maximum unchecked: a minimum without a
 * maximum panics, and a minimum above the maximum leaves `MaxReplicaCount()` at maximum − maximum = 0.
 */
function replicaCounts(spec: ScaledJobSpec, version: KedaVersion): { min: number; max: number; stopped: boolean; findings: KedaFinding[] } {
  const { minReplicaCount: min, maxReplicaCount: max } = spec;
  const guarded = isAtLeast(version, SINCE.replicaCountGuards);
  if (min === undefined) return { min: 0, max: max ?? DEFAULT_MAX_REPLICA_COUNT, stopped: false, findings: [] };
  if (max === undefined) {
    if (guarded) return { min, max: DEFAULT_MAX_REPLICA_COUNT, stopped: false, findings: [] };
    return {
      min,
      max: DEFAULT_MAX_REPLICA_COUNT,
      stopped: true,
      findings: [kedaFinding('minWithoutMaxPanics', { version: version.label })],
    };
  }
  if (min > max) return { min: max, max: guarded ? max : 0, stopped: false, findings: [] };
  return { min, max: max - min, stopped: false, findings: [] };
}

/**
 * `NewScalingStrategy`: an unreadable percentage silently selects `default`, and so does a name KEDA does not
 * know (`eager` before 2.15.0). From 2.20.0 the CRD refuses unknown names outright (and `default` itself
 * until 2.20.2), so Kubernetes never stores the ScaledJob.
 */
export function resolveStrategy(
  spec: ScalingStrategySpec | undefined,
  version: KedaVersion,
): { strategy: ResolvedStrategy; findings: KedaFinding[]; stopped: boolean } {
  const name = spec?.strategy;
  const findings: KedaFinding[] = [];
  if (isAtLeast(version, SINCE.strategyEnum)) {
    const allowed = isAtLeast(version, SINCE.strategyFixes) ? ['default', 'custom', 'accurate', 'eager'] : ['custom', 'accurate', 'eager'];
    if (name !== undefined && !allowed.includes(name))
      findings.push(kedaFinding('strategyRefusedByCrd', { value: name, allowed, version: version.label }));
    const calculation = spec?.multipleScalersCalculation;
    if (calculation !== undefined && !CALCULATIONS.includes(calculation)) {
      findings.push(kedaFinding('calculationRefusedByCrd', { value: calculation, allowed: CALCULATIONS, version: version.label }));
    }
    if (findings.length > 0) return { strategy: { name: 'default' }, findings, stopped: true };
  }
  switch (name) {
    case 'custom': {
      const text = spec?.customScalingRunningJobPercentage ?? '';
      const percentage = parseGoDecimal(text);
      if (percentage === undefined) {
        return { strategy: { name: 'default' }, findings: [kedaFinding('customPercentageUnparseable', { value: text })], stopped: false };
      }
      const deduction = spec?.customScalingQueueLengthDeduction;
      // Until 2.20.2 (kedacore/keda#7871) KEDA dereferences an absent deduction and panics; then it is 0.
      if (deduction === undefined && !isAtLeast(version, SINCE.strategyFixes)) {
        return {
          strategy: { name: 'default' },
          findings: [kedaFinding('customDeductionMissing', { version: version.label })],
          stopped: true,
        };
      }
      return { strategy: { name: 'custom', deduction, percentage }, findings, stopped: false };
    }
    case 'accurate':
      return { strategy: { name: 'accurate' }, findings, stopped: false };
    case 'eager':
      if (isAtLeast(version, SINCE.eagerStrategy)) return { strategy: { name: 'eager' }, findings, stopped: false };
      return { strategy: { name: 'default' }, findings: [kedaFinding('eagerNotInVersion', { version: version.label })], stopped: false };
    default:
      return { strategy: { name: 'default' }, findings, stopped: false };
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
  version: KedaVersion,
): StrategyLimit {
  switch (strategy.name) {
    case 'default':
      return { rule: 'default', maxScale, running, value: maxScale - running };
    case 'custom': {
      const deduction = strategy.deduction ?? 0;
      const { percentage } = strategy;
      const value = Math.min(maxScale - deduction - Math.trunc(running * percentage), max);
      return { rule: 'custom', maxScale, deduction, running, percentage, max, value };
    }
    case 'accurate': {
      // Before 2.19.0 (kedacore/keda#7417) pending Jobs did not take part in the cap test.
      const pendingInCap = isAtLeast(version, SINCE.accuratePendingInCap);
      const capped = maxScale + running - (pendingInCap ? pending : 0) > max;
      return {
        rule: 'accurate',
        maxScale,
        running,
        pendingInCap,
        pending,
        max,
        capped,
        value: capped ? max - running : maxScale - pending,
      };
    }
    case 'eager':
      return { rule: 'eager', maxScale, running, pending, max, value: Math.min(max - running - pending, maxScale) };
  }
}

export interface ScaledObjectReplicas {
  readonly replicas: number;
  /** `active`: the HPA follows the metric, at least 1; `floor`: inactive, held at `minReplicaCount` ≥ 1 and the HPA still follows the metric; `zero`: inactive, scaled to 0 after `cooldownPeriod`. */
  readonly rule: 'active' | 'floor' | 'zero';
  /** `ceil(queueLength / target)`, what the metric asks for before the bounds. */
  readonly metricReplicas: number;
  readonly min: number;
  readonly max: number;
}

/**
 * A ScaledObject's replicas: KEDA scales to zero only when no trigger is active and `minReplicaCount` is 0
 * (`RequestScale`); otherwise the HPA, which KEDA leaves in place, follows `ceil(queueLength / target)`
 * within [max(min, 1), max] — also while the trigger is inactive under a `minReplicaCount` of 1 or more.
 * HPA tolerance and stabilization windows are not modelled. Undefined for a target that is not positive
 * (the HPA rejects it).
 */
export function scaledObjectReplicas(
  metric: { readonly queueLength: number; readonly isActive: boolean; readonly targetQueueLength: number },
  spec: { readonly minReplicaCount?: number; readonly maxReplicaCount?: number } = {},
): ScaledObjectReplicas | undefined {
  if (metric.targetQueueLength <= 0) return undefined;
  const min = spec.minReplicaCount ?? 0;
  const max = spec.maxReplicaCount ?? DEFAULT_MAX_REPLICA_COUNT;
  const metricReplicas = Math.ceil(metric.queueLength / metric.targetQueueLength);
  if (!metric.isActive && min === 0) return { replicas: 0, rule: 'zero', metricReplicas, min, max };
  const replicas = Math.min(max, Math.max(min, 1, metricReplicas));
  return { replicas, rule: metric.isActive ? 'active' : 'floor', metricReplicas, min, max };
}
