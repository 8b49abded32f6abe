/**
 * Sentences a face loads with the view that shows them rather than at its start (the hub's first-load
 * budget): their catalog's module registers them when imported, and the renderers (`model/render.ts`) find
 * them here after the shared catalog.
 */
const registered: Record<string, string> = {};

export function registerMessages(catalog: Readonly<Record<string, string>>): void {
  Object.assign(registered, catalog);
}

export function registeredMessage(key: string): string | undefined {
  return registered[key];
}
