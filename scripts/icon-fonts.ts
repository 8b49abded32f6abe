/**
 * azure-devops-ui draws icons with three icon fonts (1.3 MB, thousands of glyphs), of which the hub shows
 * a handful. The built styles keep the glyphs of the icons the hub's code names, and each font is cut down
 * to them (subset-font, HarfBuzz's subsetter), under a name of its own content's hash.
 *
 * Which icons: every `.ms-Icon--<Name>:before` rule in the styles names its font and its glyph; an icon
 * counts as used when `<Name>` appears as a word in the built JavaScript (the hub's `iconName: 'Refresh'`
 * and the library's own, such as a panel's `Cancel`). A word that only looks like an icon's name keeps a
 * glyph too much, never one too few; the browser test checks that every icon on screen draws its glyph.
 * The rules of the other icons go from the styles too.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import subsetFont from 'subset-font';

interface IconRule {
  names: string[];
  family: string;
  codePoint: number;
}

export interface SubsetFont {
  file: string;
  family: string;
  glyphs: number;
  bytesBefore: number;
  bytes: number;
}

const ICON_RULE = /([^{}]*\.ms-Icon--[^{}]*)\{([^{}]*)\}/g;
const FONT_FACE = /@font-face\{([^{}]*)\}/g;

/** Cuts every icon font the stylesheet declares down to the glyphs of the icons the code names. */
export async function subsetIconFonts(cssFile: string, code: string): Promise<SubsetFont[]> {
  const words = new Set(code.match(/\w+/g));
  const used = (rule: IconRule) => rule.names.some((name) => words.has(name));
  let css = readFileSync(cssFile, 'utf8').replace(ICON_RULE, (whole: string, selector: string, body: string) => {
    const rule = iconRule(selector, body);
    return rule && !used(rule) ? '' : whole;
  });
  const needed = new Map<string, Set<number>>();
  for (const rule of iconRules(css)) {
    if (!needed.has(rule.family)) needed.set(rule.family, new Set());
    needed.get(rule.family)!.add(rule.codePoint);
  }
  const results: SubsetFont[] = [];
  for (const { family, url, format } of fontFaces(css)) {
    const file = path.resolve(path.dirname(cssFile), url);
    const original = readFileSync(file);
    const codePoints = [...(needed.get(family) ?? [])].sort((a, b) => a - b);
    const subset = await subsetFont(original, String.fromCodePoint(...codePoints), {
      targetFormat: format === 'woff2' ? 'woff2' : 'woff',
    });
    const hash = createHash('sha256').update(subset).digest('hex').slice(0, 8).toUpperCase();
    const renamed = path.join(
      path.dirname(file),
      `${path.basename(file).replace(/-[A-Z0-9]+(\.woff2?)$/, '')}-${hash}${path.extname(file)}`,
    );
    writeFileSync(file, subset);
    renameSync(file, renamed);
    css = css.split(url).join(path.posix.join(path.posix.dirname(url), path.basename(renamed)));
    results.push({ file: renamed, family, glyphs: codePoints.length, bytesBefore: original.length, bytes: subset.length });
  }
  writeFileSync(cssFile, css);
  return results;
}

function iconRules(css: string): IconRule[] {
  return [...css.matchAll(ICON_RULE)].flatMap(([, selector, body]) => iconRule(selector, body) ?? []);
}

/** A rule that draws an icon's glyph; undefined for the other rules about icons (sizes, nudges). */
function iconRule(selector: string, body: string): IconRule | undefined {
  const family = /font-family:\s*"?([^";]+)"?/.exec(body)?.[1];
  const content = /content:\s*"\\([0-9a-fA-F]+)\s*"/.exec(body)?.[1];
  if (!family || !content) return undefined;
  const names = [...selector.matchAll(/\.ms-Icon--(\w+)/g)].map((match) => match[1]);
  return { names, family, codePoint: parseInt(content, 16) };
}

function fontFaces(css: string): Array<{ family: string; url: string; format: string }> {
  return [...css.matchAll(FONT_FACE)].map(([, body]) => {
    const family = /font-family:\s*"?([^";]+)"?/.exec(body)?.[1];
    const source = /url\("?([^")]+)"?\)\s*format\("?(\w+)"?\)/.exec(body);
    if (!family || !source) throw new Error(`An @font-face the build cannot read: ${body}`);
    return { family, url: source[1], format: source[2] };
  });
}
