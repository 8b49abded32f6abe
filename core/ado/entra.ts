/**
 * Signing in a service principal to Azure DevOps without a personal access token, the way Microsoft's
 * own tasks do it for an Azure Resource Manager connection (microsoft/azure-pipelines-tasks-common-packages
 * `common-npm-packages/azure-arm-rest`: `azure-arm-endpoint.ts` reads the connection, `azure-arm-common.ts`
 * and `azCliUtility.ts` `getFederatedToken` ask the job's OIDC token for it):
 *
 * 1. with workload identity federation, the job asks Azure DevOps for an OIDC token for the connection:
 *    `POST {System.OidcRequestUri}?api-version=7.1&serviceConnectionId={id}` with the job's own token
 *    (the request Microsoft's artifacts tasks send; REST "Oidctoken - Create");
 * 2. it exchanges that token, or the connection's client secret, at the tenant's token endpoint for an
 *    access token to the Azure DevOps resource: the OAuth 2.0 client credentials grant,
 *    `client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer` for a federated token
 *    (learn.microsoft.com, "Microsoft identity platform and the OAuth 2.0 client credentials flow");
 * 3. it calls the organization with that token as a bearer token.
 */
import type { MessageKey } from '../messages';
import type { Params } from '../model/findings';
import { singleLine } from '../model/plaintext';
import { AdoError } from './errors';
import { HttpClient, type Credentials } from './http';
import { TransportError, type Transport, type TransportFailureReason } from './transport';

/** Azure DevOps as a Microsoft Entra resource (learn.microsoft.com, "Use service principals & managed identities in Azure DevOps"). */
export const AZURE_DEVOPS_RESOURCE = '499b84ac-1321-427f-aa17-267ca6975798';
/** Where Microsoft's tasks sign in when the connection names no authority (`azure-arm-endpoint.ts`, with MSAL). */
export const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com/';

export type ServicePrincipalProof =
  /** The connection's client secret (`serviceprincipalkey`). */
  | { kind: 'secret'; secret: string }
  /** Workload identity federation: the job's OIDC token for the connection, asked for with the job's token. */
  | { kind: 'federated'; oidcRequestUri: string; serviceConnectionId: string; jobToken: string };

export interface ServicePrincipalSignIn {
  /** The Entra authority, e.g. `https://login.microsoftonline.com/`. */
  authorityUrl: string;
  tenantId: string;
  /** The application (client) id of the service principal. */
  clientId: string;
  /** The service connection, as the messages name it. */
  connection: string;
  proof: ServicePrincipalProof;
}

/** Credentials as a face reads them: ready to send, or a service principal still to sign in. */
export type SignInCredentials = Credentials | { kind: 'servicePrincipal'; signIn: ServicePrincipalSignIn };

export interface SignInOptions {
  transport: Transport;
  /** When the whole run must be over. */
  deadline: number;
  userAgent?: string;
  /** Called with every token obtained, before anything could print it (the task registers it as a secret). */
  mask(secret: string): void;
}

/** Signing in failed: what went wrong and what to do, as one message. */
export class SignInError extends Error {
  override readonly name = 'SignInError';
  constructor(
    readonly key: MessageKey,
    readonly params: Params,
  ) {
    super(key);
  }
}

/** Credentials to call the organization with: a service principal is signed in first. */
export async function signedIn(credentials: SignInCredentials, options: SignInOptions): Promise<Credentials> {
  if (credentials.kind !== 'servicePrincipal') return credentials;
  return { kind: 'bearer', token: await servicePrincipalToken(credentials.signIn, options) };
}

async function servicePrincipalToken(signIn: ServicePrincipalSignIn, options: SignInOptions): Promise<string> {
  const { proof } = signIn;
  const assertion = proof.kind === 'federated' ? await oidcToken(signIn, proof, options) : undefined;
  const form = new URLSearchParams({
    client_id: signIn.clientId,
    scope: `${AZURE_DEVOPS_RESOURCE}/.default`,
    grant_type: 'client_credentials',
    ...(assertion
      ? { client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion }
      : { client_secret: proof.kind === 'secret' ? proof.secret : '' }),
  });
  const url = `${signIn.authorityUrl.replace(/\/*$/, '/')}${encodeURIComponent(signIn.tenantId)}/oauth2/v2.0/token`;
  const who = { clientId: signIn.clientId, tenantId: signIn.tenantId, connection: signIn.connection };
  let answer: { status: number; text: string };
  try {
    answer = await options.transport({
      method: 'POST',
      url,
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
        ...(options.userAgent ? { 'User-Agent': options.userAgent } : {}),
      },
      body: form.toString(),
      signal: AbortSignal.timeout(Math.max(1, options.deadline - Date.now())),
    });
  } catch (error) {
    if (error instanceof TransportError) throw unreachable(who, error.endpoint, error.reason, error.status);
    throw unreachable(who, new URL(url).host);
  }
  const body = parsed(answer.text);
  if (answer.status === 200 && typeof body.access_token === 'string' && body.access_token !== '') {
    options.mask(body.access_token);
    return body.access_token;
  }
  throw refusal(answer.status, body, who, assertion);
}

