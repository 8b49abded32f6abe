import { KedaError, kedaError } from './findings';
import { poolLookupUrl } from './queue-url';
import { SCALER_ERROR_PREFIX } from './trigger';
import type { PoolRef } from './types';
import { KedaVersion } from './version';

/**
 * The one network step of building the scaler, given the answer instead of making the call, so what KEDA
 * concludes from a status and a body can be shown (or tested) without a cluster.
 */

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

export type PoolResolution =
  | { readonly ok: true; readonly url: string; readonly poolId: number }
  | { readonly ok: false; readonly url: string; readonly error: KedaError; readonly kedaLog: string };

/** The Go types KEDA decodes the two lookups into, named as Go names them in decoding errors. */
const NAME_RESPONSE_TYPE = 'scalers.azurePipelinesPoolNameResponse';
const ID_RESPONSE_TYPE = 'scalers.azurePipelinesPoolIDResponse';

export function resolvePool(organizationUrl: string, pool: PoolRef, answer: HttpAnswer, version: KedaVersion): PoolResolution {
  const url = poolLookupUrl(organizationUrl, pool, version);
  const failure = (error: KedaError): PoolResolution => ({ ok: false, url, error, kedaLog: SCALER_ERROR_PREFIX + error.kedaText });

  if (answer.status < 200 || answer.status > 299) {
    const text = `the Azure DevOps REST API returned error. urlString: ${url} status: ${answer.status} response: ${answer.body}`;
    return failure(
      pool.kind === 'id'
        ? kedaError('poolIdProbeFailed', { id: pool.id, status: answer.status }, `agent pool with id \`${pool.id}\` not found: ${text}`)
        : kedaError('poolLookupFailed', { name: pool.name, status: answer.status }, text),
    );
  }

  const unreadable = (why: DecodeFailure) =>
    failure(kedaError('poolResponseUnreadable', { url, status: answer.status, detail: why.detail }, why.goText));
  const decoded = decodeObject(answer.body, pool.kind === 'id' ? ID_RESPONSE_TYPE : NAME_RESPONSE_TYPE);
  if ('failure' in decoded) return unreadable(decoded.failure);
  // The id probe only proves the call succeeds: KEDA reads `id` from a list-shaped body (0) and keeps its own.
  if (pool.kind === 'id') return { ok: true, url, poolId: pool.id };

  const ids = poolIds(decoded.value);
  if (ids === undefined) return unreadable({ detail: 'the pool list has an unexpected shape', goText: '' });
  if (ids.length === 0) {
    return failure(kedaError('poolNameNotFound', { name: pool.name }, `agent pool with name \`${pool.name}\` not found`));
  }
  if (ids.length !== 1) {
    return failure(
      kedaError('poolNameAmbiguous', { name: pool.name, count: ids.length }, `found ${ids.length} agent pool with name \`${pool.name}\``),
    );
  }
  return { ok: true, url, poolId: ids[0] };
}

/** Why a body did not decode; `goText` is Go's own error text, or `''` where it is not reproduced. */
interface DecodeFailure {
  readonly detail: string;
  readonly goText: string;
}

/**
 * `json.Unmarshal` into a struct: an object or `null` decodes, anything else fails. Go's texts are reproduced
 * for the failures users meet (an empty body, an HTML page, a bare array), not for other syntax errors.
 */
function decodeObject(body: string, goType: string): { value: Record<string, unknown> | null } | { failure: DecodeFailure } {
  const start = body.trimStart();
  const go = (text: string) => ({ failure: { detail: text, goText: text } });
  if (start === '') return go('unexpected end of JSON input');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    if (/^[[{"\-0-9tfn]/.test(start)) return { failure: { detail: 'malformed JSON', goText: '' } };
    return go(`invalid character '${start[0]}' looking for beginning of value`);
  }
  if (value === null || (typeof value === 'object' && !Array.isArray(value))) return { value: value as Record<string, unknown> | null };
  return go(`json: cannot unmarshal ${goJsonKind(value)} into Go value of type ${goType}`);
}

function goJsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}

/** `value[].id` as Go decodes it: a missing list or `null` entries are empty, a non-integer id is an error. */
function poolIds(body: Record<string, unknown> | null): number[] | undefined {
  const list = body?.value;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) return undefined;
  const ids: number[] = [];
  for (const entry of list) {
    if (entry === null) {
      ids.push(0);
      continue;
    }
    if (typeof entry !== 'object' || Array.isArray(entry)) return undefined;
    const id = (entry as Record<string, unknown>).id;
    if (id !== undefined && id !== null && !Number.isInteger(id)) return undefined;
    ids.push(typeof id === 'number' ? id : 0);
  }
  return ids;
}
