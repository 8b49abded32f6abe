/**
 * What every run of the task or the command line must satisfy, whatever happened: no secret in any
 * output line (bar the agent's own secret registration), summary or written file, and no crash.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLI_MESSAGES } from '../../cli/messages';
import { HUB_MESSAGES } from '../../hub/src/messages';
import { TASK_MESSAGES } from '../../tasks/KedaPoolGuardV1/messages';
import { SECRETS } from './tokens';

export interface RunOutput {
  stdout: string;
  stderr: string;
  /** The Markdown summary, when the run attached one. */
  summary?: string;
  /** A folder the run could write to (the agent's temp directory): every file in it is read. */
  directory?: string;
}

/** `##vso[task.setsecret]<token>` is how a task asks the agent to mask a secret; it must carry it. */
const SECRET_REGISTRATION = '##vso[task.setsecret]';
// A stack frame as Node prints it: `    at fn (/path/file.js:12:34)`, `    at /path/file.js:12:34`, `    at async Promise.all (index 0)`.
const STACK_FRAME = /^\s*at (?:async )?\S.*(?::\d+:\d+\)?|\(index \d+\))$/m;
/** Each face's message for a bug of ours, as a key (the mock runner's `loc_mock_<key>`) and as the text before its first parameter. */
const INTERNAL_ERRORS = [
  ['task.internalError', TASK_MESSAGES['task.internalError']],
  ['cli.internalError', CLI_MESSAGES['cli.internalError']],
  ['hub.internalError', HUB_MESSAGES['hub.internalError']],
].flatMap(([key, template]) => [key, template.slice(0, template.indexOf('{'))]);

/**
 * A JSON Web Token: the Microsoft Entra and OIDC tokens a run obtains itself, which no list of known
 * secrets can hold, must not leak either.
 */
const JWT = /eyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]+/;

/** A token as it could leak: itself, or inside the Basic authorization header the client sends. */
function formsOf(secret: string): string[] {
  return [secret, Buffer.from(`:${secret}`).toString('base64')];
}

export function assertNoSecretLeaks(output: RunOutput, secrets: readonly string[] = SECRETS): void {
  const forms = secrets.flatMap(formsOf);
  const find = (text: string) => forms.find((form) => text.includes(form)) ?? JWT.exec(text)?.[0];
  for (const line of `${output.stdout}\n${output.stderr}`.split('\n')) {
    if (line.startsWith(SECRET_REGISTRATION)) continue;
    assert.equal(find(line), undefined, `a secret leaked in the output line: ${line}`);
  }
  assert.equal(find(output.summary ?? ''), undefined, 'a secret leaked in the summary');
  for (const file of output.directory ? filesIn(output.directory) : []) {
    assert.equal(find(readFileSync(file, 'utf8')), undefined, `a secret leaked in the written file ${file}`);
  }
}

/** No stack trace: it belongs in the debug output, escaped into a logging command or asked for with `--debug`. */
export function assertNoStackTrace(output: RunOutput): void {
  assert.doesNotMatch(`${output.stdout}\n${output.stderr}`, STACK_FRAME, 'a stack trace was printed');
}

/** No stack trace, and no internal error of the guard's own: every other failure has its own message. */
export function assertNoCrash(output: RunOutput): void {
  assertNoStackTrace(output);
  const text = `${output.stdout}\n${output.stderr}`;
  assert.ok(!INTERNAL_ERRORS.some((internal) => text.includes(internal)), `the run stopped on an internal error:\n${text}`);
}

/**
 * task-lib's complaints when `tl.loc` is asked for a key no resource file holds (it then shows the key), or
 * when a resource file is missing: the built task must find every text it shows.
 */
const MISSING_TEXT = [/Can't find loc string for key: \S+/, /Resource file haven't been set/, /LIB_ResourceFile does not exist/];

export function assertEveryTextFound(output: RunOutput): void {
  const text = `${output.stdout}\n${output.stderr}`;
  for (const pattern of MISSING_TEXT) assert.equal(pattern.exec(text)?.[0], undefined, 'the task misses a text');
}

export function assertCleanRun(output: RunOutput, secrets?: readonly string[]): void {
  assertNoSecretLeaks(output, secrets);
  assertNoCrash(output);
  assertEveryTextFound(output);
}

function filesIn(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}
