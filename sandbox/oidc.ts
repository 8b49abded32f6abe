/**
 * The OIDC token a pipeline job asks for on behalf of an Azure Resource Manager service connection using
 * workload identity federation: `POST {org}/{projectId}/_apis/distributedtask/hubs/{hub}/plans/{planId}/
 * jobs/{jobId}/oidctoken?serviceConnectionId=...`, with the job's token (learn.microsoft.com REST
 * "Oidctoken - Create", 7.1; the URL the agent hands a task as `System.OidcRequestUri`). The token is what
 * the job then presents to Microsoft Entra ID (`entra.ts`): issuer `https://vstoken.dev.azure.com/{org id}`,
 * subject `sc://{org}/{project}/{connection}`, audience `api://AzureADTokenExchange` (claims as shown in
 * sigstore/fulcio#1803). Entra's newer issuer and subject format for such connections is not emulated.
 */
import { argumentInvalid, projectNotFound } from './errors';
import { newGuid } from './ids';
import { epochSeconds, JwtIssuer } from './jwt';
import { jsonReply } from './reply';
import type { RequestContext, Route } from './router';
import type { OrgState } from './state';

export const OIDC_AUDIENCE = 'api://AzureADTokenExchange';
/** Ten minutes, as the tokens quoted above run. */
const OIDC_TOKEN_SECONDS = 600;

export const oidcTokens = new JwtIssuer();

export function oidcIssuer(org: OrgState): string {
  return `https://vstoken.dev.azure.com/${org.id}`;
}

function createOidcToken({ org, params, query }: RequestContext) {
  const project = org.findProject(params.project);
  if (!project) throw projectNotFound(params.project);
  const connectionId = query.get('serviceConnectionId') ?? '';
  const connection = Object.entries(project.serviceConnections).find(([, id]) => id.toLowerCase() === connectionId.toLowerCase());
  // The service's answer for an unknown or unauthorized connection is not confirmed; a 400 with its name is assumed.
  if (!connection)
    throw argumentInvalid(
      `The service connection '${connectionId}' does not exist or is not authorized for use in project ${project.name}.`,
    );
  const now = epochSeconds();
  const oidcToken = oidcTokens.sign({
    jti: newGuid(),
    sub: `sc://${org.name}/${project.name}/${connection[0]}`,
    aud: OIDC_AUDIENCE,
    org_id: org.id,
    prj_id: project.id,
    iss: oidcIssuer(org),
    nbf: now,
    iat: now,
    exp: now + OIDC_TOKEN_SECONDS,
  });
  return jsonReply(200, JSON.stringify({ oidcToken }));
}

export const oidcRoutes: Route[] = [
  {
    pattern: '{project}/_apis/distributedtask/hubs/{hub}/plans/{planId}/jobs/{jobId}/oidctoken',
    handlers: { POST: createOidcToken },
  },
];
