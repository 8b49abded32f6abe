import { goQuote, parseGoBool, parseGoJsonInt } from './go';
import { KedaError, KedaFinding, kedaError, kedaFinding } from './findings';
import { settingsQuirks } from './quirks';
import type { Parsed, PoolRef, ScalingSettings, TriggerAuth, TriggerConfig, TriggerSources } from './types';
import { KedaVersion, Release, SINCE, isAtLeast } from './version';

/**
 * Reading an `azure-pipelines` trigger as KEDA's `parseAzurePipelinesMetadata` does, stage by stage and
 * with its errors: the raw-metadata exclusions, the typed config (every value trimmed, empty = absent,
 * integers as JSON literals, booleans as `strconv.ParseBool`), the credentials, then the pool.
 * Error texts follow the typed-config code of KEDA 2.17 and later.
 */

/** `NewAzurePipelinesScaler` wraps every failure of the metadata stage in this. */
export const SCALER_ERROR_PREFIX = 'error parsing azure Pipelines metadata: ';
const TYPED_CONFIG_PREFIX = 'error parsing azure pipeline metadata: ';
const ORGANIZATION_NAME_TEXT = 'failed to extract organization name from organizationURL';
const ORGANIZATION_URL_SOURCES = '[resolvedEnv authParams triggerMetadata]';
const POD_IDENTITY_NONE = ['', 'none'];
const POD_IDENTITY_WORKLOAD = 'azure-workload';

