/**
 * The product's two `AdoClient`s against a sandbox organization: the task's and the command line's
 * (`RestAdoClient`, Node's fetch) and the hub's (`BrowserAdoClient` over the portal's REST client, which
 * runs under Node too). Tests that hold for both run over `bothClients`.
 */
import { RestAdoClient } from '../../core/ado/client';
import type { PortAnswer, RegistrationPort } from '../../core/ado/registration';
import type { Sandbox } from '../../sandbox';

type BrowserClientModule = typeof import('../../hub/src/services/browser-ado-client');
type TaskAgentModule = typeof import('azure-devops-extension-api/TaskAgent');

export type AdoClientWithPort = RestAdoClient | InstanceType<BrowserClientModule['BrowserAdoClient']>;

export interface ClientKind {
  name: string;
  /** A client of `org` acting with `token` (a bearer token of the scenario). */
  connect(sandbox: Sandbox, org: string, token: string): AdoClientWithPort;
}

const TIMEOUT_MS = 10_000;

export function restClient(sandbox: Sandbox, org: string, token: string): RestAdoClient {
  return new RestAdoClient({ orgUrl: sandbox.orgUrl(org), credentials: { kind: 'bearer', token }, timeoutMs: TIMEOUT_MS });
}

export function browserClient(sandbox: Sandbox, org: string, token: string): AdoClientWithPort {
  // The REST client's fetch polyfill looks at `self`, so the modules load after this line.
  Object.assign(globalThis, { self: globalThis });
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { BrowserAdoClient } = require('../../hub/src/services/browser-ado-client') as BrowserClientModule;
  const { TaskAgentRestClient } = require('azure-devops-extension-api/TaskAgent') as TaskAgentModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const rest = new TaskAgentRestClient({
    rootPath: `${sandbox.orgUrl(org)}/`,
    authTokenProvider: { getAuthorizationHeader: async () => `Bearer ${token}` },
  });
  return new BrowserAdoClient(rest);
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
