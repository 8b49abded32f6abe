/**
 * Demands as the service parses and judges them, after the public copy of its contract classes in
 * actions/runner@18b5987 (src/Sdk/DTWebApi/WebApi/Demand.cs, DemandExists.cs, DemandEquals.cs,
 * DemandMinimumVersion.cs):
 *
 * - `Demand.TryParse` matches `^(?<name>\S+)(\s+\-(?<opcode>\S+)\s+(?<value>.*))?$` with .NET's regex
 *   rules and accepts the opcodes `equals` and `gtVersion`, compared case-sensitively. An `equals` or
 *   `gtVersion` with an empty value does not parse either: its constructor throws.
 * - `name` is satisfied by any capability of that name, `name -equals v` by one whose value equals `v`
 *   ignoring case (`OrdinalIgnoreCase`), `name -gtVersion v` by one whose version is at least `v`
 *   (`CompareVersion(v, capability) <= 0`, so an unreadable `v` is met by any value).
 * - A demand is written back as `name`, `name -equals value` or `name -gtVersion value` (`GetExpression`),
 *   which is how job requests carry them on the wire.
 */
import { compareAgentVersions } from './agent-version';
import { AGENT_VERSION, foldCase, sameIgnoringCase, type CapabilityLookup } from './capabilities';

export type Demand =
  | { readonly kind: 'exists'; readonly name: string }
  | { readonly kind: 'equals' | 'minimumVersion'; readonly name: string; readonly value: string };

/** Why a text is not a demand: it does not have the form, or its operator has an empty value. */
export type DemandFault = 'notADemand' | 'emptyValue';

export class InvalidDemandError extends Error {
  constructor(
    readonly text: string,
    readonly fault: DemandFault,
  ) {
    super(fault === 'emptyValue' ? `Demand "${text}" has an operator without a value.` : `"${text}" is not a demand.`);
  }
}

const OPCODES: Readonly<Record<string, 'equals' | 'minimumVersion'>> = { equals: 'equals', gtVersion: 'minimumVersion' };
const OPERATOR_NAMES = { equals: 'equals', minimumVersion: 'gtVersion' } as const;

/**
 * .NET's `\s`: `[\f\n\r\t\v\x85\p{Z}]`, the separators (Zs, Zl, Zp) listed out as Unicode defines them
 * today. (.NET Framework's tables may lag behind on U+180E, a separator before Unicode 6.3.)
 */
const SEPARATORS = new Set([
  0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f,
  0x205f, 0x3000,
]);

function isWhite(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return (code >= 0x09 && code <= 0x0d) || code === 0x85 || SEPARATORS.has(code);
}

/** Where a run of (non-)white characters starting at `from` ends. */
function skip(text: string, from: number, white: boolean): number {
  let at = from;
  while (at < text.length && isWhite(text, at) === white) at++;
  return at;
}

/** .NET's `$` without `RegexOptions.Multiline`: the end, or just before a final line feed. */
function isEnd(text: string, at: number): boolean {
  return at === text.length || (at === text.length - 1 && text[at] === '\n');
}

/**
 * `Demand.TryParse`, as a scanner rather than a regex so that .NET's `\s`, `.` (anything but a line
 * feed) and `$` are spelled out. The name is the leading run of non-white characters (the regex cannot
 * end it earlier); the optional part needs white space, `-`, an opcode, white space, and a value running
 * to the end or to a final line feed.
 */
export function parseDemand(text: string): Demand {
  const nameEnd = skip(text, 0, false);
  if (nameEnd === 0) throw new InvalidDemandError(text, 'notADemand');
  const name = text.slice(0, nameEnd);
  const dash = skip(text, nameEnd, true);
  const opcodeEnd = skip(text, dash + 1, false);
  const valueStart = skip(text, opcodeEnd, true);
  const lineEnd = text.indexOf('\n', valueStart);
  const valueEnd = lineEnd < 0 ? text.length : lineEnd;
  const withOperator = dash > nameEnd && text[dash] === '-' && opcodeEnd > dash + 1 && valueStart > opcodeEnd && isEnd(text, valueEnd);
  if (!withOperator) {
    if (isEnd(text, nameEnd)) return { kind: 'exists', name };
    throw new InvalidDemandError(text, 'notADemand');
  }
  const opcode = text.slice(dash + 1, opcodeEnd);
  if (!Object.hasOwn(OPCODES, opcode)) throw new InvalidDemandError(text, 'notADemand');
  const kind = OPCODES[opcode];
  const value = text.slice(valueStart, valueEnd);
  if (value === '') throw new InvalidDemandError(text, 'emptyValue');
  return { kind, name, value };
}

export function formatDemand(demand: Demand): string {
  return demand.kind === 'exists' ? demand.name : `${demand.name} -${OPERATOR_NAMES[demand.kind]} ${demand.value}`;
}

export function satisfies(capabilities: CapabilityLookup, demand: Demand): boolean {
  const value = capabilities.get(demand.name);
  if (value === undefined) return false;
  switch (demand.kind) {
    case 'exists':
      return true;
    case 'equals':
      return sameIgnoringCase(value, demand.value);
    case 'minimumVersion':
      return compareAgentVersions(demand.value, value) <= 0;
  }
}

export function satisfiesAll(capabilities: CapabilityLookup, demands: readonly Demand[]): boolean {
  return demands.every((demand) => satisfies(capabilities, demand));
}

type VersionDemand = Demand & { kind: 'minimumVersion' };

export function isAgentVersionDemand(demand: Demand): demand is VersionDemand {
  return demand.kind === 'minimumVersion' && sameIgnoringCase(demand.name, AGENT_VERSION);
}

const versionDemand = (value: string): VersionDemand => ({ kind: 'minimumVersion', name: AGENT_VERSION, value });

/**
 * The demands a queued job carries: duplicates (equal ignoring case, `Demand.Equals`) dropped, and of
 * the `Agent.Version -gtVersion` demands, the job's own minimum included, only the highest kept and put
 * last (`DemandMinimumVersion.MaxAndRemove`; the service's refusals list it last). A job that names no
 * minimum at all gets `defaultMinimum`.
 */
export function jobDemands(demands: readonly Demand[], minimum: string | undefined, defaultMinimum: string): Demand[] {
  const distinct = new Map<string, Demand>();
  for (const demand of demands) {
    const key = foldCase(formatDemand(demand));
    if (!distinct.has(key)) distinct.set(key, demand);
  }
  const kept = [...distinct.values()];
  const floors = [...kept.filter(isAgentVersionDemand), ...(minimum === undefined ? [] : [versionDemand(minimum)])];
  let highest: VersionDemand | undefined;
  for (const floor of floors) if (!highest || compareAgentVersions(floor.value, highest.value) > 0) highest = floor;
  return [...kept.filter((demand) => !isAgentVersionDemand(demand)), highest ?? versionDemand(defaultMinimum)];
}
