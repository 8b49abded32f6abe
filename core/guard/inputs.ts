import type { Params } from '../model/findings';
import type { MessageKey } from '../messages';
import { parseDemands } from '../model/demands';

/**
 * The guard's settings as users write them (task inputs, CLI flags), checked once for every face.
 * Each problem is an `InputError` whose message key names the bad value and the accepted form.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly key: MessageKey,
    readonly params: Params,
  ) {
    super(key);
  }
}

export const ACTIONS = ['check', 'repair'] as const;
export type Action = (typeof ACTIONS)[number];
export const FAIL_ON = ['blocked', 'atRisk'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** More pools than this in one step is a configuration mistake, and would strain the service's rate limits. */
export const MAX_POOLS = 50;
export const DEFAULT_TIMEOUT_SECONDS = 60;
/** An hour: a guard that waits longer than its pipeline's jobs would is no guard. */
export const MAX_TIMEOUT_SECONDS = 3600;
export const DEFAULT_PLACEHOLDER_NAME = 'keda-placeholder';
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
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  parseDemands(lines);
  return lines;
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
    throw new InputError('input.timeoutInvalid', { value: trimmed, max: MAX_TIMEOUT_SECONDS });
  }
  return seconds;
}

export function parsePlaceholderName(text: string): string {
  const name = text.trim() || DEFAULT_PLACEHOLDER_NAME;
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
  if (url.hostname.toLowerCase() === 'dev.azure.com' && segments.length !== 1) {
    throw new InputError('input.orgUrlPath', { value: trimmed, suggestion: segments[0] ? `https://dev.azure.com/${segments[0]}` : 'https://dev.azure.com/<organization>' });
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
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
