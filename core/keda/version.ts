import { KedaUsageError } from './usage-error';

/**
 * KEDA releases as the emulation tells them apart. Every rule that depends on the release names the first
 * release that has it in `SINCE`; each was read in `kedacore/keda` at the tags named there (the list, with
 * the files read and the commits, is `docs/keda-versions.md`).
 *
 * Counting changed twice: up to 2.19 in-flight jobs (an agent already received them) count, 2.20.x never
 * counts them (kedacore/keda#7747), 2.21 counts them unless `scaleOnInFlight: "false"` (kedacore/keda#7905).
 */
export type KedaBand = 'upTo2.19' | 'v2.20' | 'from2.21';

export interface KedaVersion {
  /** As the user wrote it, for messages. */
  readonly label: string;
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly band: KedaBand;
  /**
   * A release after the newest one modelled: it is read as behaving like that one, and faces say so
   * (`keda.usage.versionNewer`).
   */
  readonly newerThanModelled: boolean;
}

export type Release = { readonly major: number; readonly minor: number; readonly patch: number; readonly label: string };

function release(label: string): Release {
  const [major, minor, patch = 0] = label.split('.').map(Number);
  return { major, minor, patch, label };
}

/**
 * The oldest release modelled. 2.10.0 sent `$top` for `parent` triggers (kedacore/keda#4387) and miscounted
 * demands (#4404); both were fixed in 2.10.1, and no older behaviour is reproduced.
 */
export const OLDEST_MODELLED = release('2.10.1');

/**
 * The newest release modelled, and what to assume when the user does not say which KEDA runs. Releases up
 * to 2.20.2 were read at their tags; 2.21's `scaleOnInFlight` is modelled on kedacore/keda#7905 as merged
 * and on its documentation (kedacore/keda-docs#1881), before 2.21 was tagged.
 */
export const NEWEST_MODELLED = release('2.21');

/**
 * Releases where a trigger metadata key or a behaviour first appeared; before them KEDA ignores the key or
 * behaves otherwise. Each cites the tag (and the change) where it was read.
 */
export const SINCE = {
  /** `MinReplicaCount()` checks `maxReplicaCount` for nil, and min > max caps both (v2.11.0, #4567). */
  replicaCountGuards: release('2.11.0'),
  /** `url.QueryEscape(poolName)` in the lookup (v2.12.1, #5120). */
  poolNameQueryEscaped: release('2.12.1'),
  /** `getAuthMethod`: pod identity (`azure`, `azure-workload`) instead of a required PAT (v2.13.0, #5013). */
  podIdentity: release('2.13.0'),
  /** Pod identity `azure` (AAD Pod Identity) no longer accepted, only `azure-workload` (v2.15.0, #5782). */
  workloadIdentityOnly: release('2.15.0'),
  /** `eagerScalingStrategy` (v2.15.0, #5872); before, `strategy: eager` falls to `default`. */
  eagerStrategy: release('2.15.0'),
  /** The typed config replaces the hand-written parser (v2.17.0, #6626): values trimmed, JSON integers. */
  typedConfig: release('2.17.0'),
  requireAllDemandsAndIgnoreOthers: release('2.17.0'),
  fetchUnfinishedJobsOnly: release('2.18.0'),
  caseInsensitiveDemandsProcessing: release('2.18.0'),
  /** The raw-metadata checks that reject `jobsToFetch` next to `fetchUnfinishedJobsOnly` or `parent`. */
  exclusiveKeyChecks: release('2.18.0'),
  /**
   * `organizationURL` read from the trigger metadata too, and the PAT read by the typed config (trimmed;
   * empty is absent) (v2.18.1, commit 3f590ba, #7207).
   */
  typedCredentials: release('2.18.1'),
  /** `accurate` subtracts pending Jobs in its cap test: `maxScale + running − pending > max` (v2.19.0, #7417). */
  accuratePendingInCap: release('2.19.0'),
  /** The CRD validates `scalingStrategy.strategy` (custom, accurate, eager) (v2.20.0, #7533). */
  strategyEnum: release('2.20.0'),
  /** `default` allowed by the CRD's enum; an absent `customScalingQueueLengthDeduction` is 0 (v2.20.2, 68a5b50: #7858, #7871). */
  strategyFixes: release('2.20.2'),
  scaleOnInFlight: release('2.21'),
} as const;

export function isAtLeast(version: KedaVersion | Release, since: Release): boolean {
  if (version.major !== since.major) return version.major > since.major;
  return version.minor !== since.minor ? version.minor > since.minor : version.patch >= since.patch;
}

/** Accepts `2.19`, `2.20.1`, `v2.21.0` (a `-rc1`-style suffix is tolerated and ignored). */
export function parseKedaVersion(text: string): KedaVersion {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:-[0-9A-Za-z.-]+)?$/.exec(text.trim());
  if (!match || Number(match[1]) < 2) throw new KedaUsageError('keda.usage.versionUnreadable', { version: text });
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const patch = match[3] === undefined ? 0 : Number(match[3]);
  const label = text.trim();
  if (!isAtLeast({ major, minor, patch, label }, OLDEST_MODELLED)) {
    throw new KedaUsageError('keda.usage.versionTooOld', { version: label, oldest: OLDEST_MODELLED.label });
  }
  const newerThanModelled = isAtLeast({ major, minor, patch, label }, { ...NEWEST_MODELLED, minor: NEWEST_MODELLED.minor + 1, patch: 0 });
  return { label, major, minor, patch, band: bandOf(major, minor), newerThanModelled };
}

function bandOf(major: number, minor: number): KedaBand {
  if (major > 2 || minor >= 21) return 'from2.21';
  return minor === 20 ? 'v2.20' : 'upTo2.19';
}

/**
 * Whether, and by which rule, jobs an agent has already received (`receiveTime` set) are left out of the count:
 * never up to 2.19, always in 2.20.x, in 2.21 and later only with `scaleOnInFlight: "false"`.
 */
export function receivedJobsRule(version: KedaVersion, scaleOnInFlight: boolean): 'v2.20' | 'scaleOnInFlightFalse' | undefined {
  if (version.band === 'v2.20') return 'v2.20';
  return version.band === 'from2.21' && !scaleOnInFlight ? 'scaleOnInFlightFalse' : undefined;
}
