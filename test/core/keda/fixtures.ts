import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJobRequest, readList } from '../../../core/ado/wire';
import { KedaError, KedaFinding } from '../../../core/keda/findings';
import { parseScalingMetadata } from '../../../core/keda/trigger';
import type { KedaScaler, ScalingSettings } from '../../../core/keda/types';
import { KedaVersion, parseKedaVersion } from '../../../core/keda/version';
import { formatMessage } from '../../../core/model/render';
import type { JobRequest } from '../../../core/model/types';
import { SAMPLES_DIRECTORY } from '../../../sandbox/scenarios/samples';

/** KEDA's own test payloads (sandbox/scenarios/samples/README.md), read through the product's wire reader. */
function fixture(name: string): unknown {
  return JSON.parse(readFileSync(join(SAMPLES_DIRECTORY, name), 'utf8'));
}

export const [J1, J2] = readList(fixture('jobrequests-list-pending-keda.json'), readJobRequest);
export const deadJob = readJobRequest(fixture('jobrequest-finished-keda.json') as Record<string, unknown>);
export const assignedNotFinishedJob = readJobRequest(fixture('jobrequest-assigned-keda.json') as Record<string, unknown>);
export const queuedOnlyVersion: JobRequest = { requestId: 1, demands: ['Agent.Version -gtVersion 2.182.1'] };

/** KEDA's `buildLoadJSON()`: J1, J2 and 999 finished jobs. */
export const load: readonly JobRequest[] = [J1, J2, ...Array.from({ length: 999 }, () => deadJob)];

export const ORG = 'https://dev.azure.com/FOO';

export const version = (label: string): KedaVersion => parseKedaVersion(label);

export function settingsOf(metadata: Record<string, string>, at = '2.20.1'): ScalingSettings {
  const parsed = parseScalingMetadata({ poolID: '1', ...metadata }, version(at));
  assert.ok(parsed.ok, `metadata rejected: ${parsed.ok ? '' : parsed.kedaLog}`);
  return parsed.value;
}

export function scalerOf(metadata: Record<string, string>, at = '2.20.1', triggerIndex = 0): KedaScaler {
  return { version: version(at), settings: settingsOf(metadata, at), organizationUrl: ORG, poolId: 1, triggerIndex };
}

/** A queued job with these demands (the implicit `Agent.Version` one included, as the service sends it). */
export function job(requestId: number, demands: string[], extra: Partial<JobRequest> = {}): JobRequest {
  return { requestId, demands: [...demands, 'Agent.Version -gtVersion 3.220.0'], queueTime: new Date(0), ...extra };
}

export function codes(items: readonly { readonly code: string }[]): string[] {
  return items.map((item) => item.code);
}

/** Renders a finding or error and checks every placeholder of its template was filled. */
export function rendered(item: KedaFinding | KedaError): string {
  const text = formatMessage(item.messageKey, item.params, 'text');
  assert.doesNotMatch(text, /\{\w+(:\w+)?\}/, `unfilled placeholder in ${item.code}: ${text}`);
  return text;
}
