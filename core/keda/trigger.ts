import { goParseBoolError, goQuote, parseGoBool, parseGoJsonInt } from './go';
import { KedaError, KedaFinding, kedaError, kedaFinding } from './findings';
import { parseLegacyTrigger } from './legacy-trigger';
import {
  ORGANIZATION_NAME_TEXT,
  isReadBy,
  keyFindings,
  organizationName,
  personalAccessToken,
  podIdentity,
  rawValue,
  rejected,
  rejectedTyped,
  scalingSettings,
  trimmedValue,
} from './metadata';
import type { Parsed, PoolRef, Rejection, ScalingSettings, TriggerAuth, TriggerConfig, TriggerSources } from './types';
import { KedaVersion, SINCE, isAtLeast } from './version';

export { SCALER_ERROR_PREFIX } from './metadata';

/**
 * Reading an `azure-pipelines` trigger as KEDA's `parseAzurePipelinesMetadata` does, stage by stage and
 * with its errors. From 2.17.0 (kedacore/keda#6626) that is the typed config: the raw-metadata exclusions,
 * every value trimmed and empty = absent, integers as JSON literals, booleans as `strconv.ParseBool`, then
 * the credentials and the pool. Earlier releases parsed by hand (`legacy-trigger.ts`).
 */

/**
 * Only what decides the count, for callers that have the metadata but not the credentials (the pool's
 * page in the hub). Errors about the organization URL and the token are not reported.
 */
export function parseScalingMetadata(metadata: TriggerSources['metadata'], version: KedaVersion): Parsed<ScalingSettings> {
  if (!isAtLeast(version, SINCE.typedConfig)) {
    const legacy = parseLegacyTrigger({ metadata }, version, false);
    return legacy.ok ? { ok: true, value: legacy.value.settings, findings: legacy.findings } : legacy;
  }
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
  if (!isAtLeast(version, SINCE.typedConfig)) {
    const legacy = parseLegacyTrigger(sources, version, true);
    if (!legacy.ok) return legacy;
    const { organizationUrl = '', auth = { kind: 'workloadIdentity' }, settings } = legacy.value;
    return {
      ok: true,
      value: { organizationUrl, organizationName: organizationName(organizationUrl), auth, settings },
      findings: legacy.findings,
    };
  }
  const read = readMetadata(sources.metadata, version);
  if (!read.ok) return read.rejection;
  const { fields, fieldErrors, findings } = read;

  // The typed config reads `organizationURL` first, the scaling fields next, and validates the URL last.
  const organizationUrl = readOrganizationUrl(sources, version);
  const urlErrors = organizationUrl === undefined ? [organizationUrlMissing(version)] : [];
  const nameError = organizationUrl === undefined ? undefined : organizationNameError(organizationUrl);
  const typedErrors = [...urlErrors, ...fieldErrors, ...(nameError ? [nameError] : [])];
  if (organizationUrl === undefined || typedErrors.length > 0) {
    // KEDA validates an absent URL too, so its log carries the organization-name text after a missing URL.
    const texts = [...typedErrors.map((e) => e.kedaText), ...(organizationUrl === undefined ? [ORGANIZATION_NAME_TEXT] : [])];
    return rejectedTyped(typedErrors, texts, findings);
  }

  const auth = readAuth(sources, version, findings);
  if ('code' in auth) return rejected([auth], [auth.kedaText], findings);

  const settings = withPool(fields, sources.metadata, version, findings);
  if (!settings.ok) return settings;
  return {
    ok: true,
    value: { organizationUrl, organizationName: organizationName(organizationUrl), auth, settings: settings.value },
    findings: settings.findings,
  };
}

type Fields = Omit<ScalingSettings, 'pool'> & { readonly poolName: string; readonly poolID: number };

type MetadataRead =
  | { readonly ok: false; readonly rejection: Rejection }
  | { readonly ok: true; readonly fields: Fields; readonly fieldErrors: KedaError[]; readonly findings: KedaFinding[] };

