/**
 * The icons on screen and whether each draws its own glyph. The icon fonts are cut down to the icons the
 * build finds in the code (scripts/icon-fonts.ts); an icon it missed would draw what the font draws for a
 * character it lacks. So each icon's character is drawn on a canvas in the icon's font, beside a
 * character no font has (U+10FFFD, the last private-use one): the same pixels mean the glyph is missing.
 */
import type { Frame } from 'playwright-core';

export interface IconOnScreen {
  name: string;
  drawn: boolean;
}

// A string, not a function: the test runner's transpiler would add helpers the page does not have.
const ICONS_ON_SCREEN = `(async () => {
  const picture = (glyph, family) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 48;
    const context = canvas.getContext('2d');
    context.font = '32px ' + family;
    context.fillText(glyph, 8, 40);
    return canvas.toDataURL();
  };
  const icons = new Map();
  for (const element of document.querySelectorAll('[class*="ms-Icon--"]')) {
    const name = [...element.classList].find((c) => c.startsWith('ms-Icon--')).slice('ms-Icon--'.length);
    const style = getComputedStyle(element, '::before');
    const glyph = /^"(.+)"$/u.exec(style.content)?.[1];
    if (!glyph) { icons.set(name, false); continue; }
    await document.fonts.load('32px ' + style.fontFamily, glyph);
    icons.set(name, picture(glyph, style.fontFamily) !== picture('\\u{10FFFD}', style.fontFamily));
  }
  return [...icons].map(([name, drawn]) => ({ name, drawn }));
})()`;

export async function iconsOnScreen(frame: Frame): Promise<IconOnScreen[]> {
  return (await frame.evaluate(ICONS_ON_SCREEN)) as IconOnScreen[];
}
