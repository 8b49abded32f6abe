/**
 * The few Go standard-library behaviours KEDA's scaler relies on, reproduced so that values parse,
 * compare and escape exactly as they do inside the KEDA operator.
 */

/** Go's `%q` for the strings we quote in KEDA's error texts (JSON escaping matches it for printable text). */
export function goQuote(text: string): string {
  return JSON.stringify(text);
}

const GO_BOOLEANS: Readonly<Record<string, boolean>> = {
  '1': true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
};

/** `strconv.ParseBool`: exactly these twelve spellings, nothing else (no `yes`, no `tRUE`). */
export function parseGoBool(text: string): boolean | undefined {
  return Object.prototype.hasOwnProperty.call(GO_BOOLEANS, text) ? GO_BOOLEANS[text] : undefined;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * KEDA's typed config fills integer fields with `json.Unmarshal`, so only a JSON integer literal in the
 * int64 range is accepted: no `+`, no leading zeros, no fraction or exponent, no quotes.
 */
export function parseGoJsonInt(text: string): number | undefined {
  if (!/^-?(0|[1-9][0-9]*)$/.test(text)) return undefined;
  const value = BigInt(text);
  return value < INT64_MIN || value > INT64_MAX ? undefined : Number(value);
}

/**
 * `strconv.ParseInt(text, 10, 64)`, which KEDA's hand-written parser used before the typed config (2.16 and
 * earlier): an optional sign, then decimal digits, leading zeros allowed; nothing trimmed. The error is Go's.
 */
export function parseGoInt(text: string): { value: number } | { error: string } {
  const failure = (why: string) => ({ error: `strconv.ParseInt: parsing ${goQuote(text)}: ${why}` });
  if (!/^[+-]?[0-9]+$/.test(text)) return failure('invalid syntax');
  const value = BigInt(text);
  return value < INT64_MIN || value > INT64_MAX ? failure('value out of range') : { value: Number(value) };
}

/** `strconv.ParseBool`'s error, as KEDA's hand-written parser returned it unwrapped. */
export function goParseBoolError(text: string): string {
  return `strconv.ParseBool: parsing ${goQuote(text)}: invalid syntax`;
}

/** `net/url.QueryEscape`: unreserved bytes stay, space becomes `+`, everything else is `%XX` of its UTF-8 bytes. */
export function goQueryEscape(text: string): string {
  // Go strings hold UTF-8; a lone surrogate can only be the replacement character there.
  const wellFormed = text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return encodeURIComponent(wellFormed)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * A comparison key with `strings.EqualFold` semantics: two strings are equal-fold exactly when their keys
 * are equal. Go folds rune by rune (simple folding, no `ß` → `ss`); mapping each code point through its
 * upper then lower case reproduces that orbit for every single-code-point mapping (e.g. `ſ`, `K` (Kelvin)).
 */
export function foldKey(text: string): string {
  let key = '';
  for (const ch of text) key += foldCodePoint(ch);
  return key;
}

function foldCodePoint(ch: string): string {
  const upper = ch.toUpperCase();
  const viaUpper = isSingleCodePoint(upper) ? upper.toLowerCase() : undefined;
  if (viaUpper !== undefined && isSingleCodePoint(viaUpper)) return viaUpper;
  const lower = ch.toLowerCase();
  return isSingleCodePoint(lower) ? lower : ch;
}

function isSingleCodePoint(text: string): boolean {
  const first = text.codePointAt(0);
  return first !== undefined && text.length === (first > 0xffff ? 2 : 1);
}
