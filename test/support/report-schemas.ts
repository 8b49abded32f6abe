/**
 * The JSON documents the command line prints with `--json` and the task sets as its `report` output, held to
 * their published schemas (`schemas/`): every run the suite makes goes through here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';

export type ReportKind = 'guard' | 'sweep' | 'keda' | 'gate';

const SCHEMA_DIR = path.resolve(__dirname, '..', '..', 'schemas');
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validators = Object.fromEntries(
  (['guard', 'sweep', 'keda', 'gate'] as const).map((kind) => [kind, ajv.compile(schemaOf(kind))]),
) as Record<ReportKind, ReturnType<typeof ajv.compile>>;

export function schemaOf(kind: ReportKind): object {
  return JSON.parse(readFileSync(path.join(SCHEMA_DIR, `${kind}-report.schema.json`), 'utf8')) as object;
}

/** Which document it claims to be: a KEDA view lists scalers, a sweep and a pool check say so, anything else is a check or repair. */
export function reportKind(document: unknown): ReportKind {
  const fields = (document ?? {}) as Record<string, unknown>;
  if ('scalers' in fields) return 'keda';
  if (fields.action === 'sweep' || fields.action === 'gate') return fields.action;
  return 'guard';
}

/** The schema's errors for the document, empty when it conforms. */
export function schemaErrors(document: unknown, kind: ReportKind = reportKind(document)): string[] {
  const validate = validators[kind];
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error) => `${kind}: ${error.instancePath || '/'} ${error.message ?? ''}`);
}

export function assertConforms(json: string): void {
  const document: unknown = JSON.parse(json);
  const errors = schemaErrors(document);
  assert.deepEqual(errors, [], `the JSON does not conform to its schema:\n${errors.join('\n')}\n${json.slice(0, 2000)}`);
}

/** Standard output that is one JSON document (the `--json` of every command) is held to its schema. */
export function assertJsonOutputConforms(stdout: string): void {
  if (stdout.trimStart().startsWith('{')) assertConforms(stdout);
}
