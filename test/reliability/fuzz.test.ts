/**
 * Issue 8, guarantee 4, fuzzed: settings generated from a seeded source never get anything but the
 * task's own answer, a verdict or one of its input messages: no crash, no "failed unexpectedly", no
 * stack trace. In-process they go through the task's own reading (`readTaskSettings`), the guard and
 * every renderer the task uses; a sample also runs through the built task, which must answer exactly
 * as the in-process reading predicts.
 */
import assert from 'node:assert/strict';
import { RestAdoClient } from '../../core/ado/client';
import type { Credentials } from '../../core/ado/http';
import { describeError } from '../../core/guard/errors';
import { InputError } from '../../core/guard/inputs';
import { issueText } from '../../core/guard/issues';
import { reportJson } from '../../core/guard/report';
import { runGuard } from '../../core/guard/run';
import { summaryMarkdown } from '../../core/guard/summary';
import { DemandParseError } from '../../core/model/demands';
import { inertJson } from '../../core/model/plaintext';
import { renderFinding } from '../../core/model/render';
import { startSandbox, type Sandbox } from '../../sandbox';
import { readTaskSettings, type TaskSettings } from '../../tasks/KedaPoolGuardV1/settings';
import { taskText } from '../../tasks/KedaPoolGuardV1/text';
import { builtTask } from '../support/built';
import { figure, runs } from '../support/long';
import { pick, randomSource, randomString } from '../support/random';
import { DEMO } from '../support/tokens';
import { agentInputsOf, assertNoLoggingCommands, runTask, type AgentJob } from '../tasks/agent-run';

const SEED = 20_261_128;
const IN_PROCESS_RUNS = runs(300, 10_000);
const BUILT_RUNS = runs(10, 100);
/** Built runs started at once: enough to be quick, few enough for two cores. */
const BUILT_BATCH = 8;

/** Pieces that break parsers: separators, escapes, logging commands, operators, names that exist. */
const ALPHABET = [
  'a',
  'Z',
  '0',
  '7',
  '.',
  '-',
  '_',
  ' ',
  '\t',
  '\n',
  '\r',
  '\r\n',
  ',',
  '=',
  ';',
  ':',
  ']',
  '[',
  '%',
  '%0A',
  '#',
  '##vso[',
  '##[',
  '`',
  '|',
  '<',
  '>',
  '/',
  '\\',
  '@',
  '*',
  '?',
  '"',
  "'",
  'ü',
  'プ',
  '🚀',
  '\u0000',
  '\u2028',
  '\u0085',
  '-equals',
  '-gtVersion',
  '-exists',
  ' -equals ',
  ' -gtVersion ',
  'Agent.Version',
  'Agent.OS',
  'kubectl',
  'Linux',
  'keda-ready',
  'keda-empty',
  'keda-leftovers',
  'check',
  'repair',
  'true',
  'false',
  '3600',
  '60',
  '-1',
  '4.248.0',
  'http://',
  'https://dev.azure.com/',
];

/** Values that are valid on their own, so that fuzzed settings also get past the reading, into the guard. */
const VALID: Record<string, readonly string[]> = {
  pools: ['keda-ready', 'keda-empty', 'keda-leftovers, static-linux', 'keda-missing-capability\nkeda-old-placeholder'],
  demands: ['', 'kubectl', 'kubectl\nhelm', 'Agent.OS -equals Linux', 'Agent.Version -gtVersion 3.240.0'],
  action: ['', 'check', 'repair', 'CHECK'],
  failOn: ['', 'blocked', 'atRisk'],
  timeoutSeconds: ['', '5', '60'],
  placeholderName: ['', 'keda-placeholder', 'parent-ü'],
  placeholderCapabilities: ['', 'kubectl=/usr/local/bin/kubectl', 'a=1\nb = 2'],
  requireOnlineAgent: ['', 'true', 'false'],
};

interface Fuzzed {
  job: Omit<AgentJob, 'taskDir'>;
  /** Whether the organization URL is the sandbox's: only then may the guard call it. */
  local: boolean;
}

/**
 * One set of settings: all valid, then up to three of them (inputs, URL, token) spoilt with noise, before,
 * after or instead of the value, so that single faults, their mixes and accepted settings all come up.
 */
function fuzzedJob(random: () => number, orgUrl: string, { builtTaskSafe }: { builtTaskSafe: boolean }): Fuzzed {
  // An environment variable cannot hold a NUL, so the built task never gets one.
  const noise = () => randomString(random, builtTaskSafe ? ALPHABET.filter((piece) => piece !== '\u0000') : ALPHABET, 8);
  const spoil = (value: string) => pick(random, [() => noise(), () => value + noise(), () => noise() + value])();
  const values: Record<string, string> = Object.fromEntries(Object.entries(VALID).map(([name, valid]) => [name, pick(random, valid)]));
  values.url = pick(random, [orgUrl, `${orgUrl}/`]);
  values.token = pick(random, [DEMO.adminPat, DEMO.jobToken]);
  // The built task calls only the sandbox: its URL stays intact there.
  const spoilable = Object.keys(values).filter((name) => !(builtTaskSafe && name === 'url'));
  for (let spoilt = Math.floor(random() * 4); spoilt > 0; spoilt--) {
    const name = pick(random, spoilable);
    values[name] = spoil(values[name]);
  }
  const { url, token, ...inputs } = values;
  const local = url.replace(/\/+$/, '') === orgUrl;
  const viaConnection = random() < 0.5;
  const job = viaConnection
    ? { inputs, collectionUri: `${orgUrl}/`, connection: { id: 'f0f0f0f0-0000-4000-8000-00000000f00d', url, token } }
    : { inputs, collectionUri: url, project: pick(random, ['demo', '', noise()]), jobToken: token };
  return { job, local };
}

