/**
 * Which requests go through a proxy, and which one: the agent's proxy settings in the task, the
 * `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` conventions on the command line. The Node transport
 * (`node/transport.ts`) asks `proxyFor` before every request.
 */

/** A proxy, with its credentials apart so that its URL can be shown: they are never part of `url`. */
export interface ProxyEndpoint {
  /** The proxy's origin, e.g. `http://proxy.contoso.com:8080`. */
  url: string;
  username?: string;
  password?: string;
}

export type BypassRule =
  /**
   * An entry of the agent's bypass list (`.proxybypass`, `Agent.ProxyBypassList`): a regular expression
   * tested, case-insensitively, on the whole request URL, as task-lib's `getHttpProxyConfiguration` does
   * (azure-pipelines-task-lib 5.281 `node/task.ts`).
   */
  | { kind: 'urlPattern'; pattern: RegExp }
  /**
   * A `NO_PROXY` entry, read as undici's `EnvHttpProxyAgent` reads it (undici 6.29
   * `lib/dispatcher/env-http-proxy-agent.js`): `*` bypasses everything; `.contoso.com` or `*.contoso.com`
   * every host ending so; any other name that host alone; `host:port` that port alone.
   */
  | { kind: 'host'; host: string; port?: number };

export interface ProxySettings {
  /** For `http:` URLs. */
  http?: ProxyEndpoint;
  /** For `https:` URLs. */
  https?: ProxyEndpoint;
  /** Requests matching any of these go straight to the host. */
  bypass: readonly BypassRule[];
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** The proxy a request to `url` goes through, or undefined when it goes straight to the host. */
export function proxyFor(url: string, settings: ProxySettings | undefined): ProxyEndpoint | undefined {
  if (!settings) return undefined;
  const target = new URL(url);
  const proxy = target.protocol === 'https:' ? settings.https : settings.http;
  if (!proxy || settings.bypass.some((rule) => bypasses(rule, target, url))) return undefined;
  return proxy;
}

function bypasses(rule: BypassRule, target: URL, url: string): boolean {
  if (rule.kind === 'urlPattern') return rule.pattern.test(url);
  if (rule.host === '*') return true;
  const port = Number(target.port) || DEFAULT_PORTS[target.protocol];
  if (rule.port !== undefined && rule.port !== port) return false;
  // `hostname` keeps an IPv6 address's brackets, as NO_PROXY writes it.
  const host = target.hostname.toLowerCase();
  return /^[.*]/.test(rule.host) ? host.endsWith(rule.host.replace(/^\*/, '')) : host === rule.host;
}

/** `NO_PROXY` as written: entries separated by commas or spaces. */
export function parseNoProxy(text: string): BypassRule[] {
  return text
    .split(/[,\s]+/)
    .filter((entry) => entry !== '')
    .map((entry) => {
      const withPort = /^(.+):(\d+)$/.exec(entry);
      const host = (withPort ? withPort[1] : entry).toLowerCase();
      return withPort ? { kind: 'host', host, port: Number(withPort[2]) } : { kind: 'host', host };
    });
}
