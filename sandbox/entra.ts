/**
 * Microsoft Entra ID's token endpoint, as far as a service principal signing in to Azure DevOps uses it:
 * `POST /{tenant}/oauth2/v2.0/token` with the client credentials grant, proven by a client secret or by a
 * client assertion (a federated token), answered with an access token for the Azure DevOps resource
 * (learn.microsoft.com, "Microsoft identity platform and the OAuth 2.0 client credentials flow"; error
 * bodies and AADSTS codes as quoted in Azure/azure-workload-identity#616 and Azure/login#517). The
 * organizations then accept that token as the service principal (`auth.ts`).
 *
 * Served under any host name, so that a test reaches it as `login.microsoftonline.com` would be reached:
 * through a proxy that maps an unresolvable name to the sandbox.
 */
import { randomUUID } from 'node:crypto';
import { stableGuid } from './ids';
import { epochSeconds, JwtIssuer, type Claims } from './jwt';
import { oidcIssuer, OIDC_AUDIENCE, oidcTokens } from './oidc';
import { jsonReply, type Reply } from './reply';
import type { OrgState, StoredIdentity } from './state';

/** The Azure DevOps resource: its application id, as Microsoft documents it for service principals. */
export const AZURE_DEVOPS_RESOURCE = '499b84ac-1321-427f-aa17-267ca6975798';
/** The same resource by its older URI, which Entra also accepts in a scope. */
const AZURE_DEVOPS_RESOURCE_URI = 'https://app.vssps.visualstudio.com';
const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const ACCESS_TOKEN_SECONDS = 3599;

const accessTokens = new JwtIssuer();

/** Whether a path is the token endpoint: `/{tenant}/oauth2/v2.0/token`. */
export function isEntraTokenPath(segments: readonly string[]): boolean {
  return segments.length === 4 && segments.slice(1).join('/').toLowerCase() === 'oauth2/v2.0/token';
}

/** The token endpoint of `tenant`: every organization's service principals are its applications. */
export function entraToken(orgs: readonly OrgState[], tenant: string, method: string, body: string): Reply {
  if (method !== 'POST') return entraError(405, 'invalid_request', 900561, 'The endpoint only accepts POST requests.');
  const form = new URLSearchParams(body);
  const grant = form.get('grant_type');
  if (grant !== 'client_credentials') {
    return entraError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant ?? ''}'.`);
  }
  const principals = orgs.flatMap((org) =>
    org.identities
      .filter((identity) => identity.servicePrincipal?.tenantId.toLowerCase() === tenant.toLowerCase())
      .map((identity) => ({ org, identity })),
  );
  if (principals.length === 0) return entraError(400, 'invalid_request', 90002, `Tenant '${tenant}' not found.`);
  const clientId = form.get('client_id') ?? '';
  const app = principals.filter(({ identity }) => identity.servicePrincipal?.clientId.toLowerCase() === clientId.toLowerCase());
  if (app.length === 0) {
    return entraError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`,
    );
  }
  const scope = form.get('scope') ?? '';
  if (!new RegExp(`^(${AZURE_DEVOPS_RESOURCE}|${AZURE_DEVOPS_RESOURCE_URI.replace(/\./g, '\\.')})/?/\\.default$`, 'i').test(scope)) {
    return entraError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
  }
  const proof = proven(app, form);
  if ('error' in proof) return proof.error;
  const now = epochSeconds();
  const { tenantId, clientId: appId } = proof.identity.servicePrincipal!;
  const objectId = stableGuid('service principal', tenantId, appId);
  const claims: Claims = {
    aud: AZURE_DEVOPS_RESOURCE,
    iss: `https://sts.windows.net/${tenantId}/`,
    iat: now,
    nbf: now,
    exp: now + ACCESS_TOKEN_SECONDS,
    appid: appId,
    idtyp: 'app',
    oid: objectId,
    sub: objectId,
    tid: tenantId,
  };
  return jsonReply(
    200,
    JSON.stringify({
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_SECONDS,
      ext_expires_in: ACCESS_TOKEN_SECONDS,
      access_token: accessTokens.sign(claims),
    }),
  );
}

/** The service principal an access token was issued to, for an organization that has it as a user. */
export function servicePrincipalOf(org: OrgState, token: string): StoredIdentity | undefined {
  const claims = accessTokens.verify(token);
  if (!claims || claims.aud !== AZURE_DEVOPS_RESOURCE || typeof claims.exp !== 'number' || claims.exp <= epochSeconds()) return undefined;
  return org.identities.find(
    ({ servicePrincipal }) =>
      servicePrincipal !== undefined &&
      servicePrincipal.tenantId.toLowerCase() === String(claims.tid).toLowerCase() &&
      servicePrincipal.clientId.toLowerCase() === String(claims.appid).toLowerCase(),
  );
}

type Candidate = { org: OrgState; identity: StoredIdentity };

/** The client secret, or the federated token matched against the application's federated credentials. */
function proven(app: readonly Candidate[], form: URLSearchParams): { identity: StoredIdentity } | { error: Reply } {
  const clientId = form.get('client_id') ?? '';
  const secret = form.get('client_secret');
  if (secret !== null) {
    const match = app.find(({ identity }) => identity.servicePrincipal?.secret === secret);
    if (match) return { identity: match.identity };
    return {
      error: entraError(
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
      ),
    };
  }
  const assertion = form.get('client_assertion');
  if (assertion === null || form.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE) {
    return {
      error: entraError(
        400,
        'invalid_request',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      ),
    };
  }
  const claims = oidcTokens.verify(assertion);
  if (!claims) return { error: entraError(401, 'invalid_client', 50027, 'JWT token is invalid or malformed.') };
  const now = epochSeconds();
  if (typeof claims.exp !== 'number' || claims.exp <= now || (typeof claims.nbf === 'number' && claims.nbf > now)) {
    return { error: entraError(400, 'invalid_client', 700024, 'Client assertion is not within its valid time range.') };
  }
  const match = app.find(
    ({ org, identity }) =>
      claims.iss === oidcIssuer(org) &&
      claims.aud === OIDC_AUDIENCE &&
      (identity.servicePrincipal?.federatedSubjects ?? []).includes(String(claims.sub)),
  );
  if (match) return { identity: match.identity };
  return {
    error: entraError(
      400,
      'invalid_request',
      70021,
      `No matching federated identity record found for presented assertion. Assertion Issuer: '${String(claims.iss)}'. Assertion Subject: '${String(claims.sub)}'. Assertion Audience: '${String(claims.aud)}'. https://learn.microsoft.com/entra/workload-id/workload-identity-federation`,
    ),
  };
}

/** Entra's error body: the AADSTS code leads the description, followed by its trace lines. */
function entraError(status: number, error: string, code: number, description: string): Reply {
  const [traceId, correlationId] = [randomUUID(), randomUUID()];
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return jsonReply(
    status,
    JSON.stringify({
      error,
      error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    }),
  );
}
