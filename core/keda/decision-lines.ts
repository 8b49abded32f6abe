import type { Params } from '../model/findings';
import type { KedaMessageKey } from './messages';
import type { ScaledObjectReplicas } from './scaledjob';
import type { ClusterJobs, ScaledJobDecision, ScaledJobSpec, TriggerMetric } from './types';
// Its sentences, registered for the faces that render what this module produces.
import './view-messages';

/**
 * A ScaledJob's decision and a ScaledObject's replicas as the lines a user reads, each step of KEDA's
 * arithmetic with its numbers, for every face to render in its own format.
 */

export interface MessageLine {
  readonly key: KedaMessageKey;
  readonly params: Params;
}

export interface DecisionContext {
  readonly spec: ScaledJobSpec;
  readonly triggers: readonly TriggerMetric[];
  readonly jobs: ClusterJobs;
  /** The Jobs were given by the user, not taken as none. */
  readonly jobsGiven: boolean;
}

const line = (key: KedaMessageKey, params: Params = {}): MessageLine => ({ key, params });

export function scaledJobLines(decision: ScaledJobDecision, context: DecisionContext): MessageLine[] {
  const { maxReplicaCount: max, minReplicaCount: min, scaleTo, effectiveMaxScale: effective } = decision;
  const { running, pending } = context.jobs;
  const lines: MessageLine[] = [];
  if (context.spec.maxReplicaCount !== undefined && min > 0) {
    lines.push(line('keda.decision.maxReplicaCount', { maxReplicaCount: context.spec.maxReplicaCount, min, max }));
  }
  lines.push(...maxScaleLines(decision, context.triggers, context.spec.scalingStrategy?.multipleScalersCalculation ?? 'max'));
  lines.push(
    line(decision.strategy === 'eager' && decision.limit.rule === 'eager' ? 'keda.decision.scaleToEager' : 'keda.decision.scaleTo', {
      queueLength: decision.queueLength,
      scaleTo,
    }),
  );
  lines.push(line(context.jobsGiven ? 'keda.decision.jobsGiven' : 'keda.decision.jobsAssumed', { running, pending }));
  const { limit } = decision;
  if (min > 0 && limit.rule !== 'belowMinimum' && limit.rule !== 'stopped') {
    lines.push(line('keda.decision.runningAboveMin', { running, min, beyond: running - min }));
  }
  switch (limit.rule) {
    case 'belowMinimum':
      lines.push(line('keda.decision.limit.belowMinimum', { running: limit.running, min: limit.min, effective: limit.value }));
      break;
    case 'default':
      lines.push(line('keda.decision.limit.default', { maxScale: limit.maxScale, running: limit.running, effective: limit.value }));
      break;
    case 'custom':
      lines.push(line('keda.decision.limit.custom', { ...limit, effective: limit.value }));
      break;
    case 'accurate':
      lines.push(
        line(accurateKey(limit.pendingInCap, limit.capped), {
          maxScale: limit.maxScale,
          running: limit.running,
          pending: limit.pending,
          max: limit.max,
          sum: limit.maxScale + limit.running - (limit.pendingInCap ? limit.pending : 0),
          effective: limit.value,
        }),
      );
      break;
    case 'eager':
      lines.push(line('keda.decision.limit.eager', { ...limit, effective: limit.value }));
      break;
    case 'stopped':
      lines.push(line('keda.decision.limit.stopped'));
      return lines;
  }
  if (!decision.isActive) lines.push(line('keda.decision.inactive'));
  else if (effective > 0) lines.push(line('keda.decision.create', { scaleTo, effective, jobs: decision.jobsToCreate }));
  else lines.push(line('keda.decision.createNone', { effective: limit.value }));
  return lines;
}

function accurateKey(pendingInCap: boolean, capped: boolean): KedaMessageKey {
  if (pendingInCap) return capped ? 'keda.decision.limit.accurateCapped' : 'keda.decision.limit.accurate';
  return capped ? 'keda.decision.limit.accurateCappedBefore219' : 'keda.decision.limit.accurateBefore219';
}

function maxScaleLines(decision: ScaledJobDecision, triggers: readonly TriggerMetric[], calculation: string): MessageLine[] {
  const max = decision.maxReplicaCount;
  const active = triggers.filter((t) => t.isActive);
  if (active.length === 1) {
    const [trigger] = active;
    if (trigger.targetAverageValue === 0) return [line('keda.decision.maxValueNoTarget')];
    return [
      line('keda.decision.maxValue', {
        queueLength: trigger.queueLength,
        target: trigger.targetAverageValue,
        max,
        maxScale: decision.maxScale,
      }),
    ];
  }
  return [line('keda.decision.maxValueCombined', { maxValue: round(decision.maxValue), max, maxScale: decision.maxScale, calculation })];
}

/** A ScaledObject's replicas, with the metric that decided them. */
export function replicaLines(
  replicas: ScaledObjectReplicas | undefined,
  metric: { readonly queueLength: number; readonly targetQueueLength: number },
): MessageLine[] {
  if (!replicas) return [line('keda.replicas.noTarget')];
  const params = {
    queueLength: metric.queueLength,
    target: metric.targetQueueLength,
    metricReplicas: replicas.metricReplicas,
    floor: Math.max(replicas.min, 1),
    max: replicas.max,
    min: replicas.min,
    replicas: replicas.replicas,
  };
  switch (replicas.rule) {
    case 'zero':
      return [line('keda.replicas.zero')];
    case 'floor':
      return [line('keda.replicas.floor', params)];
    case 'active':
      return [line('keda.replicas.active', params)];
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
