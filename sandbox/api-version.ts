/**
 * api-version rules of the service (reference §3): the version comes from the query or the Accept
 * header; GETs may omit it, writes may not; a version above the released one needs `-preview`;
 * nothing above the maximum is served.
 */
import { webApiError } from './errors';

/**
 * What every served location reports in discovery. With maxVersion 7.2, releasedVersion 7.1 and
 * resourceVersion 1 (the realistic values today), azure-devops-node-api 17 negotiates its
 * requested `7.2-preview.1` unchanged, which is also what the browser client hard-codes, so both
 * clients send the same version; plain `7.1` stays valid and plain `7.2` is the preview error.
 */
export const SERVED_VERSIONS = { maxVersion: '7.2', releasedVersion: '7.1', resourceVersion: 1 } as const;

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A resource the service has not released (its location's `releasedVersion` is below the version asked
 * for, as for the checks configurations, documented as `7.1-preview.1`): every version needs `-preview`.
 */
export function requirePreview(version: ApiVersion | undefined): void {
  if (version === undefined || version.preview) return;
  throw webApiError(
    400,
    'VssInvalidPreviewVersionException',
    `The requested version "${version.text}" of the resource is under preview. The -preview flag must be supplied in the api-version for such requests. For example: "${version.text}-preview"`,
  );
}

export interface ApiVersion {
  text: string;
  number: number;
  preview: boolean;
}

/** The version text from `?api-version=` or else from Accept's `api-version=` option. */
export function requestedVersion(query: URLSearchParams, accept: string | undefined): string | undefined {
  for (const [name, value] of query) if (name.toLowerCase() === 'api-version') return value;
  const option = /(?:^|[;,])\s*api-version\s*=\s*([^;,]*)/i.exec(accept ?? '');
  return option?.[1].trim();
}

/** Throws the service's 400 when the request's version is missing (on a write), malformed or not served. */
export function checkApiVersion(method: string, text: string | undefined): ApiVersion | undefined {
  if (text === undefined || text === '') {
    if (!WRITE_METHODS.has(method)) return undefined;
    throw webApiError(
      400,
      'VssVersionNotSpecifiedException',
      `No api-version was supplied for the "${method}" request. The version must be supplied either as part of the Accept header (e.g. "application/json; api-version=1.0") or as a query parameter (e.g. "?api-version=1.0").`,
    );
  }
  const match = /^(\d+\.\d+)(-preview(\.\d+)?)?$/i.exec(text);
  if (!match) {
    throw webApiError(
      400,
      'VssInvalidApiVersionException',
      `Invalid api version string: "${text}". Api version string must be in the format: {Major}.{Minor}[-preview[.{ResourceVersion}]].`,
    );
  }
  const version = { text, number: Number(match[1]), preview: match[2] !== undefined };
  if (version.number > Number(SERVED_VERSIONS.maxVersion)) {
    throw webApiError(
      400,
      'VssVersionOutOfRangeException',
      `The requested REST API version of ${match[1]} is out of range for this server. The latest REST API version this server supports is ${SERVED_VERSIONS.maxVersion}.`,
    );
  }
  if (version.number > Number(SERVED_VERSIONS.releasedVersion) && !version.preview) {
    throw webApiError(
      400,
      'VssInvalidPreviewVersionException',
      `The requested version "${match[1]}" of the resource is under preview. The -preview flag must be supplied in the api-version for such requests. For example: "${match[1]}-preview"`,
    );
  }
  return version;
}
