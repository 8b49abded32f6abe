/**
 * Route matching the service's way: path segments and query names compare case-insensitively,
 * `{name}` captures a segment, a trailing `{name?}` may be absent, unknown query names are ignored.
 */
import type { ApiVersion } from './api-version';
import type { LinkBase } from './contracts';
import { argumentInvalid, methodNotAllowed } from './errors';
import type { Reply } from './reply';
import type { OrgState, StoredIdentity } from './state';
import type { WireOptions } from './wire';

export interface RequestContext {
  org: OrgState;
  identity: StoredIdentity;
  method: string;
  params: Record<string, string>;
  query: Query;
  /** The parsed JSON body; undefined when absent or unreadable, as model binding leaves it. */
  body: unknown;
  wire: WireOptions;
  links: LinkBase;
  /** The api-version asked for; absent on a GET without one. */
  apiVersion?: ApiVersion;
}

export type Handler<Context = RequestContext> = (context: Context) => Reply;

export interface Route<Context = RequestContext> {
  /** e.g. `_apis/distributedtask/pools/{poolId}/agents/{agentId?}`, relative to the organization. */
  pattern: string;
  handlers: Partial<Record<string, Handler<Context>>>;
}

export type RouteMatch<Context> = { handler: Handler<Context>; params: Record<string, string> };

export class Router<Context = RequestContext> {
  private readonly routes: { segments: string[]; handlers: Route<Context>['handlers'] }[];

  constructor(routes: readonly Route<Context>[]) {
    this.routes = routes.map((route) => ({ segments: route.pattern.split('/'), handlers: route.handlers }));
  }

  /** The matching handler; undefined for an unknown path; throws 405 for a known path and unknown method. */
  find(method: string, segments: readonly string[]): RouteMatch<Context> | undefined {
    let pathKnown = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      const handler = route.handlers[method];
      if (handler) return { handler, params };
      pathKnown = true;
    }
    if (pathKnown) throw methodNotAllowed(method);
    return undefined;
  }
}

function matchSegments(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  const optionalTail = pattern[pattern.length - 1]?.endsWith('?}') ? 1 : 0;
  if (segments.length > pattern.length || segments.length < pattern.length - optionalTail) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const part = pattern[index];
    const capture = /^\{(\w+)\??\}$/.exec(part);
    if (capture) params[capture[1]] = segment;
    else if (part.toLowerCase() !== segment.toLowerCase()) return undefined;
  }
  return params;
}

/** Query values by case-insensitive name (`poolID` = `poolId`; `%24top` arrives decoded as `$top`). */
export class Query {
  private readonly values = new Map<string, string>();

  constructor(search: URLSearchParams) {
    for (const [name, value] of search) {
      if (!this.values.has(name.toLowerCase())) this.values.set(name.toLowerCase(), value);
    }
  }

  /** Undefined when absent or empty, as clients drop empty values anyway. */
  get(name: string): string | undefined {
    const value = this.values.get(name.toLowerCase());
    return value === '' ? undefined : value;
  }

  int(name: string): number | undefined {
    const value = this.get(name);
    return value === undefined ? undefined : parseInteger(value, name);
  }

  bool(name: string): boolean {
    return this.get(name)?.toLowerCase() === 'true';
  }

  /** A comma-separated list, split after decoding. */
  list(name: string): string[] | undefined {
    return this.get(name)
      ?.split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }

  intList(name: string): number[] | undefined {
    return this.list(name)?.map((item) => parseInteger(item, name));
  }

  /** An enum given as its number or its case-insensitive name. */
  enumValue(name: string, members: Record<string, number>): number | undefined {
    const value = this.get(name);
    if (value === undefined) return undefined;
    if (/^-?\d+$/.test(value)) return Number(value);
    const member = Object.entries(members).find(([memberName]) => memberName.toLowerCase() === value.toLowerCase());
    if (!member) throw argumentInvalid(`The value '${value}' is not valid for ${name}.`);
    return member[1];
  }
}

function parseInteger(value: string, name: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw argumentInvalid(`The value '${value}' is not valid for ${name}.`);
  return Number(value);
}
