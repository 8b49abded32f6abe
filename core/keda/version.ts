import { KedaUsageError } from './usage-error';

/**
 * KEDA releases as the scaler emulation tells them apart. Counting changed twice:
 * up to 2.19 in-flight jobs (an agent already received them) count, 2.20.x never counts them
 * (kedacore/keda#7747), 2.21 counts them unless `scaleOnInFlight: "false"` (kedacore/keda#7905).
 */
export type KedaBand = 'upTo2.19' | 'v2.20' | 'from2.21';

export interface KedaVersion {
  /** As the user wrote it, for messages. */
  readonly label: string;
  readonly minor: number;
  readonly patch: number;
  readonly band: KedaBand;
}

/**
 * The oldest release modelled. 2.10.0 sent `$top` for `parent` triggers (kedacore/keda#4387) and miscounted
 * demands (#4404); both were fixed in 2.10.1, and no older behaviour is reproduced.
 */
export const OLDEST_MODELLED = { minor: 10, patch: 1, label: '2.10.1' } as const;

/** The newest band modelled (`scaleOnInFlight`): what to assume when the user does not say which KEDA runs. */
export const NEWEST_MODELLED = { minor: 21, patch: 0, label: '2.21' } as const;

/**
 * Releases where a trigger metadata key or a behaviour first appeared; before them KEDA ignores the key.
 * Sources: keda-scaler.md §1 and §4 (changelog history), and the scaler code at each release.
 */
export const SINCE = {
  poolNameQueryEscaped: { minor: 12, patch: 1, label: '2.12.1' },
  requireAllDemandsAndIgnoreOthers: { minor: 17, patch: 0, label: '2.17' },
  fetchUnfinishedJobsOnly: { minor: 18, patch: 0, label: '2.18' },
  caseInsensitiveDemandsProcessing: { minor: 18, patch: 0, label: '2.18' },
  /** The raw-metadata checks that reject `jobsToFetch` next to `fetchUnfinishedJobsOnly` or `parent`. */
  exclusiveKeyChecks: { minor: 18, patch: 0, label: '2.18' },
  scaleOnInFlight: { minor: 21, patch: 0, label: '2.21' },
} as const;

export type Release = { readonly minor: number; readonly patch: number; readonly label: string };

export function isAtLeast(version: KedaVersion, release: Release): boolean {
  return version.minor !== release.minor ? version.minor > release.minor : version.patch >= release.patch;
}

/** Accepts `2.19`, `2.20.1`, `v2.21.0` (a `-rc1`-style suffix is tolerated and ignored). */
export function parseKedaVersion(text: string): KedaVersion {
  const match = /^v?2\.(\d+)(?:\.(\d+))?(?:-[0-9A-Za-z.-]+)?$/.exec(text.trim());
  if (!match) throw new KedaUsageError('keda.usage.versionUnreadable', { version: text });
  const minor = Number(match[1]);
  const patch = match[2] === undefined ? 0 : Number(match[2]);
  const version: KedaVersion = { label: text.trim(), minor, patch, band: bandOf(minor) };
  if (!isAtLeast(version, OLDEST_MODELLED)) {
    throw new KedaUsageError('keda.usage.versionTooOld', { version: version.label, oldest: OLDEST_MODELLED.label });
  }
  return version;
}

function bandOf(minor: number): KedaBand {
  if (minor <= 19) return 'upTo2.19';
  return minor === 20 ? 'v2.20' : 'from2.21';
}

/**
 * Whether, and by which rule, jobs an agent has already received (`receiveTime` set) are left out of the count:
 * never up to 2.19, always in 2.20.x, in 2.21 and later only with `scaleOnInFlight: "false"`.
 */
export function receivedJobsRule(version: KedaVersion, scaleOnInFlight: boolean): 'v2.20' | 'scaleOnInFlightFalse' | undefined {
  if (version.band === 'v2.20') return 'v2.20';
  return version.band === 'from2.21' && !scaleOnInFlight ? 'scaleOnInFlightFalse' : undefined;
}
