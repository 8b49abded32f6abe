/**
 * The service's JSON formatter: camelCase enum names or numbers, ISO or MS-AJAX dates, `{count,value}`
 * wrapping or bare arrays, URL members kept or dropped, all chosen by the Accept header options the
 * browser client sends (reference §4, §7).
 */
import { randomBytes } from 'node:crypto';
import type { PoolOption } from './scenario-types';
import { formatServiceTime } from './service-time';

export interface WireOptions {
  noArrayWrap: boolean;
  enumsAsNumbers: boolean;
  msDateFormat: boolean;
  excludeUrls: boolean;
}

/** An enum member: rendered as its camelCase name, or as its number with `enumsAsNumbers`. */
export class WireEnum {
  constructor(
    readonly name: string,
    readonly value: number,
  ) {}
}

export type WireValue = string | number | boolean | null | undefined | Date | WireEnum | readonly WireValue[] | WireObject;

export interface WireObject {
  readonly [member: string]: WireValue;
}

function enumType<Name extends string>(values: Record<Name, number>): (name: Name) => WireEnum {
  return (name) => new WireEnum(name, values[name]);
}

export const agentStatus = enumType({ offline: 1, online: 2 });
export const poolType = enumType({ automation: 1, deployment: 2 });
const POOL_OPTION_VALUES: Readonly<Record<PoolOption, number>> = {
  elasticPool: 1,
  singleUseAgents: 2,
  preserveAgentOnJobFailure: 4,
  billedPerUsage: 8,
};

/**
 * `TaskAgentPoolOptions`, a flags enum: the set members' names in value order joined by `, `
 * (`"elasticPool, singleUseAgents"`), or `none`; with `enumsAsNumbers`, their OR-ed values.
 */
export function poolOptions(options: readonly PoolOption[]): WireEnum {
  const set = (Object.keys(POOL_OPTION_VALUES) as PoolOption[]).filter((option) => options.includes(option));
  const value = set.reduce((flags, option) => flags | POOL_OPTION_VALUES[option], 0);
  return new WireEnum(set.length > 0 ? set.join(', ') : 'none', value);
}
export const taskResult = enumType({
  succeeded: 0,
  succeededWithIssues: 1,
  failed: 2,
  canceled: 3,
  skipped: 4,
  abandoned: 5,
});

/** Members holding URLs, which `excludeUrls=true` leaves out. */
const URL_MEMBERS = new Set(['url', '_links']);

/** Reads the serializer options out of an Accept header such as `application/json;api-version=7.2-preview.1;noArrayWrap=true`. */
export function parseWireOptions(accept: string | undefined): WireOptions {
  const flags = new Map<string, string>();
  for (const part of (accept ?? '').split(/[;,]/)) {
    const [key, value] = part.split('=', 2).map((text) => text.trim().toLowerCase());
    if (value !== undefined) flags.set(key, value);
  }
  const on = (key: string) => flags.get(key.toLowerCase()) === 'true';
  return {
    noArrayWrap: on('noArrayWrap'),
    enumsAsNumbers: on('enumsAsNumbers'),
    msDateFormat: on('msDateFormat'),
    excludeUrls: on('excludeUrls'),
  };
}

export const DEFAULT_WIRE_OPTIONS: WireOptions = parseWireOptions(undefined);

/**
 * MS-AJAX dates must reach the client as `"\/Date(ms)\/"` with escaped slashes, which
 * JSON.stringify cannot produce; dates are written as a marker that no client text can guess and
 * rewritten afterwards.
 */
const DATE_MARKER = `msdate-${randomBytes(8).toString('hex')}-`;
const DATE_MARKER_PATTERN = new RegExp(`"${DATE_MARKER}(-?\\d+)"`, 'g');

export function renderJson(value: WireValue, options: WireOptions): string {
  const text = JSON.stringify(value, function replacer(this: Record<string, unknown>, key: string, current: unknown) {
    if (options.excludeUrls && URL_MEMBERS.has(key)) return undefined;
    const original = this[key];
    if (original instanceof Date) return options.msDateFormat ? `${DATE_MARKER}${original.getTime()}` : formatServiceTime(original);
    if (original instanceof WireEnum) return options.enumsAsNumbers ? original.value : original.name;
    return current;
  });
  return options.msDateFormat ? text.replace(DATE_MARKER_PATTERN, '"\\/Date($1)\\/"') : text;
}

/** A collection: `{count, value}`, or the bare array with `noArrayWrap=true`. */
export function renderCollection(items: readonly WireValue[], options: WireOptions): string {
  return renderJson(options.noArrayWrap ? items : { count: items.length, value: items }, options);
}
