/**
 * WCAG 2.1 non-text contrast (1.4.11: 3:1 against what is next to it) for the status icons, which axe
 * does not measure: an icon's colour against the background it is painted on, as the browser computed
 * them, backgrounds with transparency composed over the ones beneath.
 */
import type { Frame } from 'playwright-core';

type Rgba = [number, number, number, number];

export interface IconContrast {
  /** The icon's classes and the text next to it, to find it. */
  icon: string;
  ratio: number;
}

/** Each status icon on screen in the frame, with its contrast against its background. */
export async function statusIconContrast(frame: Frame): Promise<IconContrast[]> {
  const icons = await frame.evaluate(() =>
    Array.from(document.querySelectorAll<SVGElement>('svg.bolt-status'))
      .filter((icon) => icon.getClientRects().length > 0)
      .map((icon) => {
        // Backgrounds from the icon outwards, up to the document.
        const backgrounds: string[] = [];
        for (let element: Element | null = icon.parentElement; element; element = element.parentElement) {
          backgrounds.push(getComputedStyle(element).backgroundColor);
        }
        return {
          icon: `${icon.getAttribute('class')} beside "${icon.parentElement?.textContent?.trim().slice(0, 40) ?? ''}"`,
          color: getComputedStyle(icon).fill,
          backgrounds,
        };
      }),
  );
  return icons.map(({ icon, color, backgrounds }) => ({ icon, ratio: contrastRatio(parse(color), backdrop(backgrounds.map(parse))) }));
}

/** The colour the backgrounds show together: the innermost opaque one, with the translucent ones inside it laid over it. */
function backdrop(fromInside: Rgba[]): Rgba {
  const opaque = fromInside.findIndex(([, , , alpha]) => alpha >= 1);
  let result: Rgba = opaque === -1 ? [255, 255, 255, 1] : fromInside[opaque];
  for (const layer of fromInside.slice(0, opaque === -1 ? undefined : opaque).reverse()) result = over(layer, result);
  return result;
}

function over([r, g, b, a]: Rgba, [br, bg, bb]: Rgba): Rgba {
  return [r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a), 1];
}

function parse(color: string): Rgba {
  const parts = /rgba?\(([^)]+)\)/
    .exec(color)?.[1]
    .split(/[\s,/]+/)
    .filter(Boolean)
    .map(Number);
  if (!parts || parts.length < 3) throw new Error(`Cannot read the colour ${color}.`);
  return [parts[0], parts[1], parts[2], parts[3] ?? 1];
}

/** WCAG 2.1's contrast ratio, from the relative luminance of each colour. */
function contrastRatio(foreground: Rgba, background: Rgba): number {
  const [lighter, darker] = [luminance(over(foreground, background)), luminance(background)].sort((a, b) => b - a);
  return (lighter + 0.05) / (darker + 0.05);
}

function luminance([r, g, b]: Rgba): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}
