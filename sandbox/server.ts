/**
 * The HTTP server: organizations at `/{org}/`, control endpoints at `/_sandbox/`, and any mounts (e.g. the
 * hub's test host) at their own prefixes. With TLS it speaks HTTP/2 and HTTP/1.1, as dev.azure.com does:
 * a browser opens at most six HTTP/1.1 connections to one origin, HTTP/2 has no such cap.
 *
 * An organization request goes: request log -> faults (delay, then maybe replace the answer) ->
 * organization -> authentication -> route -> api-version -> handler. Everything it answers is
 * a `Reply`, so a fault can stand in for the answer or corrupt it on the way out.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  constants as http2Constants,
  createSecureServer,
  Http2ServerRequest,
  type Http2SecureServer,
  type Http2ServerResponse,
  type ServerHttp2Session,
} from 'node:http2';
import { setMaxListeners } from 'node:events';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkApiVersion, requestedVersion } from './api-version';
import { authenticate, authScheme } from './auth';
import { controlRouter, type ControlTarget } from './control';
import { discoveryRoutes } from './discovery';
import { entraToken, isEntraTokenPath } from './entra';
import { internalError, requestTooLarge, routeNotFound, sandboxError, ServiceError } from './errors';
import { corruptJson, faultReply, type FaultInjector } from './faults';
import { errorReply, organizationNotFoundReply, type Reply } from './reply';
import { oidcRoutes } from './oidc';
import type { LoggedRequest, RequestLog } from './request-log';
import { Query, Router } from './router';
import { agentRoutes } from './routes/agents';
import { jobRequestRoutes } from './routes/jobrequests';
import { poolRoutes } from './routes/pools';
import { checkRoutes } from './routes/checks';
import { queueRoutes } from './routes/queues';
import type { OrgState } from './state';
import { parseWireOptions } from './wire';

const MAX_BODY_BYTES = 1024 * 1024;

const organizationRouter = new Router([
  ...discoveryRoutes,
  ...poolRoutes,
  ...agentRoutes,
  ...queueRoutes,
  ...jobRequestRoutes,
  ...checkRoutes,
  ...oidcRoutes,
]);

/** A request as either protocol delivers it; handlers use only what both have. */
export type SandboxRequest = IncomingMessage | Http2ServerRequest;
export type SandboxResponse = ServerResponse | Http2ServerResponse;

/** Something served beside the organizations, under its own path prefix (which must start with `/_`). */
export interface SandboxMount {
  prefix: string;
  handle(request: SandboxRequest, response: SandboxResponse, sandbox: { findOrg(name: string): OrgState | undefined }): Promise<void>;
}

export interface TlsOptions {
  key: string;
  cert: string;
  /** With `requestCert`: the authorities whose client certificates are accepted, as mutual TLS asks. */
  ca?: string;
  requestCert?: boolean;
}

export class SandboxServer implements ControlTarget {
  private readonly http: Server | Http2SecureServer;
  private readonly sessions = new Set<ServerHttp2Session>();
  /** Aborts injected delays when the server stops, so a slow fault never holds `stop()` up. */
  private readonly stopping = new AbortController();
  /** Requests a hang holds unanswered, until `dropHung()` or the stop. */
  private readonly hung = new Set<SandboxRequest>();
  private readonly hangListeners = new Set<() => void>();

  constructor(
    private readonly orgs: readonly OrgState[],
    readonly faults: FaultInjector,
    readonly log: RequestLog,
    private readonly mounts: readonly SandboxMount[] = [],
    private readonly tls?: TlsOptions,
  ) {
    const handler = (request: SandboxRequest, response: SandboxResponse) => void this.handle(request, response);
    if (tls) {
      const secure = createSecureServer({ ...tls, allowHTTP1: true }, handler);
      secure.on('session', (session: ServerHttp2Session) => {
        this.sessions.add(session);
        session.once('close', () => this.sessions.delete(session));
      });
      this.http = secure;
    } else {
      const server = createServer(handler);
      // Idle connections stay open until the stop. Node's 5 s idle cut-off races a client reusing the
      // connection at that moment, which a busy test machine turns into a dropped request out of nothing.
      server.keepAliveTimeout = 0;
      this.http = server;
    }
    // Every delayed request listens for the stop; hundreds at once are expected, not a leak.
    setMaxListeners(0, this.stopping.signal);
  }

