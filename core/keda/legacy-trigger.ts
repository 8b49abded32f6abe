import { KedaError, KedaFinding, kedaError, kedaFinding } from './findings';
import { goParseBoolError, parseGoBool, parseGoInt } from './go';
import {
  ORGANIZATION_NAME_TEXT,
  keyFindings,
  organizationName,
  personalAccessToken,
  podIdentity,
  rawValue,
  rejected,
  scalingSettings,
} from './metadata';
import type { Parsed, PoolRef, ScalingSettings, TriggerAuth, TriggerSources } from './types';
import { KedaVersion, SINCE, isAtLeast } from './version';

/**
 * `parseAzurePipelinesMetadata` as KEDA 2.10.1 to 2.16.x wrote it by hand (read at v2.10.1 and v2.16.1),
 * before the typed config of 2.17.0 (kedacore/keda#6626). It stops at the first error, in this order:
 * the two targets, the organization URL and its name, the credentials, `jobsToFetch`, `requireAllDemands`,
 * the pool. Nothing is trimmed: `" 3"` is no number and `" kubectl"` keeps its space. A key present with an
 * empty value still counts as given for the two targets (`if val, ok := ...; ok`), and as absent elsewhere.
 */

export interface LegacyTrigger {
  /** Read only when credentials are asked for. */
  readonly organizationUrl?: string;
  readonly auth?: TriggerAuth;
  readonly settings: ScalingSettings;
}

type Step<T> = { readonly value: T } | { readonly error: KedaError };

export function parseLegacyTrigger(sources: TriggerSources, version: KedaVersion, withCredentials: boolean): Parsed<LegacyTrigger> {
  const { metadata } = sources;
  const findings: KedaFinding[] = keyFindings(metadata, version);
  const fail = (error: KedaError) => rejected([error], [error.kedaText], findings);

  const target = targetInt(metadata, 'targetPipelinesQueueLength', 1);
  if ('error' in target) return fail(target.error);
  const activation = targetInt(metadata, 'activationTargetPipelinesQueueLength', 0);
  if ('error' in activation) return fail(activation.error);

  let credentials: { organizationUrl: string; auth: TriggerAuth } | undefined;
  if (withCredentials) {
    const read = readCredentials(sources, version, findings);
    if ('error' in read) return fail(read.error);
    credentials = read.value;
  }

  const jobsToFetchText = rawValue(metadata, 'jobsToFetch');
  const jobsToFetch = jobsToFetchText === '' ? { value: 250 } : parseGoInt(jobsToFetchText);
  if ('error' in jobsToFetch) {
    return fail(
      kedaError('invalidInteger', { key: 'jobsToFetch', value: jobsToFetchText }, `error parsing jobsToFetch: ${jobsToFetch.error}`),
    );
  }
  const requireAllText = rawValue(metadata, 'requireAllDemands');
  const requireAllDemands = requireAllText === '' ? false : parseGoBool(requireAllText);
  if (requireAllDemands === undefined) {
    return fail(kedaError('invalidBoolean', { key: 'requireAllDemands', value: requireAllText }, goParseBoolError(requireAllText)));
  }

  const [poolName, poolID] = [rawValue(metadata, 'poolName'), rawValue(metadata, 'poolID')];
  const pool: PoolRef | undefined =
    poolName !== '' ? { kind: 'name', name: poolName } : poolID !== '' ? { kind: 'probedId', text: poolID } : undefined;
  if (poolName !== '' && poolID !== '') findings.push(kedaFinding('poolNameWinsOverPoolId', { poolName, poolID }));
  const settings = scalingSettings(
    pool,
    {
      parent: rawValue(metadata, 'parent'),
      demands: rawValue(metadata, 'demands'),
      requireAllDemands,
      requireAllDemandsAndIgnoreOthers: false,
      caseInsensitiveDemandsProcessing: false,
      jobsToFetch: jobsToFetch.value,
      fetchUnfinishedJobsOnly: false,
      targetPipelinesQueueLength: target.value,
      activationTargetPipelinesQueueLength: activation.value,
      scaleOnInFlight: true,
    },
    metadata,
    version,
    findings,
  );
  if (!settings.ok) return settings;
  return { ok: true, value: { ...credentials, settings: settings.value }, findings: settings.findings };
}

function targetInt(metadata: TriggerSources['metadata'], key: string, fallback: number): Step<number> {
  if (!Object.hasOwn(metadata, key)) return { value: fallback };
  const parsed = parseGoInt(metadata[key]);
  if ('value' in parsed) return parsed;
  const text = `error parsing azure pipelines metadata ${key}: ${parsed.error}`;
  return { error: kedaError('invalidInteger', { key, value: metadata[key] }, text) };
}

/**
 * The TriggerAuthentication's `organizationURL` first, then the env var `organizationURLFromEnv` names, taken
 * as it is (an unknown variable gives an empty URL, which then has no organization name). The PAT likewise;
 * without one, 2.12 and earlier fail, and 2.13 and later try pod identity (kedacore/keda#5013).
 */
function readCredentials(
  sources: TriggerSources,
  version: KedaVersion,
  findings: KedaFinding[],
): Step<{ organizationUrl: string; auth: TriggerAuth }> {
  const { metadata } = sources;
  const env = sources.resolvedEnv ?? {};
  const urlEnv = rawValue(metadata, 'organizationURLFromEnv');
  const fromAuthParams = rawValue(sources.authParams ?? {}, 'organizationURL');
  if (fromAuthParams === '' && urlEnv === '') return { error: kedaError('organizationUrlMissing', {}, 'no organizationURL given') };
  const organizationUrl = fromAuthParams !== '' ? fromAuthParams : rawValue(env, urlEnv);
  // An env var the container lacks gives no URL at all, which KEDA reports as a missing organization name.
  if (organizationUrl === '') return { error: kedaError('organizationUrlMissing', {}, ORGANIZATION_NAME_TEXT) };
  if (organizationName(organizationUrl) === '') {
    return { error: kedaError('organizationNameMissing', { url: organizationUrl }, ORGANIZATION_NAME_TEXT) };
  }

  const pat = rawValue(sources.authParams ?? {}, 'personalAccessToken');
  const patEnv = rawValue(metadata, 'personalAccessTokenFromEnv');
  if (pat !== '') return { value: { organizationUrl, auth: personalAccessToken(pat) } };
  if (patEnv !== '') {
    if (sources.resolvedEnv && !Object.hasOwn(sources.resolvedEnv, patEnv))
      findings.push(kedaFinding('emptyPersonalAccessToken', { envName: patEnv }));
    return { value: { organizationUrl, auth: personalAccessToken(rawValue(env, patEnv)) } };
  }
  if (!isAtLeast(version, SINCE.podIdentity)) return { error: kedaError('credentialsMissing', {}, 'no personalAccessToken given') };
  const auth = podIdentity(sources.podIdentityProvider ?? '', version);
  return 'code' in auth ? { error: auth } : { value: { organizationUrl, auth } };
}
