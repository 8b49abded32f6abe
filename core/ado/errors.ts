/**
 * What kind of failure a call to Azure DevOps met, as the faces can explain it, never as a raw HTTP error.
 * `serviceMessage` is the service's own text: untrusted, and shown only after escaping.
 */
export type AdoFailureKind =
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
  | 'hostNotFound' // the name of `endpoint`, the organization's host, does not resolve (no proxy in between)
  | 'connectionRefused'; // `endpoint` refused the connection or never answered it (no proxy in between)

export class AdoError extends Error {
  readonly name = 'AdoError';
  constructor(
    /** Named `kind`, not `cause`: ES2022's `Error.cause` is the error that caused this one. */
    readonly kind: AdoFailureKind,
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
    super(`${method} ${resource}: ${kind}${status ? ` (HTTP ${status})` : ''}${serviceMessage ? `: ${serviceMessage}` : ''}`);
  }
}

/**
 * An HTTP error answer as an `AdoError`, whichever client received it: its kind by the status, and the
 * service's own `{message, typeKey}` when the body is one.
 */
export function httpFailure(method: string, resource: string, status: number, body: unknown, retryAfterSeconds?: number): AdoError {
  const { message, typeKey } = isObject(body) ? body : {};
  return new AdoError(
    failureKindOf(status),
    method,
    resource,
    status,
    typeof message === 'string' ? message : undefined,
    typeof typeKey === 'string' ? typeKey : undefined,
    retryAfterSeconds,
  );
}

function failureKindOf(status: number): AdoFailureKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 409) return 'conflict';
  if (status === 429) return 'throttled';
  if (status >= 300 && status < 400) return 'redirected';
  if (status >= 500) return 'unavailable';
  return 'badRequest';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
