/**
 * How many columns a terminal gives a text, so that tables of pool and agent names line up whatever script
 * the names are written in: per grapheme (what the eye sees as one character), East Asian wide and fullwidth
 * characters (Unicode UAX #11, `W` and `F`) and emoji shown as pictures take two columns, combining marks,
 * joiners and controls none, everything else one.
 */

/** The `W` and `F` blocks of UAX #11's EastAsianWidth.txt that names are written in (CJK, Hangul, kana, fullwidth forms). */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x18aff],
  [0x1b000, 0x1b2ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

/** Printable ASCII: one column a character, the common case, answered without segmenting. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

// Made on the first name that is not plain ASCII: ICU's segmenter is not free to build, and most starts of
// the command line (`--version`, `--help`, ASCII pool names) never need it (bench/cli.ts).
let segmenter: Intl.Segmenter | undefined;

export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  let width = 0;
  for (const { segment } of segmenter.segment(text)) width += graphemeWidth(segment);
  return width;
}

/** The text followed by spaces up to `width` columns. */
export function padToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function graphemeWidth(grapheme: string): number {
  // A picture: an emoji shown as one by default, or asked to be (U+FE0F), and flags (two regional indicators).
  if (
    /\p{Emoji_Presentation}|\uFE0F|\p{Regional_Indicator}/u.test(grapheme) &&
    /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(grapheme)
  )
    return 2;
  const first = grapheme.codePointAt(0) ?? 0;
  if (WIDE.some(([from, to]) => first >= from && first <= to)) return 2;
  return /^[\p{Cc}\p{Cf}\p{M}]+$/u.test(grapheme) ? 0 : 1;
}
