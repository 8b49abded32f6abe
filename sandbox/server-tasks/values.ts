/**
 * The values of Azure Pipelines' expression language and their conversions, as the service evaluates a
 * server task's success criteria: Microsoft's documentation (`docs/pipelines/process/expressions.md`,
 * "Type casting") and, where it is silent, the evaluator it describes (Azure DevOps Server 2022's
 * `Microsoft.TeamFoundation.DistributedTask.Expressions.EvaluationResult` and `ExpressionUtil`, decompiled
 * in mjwrona/decompiled). Dates are left out: JSON strings stay strings here (see `sandbox/README.md`).
 */

/** A .NET `System.Version`: two to four non-negative components. */
export class Version {
  constructor(readonly parts: readonly number[]) {}

  /** `Version.TryParse`: each component an `Int32` (white space and a `+` allowed around it), none negative. */
  static parse(text: string): Version | undefined {
    const pieces = text.split('.');
    if (pieces.length < 2 || pieces.length > 4) return undefined;
    const parts: number[] = [];
    for (const piece of pieces) {
      const match = /^\s*\+?(\d+)\s*$/.exec(piece);
      if (!match) return undefined;
      const value = Number(match[1]);
      if (value > 2_147_483_647) return undefined;
      parts.push(value);
    }
    return new Version(parts);
  }

  /** An absent build or revision ranks below 0, as .NET's `Version.CompareTo` has it. */
  compare(other: Version): number {
    for (let index = 0; index < 4; index++) {
      const left = this.parts[index] ?? -1;
      const right = other.parts[index] ?? -1;
      if (left !== right) return left < right ? -1 : 1;
    }
    return 0;
  }

  toString(): string {
    return this.parts.join('.');
  }
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** What an expression evaluates to. Arrays and objects are JSON, compared by identity as the service does. */
export type Value = JsonValue | Version;

export type Kind = 'Null' | 'Boolean' | 'Number' | 'String' | 'Version' | 'Array' | 'Object';

/**
 * A dictionary whose keys are found ignoring case, as the service's variables and task inputs are; a JSON
 * object from a response stays case-sensitive.
 */
export function caseInsensitive<T extends JsonValue>(table: Record<string, T>): Record<string, T> {
  const keyOf = (name: string | symbol) =>
    typeof name === 'string' ? (Object.keys(table).find((key) => key.toLowerCase() === name.toLowerCase()) ?? name) : name;
  return new Proxy(table, {
    get: (target, name) => Reflect.get(target, keyOf(name)),
    has: (target, name) => Reflect.has(target, keyOf(name)),
    getOwnPropertyDescriptor: (target, name) => Reflect.getOwnPropertyDescriptor(target, keyOf(name)),
  });
}

export function kindOf(value: Value): Kind {
  if (value === null || value === undefined) return 'Null';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number') return 'Number';
  if (typeof value === 'string') return 'String';
  if (value instanceof Version) return 'Version';
  return Array.isArray(value) ? 'Array' : 'Object';
}

/** A parse or evaluation error, worded as the service words it. */
export class ExpressionError extends Error {}

/** The service's `TypeCastException`: `Unable to convert from {0} to {1}. Value: {2}`. */
export class TypeCastError extends ExpressionError {
  constructor(value: Value, to: Kind) {
    super(`Unable to convert from ${kindOf(value)} to ${to}. Value: ${formatValue(value)}`);
  }
}

/** Arrays, objects and versions are true; null, 0 and the empty string false. */
export function toBoolean(value: Value): boolean {
  switch (kindOf(value)) {
    case 'Null':
      return false;
    case 'Boolean':
      return value as boolean;
    case 'Number':
      return value !== 0;
    case 'String':
      return value !== '';
    default:
      return true;
  }
}

/**
 * `Decimal.TryParse` with `NumberStyles.Integer | AllowDecimalPoint | AllowThousands`, invariant culture:
 * white space around, a sign, group separators in the integral part, a decimal point. The empty string is 0.
 */
export function tryNumber(value: Value): number | undefined {
  switch (kindOf(value)) {
    case 'Null':
      return 0;
    case 'Boolean':
      return value ? 1 : 0;
    case 'Number':
      return value as number;
    case 'String': {
      const text = value as string;
      if (text === '') return 0;
      const match = /^\s*([+-]?)((?:\d[\d,]*)?)(?:\.(\d*))?\s*$/.exec(text);
      if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
      const number = Number(`${match[1]}${match[2].replace(/,/g, '') || '0'}.${match[3] || '0'}`);
      return Number.isFinite(number) ? number : undefined;
    }
    default:
      return undefined;
  }
}

/** Booleans as .NET writes them (`True`), numbers in the format `0.#######`, null as the empty string. */
export function tryString(value: Value): string | undefined {
  switch (kindOf(value)) {
    case 'Null':
      return '';
    case 'Boolean':
      return value ? 'True' : 'False';
    case 'Number':
      return formatNumber(value as number);
    case 'String':
      return value as string;
    case 'Version':
      return (value as Version).toString();
    default:
      return undefined;
  }
}

/** A number's text goes through `Version.TryParse` too, so `1.2` is a version and `1` is not. */
export function tryVersion(value: Value): Version | undefined {
  switch (kindOf(value)) {
    case 'Version':
      return value as Version;
    case 'Number':
    case 'String':
      return Version.parse(tryString(value) as string);
    default:
      return undefined;
  }
}

/** The empty string converts to null; nothing else does. */
export function isNullLike(value: Value): boolean {
  return value === null || value === undefined || value === '';
}

export function formatNumber(value: number): string {
  const text = value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 7 });
  return text === '-0' ? '0' : text;
}

