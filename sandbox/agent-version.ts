/**
 * Versions as the service reads them for `-gtVersion` demands and agent registrations.
 *
 * `DemandMinimumVersion.ParseVersion` (actions/runner@18b5987, src/Sdk/DTWebApi/WebApi/DemandMinimumVersion.cs)
 * cuts the text at its first `-` unless the text starts with one, then hands the rest to .NET's
 * `Version.TryParse`: 2 to 4 components split on `.`, each read by `Int32.TryParse` with
 * `NumberStyles.Integer` and the invariant culture, a negative component refusing the whole version.
 * `Version.CompareTo` ranks an absent build or revision as -1, so `2.0` is older than `2.0.0`.
 */

export type AgentVersion = readonly number[];

const INT32_MAX = 2_147_483_647;

/** The white space `NumberStyles.AllowLeadingWhite`/`AllowTrailingWhite` skip: U+0009 to U+000D and the space. */
function isNumberWhite(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/**
 * `Int32.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)`: white space, a sign directly
 * before the ASCII digits, white space, then nothing but NUL characters (.NET's parser ignores trailing
 * NULs). Undefined when that fails or the value leaves the 32-bit range.
 */
function parseInt32(text: string): number | undefined {
  let at = 0;
  while (at < text.length && isNumberWhite(text, at)) at++;
  const negative = text[at] === '-';
  if (negative || text[at] === '+') at++;
  const digitsFrom = at;
  let value = 0;
  while (at < text.length && text[at] >= '0' && text[at] <= '9') {
    value = value * 10 + text.charCodeAt(at) - 0x30;
    if (value > INT32_MAX + 1) return undefined;
    at++;
  }
  if (at === digitsFrom) return undefined;
  while (at < text.length && isNumberWhite(text, at)) at++;
  for (; at < text.length; at++) if (text.charCodeAt(at) !== 0) return undefined;
  if (negative) return value === 0 ? 0 : -value;
  return value > INT32_MAX ? undefined : value;
}

/** .NET's `Version.TryParse`. */
export function parseDotnetVersion(text: string): AgentVersion | undefined {
  const parts = text.split('.');
  if (parts.length < 2 || parts.length > 4) return undefined;
  const components: number[] = [];
  for (const part of parts) {
    const component = parseInt32(part);
    if (component === undefined || component < 0) return undefined;
    components.push(component);
  }
  return components;
}

/** `DemandMinimumVersion.ParseVersion`: undefined for an empty or unreadable version. */
export function parseAgentVersion(text: string | undefined): AgentVersion | undefined {
  if (!text) return undefined;
  const dash = text.indexOf('-');
  return parseDotnetVersion(dash > 0 ? text.slice(0, dash) : text);
}

/**
 * `DemandMinimumVersion.CompareVersion`: negative when `a` is older. Two unreadable versions are equal
 * and an unreadable one is older than any readable one.
 */
export function compareAgentVersions(a: string | undefined, b: string | undefined): number {
  const left = parseAgentVersion(a);
  const right = parseAgentVersion(b);
  if (!left || !right) return (left ? 1 : 0) - (right ? 1 : 0);
  for (let index = 0; index < 4; index++) {
    const difference = (left[index] ?? -1) - (right[index] ?? -1);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}
