/**
 * The product's two `AdoClient`s against a sandbox organization: the task's and the command line's
 * (`RestAdoClient`, Node's fetch) and the hub's (`BrowserAdoClient` over its distributedtask calls, which
 * run under Node too). Tests that hold for both run over `BOTH_CLIENTS`. The hub's calls have two
 * implementations, `REST_LAYERS`: the one it ships (`TaskAgentFetchClient`) and the extension API's own
 * client, which the shipped one must match request for request.
 */
import { RestAdoClient } from '../../core/ado/client';
import type { PortAnswer, RegistrationPort } from '../../core/ado/registration';
import type { Sandbox } from '../../sandbox';
import { BrowserAdoClient } from '../../hub/src/services/browser-ado-client';
import { TaskAgentFetchClient, type TaskAgentCalls } from '../../hub/src/services/task-agent-rest';

type TaskAgentModule = typeof import('azure-devops-extension-api/TaskAgent');

export type AdoClientWithPort = RestAdoClient | BrowserAdoClient;

export interface ClientKind {
  name: string;
  /** A client of `org` acting with `token` (a bearer token of the scenario). */
  connect(sandbox: Sandbox, org: string, token: string): AdoClientWithPort;
}

const TIMEOUT_MS = 10_000;

export function restClient(sandbox: Sandbox, org: string, token: string): RestAdoClient {
  return new RestAdoClient({ orgUrl: sandbox.orgUrl(org), credentials: { kind: 'bearer', token }, timeoutMs: TIMEOUT_MS });
}

export interface RestLayer {
  name: string;
  /** The hub's distributedtask calls to `org`, acting with `token`. */
  connect(sandbox: Sandbox, org: string, token: string): TaskAgentCalls;
}

/** The extension API's `TaskAgentRestClient`, as the portal's extensions use it. */
export function extensionApiRestClient(sandbox: Sandbox, org: string, token: string): TaskAgentCalls {
  // The REST client's fetch polyfill looks at `self`, so the module loads after this line.
  Object.assign(globalThis, { self: globalThis });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { TaskAgentRestClient } = require('azure-devops-extension-api/TaskAgent') as TaskAgentModule;
  return new TaskAgentRestClient({
    rootPath: `${sandbox.orgUrl(org)}/`,
    authTokenProvider: { getAuthorizationHeader: async () => `Bearer ${token}` },
  });
}

/** The calls as the hub ships them. */
export function fetchRestClient(sandbox: Sandbox, org: string, token: string): TaskAgentCalls {
  return new TaskAgentFetchClient({ rootUrl: `${sandbox.orgUrl(org)}/`, accessToken: async () => token });
}

export const REST_LAYERS: readonly RestLayer[] = [
  { name: 'TaskAgentFetchClient (shipped)', connect: fetchRestClient },
  { name: "the extension API's TaskAgentRestClient", connect: extensionApiRestClient },
];

export function browserClient(sandbox: Sandbox, org: string, token: string, layer: RestLayer = REST_LAYERS[0]): AdoClientWithPort {
  return new BrowserAdoClient(layer.connect(sandbox, org, token));
}

/**
 * The client with each answer to one of its registration calls changed before the protocol reads it: the
 * client is its own `RegistrationPort`, so replacing the call on the instance reaches the protocol.
 */
export function withChangedAnswers<C extends AdoClientWithPort>(
  client: C,
  call: Exclude<keyof RegistrationPort, 'deleteAgent'>,
  change: (answer: PortAnswer) => PortAnswer,
): C {
  const original = client[call].bind(client) as (...args: unknown[]) => Promise<PortAnswer>;
  return Object.assign(client, { [call]: async (...args: unknown[]) => change(await original(...args)) });
}

export const BOTH_CLIENTS: readonly ClientKind[] = [
  { name: 'RestAdoClient (task, command line)', connect: restClient },
  { name: 'BrowserAdoClient (hub)', connect: browserClient },
];
