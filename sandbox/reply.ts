/** What a handler answers; the server writes it, faults may replace or corrupt it first. */
import type { ServiceError } from './errors';

export interface Reply {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

export function jsonReply(status: number, body: string, headers: Record<string, string | string[]> = {}): Reply {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers }, body };
}

export function errorReply(error: ServiceError): Reply {
  return jsonReply(error.status, error.body(), error.headers);
}

export const emptyReply = (status: number): Reply => ({ status, headers: {}, body: '' });

/**
 * What a browser-style client gets instead of a 401 when it does not send
 * `X-TFS-FedAuthRedirect: Suppress`: the end of the sign-in redirect chain, a 203 HTML page.
 */
export function signInPageReply(): Reply {
  return {
    status: 203,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: [
      '<!DOCTYPE html>',
      '<html><head><title>Azure DevOps Services | Sign In</title></head>',
      '<body><form id="signInForm" method="post" action="https://login.microsoftonline.com/">',
      '<p>Sign in to your account to continue to Azure DevOps.</p></form></body></html>',
    ].join('\n'),
  };
}

/**
 * What dev.azure.com answers for an organization that does not exist, before any authentication: a
 * 404 in plain text, the message repeated, URL-encoded, in `X-TFS-ServiceError` (recorded from the real
 * service for `OPTIONS https://dev.azure.com/a-very-invalid-org-url/_apis/Location` in
 * JupiterOne/graph-azure-devops src/__recordings__/APIClient-verifyAuthentication-invalid-org-url_2666625345).
 */
export function organizationNotFoundReply(): Reply {
  const message = 'The resource cannot be found.';
  return {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-TFS-ServiceError': encodeURIComponent(message) },
    body: message,
  };
}
