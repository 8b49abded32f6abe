/**
 * The transport of the task and the command line: Node's own HTTP stack (undici), through the proxy the
 * agent or the environment names and with the certificate authorities and client certificate they name.
 * A network path that cannot work (a proxy that refuses, an untrusted certificate, a host no one answers
 * for) is reported as such, so the user is told what to fix rather than that the service failed.
 */
// First: undici compiles its HTTP parser as it loads (see the module).
import './wasm-baseline';
import { rootCertificates } from 'node:tls';
import { Agent, ProxyAgent, request, type Dispatcher } from 'undici';
import { proxyFor, type ProxyEndpoint, type ProxySettings } from '../core/ado/proxy';
import { TransportError, type Transport } from '../core/ado/transport';

export interface TlsSettings {
  /** Certificate authorities (PEM) trusted besides the ones Node trusts. */
  certificateAuthorities: readonly string[];
  /** A client certificate to present, for servers or proxies that ask for one (PEM). */
  clientCertificate?: { cert: string; key: string; passphrase?: string };
}

export interface NetworkSettings {
  proxy?: ProxySettings;
  tls: TlsSettings;
}

/**
 * Node's certificate checks (`tls` "X509 certificate error codes", OpenSSL's verify results) that say the
 * server's certificate is not to be trusted, as opposed to a connection that failed.
 */
const CERTIFICATE_CODES = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
/** The name did not resolve (Node's `errors.md`: getaddrinfo's codes). */
const NAME_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NODATA', 'EAI_NONAME', 'EAI_FAIL']);
/** A name that resolved, and nothing accepted or answered the connect. */
const CONNECT_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

export function nodeTransport(settings: NetworkSettings): Transport {
  const tls = tlsOptions(settings.tls);
  const direct = new Agent({ connect: tls });
  const viaProxy = new Map<string, ProxyAgent>();
  const dispatcherFor = (proxy: ProxyEndpoint | undefined): Dispatcher => {
    if (!proxy) return direct;
    const key = `${proxy.url} ${proxy.username ?? ''}`;
    let agent = viaProxy.get(key);
    if (!agent) {
      agent = new ProxyAgent({
        uri: proxy.url,
        token: proxy.username === undefined ? undefined : `Basic ${basic(proxy.username, proxy.password ?? '')}`,
        // The tunnel carries TLS to the host itself, checked against the same authorities.
        requestTls: tls,
        proxyTls: tls,
      });
      viaProxy.set(key, agent);
    }
    return agent;
  };

  return async ({ method, url, headers, body, signal }) => {
    const proxy = proxyFor(url, settings.proxy);
    try {
      // `request` follows no redirect: the service answers a bad token with a redirect to a sign-in page,
      // which must surface as "unauthorized", and a redirect would carry the Authorization header along.
      const response = await request(url, { method, headers, body, signal, dispatcher: dispatcherFor(proxy) });
      const text = await response.body.text();
      return { status: response.statusCode, header: (name) => headerValue(response.headers[name.toLowerCase()]), text };
    } catch (error) {
      throw classified(error, url, proxy) ?? error;
    }
  };
}

/** With authorities of its own, Node's trust store is given too: `ca` replaces it rather than adding to it. */
function tlsOptions(settings: TlsSettings): Record<string, unknown> {
  return {
    ...(settings.certificateAuthorities.length > 0 ? { ca: [...rootCertificates, ...settings.certificateAuthorities] } : {}),
    ...settings.clientCertificate,
  };
}

/** What the user can fix in the network settings; undefined for anything else (a reset, a time-out). */
function classified(error: unknown, url: string, proxy: ProxyEndpoint | undefined): TransportError | undefined {
  const host = new URL(url).host;
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    // undici 6 reports a refused tunnel only in its message (`lib/dispatcher/proxy-agent.js`).
    const refused = /Proxy response \((\d+)\)/.exec(cause.message);
    if (refused && proxy) return new TransportError('proxyRefused', proxy.url, Number(refused[1]));
    const code = (cause as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (CERTIFICATE_CODES.has(code)) return new TransportError('untrustedCertificate', host);
    // Through a proxy, the only connection this machine opens is the one to the proxy.
    if (NAME_CODES.has(code) || CONNECT_CODES.has(code)) {
      if (proxy) return new TransportError('proxyUnreachable', proxy.url);
      return new TransportError(NAME_CODES.has(code) ? 'hostNotFound' : 'connectionRefused', host);
    }
  }
  return undefined;
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

function basic(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`).toString('base64');
}