/** The stages every caller shares: keys noted, the raw-metadata exclusions, then the typed fields. */
function readMetadata(metadata: TriggerSources['metadata'], version: KedaVersion): MetadataRead {
  const findings = keyFindings(metadata, version);
  const exclusion = exclusiveKeysError(metadata, version);
  if (exclusion) return { ok: false, rejection: rejected([exclusion], [exclusion.kedaText], findings) };
  const reader = new TypedMetadata(metadata, version);
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
    const cause = `unable to parse boolean value ${goQuote(text)}: ${goParseBoolError(text)}`;
    this.errors.push(kedaError('invalidBoolean', { key, value: text }, `${setParamText(key, text)}: ${cause}`));
    return fallback;
  }

  /** The trimmed value, or undefined when absent, empty, or unknown to this release (which ignores it). */
  private read(key: string): string | undefined {
    return isReadBy(key, this.version) ? trimmedValue(this.metadata, key) : undefined;
  }
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

/**
 * Sources in order: the env var named by `organizationURLFromEnv`, the TriggerAuthentication, and from
 * 2.18.1 the metadata (`order=resolvedEnv;authParams;triggerMetadata`; before, `resolvedEnv;authParams`).
 */
function readOrganizationUrl(sources: TriggerSources, version: KedaVersion): string | undefined {
  const envName = rawValue(sources.metadata, 'organizationURLFromEnv');
  return (
    trimmedValue(sources.resolvedEnv ?? {}, envName) ??
    trimmedValue(sources.authParams ?? {}, 'organizationURL') ??
    (isReadBy('organizationURL', version) ? trimmedValue(sources.metadata, 'organizationURL') : undefined)
  );
}

function organizationUrlMissing(version: KedaVersion): KedaError {
  const order = isReadBy('organizationURL', version) ? '[resolvedEnv authParams triggerMetadata]' : '[resolvedEnv authParams]';
  return kedaError('organizationUrlMissing', {}, `missing required parameter "organizationURL" in ${order}`);
}

function organizationNameError(url: string): KedaError | undefined {
  return organizationName(url) === '' ? kedaError('organizationNameMissing', { url }, ORGANIZATION_NAME_TEXT) : undefined;
}

/**
 * `getAuthMethod`. From 2.18.1 the typed config reads the PAT (`order=authParams;resolvedEnv`): trimmed, and
 * a blank or missing one is no PAT at all. Before, the raw TriggerAuthentication PAT wins, then the env var
 * named in the metadata, whatever it holds (nothing, if the container lacks it); one trailing newline is cut.
 */
function readAuth(sources: TriggerSources, version: KedaVersion, findings: KedaFinding[]): TriggerAuth | KedaError {
  const envName = rawValue(sources.metadata, 'personalAccessTokenFromEnv');
  if (isAtLeast(version, SINCE.typedCredentials)) {
    const token = trimmedValue(sources.authParams ?? {}, 'personalAccessToken') ?? trimmedValue(sources.resolvedEnv ?? {}, envName);
    if (token !== undefined) return { kind: 'personalAccessToken', token };
  } else {
    const fromAuthParams = rawValue(sources.authParams ?? {}, 'personalAccessToken');
    if (fromAuthParams !== '') return personalAccessToken(fromAuthParams);
    if (envName !== '') {
      if (sources.resolvedEnv && !Object.hasOwn(sources.resolvedEnv, envName)) {
        findings.push(kedaFinding('emptyPersonalAccessToken', { envName }));
      }
      return personalAccessToken(rawValue(sources.resolvedEnv ?? {}, envName));
    }
  }
  return podIdentity(sources.podIdentityProvider ?? '', version);
}

/** `poolName` wins; a `poolID` of 0 is the same as none. */
function withPool(
  fields: Fields,
  metadata: TriggerSources['metadata'],
  version: KedaVersion,
  findings: KedaFinding[],
): Parsed<ScalingSettings> {
  const { poolName, poolID, ...rest } = fields;
  const pool: PoolRef | undefined =
    poolName !== '' ? { kind: 'name', name: poolName } : poolID !== 0 ? { kind: 'id', id: poolID } : undefined;
  if (poolName !== '' && poolID !== 0) findings.push(kedaFinding('poolNameWinsOverPoolId', { poolName, poolID }));
  return scalingSettings(pool, rest, metadata, version, findings);
}
