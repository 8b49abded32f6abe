/**
 * The one place that touches the network. The task and the CLI use the Node transport (`node/transport.ts`,
 * with the agent's or the environment's proxy and certificates); tests and other hosts can pass their own,
 * so the client layer never depends on a runtime.
 */
export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

export interface TransportResponse {
  status: number;
  header(name: string): string | null;
  text: string;
}

export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/**
 * Why no answer came, when the cause is one the user can fix in the network settings rather than a
 * failure of the service: each has its own message and is not tried again.
 */
export type TransportFailureReason =
  /** The proxy answered the tunnel request with an error status: 407 wants credentials, 403 or 502 will not connect. */
  | 'proxyRefused'
  /** No connection to the proxy: its name did not resolve, or nothing answered at its address. */
  | 'proxyUnreachable'
  /** The server's TLS certificate is not issued by a trusted authority, or not for its host name. */
  | 'untrustedCertificate'
  /** The host's name did not resolve (no proxy in between). */
  | 'hostNotFound'
  /** Nothing accepted or answered the connection to the host (no proxy in between). */
  | 'connectionRefused';

export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly reason: TransportFailureReason,
    /** The proxy's origin or the host concerned: never credentials. */
    readonly endpoint: string,
    /** The proxy's answer, for `proxyRefused`. */
    readonly status?: number,
  ) {
    super(`${reason}: ${endpoint}${status ? ` (HTTP ${status})` : ''}`);
  }
}

export const fetchTransport: Transport = async ({ method, url, headers, body, signal }) => {
  // Redirects are not followed: the service answers a bad token with a redirect to a sign-in page,
  // which must surface as "unauthorized", and a redirect would carry the Authorization header along.
  const response = await fetch(url, { method, headers, body, signal, redirect: 'manual' });
  return { status: response.status, header: (name) => response.headers.get(name), text: await response.text() };
};