/** `eq`: the right value is converted to the left one's kind; a failed conversion is "not equal". Strings ignore case. */
export function valuesEqual(left: Value, right: Value): boolean {
  switch (kindOf(left)) {
    case 'Boolean':
      return left === toBoolean(right);
    case 'Number':
      return tryNumber(right) === left;
    case 'Version': {
      const version = tryVersion(right);
      return version !== undefined && (left as Version).compare(version) === 0;
    }
    case 'String': {
      const text = tryString(right);
      return text !== undefined && sameIgnoringCase(left as string, text);
    }
    case 'Null':
      return isNullLike(right);
    default:
      return kindOf(right) === kindOf(left) && left === right;
  }
}

/**
 * `gt`, `ge`, `lt`, `le`: the left value's kind decides, the right one is converted to it and a failed
 * conversion is an error; null, arrays and objects on the left are compared as numbers.
 */
export function compareValues(left: Value, right: Value): number {
  const kind = kindOf(left);
  if (kind === 'Boolean') return Number(left) - Number(toBoolean(right));
  if (kind === 'String') {
    const text = tryString(right);
    if (text === undefined) throw new TypeCastError(right, 'String');
    return ordinalIgnoringCase(left as string, text);
  }
  if (kind === 'Version') {
    const version = tryVersion(right);
    if (version === undefined) throw new TypeCastError(right, 'Version');
    return (left as Version).compare(version);
  }
  const leftNumber = tryNumber(left);
  if (leftNumber === undefined) throw new TypeCastError(left, 'Number');
  const rightNumber = tryNumber(right);
  if (rightNumber === undefined) throw new TypeCastError(right, 'Number');
  return Math.sign(leftNumber - rightNumber);
}

/** .NET's `OrdinalIgnoreCase`: each UTF-16 unit upper-cased on its own, then compared by code. */
function ordinalIgnoringCase(left: string, right: string): number {
  const a = upperUnits(left);
  const b = upperUnits(right);
  return a === b ? 0 : a < b ? -1 : 1;
}

export function sameIgnoringCase(left: string, right: string): boolean {
  return upperUnits(left) === upperUnits(right);
}

function upperUnits(text: string): string {
  let result = '';
  for (const unit of text.split('')) {
    const upper = unit.toUpperCase();
    result += upper.length === 1 ? upper : unit;
  }
  return result;
}

/** How the service writes a value into an evaluation trace or an error: strings quoted, `''` for a quote. */
export function formatValue(value: Value): string {
  const kind = kindOf(value);
  if (kind === 'String') return `'${(value as string).replace(/'/g, "''")}'`;
  if (kind === 'Version') return `v${(value as Version).toString()}`;
  if (kind === 'Number') return formatNumber(value as number);
  if (kind === 'Boolean') return value ? 'True' : 'False';
  return kind;
}
