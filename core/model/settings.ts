import type { ClassificationRules } from './classify';
import type { Capabilities } from './types';

/**
 * What a pool is judged against, and what a sweep of it plans with: the jobs' demands and the rules that
 * tell placeholders and KEDA agents apart. Its own module, so that the verdict and the sweep plan, which
 * both read it, need not import each other.
 */
export interface PoolSettings {
  /** The jobs' demands in the service's string form, one a line. */
  demands: readonly string[];
  /** The jobs' minimum agent version; defaults to `DEFAULT_MIN_AGENT_VERSION` unless `demands` name one. */
  minAgentVersion?: string;
  /** Treat "no matching agent online" as a risk. */
  requireOnlineAgent?: boolean;
  rules: ClassificationRules;
  /** Queued jobs older than this, with no KEDA agent registered since, are stuck. Default 10. */
  pendingThresholdMinutes?: number;
  /** Defaults to the snapshot's `takenAt`, which keeps the model free of clocks. */
  now?: Date;
  /** Makes the commands in the guidance ready to run. */
  organizationUrl?: string;
  /** The user names the pool as KEDA-scaled, whatever the evidence (the task's `kedaScaled`). */
  kedaScaled?: boolean;
  /** User capabilities the placeholder `repair` registers or refreshes carries (the task's `placeholderCapabilities`). */
  placeholderCapabilities?: Capabilities;
}
