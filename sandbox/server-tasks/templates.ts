/**
 * How the service fills a server task's request from its inputs before sending it.
 *
 * - Macros `$(name)`: task inputs, variables (`system.accessToken`, `system.teamFoundationCollectionUri`,
 *   a chain's output variables) and the endpoint's `$(endpoint.url)` and data, by name ignoring case;
 *   an unknown macro is left as written, as the agent leaves it (`docs/authoring/servertaskauthoring.md`:
 *   "You can use task inputs, system variables, user defined variables and endpoint variables").
 * - Then Mustache sections over the inputs, as Microsoft's tasks use them in their URLs:
 *   `{{#if name}}…{{else}}…{{/if}}` (`Tasks/AzurePolicyV0`, `Tasks/AzureMonitorV1`) and `{{name}}`.
 * - An endpoint type's header templates (`docs/extend/develop/auth-schemes.md`): `{{endpoint.apitoken}}`,
 *   `{{ #base64 endpoint.username ":" endpoint.password }}`, the helper joining its arguments.
 *
 * The service's template engine is not public; these are the forms its own tasks rely on.
 */

export type Lookup = (name: string) => string | undefined;

/** Looks names up ignoring case, in the first table that has them. */
export function lookupIn(...tables: readonly Record<string, string>[]): Lookup {
  return (name) => {
    for (const table of tables) {
      const key = Object.keys(table).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
      if (key !== undefined) return table[key];
    }
    return undefined;
  };
}

export function expandMacros(text: string, lookup: Lookup): string {
  return text.replace(/\$\(([^()]+)\)/g, (macro, name: string) => lookup(name.trim()) ?? macro);
}

/** `{{#if name}}…{{else}}…{{/if}}` (nested) and `{{name}}`: a value is true when not empty. */
export function expandSections(text: string, lookup: Lookup): string {
  const section = /\{\{#if\s+([\w.]+)\s*\}\}((?:(?!\{\{#if\b)[\s\S])*?)\{\{\/if\}\}/;
  let result = text;
  for (let match = section.exec(result); match; match = section.exec(result)) {
    const [whole, name, body] = match;
    const [whenTrue, whenFalse = ''] = body.split('{{else}}');
    result = result.replace(whole, (lookup(name) ?? '') !== '' ? whenTrue : whenFalse);
  }
  return result.replace(/\{\{\{?\s*([\w.]+)\s*\}?\}\}/g, (_, name: string) => lookup(name) ?? '');
}

/** A header value of an endpoint's authentication scheme, e.g. `Basic {{ #base64 ":" endpoint.apitoken }}`. */
export function renderHeaderTemplate(template: string, endpointValue: Lookup): string {
  return template.replace(/\{\{\{?\s*(#base64\s+)?([^}]*?)\s*\}?\}\}/g, (_, base64: string | undefined, args: string) => {
    const parts = [...args.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)].map(([, double, single, name]) =>
      double !== undefined ? double.replace(/\\(.)/g, '$1') : single !== undefined ? single : (endpointValue(name) ?? ''),
    );
    const joined = parts.join('');
    return base64 ? Buffer.from(joined, 'utf8').toString('base64') : joined;
  });
}
