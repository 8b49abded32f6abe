/**
 * Agent versions compared the way the service compares them for `-gtVersion` demands
 * (`DemandMinimumVersion.CompareVersion` in the service contracts): the text is cut at the first `-`
 * (unless it starts with one), then read like .NET `Version.TryParse`: 2 to 4 dot-separated
 * components, each a non-negative 32-bit integer that may carry surrounding ASCII whitespace and a
 * sign, and trailing NUL characters, which .NET's number parser accepts "for compatibility"
 * (`Number.TrailingZeros`, dotnet/runtime src/libraries/System.Private.CoreLib/src/System/Number.Parsing.cs;
 * .NET Framework's `Number.TryStringToNumber` does the same). A missing component ranks below 0, so
 * `2.0` < `2.0.0`, as in .NET.
 */
export type Version = readonly number[];

const COMPONENT = /^[\t-\r ]*([+-]?)(\d+)[\t-\r ]*\0*$/;
const INT32_MAX = 2147483647;

function parseComponent(text: string): number | undefined {
  const match = COMPONENT.exec(text);
  if (!match) return undefined;
  const value = Number(match[2]);
  if (value > INT32_MAX || (match[1] === '-' && value !== 0)) return undefined;
  return value;
}

export function parseVersion(text: string): Version | undefined {
  const dash = text.indexOf('-');
  const parts = (dash > 0 ? text.slice(0, dash) : text).split('.');
  if (parts.length < 2 || parts.length > 4) return undefined;
  const version: number[] = [];
  for (const part of parts) {
    const component = parseComponent(part);
    if (component === undefined) return undefined;
    version.push(component);
  }
  return version;
}

function compareParsed(a: Version, b: Version): number {
  for (let i = 0; i < 4; i++) {
    const difference = (a[i] ?? -1) - (b[i] ?? -1);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/**
 * Negative when `a` is older than `b`. An unparseable version ranks below every parseable one and
 * equal to another unparseable one: the service's rule, which makes a `-gtVersion` demand with an
 * unparseable value satisfied by any capability and an unparseable capability fail a parseable demand.
 */
export function compareVersions(a: string, b: string): number {
  const left = parseVersion(a);
  const right = parseVersion(b);
  if (!left || !right) return (left ? 1 : 0) - (right ? 1 : 0);
  return compareParsed(left, right);
}

export function newerVersion(a: string, b: string): string {
  return compareVersions(a, b) >= 0 ? a : b;
}
