import { useEffect } from 'react';
import { setFocusVisible } from 'azure-devops-ui/Util';

/**
 * azure-devops-ui draws its focus ring only after it saw a key pressed in this document (`Util.js` sets
 * `bolt-focus-visible` on the body from a document keydown listener and clears it on mousedown). The portal frames
 * the hub, so the Tab that moves focus from the portal into the hub is pressed in the portal's document,
 * and the first control the user reaches would have no ring. When focus arrives from outside the document,
 * the browser's own judgement (`:focus-visible`, true for focus moved by the keyboard, false for a click)
 * decides whether the ring shows.
 */
export function useKeyboardFocusRing(): void {
  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      const arrivedFromOutside = event.relatedTarget === null;
      if (arrivedFromOutside && event.target instanceof Element && event.target.matches(':focus-visible')) setFocusVisible(true);
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, []);
}