/** The metadata keys the scaler reads, with the release that added each (absent: in every modelled release). */
const METADATA_KEYS: Readonly<Record<string, Release | undefined>> = {
  organizationURL: undefined,
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

/**
 * Only what decides the count, for callers that have the metadata but not the credentials (the pool's
 * page in the hub). Errors about the organization URL and the token are not reported.
 */
export function parseScalingMetadata(metadata: TriggerSources['metadata'], version: KedaVersion): Parsed<ScalingSettings> {
  const read = readMetadata(metadata, version);
  if (!read.ok) return read.rejection;
  const { fields, fieldErrors, findings } = read;
  if (fieldErrors.length > 0)
    return rejectedTyped(
      fieldErrors,
      fieldErrors.map((e) => e.kedaText),
      findings,
    );
  return withPool(fields, metadata, version, findings);
}

/** KEDA's whole build of the scaler short of the network: every error it can raise before the pool lookup. */
export function parseTrigger(sources: TriggerSources, version: KedaVersion): Parsed<TriggerConfig> {
  const read = readMetadata(sources.metadata, version);
  if (!read.ok) return read.rejection;
  const { fields, fieldErrors, findings } = read;

  // The typed config reads `organizationURL` first, the scaling fields next, and validates the URL last.
  const organizationUrl = readOrganizationUrl(sources);
  const urlErrors = organizationUrl === undefined ? [organizationUrlMissing()] : [];
  const nameError = organizationUrl === undefined ? undefined : organizationNameError(organizationUrl);
  const typedErrors = [...urlErrors, ...fieldErrors, ...(nameError ? [nameError] : [])];
  if (organizationUrl === undefined || typedErrors.length > 0) {
    // KEDA validates an absent URL too, so its log carries the organization-name text after a missing URL.
    const texts = [...typedErrors.map((e) => e.kedaText), ...(organizationUrl === undefined ? [ORGANIZATION_NAME_TEXT] : [])];
    return rejectedTyped(typedErrors, texts, findings);
  }

  const auth = readAuth(sources, findings);
  if ('code' in auth) return rejected([auth], [auth.kedaText], findings);

  const settings = withPool(fields, sources.metadata, version, findings);
  if (!settings.ok) return settings;
  return {
    ok: true,
    value: {
      organizationUrl,
      organizationName: organizationUrl.slice(organizationUrl.lastIndexOf('/') + 1),
      auth,
      settings: settings.value,
    },
    findings: settings.findings,
  };
}

type Fields = Omit<ScalingSettings, 'pool'> & { readonly poolName: string; readonly poolID: number };

type MetadataRead =
  | { readonly ok: false; readonly rejection: Parsed<never> }
  | { readonly ok: true; readonly fields: Fields; readonly fieldErrors: KedaError[]; readonly findings: KedaFinding[] };

/** The stages every caller shares: unread keys noted, the raw-metadata exclusions, then the typed fields. */
function readMetadata(metadata: TriggerSources['metadata'], version: KedaVersion): MetadataRead {
  const findings = keyFindings(metadata);
  const exclusion = exclusiveKeysError(metadata, version);
  if (exclusion) return { ok: false, rejection: rejected([exclusion], [exclusion.kedaText], findings) };
  const reader = new TypedMetadata(metadata, version, findings);
  // Struct order of `azurePipelinesMetadata`, which is the order of KEDA's joined errors.
  const fields: Fields = {
    parent: reader.string('parent'),
    demands: reader.string('demands'),
    poolName: reader.string('poolName'),
    poolID: reader.int('poolID', 0, 'int'),
    targetPipelinesQueueLength: reader.int('targetPipelinesQueueLength', 1),
    activationTargetPipelinesQueueLength: reader.int('activationTargetPipelinesQueueLength', 0),
    jobsToFetch: reader.int('jobsToFetch', 250),
    fetchUnfinishedJobsOnly: reader.bool('fetchUnfinishedJobsOnly', false),
    requireAllDemands: reader.bool('requireAllDemands', false),
    requireAllDemandsAndIgnoreOthers: reader.bool('requireAllDemandsAndIgnoreOthers', false),
    caseInsensitiveDemandsProcessing: reader.bool('caseInsensitiveDemandsProcessing', false),
    scaleOnInFlight: reader.bool('scaleOnInFlight', true),
  };
  return { ok: true, fields, fieldErrors: reader.errors, findings };
}

/** One typed field at a time, collecting every error as KEDA's `errors.Join` does. */
class TypedMetadata {
  readonly errors: KedaError[] = [];

  constructor(
    private readonly metadata: TriggerSources['metadata'],
    private readonly version: KedaVersion,
    private readonly findings: KedaFinding[],
  ) {}

  string(key: string): string {
    return this.read(key) ?? '';
  }

  int(key: string, fallback: number, goType: 'int' | 'int64' = 'int64'): number {
    const text = this.read(key);
    if (text === undefined) return fallback;
    const value = parseGoJsonInt(text);
    if (value !== undefined) return value;
    this.errors.push(
      kedaError('invalidInteger', { key, value: text }, `${setParamText(key, text)}: unable to unmarshal to field type ${goType}`),
    );
    return fallback;
  }

  bool(key: string, fallback: boolean): boolean {
    const text = this.read(key);
    if (text === undefined) return fallback;
    const value = parseGoBool(text);
    if (value !== undefined) return value;
    const cause = `unable to parse boolean value ${goQuote(text)}: strconv.ParseBool: parsing ${goQuote(text)}: invalid syntax`;
    this.errors.push(kedaError('invalidBoolean', { key, value: text }, `${setParamText(key, text)}: ${cause}`));
    return fallback;
  }

  /** The trimmed value, or undefined when absent, empty, or unknown to this release (which ignores it). */
  private read(key: string): string | undefined {
    const text = trimmedValue(this.metadata, key);
    if (text === undefined) return undefined;
    const since = METADATA_KEYS[key];
    if (since && !isAtLeast(this.version, since)) {
      this.findings.push(unsupportedKeyFinding(key, since, this.version));
      return undefined;
    }
    return text;
  }
}

function unsupportedKeyFinding(key: string, since: Release, version: KedaVersion): KedaFinding {
  if (key !== 'scaleOnInFlight') return kedaFinding('keyNotSupportedByVersion', { key, since: since.label, version: version.label });
  return kedaFinding(version.band === 'v2.20' ? 'scaleOnInFlightIgnoredV220' : 'scaleOnInFlightIgnoredUpTo219', {
    version: version.label,
  });
}

function setParamText(key: string, text: string): string {
  return `unable to set param ${goQuote(key)} value ${goQuote(text)}`;
}

/** Checked on the raw map before any trimming, so `fetchUnfinishedJobsOnly: "false"` still conflicts. */
function exclusiveKeysError(metadata: TriggerSources['metadata'], version: KedaVersion): KedaError | undefined {
  if (!isAtLeast(version, SINCE.exclusiveKeyChecks) || rawValue(metadata, 'jobsToFetch') === '') return undefined;
  if (rawValue(metadata, 'fetchUnfinishedJobsOnly') !== '') {
    const text = 'cannot specify both jobsToFetch and fetchUnfinishedJobsOnly at the same time';
    return kedaError('bothJobsToFetchAndFetchUnfinished', {}, text);
  }
  if (rawValue(metadata, 'parent') !== '') {
    return kedaError('bothJobsToFetchAndParent', {}, 'cannot specify both jobsToFetch and parent at the same time');
  }
  return undefined;
}

/** Sources in order: the env var named by `organizationURLFromEnv`, the TriggerAuthentication, the metadata. */
function readOrganizationUrl(sources: TriggerSources): string | undefined {
  const envName = rawValue(sources.metadata, 'organizationURLFromEnv');
  return (
    trimmedValue(sources.resolvedEnv ?? {}, envName) ??
    trimmedValue(sources.authParams ?? {}, 'organizationURL') ??
    trimmedValue(sources.metadata, 'organizationURL')
  );
}

function organizationUrlMissing(): KedaError {
  return kedaError('organizationUrlMissing', {}, `missing required parameter "organizationURL" in ${ORGANIZATION_URL_SOURCES}`);
}

/** The organization name is whatever follows the last `/`; a trailing slash leaves nothing. */
function organizationNameError(url: string): KedaError | undefined {
  return url.slice(url.lastIndexOf('/') + 1) === '' ? kedaError('organizationNameMissing', { url }, ORGANIZATION_NAME_TEXT) : undefined;
}

/** `getAuthMethod`: the raw (untrimmed) PAT wins, then the env var named in the metadata, then pod identity. */
function readAuth(sources: TriggerSources, findings: KedaFinding[]): TriggerAuth | KedaError {
  const fromAuthParams = rawValue(sources.authParams ?? {}, 'personalAccessToken');
  const envName = rawValue(sources.metadata, 'personalAccessTokenFromEnv');
  if (fromAuthParams !== '') return personalAccessToken(fromAuthParams);
  if (envName !== '') {
    if (sources.resolvedEnv && !Object.hasOwn(sources.resolvedEnv, envName)) {
      findings.push(kedaFinding('emptyPersonalAccessToken', { envName }));
    }
    return personalAccessToken(rawValue(sources.resolvedEnv ?? {}, envName));
  }
  const provider = sources.podIdentityProvider ?? '';
  if (POD_IDENTITY_NONE.includes(provider)) {
    return kedaError('credentialsMissing', {}, 'no personalAccessToken given or PodIdentity provider configured');
  }
  if (provider === POD_IDENTITY_WORKLOAD) return { kind: 'workloadIdentity' };
  return kedaError('podIdentityUnsupported', { provider }, `pod identity ${provider} not supported for azure pipelines`);
}

function personalAccessToken(raw: string): TriggerAuth {
  return { kind: 'personalAccessToken', token: raw.endsWith('\n') ? raw.slice(0, -1) : raw };
}

/** `poolName` wins; a `poolID` of 0 is the same as none. */
function withPool(
  fields: Fields,
  metadata: TriggerSources['metadata'],
  version: KedaVersion,
  findings: KedaFinding[],
): Parsed<ScalingSettings> {
  const { poolName, poolID, ...rest } = fields;
  let pool: PoolRef;
  if (poolName !== '') {
    pool = { kind: 'name', name: poolName };
    if (poolID !== 0) findings.push(kedaFinding('poolNameWinsOverPoolId', { poolName, poolID }));
  } else if (poolID !== 0) {
    pool = { kind: 'id', id: poolID };
  } else {
    const error = kedaError('poolMissing', {}, 'no poolName or poolID given');
    return rejected([error], [error.kedaText], findings);
  }
  const settings: ScalingSettings = { pool, ...rest };
  return { ok: true, value: settings, findings: [...findings, ...settingsQuirks(settings, metadata, version)] };
}

/** Keys the scaler does not read at all: typos and wrong case (KEDA matches names case-sensitively). */
function keyFindings(metadata: TriggerSources['metadata']): KedaFinding[] {
  const known = Object.keys(METADATA_KEYS);
  return Object.keys(metadata)
    .filter((key) => !Object.hasOwn(METADATA_KEYS, key))
    .map((key) => {
      const expected = known.find((name) => name.toLowerCase() === key.toLowerCase());
      return expected ? kedaFinding('metadataKeyCaseMismatch', { key, expected }) : kedaFinding('unknownMetadataKey', { key });
    });
}

function rejected<T>(errors: KedaError[], texts: string[], findings: KedaFinding[]): Parsed<T> {
  return { ok: false, errors, kedaLog: SCALER_ERROR_PREFIX + texts.join('\n'), findings };
}

function rejectedTyped<T>(errors: KedaError[], texts: string[], findings: KedaFinding[]): Parsed<T> {
  return { ok: false, errors, kedaLog: SCALER_ERROR_PREFIX + TYPED_CONFIG_PREFIX + texts.join('\n'), findings };
}

function rawValue(map: Readonly<Record<string, string>>, key: string): string {
  return Object.hasOwn(map, key) ? map[key] : '';
}

function trimmedValue(map: Readonly<Record<string, string>>, key: string): string | undefined {
  const text = rawValue(map, key).trim();
  return text === '' ? undefined : text;
}
