import type { BypassRule, ProxyEndpoint } from '../ado/proxy';
import type { Params } from '../model/findings';
import type { MessageKey } from '../messages';
import { DEFAULT_CLASSIFICATION_RULES, DEFAULT_PLACEHOLDER_NAME } from '../model/classify';

export { DEFAULT_PLACEHOLDER_NAME } from '../model/classify';
import { AGENT_VERSION_CAPABILITY } from '../model/capabilities';
import { DemandParseError, isAgentVersionDemand, parseDemand } from '../model/demands';
import { parseVersion } from '../model/version';

/**
 * The guard's settings as users write them (task inputs, CLI flags), checked once for every face.
 * Each problem is an `InputError` whose message key names the bad value and the accepted form: one of
 * core's keys, or, when a face throws it about its own settings, one of that face's.
 */
export class InputError<K extends string = MessageKey> extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly key: K,
    readonly params: Params,
  ) {
    super(key);
  }
}

export const ACTIONS = ['check', 'repair', 'sweep'] as const;
export type Action = (typeof ACTIONS)[number];
export const FAIL_ON = ['blocked', 'atRisk'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** More pools than this in one step is a configuration mistake, and would strain the service's rate limits. */
export const MAX_POOLS = 50;
export const DEFAULT_TIMEOUT_SECONDS = 60;
/** An hour: a guard that waits longer than its pipeline's jobs would is no guard. */
export const MAX_TIMEOUT_SECONDS = 3600;
export const DEFAULT_STALE_AFTER_HOURS = DEFAULT_CLASSIFICATION_RULES.staleAfterHours;
/** A year: an agent offline for longer is a leftover by any measure, and a larger figure is a typo. */
export const MAX_STALE_AFTER_HOURS = 365 * 24;
// The service's limit for agent names, and the characters config.sh refuses.
const MAX_AGENT_NAME = 64;
const AGENT_NAME_FORBIDDEN = /["/:<>\\|*?@\u0000-\u001f]/;

/** Pool names, one a line or comma-separated; repeated names are checked once. */
export function parsePoolNames(text: string): string[] {
  const names = splitList(text);
  if (names.length === 0) throw new InputError('input.poolsEmpty', {});
  if (names.length > MAX_POOLS) throw new InputError('input.poolsTooMany', { count: names.length, max: MAX_POOLS });
  const seen = new Map<string, string>();
  for (const name of names) if (!seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  return [...seen.values()];
}

/** Demands one a line (a comma may be part of a value, so lines are not split further); each is validated. */
export function parseDemandLines(text: string): string[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  for (const line of lines) {
    const demand = parseDemand(line);
    // The service would take any text here, but a placeholder registered with it as its agent version
    // reports no version at all, and every job's own `Agent.Version` demand then refuses it.
    if (isAgentVersionDemand(demand) && !parseVersion(demand.value)) throw new DemandParseError(line, { kind: 'invalidVersion' });
  }
  return lines;
}

/** The command line's `--min-agent-version`, checked before any call like the demand it stands for. */
export function parseMinAgentVersion(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const version = text.trim();
  if (!parseVersion(version)) throw new DemandParseError(`${AGENT_VERSION_CAPABILITY} -gtVersion ${version}`, { kind: 'invalidVersion' });
  return version;
}

/** `name=value` lines: the placeholder's user capabilities. */
export function parseCapabilityLines(text: string): Record<string, string> {
  const capabilities: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const entry = raw.trim();
    if (entry === '') continue;
    const equals = entry.indexOf('=');
    const name = equals < 0 ? '' : entry.slice(0, equals).trim();
    if (equals < 0 || name === '' || /\s/.test(name)) throw new InputError('input.capabilityMalformed', { line: entry });
    capabilities[name] = entry.slice(equals + 1).trim();
  }
  return capabilities;
}

export function parseAction(text: string): Action {
  return oneOf(text, ACTIONS, 'input.actionUnknown', 'check');
}

export function parseFailOn(text: string): FailOn {
  return oneOf(text, FAIL_ON, 'input.failOnUnknown', 'blocked');
}

export function parseTimeoutSeconds(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return DEFAULT_TIMEOUT_SECONDS;
  const seconds = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
    throw new InputError('input.timeoutInvalid', { value: trimmed, max: MAX_TIMEOUT_SECONDS, example: DEFAULT_TIMEOUT_SECONDS });
  }
  return seconds;
}

/** The task's `staleAfterHours`: hours, fractions allowed, above 0 and at most a year. */
export function parseStaleAfterHours(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return DEFAULT_STALE_AFTER_HOURS;
  const hours = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!isStaleAfterHours(hours))
    throw new InputError('input.staleAfterHoursInvalid', {
      value: trimmed,
      max: MAX_STALE_AFTER_HOURS,
      example: DEFAULT_STALE_AFTER_HOURS,
    });
  return hours;
}

const AGE_UNIT_HOURS: Record<string, number> = { m: 1 / 60, h: 1, d: 24 };

/** The command line's `--older-than`: `90m`, `24h`, `2d`, in hours; the same range as `staleAfterHours`. */
export function parseOlderThan(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return DEFAULT_STALE_AFTER_HOURS;
  const match = /^(\d+(?:\.\d+)?)\s*([mhd])$/i.exec(trimmed);
  const hours = match ? Number(match[1]) * AGE_UNIT_HOURS[match[2].toLowerCase()] : NaN;
  if (!isStaleAfterHours(hours)) throw new InputError('input.olderThanInvalid', { value: trimmed, maxDays: MAX_STALE_AFTER_HOURS / 24 });
  return hours;
}

function isStaleAfterHours(hours: number): boolean {
  return hours > 0 && hours <= MAX_STALE_AFTER_HOURS;
}

