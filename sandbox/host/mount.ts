/**
 * The hub's test host, mounted in the sandbox: a stand-in for the Azure DevOps portal page that frames an
 * extension's hub. The host page, the SDK's XDM module and the built hub come from the sandbox's own
 * origin, so the hub's REST calls are same-origin, as in the portal, and need no CORS.
 *
 *   /_host/host.html?org=demo&project=demo&token=demo-admin-token&theme=dark   the portal page
 *   /_host/host.js              its script (sandbox/host/host.ts, bundled on first request)
 *   /_host/XDM.js               the SDK's standalone XDM module, which the host page talks with
 *   /_host/context?org=&project=&token=   the project and the user the page acts for
 *   /_host/data/{org}/{key}     GET/PUT: the extension data service's values, kept in memory
 *   /_host/hub/...              the built hub (dist/hub)
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { build } from 'esbuild';
import type { SandboxMount, SandboxRequest, SandboxResponse } from '../server';
import type { OrgState } from '../state';

export const HOST_PREFIX = '/_host';

export interface HostPageOptions {
  org: string;
  project: string;
  /** The bearer token of the page's user; its sandbox identity decides what the user may do. */
  token: string;
  theme?: 'light' | 'dark';
  /** A host service the page then refuses (`failService`), for a page that cannot boot. */
  failService?: string;
  /** The hub's limit on one REST call, handed over in the contribution's configuration; the hub's own by default. */
  callTimeoutMs?: number;
}

export interface HubHostMount extends SandboxMount {
  /** Extension data as the hub stored it, by `{org}/{key}`; tests may seed or read it. */
  readonly data: Map<string, unknown>;
}

const HOST_DIR = __dirname;
const SDK_DIR = path.dirname(require.resolve('azure-devops-extension-sdk'));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The host page's path and query for an organization, a project and a user. */
export function hostPagePath({ org, project, token, theme = 'light', failService, callTimeoutMs }: HostPageOptions): string {
  const query = new URLSearchParams({ org, project, token, theme, ...(failService ? { failService } : {}) });
  if (callTimeoutMs !== undefined) query.set('callTimeoutMs', String(callTimeoutMs));
  return `${HOST_PREFIX}/host.html?${query.toString()}`;
}

/** `hubDir` is the built hub (`dist/hub`), served as the portal serves an extension's files. */
export function hubHostMount(hubDir: string): HubHostMount {
  const data = new Map<string, unknown>();
  let hostScript: Promise<string> | undefined;
  return {
    prefix: HOST_PREFIX,
    data,
    async handle(request, response, sandbox) {
      const url = new URL(request.url ?? '/', 'http://host.invalid');
      const route = url.pathname.slice(HOST_PREFIX.length);
      if (route === '' || route === '/' || route === '/host.html') return sendFile(response, path.join(HOST_DIR, 'host.html'));
      if (route === '/host.js') {
        hostScript ??= bundleHostScript();
        return send(response, 200, TYPES['.js'], await hostScript);
      }
      if (route === '/XDM.js') return sendFile(response, path.join(SDK_DIR, 'esm', 'XDM.js'));
      if (route === '/context') return sendJson(response, ...pageContext(sandbox, url.searchParams));
      const dataKey = /^\/data\/([^/]+)\/([^/]+)$/.exec(route);
      if (dataKey) return extensionData(request, response, data, `${decodeURIComponent(dataKey[1])}/${decodeURIComponent(dataKey[2])}`);
      if (route.startsWith('/hub/')) return sendStatic(response, hubDir, route.slice('/hub/'.length));
      return send(response, 404, 'text/plain; charset=utf-8', `The test host has nothing at ${url.pathname}.`);
    },
  };
}

/** The project the page opens in and the user its token belongs to, as the portal knows them. */
function pageContext(sandbox: { findOrg(name: string): OrgState | undefined }, query: URLSearchParams): [number, unknown] {
  const orgName = query.get('org') ?? '';
  const org = sandbox.findOrg(orgName);
  if (!org) return [404, { message: `The sandbox has no organization "${orgName}".` }];
  const projectName = query.get('project') ?? '';
  const project = org.listProjects().find((p) => p.name.toLowerCase() === projectName.toLowerCase());
  if (!project) return [404, { message: `Organization ${org.name} has no project "${projectName}".` }];
  const token = query.get('token') ?? '';
  const identity = org.identities.find((candidate) => candidate.bearer === token);
  if (!identity)
    return [
      404,
      { message: `No identity of organization ${org.name} holds the bearer token "${token}"; use one the sandbox banner lists.` },
    ];
  return [
    200,
    {
      organization: { id: org.id, name: org.name },
      project: { id: project.id, name: project.name },
      user: { id: identity.id, name: identity.name },
    },
  ];
}

async function extensionData(request: SandboxRequest, response: SandboxResponse, data: Map<string, unknown>, key: string): Promise<void> {
  if (request.method === 'GET') return sendJson(response, 200, { value: data.has(key) ? data.get(key) : null });
  if (request.method !== 'PUT') return sendJson(response, 405, { message: 'Use GET or PUT.' });
  let value: unknown;
  try {
    value = (JSON.parse(await readBody(request)) as { value: unknown }).value;
  } catch {
    return sendJson(response, 400, { message: 'Expected a JSON body {"value": ...}.' });
  }
  data.set(key, value);
  return sendJson(response, 200, { value });
}

/** host.ts and its themes as one browser module; the XDM module stays an import by URL at run time. */
async function bundleHostScript(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(HOST_DIR, 'host.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

async function sendStatic(response: SandboxResponse, root: string, relative: string): Promise<void> {
  const file = path.resolve(root, decodeURIComponent(relative));
  if (!file.startsWith(path.resolve(root) + path.sep)) return send(response, 404, 'text/plain; charset=utf-8', 'Not found.');
  return sendFile(response, file);
}

async function sendFile(response: SandboxResponse, file: string): Promise<void> {
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return send(response, 404, 'text/plain; charset=utf-8', `Not found: ${path.basename(file)}. Build the hub first: npm run build.`);
  }
  return send(response, 200, TYPES[path.extname(file)] ?? 'application/octet-stream', body);
}

function sendJson(response: SandboxResponse, status: number, value: unknown): void {
  send(response, status, TYPES['.json'], JSON.stringify(value));
}

function send(response: SandboxResponse, status: number, type: string, body: string | Buffer): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

async function readBody(request: SandboxRequest): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
