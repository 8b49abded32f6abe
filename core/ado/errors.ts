/**
 * Why a call to Azure DevOps failed, as a cause the faces can explain, never as a raw HTTP error.
 * `serviceMessage` is the service's own text: untrusted, and shown only after escaping.
 */
export type AdoFailureCause =
  | 'unauthorized' // 401, or the 203 sign-in page: the token is wrong, expired or lacks the scope
  | 'forbidden' // 403: the identity lacks a role on the pool
  | 'notFound' // 404
  | 'conflict' // 409
  | 'badRequest' // 400
  | 'throttled' // 429 still after the retries the budget allowed
  | 'unavailable' // 5xx or a dropped connection, still after retries
  | 'timeout' // the time budget ran out
  | 'malformed' // a 2xx body that is not the JSON the API documents
  | 'redirected' // 3xx: the organization URL points somewhere else
  | 'proxyRefused' // the proxy answered 407 (credentials) or would not connect: see `endpoint`
  | 'proxyUnreachable' // no connection to the proxy named by `endpoint`
  | 'untrustedCertificate' // the TLS certificate of `endpoint` is not trusted
  | 'hostUnreachable'; // no connection to `endpoint`, the organization's host, without a proxy

export class AdoError extends Error {
  readonly name = 'AdoError';
  constructor(
    readonly cause: AdoFailureCause,
    readonly method: string,
    /** Path and query only: never the host's credentials, never a token. */
    readonly resource: string,
    readonly status?: number,
    readonly serviceMessage?: string,
    readonly typeKey?: string,
    /** Seconds the service asked us to wait, when it said so. */
    readonly retryAfterSeconds?: number,
    /** For a failure of the network path: the proxy's origin or the host concerned, never credentials. */
    readonly endpoint?: string,
  ) {
    super(`${method} ${resource}: ${cause}${status ? ` (HTTP ${status})` : ''}${serviceMessage ? `: ${serviceMessage}` : ''}`);
  }
}
