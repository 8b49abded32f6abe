import { useEffect, useRef } from 'react';

/** The open panels and dialogs, innermost last; each entry closes its layer. */
const layers: Array<{ close(): void }> = [];

/**
 * Escape closes the innermost open panel or dialog, whichever control in it has focus. azure-devops-ui's
 * panels and dialogs close on an Escape that reaches them, but its Button takes an Escape for itself: it
 * blurs and stops the event (azure-devops-ui 2.277, `Components/Button/Button.js`, `onKeyDown`), so focus fell to the page body
 * from Close, Copy, Save or Cancel and nothing closed. The key is taken before any control sees it.
 */
function onKeyDown(event: KeyboardEvent): void {
  const top = layers.at(-1);
  if (event.key !== 'Escape' || !top || event.defaultPrevented) return;
  event.preventDefault();
  event.stopPropagation();
  top.close();
}

/**
 * Registers a panel or dialog for as long as it is mounted. A layer opened later is closed first: a dialog
 * opened from a panel goes before the panel, as the user sees them stacked.
 */
export function useEscapeToClose(close: () => void): void {
  const latest = useRef(close);
  useEffect(() => {
    latest.current = close;
  });
  useEffect(() => {
    const layer = { close: () => latest.current() };
    layers.push(layer);
    if (layers.length === 1) document.addEventListener('keydown', onKeyDown, true);
    return () => {
      layers.splice(layers.indexOf(layer), 1);
      if (layers.length === 0) document.removeEventListener('keydown', onKeyDown, true);
    };
  }, []);
}
