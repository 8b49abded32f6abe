import { systemClock, type Clock } from '../clock';
import { PRODUCT_NAME, PRODUCT_VERSION } from '../product';
import { AdoError, httpFailure } from './errors';
import { Transport, TransportError, TransportResponse } from './transport';

export type Credentials =
  /** A personal access token, sent as Basic auth with an empty user name. */
  | { kind: 'pat'; token: string }
  /** A bearer token, e.g. the job's `System.AccessToken`. */
  | { kind: 'bearer'; token: string };

export interface HttpOptions {
  /** The organization URL, e.g. `https://dev.azure.com/contoso`. */
  orgUrl: string;
  credentials: Credentials;
  transport: Transport;
  /** When the whole operation must be over: retries and waits never run past it. */
  deadline: number;
  /** Attempts per request for retryable failures (429, 5xx, dropped connections). */
  maxAttempts?: number;
  /** What `deadline` is measured on and waits are taken on; the system's by default. */
  clock?: Clock;
  /** Sent as `User-Agent` with every request; defaults to the product and its version. */
  userAgent?: string;
}

/** Released (not preview) version: every route we call exists in it, and the service never asks for `-preview`. */
export const API_VERSION = '7.1';
const DEFAULT_ATTEMPTS = 4;
const BACKOFF_BASE_MS = 400;
const BACKOFF_CAP_MS = 8000;
/** One silent request must not eat the whole budget: it is cut here and tried again. */
const ATTEMPT_TIMEOUT_MS = 20_000;
/**
 * A silent write is cut this early (at most a quarter of the time left), so that what it leaves half
 * done, such as an agent registered without its capabilities, can still be undone and read back in time.
 */
const WRITE_RESERVE_MS = 2_000;

export interface JsonResponse<T> {
  /** A 2xx: every other status fails as an `AdoError`. */
  status: number;
  body: T;
  header(name: string): string | null;
}

export class HttpClient {
  private readonly authorization: string;
  private readonly clock: Clock;

  constructor(private readonly options: HttpOptions) {
    const { credentials } = options;
    this.authorization = credentials.kind === 'pat' ? `Basic ${base64(`:${credentials.token}`)}` : `Bearer ${credentials.token}`;
    this.clock = options.clock ?? systemClock;
  }

  /**
   * One REST call with the service's conventions: version in Accept, no sign-in redirects, bounded
   * retries for throttling and outages, and every failure turned into an `AdoError`.
   */
  async json<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    resource: string,
    body?: unknown,
    apiVersion = API_VERSION,
  ): Promise<JsonResponse<T>> {
    const url = this.options.orgUrl.replace(/\/+$/, '') + '/' + resource;
    const maxAttempts = this.options.maxAttempts ?? DEFAULT_ATTEMPTS;
    let retried: AdoError | undefined;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(method, url, resource, body, apiVersion);
      if (!(outcome instanceof AdoError)) return parseJson<T>(outcome, method, resource);
      const remaining = this.options.deadline - this.clock.now();
      // The budget ran out while trying again: what the service answered before is the cause to report.
      if (retried && outcome.kind === 'timeout' && remaining <= 0) throw retried;
      const waitMs = retryDelay(outcome, method, attempt);
      if (attempt >= maxAttempts || waitMs === undefined || waitMs >= remaining) throw outcome;
      if (outcome.kind !== 'timeout') retried = outcome;
      await this.clock.sleep(waitMs);
    }
  }

  private async attempt(
    method: string,
    url: string,
    resource: string,
    body: unknown,
    apiVersion: string,
  ): Promise<TransportResponse | AdoError> {
    const remaining = this.options.deadline - this.clock.now();
    if (remaining <= 0) return new AdoError('timeout', method, resource);
    const reserve = method === 'GET' ? 0 : Math.min(WRITE_RESERVE_MS, Math.floor(remaining / 4));
    const timeout = this.clock.timeout(Math.min(remaining - reserve, ATTEMPT_TIMEOUT_MS));
    const { signal } = timeout;
    const headers: Record<string, string> = {
      Accept: `application/json;api-version=${apiVersion}`,
      Authorization: this.authorization,
      // Without it a bad token gets a 203 sign-in page instead of a 401.
      'X-TFS-FedAuthRedirect': 'Suppress',
      'User-Agent': this.options.userAgent ?? `${PRODUCT_NAME}/${PRODUCT_VERSION}`,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
    let response: TransportResponse;
    try {
      response = await this.options.transport({
        method: method as 'GET',
        url,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (signal.aborted) return new AdoError('timeout', method, resource);
      if (error instanceof TransportError) {
        return new AdoError(error.reason, method, resource, error.status, undefined, undefined, undefined, error.endpoint);
      }
      return new AdoError('unavailable', method, resource);
    } finally {
      timeout.clear();
    }
    return response.status >= 200 && response.status < 300 ? response : failure(response, method, resource);
  }
}

function failure(response: TransportResponse, method: string, resource: string): AdoError {
  const retryAfter = Number(response.header('retry-after'));
  return httpFailure(
    method,
    resource,
    response.status,
    parsedOrNothing(response.text),
    Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
  );
}

/** The service's error body is JSON; anything else (an HTML error page) says nothing more than the status. */
function parsedOrNothing(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseJson<T>(response: TransportResponse, method: string, resource: string): JsonResponse<T> {
  // A 203 is the service's sign-in page: the credentials were not accepted.
  const contentType = response.header('content-type') ?? '';
  if (response.status === 203 && !contentType.includes('json')) {
    throw new AdoError('unauthorized', method, resource, 203);
  }
  const { status, header } = response;
  if (response.text === '') return { status, body: undefined as T, header };
  try {
    return { status, body: JSON.parse(response.text) as T, header };
  } catch {
    throw new AdoError('malformed', method, resource, response.status);
  }
}

/** How long to wait before trying again, or undefined when trying again cannot help. */
function retryDelay(error: AdoError, method: string, attempt: number): number | undefined {
  if (error.kind === 'throttled') {
    return error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : backoff(attempt);
  }
  if (error.kind === 'unavailable') return backoff(attempt);
  // A write that timed out may have landed; only reads are repeated blindly.
  if (error.kind === 'timeout' && method === 'GET') return 0;
  return undefined;
}

function backoff(attempt: number): number {
  const exponential = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  // Jitter keeps concurrent guards (ten pipelines at once) from retrying in lockstep.
  return exponential / 2 + Math.random() * (exponential / 2);
}

/** UTF-8 safe, and available in Node and in browsers alike. */
function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}