type Answer = { kind: 'refused'; message: string } | { kind: 'read'; settings: TaskSettings };

/** The task's reading of its settings: its own input errors are answers; anything else thrown is a failure. */
function readSettings(job: Fuzzed['job']): Answer {
  try {
    return { kind: 'read', settings: readTaskSettings(agentInputsOf(job)) };
  } catch (error) {
    if (!(error instanceof InputError || error instanceof DemandParseError)) throw error;
    return { kind: 'refused', message: describeError(error, 'task.internalError', (key, params) => taskText(key, params, 'text')) };
  }
}

describe("fuzzed settings: nothing but the task's own answer", function () {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ scenario: 'demo' });
  });
  after(() => sandbox.stop());

  it(`${IN_PROCESS_RUNS} settings through the task's reading, the guard and its renderers, in-process`, async () => {
    const random = randomSource(SEED);
    const tally = { refused: 0, judged: 0, notCalled: 0 };
    for (let i = 0; i < IN_PROCESS_RUNS; i++) {
      const fuzzed = fuzzedJob(random, sandbox.orgUrl('demo'), { builtTaskSafe: false });
      const context = `settings #${i}: ${JSON.stringify(fuzzed.job)}`;
      const answer = readSettings(fuzzed.job);
      if (answer.kind === 'refused') {
        tally.refused++;
        assert.doesNotMatch(answer.message, /[\r\n]/, `one line: ${context}`);
        assertNoLoggingCommands(answer.message);
        continue;
      }
      // Accepted settings pointing elsewhere than the sandbox are not called: there is nothing there.
      // The generator never writes `sweep`, whose runs have a suite of their own.
      const { settings } = answer;
      if (!fuzzed.local || settings.action === 'sweep') {
        tally.notCalled++;
        continue;
      }
      // The generator names no Azure connection, so there is no one to sign in.
      assert.notEqual(settings.credentials.kind, 'servicePrincipal');
      const client = new RestAdoClient({
        orgUrl: settings.organizationUrl,
        credentials: settings.credentials as Credentials,
        timeoutMs: Math.min(settings.timeoutMs, 5_000),
      });
      const result = await runGuard(client, settings.request);
      assert.ok(['ready', 'atRisk', 'blocked', 'unknown'].includes(result.verdict), context);
      // What the task prints and attaches, rendered as it does.
      const log = result.pools.flatMap((pool) => pool.report.findings.flatMap((f) => [renderFinding(f, 'text'), issueText(f)]));
      assertNoLoggingCommands([...log, inertJson(reportJson(result))].join('\n'));
      assert.ok(summaryMarkdown(result).length > 0);
      tally.judged++;
    }
    figure('settings fuzzed in-process', IN_PROCESS_RUNS);
    figure('... refused with an input message', tally.refused);
    figure('... judged against the sandbox', tally.judged);
    figure('... accepted, pointing elsewhere (not called)', tally.notCalled);
    // The generator reaches both sides of the reading.
    assert.ok(tally.refused > 0 && tally.judged > 0, JSON.stringify(tally));
  });

  it(`${BUILT_RUNS} settings through the built task answer as the in-process reading predicts`, async () => {
    const taskDir = await builtTask();
    const random = randomSource(SEED + 1);
    const jobs = Array.from({ length: BUILT_RUNS }, () => fuzzedJob(random, sandbox.orgUrl('demo'), { builtTaskSafe: true }).job);
    for (let start = 0; start < jobs.length; start += BUILT_BATCH) {
      const batch = jobs.slice(start, start + BUILT_BATCH);
      // `runTask` checks each run for leaked secrets and crashes.
      const taskRuns = await Promise.all(batch.map((job) => runTask({ taskDir, ...job })));
      taskRuns.forEach((run, index) => {
        const job = batch[index];
        const answer = readSettings(job);
        const context = JSON.stringify(job);
        if (answer.kind === 'refused') {
          assert.equal(run.result, 'Failed', context);
          assert.deepEqual(run.errors, [answer.message], context);
          assert.deepEqual(run.outputs, {}, context);
        } else {
          assert.ok(['ready', 'atRisk', 'blocked', 'unknown'].includes(run.outputs.verdict), `${context}\n${run.stdout}`);
        }
      });
    }
    figure('settings fuzzed through the built task', BUILT_RUNS);
  });
});
