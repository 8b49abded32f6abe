import { AGENT_VERSION_CAPABILITY, capabilityValue, type CapabilitySet } from './capabilities';
import { formatMessage } from './render';
import { compareVersions, newerVersion, parseVersion } from './version';

export type Demand =
  | { readonly name: string; readonly operator: 'exists' }
  | { readonly name: string; readonly operator: 'equals' | 'gtVersion'; readonly value: string };

export type DemandProblem =
  | { readonly kind: 'empty' }
  | { readonly kind: 'malformed' }
  /** `operator` as written, dash included. */
  | { readonly kind: 'unknownOperator'; readonly operator: string }
  | { readonly kind: 'missingValue'; readonly operator: string }
  | { readonly kind: 'invalidVersion' };

/** The only error the demand parser throws; `message` names the bad demand and the accepted forms. */
export class DemandParseError extends Error {
  override readonly name = 'DemandParseError';

  constructor(
    readonly demand: string,
    readonly problem: DemandProblem,
  ) {
    super(
      formatMessage(
        'demand.invalid',
        {
          demand,
          problem: formatMessage(
            `demand.problem.${problem.kind}`,
            'operator' in problem ? problem : { example: DEFAULT_MIN_AGENT_VERSION },
            'text',
          ),
        },
        'text',
      ),
    );
  }
}

/**
 * Oldest agent version a job is assumed to demand when the caller does not say: 3.232.1 is the
 * first agent with the `Node20_1` task handler, and Microsoft's migration guide (azure-pipelines-tasks
 * `docs/migrateNode20.md`) tells task authors to set `minimumAgentVersion` to it, so any job running
 * a task migrated to Node 20 carries `Agent.Version -gtVersion 3.232.1` or higher. Guessing lower would
 * call a placeholder fit that such jobs refuse; callers that know their jobs pass the real minimum.
 */
export const DEFAULT_MIN_AGENT_VERSION = '3.232.1';

// The service's grammar (`Demand.TryParse`): `^(?<name>\S+)(\s+\-(?<opcode>\S+)\s+(?<value>.*))?$` in
// .NET, where `\s` is [\t\n\v\f\r\x85\p{Z}], `.` is anything but `\n`, and `$` also matches before a
// final `\n`. The operators are compared case-sensitively.
const SPACE = '\\t\\n\\v\\f\\r\\x85\\p{Z}';
const DEMAND = new RegExp(`^([^${SPACE}]+)(?:[${SPACE}]+-([^${SPACE}]+)[${SPACE}]+([^\\n]*))?\\n?$`, 'u');
const OPERATOR_WITHOUT_VALUE = new RegExp(`^[^${SPACE}]+[${SPACE}]+-([^${SPACE}]+)[${SPACE}]*$`, 'u');
const BLANK = new RegExp(`^[${SPACE}]*$`, 'u');
const OPERATORS = new Set(['equals', 'gtVersion']);

function isOperator(text: string): text is 'equals' | 'gtVersion' {
  return OPERATORS.has(text);
}

function problemWith(text: string): DemandProblem {
  if (BLANK.test(text)) return { kind: 'empty' };
  const operator = OPERATOR_WITHOUT_VALUE.exec(text)?.[1];
  if (operator === undefined) return { kind: 'malformed' };
  return { kind: isOperator(operator) ? 'missingValue' : 'unknownOperator', operator: `-${operator}` };
}

export function parseDemand(text: string): Demand {
  const match = DEMAND.exec(text);
  if (!match) throw new DemandParseError(text, problemWith(text));
  const [, name, operator, value] = match;
  if (operator === undefined) return { name, operator: 'exists' };
  if (!isOperator(operator)) throw new DemandParseError(text, { kind: 'unknownOperator', operator: `-${operator}` });
  // The service refuses an empty value when it builds the demand.
  if (value === '') throw new DemandParseError(text, { kind: 'missingValue', operator: `-${operator}` });
  return { name, operator, value };
}

/** Demands as people type them, one a line: lines are trimmed and blank ones skipped, as YAML would. */
export function parseDemands(lines: readonly string[]): Demand[] {
  return lines
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map(parseDemand);
}

export function formatDemand(demand: Demand): string {
  return demand.operator === 'exists' ? demand.name : `${demand.name} -${demand.operator} ${demand.value}`;
}

export function isAgentVersionDemand(demand: Demand): demand is Demand & { operator: 'gtVersion' } {
  return demand.operator === 'gtVersion' && demand.name.toLowerCase() === AGENT_VERSION_CAPABILITY.toLowerCase();
}

/**
 * The demands a job really carries: the service keeps only the highest `Agent.Version -gtVersion`
 * demand and puts it last. An explicit `minAgentVersion` is a floor over any such demand already
 * listed; without one, a listed demand stands and only a list without any gets the default.
 */
export function withImplicitAgentVersion(demands: readonly Demand[], minAgentVersion?: string): Demand[] {
  if (minAgentVersion !== undefined && !parseVersion(minAgentVersion)) {
    throw new DemandParseError(`${AGENT_VERSION_CAPABILITY} -gtVersion ${minAgentVersion}`, { kind: 'invalidVersion' });
  }
  const floors = demands.filter(isAgentVersionDemand).map((demand) => demand.value);
  if (minAgentVersion !== undefined) floors.push(minAgentVersion);
  const minimum = floors.length > 0 ? floors.reduce(newerVersion) : DEFAULT_MIN_AGENT_VERSION;
  return [
    ...demands.filter((demand) => !isAgentVersionDemand(demand)),
    { name: AGENT_VERSION_CAPABILITY, operator: 'gtVersion', value: minimum },
  ];
}

export function satisfies(capabilities: CapabilitySet, demand: Demand): boolean {
  const value = capabilityValue(capabilities, demand.name);
  if (value === undefined) return false;
  switch (demand.operator) {
    case 'exists':
      return true;
    case 'equals':
      return value.toLowerCase() === demand.value.toLowerCase();
    case 'gtVersion':
      // Despite its name, the service's `-gtVersion` means "at least".
      return compareVersions(demand.value, value) <= 0;
  }
}

export function satisfiesAll(capabilities: CapabilitySet, demands: readonly Demand[]): boolean {
  return demands.every((demand) => satisfies(capabilities, demand));
}

/** The demands an agent fails, for guidance such as "placeholder lacks `helm`". */
export function unmetDemands(capabilities: CapabilitySet, demands: readonly Demand[]): Demand[] {
  return demands.filter((demand) => !satisfies(capabilities, demand));
}
