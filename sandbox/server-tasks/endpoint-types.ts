/**
 * What the service learns from an installed extension about the connection types it contributes: the
 * headers each authentication scheme sends when the service itself calls with such a connection (a server
 * task's `EndpointId`). A contribution of type `ms.vss-endpoint.service-endpoint-type` lists them per
 * scheme (`docs/extend/develop/auth-schemes.md`, MicrosoftDocs/azure-devops-docs); a scheme that lists
 * none sends the built-in scheme's default.
 */
import type { EndpointTypeHeaders } from './run';

const SCHEMES: Record<string, string> = {
  'ms.vss-endpoint.endpoint-auth-scheme-token': 'token',
  'ms.vss-endpoint.endpoint-auth-scheme-basic': 'usernamepassword',
  'ms.vss-endpoint.endpoint-auth-scheme-none': 'none',
};

interface Contribution {
  type?: string;
  properties?: { name?: string; authenticationSchemes?: { type?: string; headers?: { name: string; value: string }[] }[] };
}

/** The header templates of every connection type an extension manifest (`vss-extension.json`) contributes. */
export function endpointTypeHeaders(manifest: { contributions?: Contribution[] }): EndpointTypeHeaders {
  const types: EndpointTypeHeaders = {};
  for (const contribution of manifest.contributions ?? []) {
    const name = contribution.properties?.name;
    if (contribution.type !== 'ms.vss-endpoint.service-endpoint-type' || !name) continue;
    const schemes: EndpointTypeHeaders[string] = {};
    for (const scheme of contribution.properties?.authenticationSchemes ?? []) {
      const schemeName = SCHEMES[scheme.type ?? ''];
      if (schemeName && scheme.headers) schemes[schemeName] = scheme.headers;
    }
    types[name.toLowerCase()] = schemes;
  }
  return types;
}
