/**
 * Walking the hub by keyboard as a person does: real key presses in the browser, and what has focus read
 * from the hub frame's DOM. Whether focus is visible is judged on the screen: the focused control is
 * photographed with focus and without it, and the two pictures must differ by about a ring around it.
 */
import type { Frame, Page } from 'playwright-core';

/**
 * A control as a person tells it apart: its tag, its role and its name (label or text), e.g.
 * `button|button|Refresh`; the second and later controls of one description in a scope get `#2`, `#3`.
 */
export type Control = string;

/** The whole page; a panel or dialog is `[role="dialog"]`, whose last match is the topmost. */
const PAGE = 'body';
export const TOP_LAYER = '[role="dialog"]';

interface FocusState {
  /** The focused control, `body` when nothing has focus. */
  focused: Control;
  /** What Tab can reach in the scope, in document order: focusable, enabled, shown, not taken out of the Tab order. */
  tabbable: Control[];
}

/**
 * Reads focus within `scope` (its last match); with `focusIndex`, first focuses that control of the scope.
 * Runs in the page, where the test runner's helpers do not exist: no named functions inside.
 */
function readFocus(hub: Frame, scope: string, focusIndex?: number): Promise<FocusState> {
  return hub.evaluate(
    ([scopeSelector, at]) => {
      const roots = document.querySelectorAll(scopeSelector);
      const root = roots[roots.length - 1];
      if (!root) throw new Error(`Nothing matches ${scopeSelector}.`);
      const elements = Array.from(
        root.querySelectorAll<HTMLElement>(
          'a[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable="true"]',
        ),
      ).filter(
        (element) =>
          element.tabIndex >= 0 &&
          !element.hasAttribute('disabled') &&
          element.getClientRects().length > 0 &&
          getComputedStyle(element).visibility !== 'hidden' &&
          !element.closest('details:not([open]) > :not(summary)'),
      );
      if (at !== undefined) elements[at].focus();
      const active = document.activeElement;
      // Each element's description, the focused one's last.
      const described = [...elements, active].map((element) => {
        if (!element || element === document.body) return 'body';
        const name = element.getAttribute('aria-label') ?? (element as HTMLElement).innerText?.trim().replace(/\s+/g, ' ').slice(0, 60);
        return `${element.tagName.toLowerCase()}|${element.getAttribute('role') ?? ''}|${name ?? ''}`;
      });
      const seen = new Map<string, number>();
      const tabbable = described.slice(0, -1).map((description) => {
        const count = (seen.get(description) ?? 0) + 1;
        seen.set(description, count);
        return count === 1 ? description : `${description}#${count}`;
      });
      const index = elements.findIndex((element) => element === active);
      return { focused: index >= 0 ? tabbable[index] : described[described.length - 1], tabbable };
    },
    [scope, focusIndex] as const,
  );
}

export async function focusedControl(hub: Frame, scope = PAGE): Promise<Control> {
  return (await readFocus(hub, scope)).focused;
}

export async function tabbableControls(hub: Frame, scope: string): Promise<Control[]> {
  return (await readFocus(hub, scope)).tabbable;
}

/** Focuses the `index`-th control of the scope's Tab order and names it. */
export async function focusControl(hub: Frame, scope: string, index: number): Promise<Control> {
  return (await readFocus(hub, scope, index)).focused;
}

/** Presses `key` (Tab, Shift+Tab) `presses` times and returns what got focus after each press. */
export async function pressEach(page: Page, hub: Frame, presses: number, scope = PAGE, key = 'Tab'): Promise<Control[]> {
  const visited: Control[] = [];
  for (let press = 0; press < presses; press++) {
    await page.keyboard.press(key);
    visited.push(await focusedControl(hub, scope));
  }
  return visited;
}

/** `controls` in the order Tab visits them from `current`: from the one after it, round to itself. */
export function cycleFrom(controls: readonly Control[], current: Control): Control[] {
  const at = controls.indexOf(current);
  return [...controls.slice(at + 1), ...controls.slice(0, at + 1)];
}

/**
 * How many pixels around the focused control change when it loses focus, against the length of a ring
 * drawn around it: the focus indication a sighted keyboard user sees. The control is photographed (with a
 * margin for rings drawn outside it), blurred, photographed again and focused again.
 */
export async function focusIndication(page: Page, hub: Frame): Promise<{ changed: number; ring: number }> {
  const focused = hub.locator(':focus');
  const box = await focused.boundingBox();
  if (!box) throw new Error('Nothing in the hub has focus, or it is not on screen.');
  const margin = 6;
  const viewport = page.viewportSize()!;
  const x = Math.max(0, Math.floor(box.x - margin));
  const y = Math.max(0, Math.floor(box.y - margin));
  const clip = {
    x,
    y,
    width: Math.min(viewport.width - x, Math.ceil(box.width + 2 * margin)),
    height: Math.min(viewport.height - y, Math.ceil(box.height + 2 * margin)),
  };
  const shot = async () => (await page.screenshot({ clip, animations: 'disabled' })).toString('base64');
  const withFocus = await shot();
  const handle = await focused.elementHandle();
  await handle!.evaluate((element) => (element as HTMLElement).blur());
  const withoutFocus = await shot();
  await handle!.evaluate((element) => (element as HTMLElement).focus());
  await handle!.dispose();
  const changed = await page.evaluate(countChangedPixels, [withFocus, withoutFocus] as const);
  // The part of the control on screen: a tall tab panel shows only its top.
  return { changed, ring: 2 * (clip.width + clip.height - 4 * margin) };
}

/** Runs in the browser (no named functions inside): how many pixels differ clearly between two PNG pictures of one size. */
async function countChangedPixels(pictures: readonly [string, string]): Promise<number> {
  const [a, b] = await Promise.all(
    pictures.map(async (base64) => {
      const image = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
      const context = new OffscreenCanvas(image.width, image.height).getContext('2d')!;
      context.drawImage(image, 0, 0);
      return context.getImageData(0, 0, image.width, image.height).data;
    }),
  );
  let changed = 0;
  for (let index = 0; index < a.length; index += 4) {
    const delta = Math.max(Math.abs(a[index] - b[index]), Math.abs(a[index + 1] - b[index + 1]), Math.abs(a[index + 2] - b[index + 2]));
    if (delta > 24) changed++;
  }
  return changed;
}
