import { KedaError, KedaFinding, kedaError, kedaFinding } from './findings';
import { settingsQuirks } from './quirks';
import type { Parsed, PoolRef, Rejection, ScalingSettings, TriggerAuth, TriggerSources } from './types';
import { KedaVersion, Release, SINCE, isAtLeast } from './version';

/**
 * What both of KEDA's metadata parsers share: the keys the scaler reads, the raw lookups, and how a rejection
 * is logged. `trigger.ts` reads with the typed config (2.17 and later), `legacy-trigger.ts` by hand (earlier).
 */

/** `NewAzurePipelinesScaler` wraps every failure of the metadata stage in this. */
export const SCALER_ERROR_PREFIX = 'error parsing azure Pipelines metadata: ';
/** The typed config (2.17 and later) adds its own prefix inside. */
export const TYPED_CONFIG_PREFIX = 'error parsing azure pipeline metadata: ';
export const ORGANIZATION_NAME_TEXT = 'failed to extract organization name from organizationURL';

/** The metadata keys the scaler reads, with the release that added each (absent: in every modelled release). */
const METADATA_KEYS: Readonly<Record<string, Release | undefined>> = {
  organizationURL: SINCE.typedCredentials,
  organizationURLFromEnv: undefined,
  personalAccessTokenFromEnv: undefined,
  poolName: undefined,
  poolID: undefined,
  parent: undefined,
  demands: undefined,
  targetPipelinesQueueLength: undefined,
  activationTargetPipelinesQueueLength: undefined,
  jobsToFetch: undefined,
  requireAllDemands: undefined,
  requireAllDemandsAndIgnoreOthers: SINCE.requireAllDemandsAndIgnoreOthers,
  fetchUnfinishedJobsOnly: SINCE.fetchUnfinishedJobsOnly,
  caseInsensitiveDemandsProcessing: SINCE.caseInsensitiveDemandsProcessing,
  scaleOnInFlight: SINCE.scaleOnInFlight,
};

/** Whether this release reads the key at all; one that does not ignores it, whatever its value. */
export function isReadBy(key: string, version: KedaVersion): boolean {
  const since = METADATA_KEYS[key];
  return since === undefined || isAtLeast(version, since);
}

/**
 * The notes on the keys as written: typos and wrong case (KEDA matches names case-sensitively), then the
 * keys with a value that this release does not read yet.
 */
export function keyFindings(metadata: Readonly<Record<string, string>>, version: KedaVersion): KedaFinding[] {
  const known = Object.keys(METADATA_KEYS);
  const unknown = Object.keys(metadata)
    .filter((key) => !Object.hasOwn(METADATA_KEYS, key))
    .map((key) => {
      const expected = known.find((name) => name.toLowerCase() === key.toLowerCase());
      return expected ? kedaFinding('metadataKeyCaseMismatch', { key, expected }) : kedaFinding('unknownMetadataKey', { key });
    });
  const unread = known.flatMap((key) => {
    const since = METADATA_KEYS[key];
    return since && trimmedValue(metadata, key) !== undefined && !isAtLeast(version, since) ? [unreadKeyFinding(key, since, version)] : [];
  });
  return [...unknown, ...unread];
}

function unreadKeyFinding(key: string, since: Release, version: KedaVersion): KedaFinding {
  if (key !== 'scaleOnInFlight') return kedaFinding('keyNotSupportedByVersion', { key, since: since.label, version: version.label });
  return kedaFinding(version.band === 'v2.20' ? 'scaleOnInFlightIgnoredV220' : 'scaleOnInFlightIgnoredUpTo219', {
    version: version.label,
  });
}

export function rawValue(map: Readonly<Record<string, string>>, key: string): string {
  return Object.hasOwn(map, key) ? map[key] : '';
}

export function trimmedValue(map: Readonly<Record<string, string>>, key: string): string | undefined {
  const text = rawValue(map, key).trim();
  return text === '' ? undefined : text;
}

export function rejected(errors: KedaError[], texts: string[], findings: readonly KedaFinding[]): Rejection {
  return { ok: false, errors, kedaLog: SCALER_ERROR_PREFIX + texts.join('\n'), findings };
}

export function rejectedTyped(errors: KedaError[], texts: string[], findings: readonly KedaFinding[]): Rejection {
  return { ok: false, errors, kedaLog: SCALER_ERROR_PREFIX + TYPED_CONFIG_PREFIX + texts.join('\n'), findings };
}

/** The organization name is whatever follows the last `/`; a trailing slash leaves nothing. */
export function organizationName(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}

const POD_IDENTITY_WORKLOAD = 'azure-workload';
/** AAD Pod Identity, accepted from 2.13.0 until its removal in 2.15.0 (kedacore/keda#5782). */
const POD_IDENTITY_AAD = 'azure';
const POD_IDENTITY_NONE = ['', 'none'];

/** The pod identity branch of `getAuthMethod`, which only runs without a PAT. */
export function podIdentity(provider: string, version: KedaVersion): TriggerAuth | KedaError {
  if (POD_IDENTITY_NONE.includes(provider)) {
    return kedaError('credentialsMissing', {}, 'no personalAccessToken given or PodIdentity provider configured');
  }
  if (provider === POD_IDENTITY_WORKLOAD) return { kind: 'workloadIdentity' };
  if (provider === POD_IDENTITY_AAD && !isAtLeast(version, SINCE.workloadIdentityOnly)) return { kind: 'podIdentity' };
  return kedaError('podIdentityUnsupported', { provider }, `pod identity ${provider} not supported for azure pipelines`);
}

/** `strings.TrimSuffix(pat, "\n")`: one trailing newline, nothing else. */
export function personalAccessToken(raw: string): TriggerAuth {
  return { kind: 'personalAccessToken', token: raw.endsWith('\n') ? raw.slice(0, -1) : raw };
}

/** The settings once the pool is known, with what they reveal; no pool at all is KEDA's last check. */
export function scalingSettings(
  pool: PoolRef | undefined,
  rest: Omit<ScalingSettings, 'pool'>,
  metadata: TriggerSources['metadata'],
  version: KedaVersion,
  findings: readonly KedaFinding[],
): Parsed<ScalingSettings> {
  if (!pool) {
    const error = kedaError('poolMissing', {}, 'no poolName or poolID given');
    return rejected([error], [error.kedaText], findings);
  }
  const settings: ScalingSettings = { pool, ...rest };
  return { ok: true, value: settings, findings: [...findings, ...settingsQuirks(settings, metadata, version)] };
}