/**
 * The task's `dryRun`: deleting is never the result of an empty or mistyped value. Only `false` deletes;
 * anything but `true` or `false` is refused rather than read as `false`, as task-lib's `getBoolInput` would.
 */
export function parseDryRun(text: string): boolean {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '' || trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  throw new InputError('input.dryRunInvalid', { value: text.trim() });
}

/**
 * A personal access token or job token as pasted: whitespace around it (a copied line break) is dropped,
 * and anything but printable ASCII inside refused: no Azure DevOps token holds it, and no HTTP header
 * could carry it. `source` says where the token came from; the token itself is never shown.
 */
export function parseToken(text: string, source: string): string {
  const token = text.trim();
  if (!/^[!-~]*$/.test(token)) throw new InputError('input.tokenMalformed', { source });
  return token;
}

export function parsePlaceholderName(text: string): string {
  return agentName(text.trim() || DEFAULT_PLACEHOLDER_NAME);
}

/** The placeholder's name as given, else the KEDA `parent`: KEDA counts through `parent` by name. */
export function parsePlaceholderNameOrParent(name: string | undefined, parent: string | undefined): string {
  return parsePlaceholderName(name?.trim() || parent || '');
}

/** KEDA's `parent`: optional; when given, the name of an agent, compared by KEDA exactly as written. */
export function parseParent(text: string | undefined): string | undefined {
  const name = text?.trim() ?? '';
  return name === '' ? undefined : agentName(name);
}

function agentName(name: string): string {
  if (name.length > MAX_AGENT_NAME || AGENT_NAME_FORBIDDEN.test(name)) {
    throw new InputError('input.placeholderNameInvalid', { name, max: MAX_AGENT_NAME });
  }
  return name;
}

/**
 * The organization URL as users paste it: a trailing slash is dropped, and a project or page path
 * after `dev.azure.com/<org>` is refused, since every pool call is made at the organization level.
 */
export function parseOrganizationUrl(text: string): string {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new InputError('input.orgUrlInvalid', { value: trimmed });
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) {
    throw new InputError('input.orgUrlInvalid', { value: trimmed });
  }
  const segments = url.pathname.split('/').filter(Boolean);
  if (url.hostname.toLowerCase() === 'dev.azure.com' && segments.length === 0)
    throw new InputError('input.orgUrlNoOrganization', { value: trimmed });
  if (url.hostname.toLowerCase() === 'dev.azure.com' && segments.length > 1) {
    throw new InputError('input.orgUrlPath', { value: trimmed, suggestion: `https://dev.azure.com/${segments[0]}` });
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Whether two organization URLs name one organization: surrounding space, trailing slashes and case aside
 * (host names and Azure DevOps organization and collection names are case-insensitive).
 */
export function sameOrganizationUrl(a: string, b: string): boolean {
  const normal = (url: string) => url.trim().replace(/\/+$/, '').toLowerCase();
  return normal(a) === normal(b);
}

/**
 * A proxy URL as the agent or the environment gives it: `http://host:port`, credentials maybe before the
 * host (`http://user:password@host:port`, percent-encoded). `source` names where it came from; the URL
 * itself is never shown, since it may hold a password.
 */
export function parseProxyUrl(text: string, source: string, credentials: { username?: string; password?: string } = {}): ProxyEndpoint {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new InputError('input.proxyUrlInvalid', { source });
  }
  if (!/^https?:$/.test(url.protocol) || url.hostname === '' || url.search || url.hash || !/^\/?$/.test(url.pathname)) {
    throw new InputError('input.proxyUrlInvalid', { source });
  }
  const username = credentials.username || decodeURIComponent(url.username) || undefined;
  const password = credentials.password || decodeURIComponent(url.password) || undefined;
  return { url: url.origin, ...(username ? { username } : {}), ...(password ? { password } : {}) };
}

/** A Microsoft Entra authority (an Azure connection's `activeDirectoryAuthority`), ending in a slash. */
export function parseAuthorityUrl(text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text.trim());
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:' || url.search || url.hash || url.username)
    throw new InputError('input.authorityInvalid', { value: text.trim() });
  return url.href.replace(/\/*$/, '/');
}

/** The agent's proxy bypass list: regular expressions, each refused by name when it does not compile. */
export function parseBypassPatterns(patterns: readonly string[]): BypassRule[] {
  return patterns
    .filter((pattern) => pattern.trim() !== '')
    .map((pattern) => {
      try {
        return { kind: 'urlPattern', pattern: new RegExp(pattern, 'i') };
      } catch {
        throw new InputError('input.proxyBypassInvalid', { entry: pattern });
      }
    });
}

/** A count of things (replicas, Jobs): a whole number from 0; `undefined` when not given. */
export function parseCount(text: string, option: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (!/^\d{1,9}$/.test(trimmed)) throw new InputError('input.countInvalid', { option, value: trimmed });
  return Number(trimmed);
}

/** One of a fixed set of words, as written (case-sensitive, as KEDA compares them); `undefined` when not given. */
export function parseChoice<T extends string>(text: string, allowed: readonly T[], option: string): T | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const found = allowed.find((a) => a === trimmed);
  if (!found) throw new InputError('input.choiceUnknown', { option, value: trimmed, allowed: [...allowed] });
  return found;
}

function splitList(text: string): string[] {
  return text
    .split(/[\r\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function oneOf<T extends string>(text: string, allowed: readonly T[], key: MessageKey, fallback: T): T {
  const trimmed = text.trim();
  if (trimmed === '') return fallback;
  const found = allowed.find((a) => a.toLowerCase() === trimmed.toLowerCase());
  if (!found) throw new InputError(key, { value: trimmed, allowed: [...allowed] });
  return found;
}
