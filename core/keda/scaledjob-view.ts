import { scaledJobLines, type MessageLine } from './decision-lines';
import type { KedaFinding } from './findings';
import { strategyQuirks } from './quirks';
import { scaledJobDecision, triggerMetric } from './scaledjob';
import type { ClusterJobs, QueueView, ScaledJobDecision, ScaledJobSpec, ScalingSettings } from './types';
import type { KedaVersion } from './version';

/** A trigger KEDA built and polled: what it counted, and how. */
export interface CountedTrigger {
  readonly queue: QueueView;
  readonly settings: ScalingSettings;
  readonly metricType?: 'AverageValue' | 'Value';
}

/** What a ScaledJob does on this poll, the arithmetic as lines, and what the strategy and the triggers reveal together. */
export interface ScaledJobView {
  readonly decision: ScaledJobDecision;
  readonly lines: readonly MessageLine[];
  readonly findings: readonly KedaFinding[];
}

/**
 * The decision every face shows for a ScaledJob around its counted triggers (a trigger whose scaler failed
 * is left out, as KEDA leaves it out), given the Jobs in the cluster; `jobsGiven` says whether the user
 * counted them or they are taken as none.
 */
export function scaledJobView(
  spec: ScaledJobSpec,
  counted: readonly CountedTrigger[],
  jobs: ClusterJobs,
  jobsGiven: boolean,
  version: KedaVersion,
): ScaledJobView {
  const metrics = counted.map((trigger) => triggerMetric(trigger.queue, trigger.metricType));
  const decision = scaledJobDecision(spec, metrics, jobs, version);
  const quirks = counted.flatMap((trigger) => strategyQuirks(version, trigger.settings, spec));
  const unique = quirks.filter((finding, index) => quirks.findIndex((other) => other.code === finding.code) === index);
  return {
    decision,
    lines: scaledJobLines(decision, { spec, triggers: metrics, jobs, jobsGiven }),
    findings: [...decision.findings, ...unique],
  };
}