  /** Resolves to the base URL, e.g. `http://127.0.0.1:8080` (`https://` with TLS). */
  listen(port: number, host: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => {
        const address = this.http.address() as AddressInfo;
        resolve(`${this.scheme()}://${host.includes(':') ? `[${host}]` : host}:${address.port}`);
      });
    });
  }

  /** Closes at once: hanging and delayed requests are dropped, keep-alive connections closed. */
  close(): Promise<void> {
    this.stopping.abort();
    return new Promise((resolve) => {
      this.http.close(() => resolve());
      if ('closeAllConnections' in this.http) this.http.closeAllConnections();
      for (const session of this.sessions) session.destroy();
    });
  }

  /**
   * Resets every request a hang holds, as a service that recovers drops them. Chromium holds a second GET
   * of a URL back while the first is unanswered (its HTTP cache lock): seen here to outlast a 5 s limit,
   * and gone by the hub's 30 s one. A test that cuts a hang sooner drops it before reading the URL again.
   */
  dropHung(): void {
    for (const request of this.hung) resetRequest(request);
    this.hung.clear();
  }

  /** Calls `listener` whenever a hang takes a request, e.g. for a test clock to let its time-out expire. */
  onHang(listener: () => void): () => void {
    this.hangListeners.add(listener);
    return () => this.hangListeners.delete(listener);
  }

  findOrg(name: string): OrgState | undefined {
    return this.orgs.find((org) => org.name.toLowerCase() === name.toLowerCase());
  }

  private async handle(request: SandboxRequest, response: SandboxResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
    const mount = this.mounts.find(({ prefix }) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`));
    if (mount) {
      await mount.handle(request, response, this).catch(() => send(response, errorReply(internalError())));
      return;
    }
    const segments = url.pathname
      .split('/')
      .filter((segment) => segment !== '')
      .map(decodeSegment);
    const method = (request.method ?? 'GET').toUpperCase();
    try {
      const body = await readBody(request);
      if (segments[0]?.toLowerCase() === '_sandbox') send(response, this.serveControl(request, method, segments.slice(1), body));
      else if (isEntraTokenPath(segments)) send(response, this.serveEntra(request, method, segments[0], body));
      else await this.serveOrganization(request, response, method, url, segments, body);
    } catch (error) {
      if (this.stopping.signal.aborted) return;
      send(response, errorReply(error instanceof ServiceError ? error : internalError()));
    }
  }

  private serveControl(request: SandboxRequest, method: string, segments: string[], body: string): Reply {
    return answer(() => {
      const match = controlRouter.find(method, segments);
      if (!match) throw sandboxError(404, `No control endpoint ${method} /_sandbox/${segments.join('/')}.`);
      return match.handler({ target: this, params: match.params, body: parseJson(body), baseUrl: this.baseUrl(request) });
    });
  }

  /** Microsoft Entra ID's token endpoint, logged with the organizations' requests. */
  private serveEntra(request: SandboxRequest, method: string, tenant: string, body: string): Reply {
    const reply = entraToken(this.orgs, tenant, method, body);
    const url = request.url ?? '/';
    this.log.add({
      at: new Date().toISOString(),
      method,
      url,
      userAgent: request.headers['user-agent'],
      authScheme: null,
      identity: null,
      status: reply.status,
    });
    return reply;
  }

  private async serveOrganization(
    request: SandboxRequest,
    response: SandboxResponse,
    method: string,
    url: URL,
    segments: string[],
    body: string,
  ): Promise<void> {
    const entry = this.log.add({
      at: new Date().toISOString(),
      method,
      url: request.url ?? '/',
      accept: request.headers.accept,
      userAgent: request.headers['user-agent'],
      authScheme: authScheme(request.headers),
      identity: null,
      status: null,
    });
    const { delayMs, outcome: fault } = this.faults.decide(segments[0], method, url.pathname, decodeURIComponent(url.search));
    if (delayMs > 0) await sleep(delayMs, undefined, { signal: this.stopping.signal });
    if (fault) entry.fault = fault.kind;
    if (fault?.kind === 'reset') return resetRequest(request);
    if (fault?.kind === 'hang') {
      this.hung.add(request);
      response.once('close', () => this.hung.delete(request));
      for (const listener of this.hangListeners) listener();
      return;
    }
    const served = fault && fault.kind !== 'malformedJson' ? faultReply(fault) : this.serveApi(request, method, url, segments, body, entry);
    const reply = fault?.kind === 'malformedJson' ? corruptJson(served) : served;
    send(response, reply);
    entry.status = reply.status;
  }

  private serveApi(request: SandboxRequest, method: string, url: URL, segments: string[], body: string, entry: LoggedRequest): Reply {
    return answer(() => {
      const org = this.findOrg(segments[0] ?? '');
      if (!org) return organizationNotFoundReply();
      const links = { orgUrl: `${this.baseUrl(request)}/${org.name}` };
      const auth = authenticate(org, request.headers, links.orgUrl);
      if (!auth.ok) return auth.reply;
      entry.identity = auth.identity.name;
      const match = organizationRouter.find(method, segments.slice(1));
      if (!match) throw routeNotFound(url.pathname);
      const apiVersion = checkApiVersion(method, requestedVersion(url.searchParams, request.headers.accept));
      return match.handler({
        org,
        identity: auth.identity,
        method,
        params: match.params,
        query: new Query(url.searchParams),
        body: parseJson(body),
        wire: parseWireOptions(request.headers.accept),
        links,
        apiVersion,
      });
    });
  }

  /** Links and discovery URLs follow the host the caller used, so they work behind a port forward too. */
  private baseUrl(request: SandboxRequest): string {
    const address = this.http.address() as AddressInfo;
    const host = request.headers[':authority'] ?? request.headers.host;
    return `${this.scheme()}://${typeof host === 'string' ? host : `127.0.0.1:${address.port}`}`;
  }

  private scheme(): 'http' | 'https' {
    return this.tls ? 'https' : 'http';
  }
}

/** Over HTTP/2 only this request's stream is reset: the connection carries the others too. */
function resetRequest(request: SandboxRequest): void {
  if (request instanceof Http2ServerRequest) request.stream.close(http2Constants.NGHTTP2_INTERNAL_ERROR);
  else request.socket.destroy();
}

/** Runs a handler; service errors become their error body, anything else the service's 500. */
function answer(handler: () => Reply): Reply {
  try {
    return handler();
  } catch (error) {
    if (error instanceof ServiceError) return errorReply(error);
    console.error('sandbox: unexpected error', error);
    return errorReply(internalError());
  }
}

function send(response: SandboxResponse, reply: Reply): void {
  if (response.destroyed || response.headersSent) return;
  response.writeHead(reply.status, { ...reply.headers, 'Content-Length': Buffer.byteLength(reply.body) });
  response.end(reply.body);
}

async function readBody(request: SandboxRequest): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw requestTooLarge(MAX_BODY_BYTES);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Undefined for an empty or unreadable body, which handlers report as the service does. */
function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
