/**
 * Who is calling (reference §11.1): Basic with any user name and a PAT as password, or Bearer: a job's
 * token, or a Microsoft Entra access token of a service principal that is a user of the organization.
 * A caller that cannot be identified gets a 401 with TF400813 when it asks for that with
 * `X-TFS-FedAuthRedirect: Suppress`, and the 203 sign-in page otherwise.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { servicePrincipalOf } from './entra';
import { frameworkError } from './errors';
import { errorReply, signInPageReply, type Reply } from './reply';
import type { OrgState, StoredIdentity } from './state';

export type AuthOutcome = { ok: true; identity: StoredIdentity } | { ok: false; reply: Reply };

/** The scheme word of the Authorization header, for the request log. */
export function authScheme(headers: IncomingHttpHeaders): string | null {
  return headers.authorization?.trim().split(/\s+/, 1)[0] || null;
}

export function authenticate(org: OrgState, headers: IncomingHttpHeaders, orgUrl: string): AuthOutcome {
  const presented = presentedSecret(headers.authorization);
  const identity =
    presented &&
    (org.identities.find((candidate) => matches(candidate, presented)) ??
      (presented.scheme === 'bearer' ? servicePrincipalOf(org, presented.value) : undefined));
  if (identity) return { ok: true, identity };
  if (headers['x-tfs-fedauthredirect']?.toString().toLowerCase() !== 'suppress') return { ok: false, reply: signInPageReply() };
  const message = presented
    ? "TF400813: The user '' is not authorized to access this resource."
    : 'TF400813: Resource not available for anonymous access. Client authentication required.';
  const error = frameworkError(401, 'UnauthorizedRequestException', message, {
    'WWW-Authenticate': ['Bearer authorization_uri=https://login.microsoftonline.com/common', `Basic realm="${orgUrl}/"`, 'TFS-Federated'],
    'X-TFS-FedAuthRealm': orgUrl,
    'X-TFS-FedAuthIssuer': `${orgUrl}/`,
  });
  return { ok: false, reply: errorReply(error) };
}

type Secret = { scheme: 'basic' | 'bearer'; value: string };

function presentedSecret(header: string | undefined): Secret | undefined {
  const match = /^\s*(Basic|Bearer)\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  if (match[1].toLowerCase() === 'bearer') return { scheme: 'bearer', value: match[2] };
  const decoded = Buffer.from(match[2], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // The user name is ignored: node sends "PAT", KEDA sends nothing, people send their e-mail.
  return colon < 0 ? undefined : { scheme: 'basic', value: decoded.slice(colon + 1) };
}

function matches(identity: StoredIdentity, secret: Secret): boolean {
  const expected = secret.scheme === 'basic' ? identity.pat : identity.bearer;
  return expected !== undefined && expected === secret.value;
}