/** The job's OIDC token for the connection: Azure DevOps' own call, with its conventions and retries. */
async function oidcToken(
  signIn: ServicePrincipalSignIn,
  proof: Extract<ServicePrincipalProof, { kind: 'federated' }>,
  options: SignInOptions,
): Promise<string> {
  const uri = new URL(proof.oidcRequestUri);
  const client = new HttpClient({
    orgUrl: uri.origin,
    credentials: { kind: 'bearer', token: proof.jobToken },
    transport: options.transport,
    deadline: options.deadline,
    userAgent: options.userAgent,
  });
  const resource = `${uri.pathname.replace(/^\/+/, '')}?serviceConnectionId=${encodeURIComponent(proof.serviceConnectionId)}`;
  let body: { oidcToken?: unknown } | undefined;
  try {
    body = (await client.json<{ oidcToken?: unknown }>('POST', resource, {})).body;
  } catch (error) {
    if (!(error instanceof AdoError)) throw error;
    const who = { clientId: signIn.clientId, tenantId: signIn.tenantId, connection: signIn.connection };
    const network = NETWORK_CAUSES.find((kind) => kind === error.kind);
    if (network) throw unreachable(who, error.endpoint ?? uri.host, network, error.status);
    if (error.kind === 'timeout' || (error.kind === 'unavailable' && error.status === undefined)) throw unreachable(who, uri.host);
    throw new SignInError('signIn.oidcRefused', {
      connection: signIn.connection,
      status: error.status ?? 0,
      detail: singleLine(error.serviceMessage ?? error.kind),
    });
  }
  if (typeof body?.oidcToken !== 'string' || body.oidcToken === '') {
    throw new SignInError('signIn.oidcRefused', { connection: signIn.connection, status: 200, detail: 'no oidcToken in the answer' });
  }
  options.mask(body.oidcToken);
  return body.oidcToken;
}

interface EntraError {
  access_token?: unknown;
  error?: unknown;
  error_description?: unknown;
  error_codes?: unknown;
}

function parsed(text: string): EntraError {
  try {
    const json = JSON.parse(text) as unknown;
    return typeof json === 'object' && json !== null ? (json as EntraError) : {};
  } catch {
    return {};
  }
}

/** Entra's codes the user can act on, each with its own fix; anything else is shown as Entra words it. */
function refusal(status: number, body: EntraError, who: Params, assertion: string | undefined): SignInError {
  const codes = Array.isArray(body.error_codes) ? body.error_codes.map(Number) : [];
  // Entra's description leads with its AADSTS code and ends in trace lines, which help no one here.
  const detail = singleLine(String(body.error_description ?? body.error ?? `HTTP ${status}`).split(/\r?\n/)[0]);
  const has = (...wanted: number[]) => codes.some((code) => wanted.includes(code));
  // AADSTS70021, 700213 and 700211-700238: no federated credential matches the token's issuer and subject.
  if (assertion && has(70021, 700211, 700213, 7002137, 7002138)) {
    const claims = claimsOf(assertion);
    return new SignInError('signIn.federationMissing', { ...who, issuer: claims.iss ?? '', subject: claims.sub ?? '' });
  }
  // AADSTS7000215 wrong secret, 7000222 expired secret.
  if (has(7000215, 7000222)) return new SignInError('signIn.secretRejected', { ...who, detail });
  // AADSTS700016 no such application in the tenant, 90002 no such tenant.
  if (has(700016, 90002)) return new SignInError('signIn.applicationNotFound', { ...who, detail });
  return new SignInError('signIn.entraRefused', { ...who, status, detail });
}

/** The issuer and subject of the job's OIDC token, for the federated credential to add: read, not checked. */
function claimsOf(token: string): { iss?: string; sub?: string } {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)))) as Record<string, unknown>;
    return { iss: typeof json.iss === 'string' ? json.iss : undefined, sub: typeof json.sub === 'string' ? json.sub : undefined };
  } catch {
    return {};
  }
}

const NETWORK_CAUSES: readonly TransportFailureReason[] = [
  'proxyRefused',
  'proxyUnreachable',
  'untrustedCertificate',
  'hostNotFound',
  'connectionRefused',
];

/** No answer to sign in with: the network path's own problem when known, else a time-out or a dropped connection. */
function unreachable(who: Params, endpoint: string, reason?: TransportFailureReason, status?: number): SignInError {
  return reason
    ? new SignInError(`signIn.${reason}`, { ...who, endpoint, status: status ?? 0 })
    : new SignInError('signIn.noAnswer', { ...who, endpoint });
}
