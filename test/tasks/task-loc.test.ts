/**
 * Issue 17, item 5: the built task finds every text it shows in the files it ships (task.json's `messages`
 * and `shared/module.json`'s, through `tl.loc`), and a translation is a file away: a `resources.resjson`
 * under the agent's culture is all it takes.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { SHARED_MODULE } from '../../tasks/KedaPoolGuardV1/messages';
import { builtTask } from '../support/built';
import { DEMO } from '../support/tokens';
import { assertNoSecretLeaks, assertNoStackTrace } from '../support/clean-output';
import { runTask, runTaskUnchecked, type AgentJob, type TaskRun } from './agent-run';

type Json = Record<string, unknown>;

describe('task KedaPoolGuard@1 and its texts, as the agent runs it', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let built: string;
  before(async () => {
    [sandbox, built] = await Promise.all([startSandbox({ scenario: 'demo' }), builtTask()]);
  });
  after(() => sandbox?.stop());

  /** A copy of the built task, changed by `change`, for one run. */
  function builtCopy(change: (dir: string) => void): string {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'kpg-task-loc-')), 'KedaPoolGuardV1');
    cpSync(built, dir, { recursive: true });
    change(dir);
    return dir;
  }

  const edit = (file: string, change: (json: Json) => void) => {
    const json = JSON.parse(readFileSync(file, 'utf8')) as Json;
    change(json);
    writeFileSync(file, JSON.stringify(json, null, 2));
  };

  const job = (taskDir: string, env: Record<string, string> = {}): AgentJob => ({
    taskDir,
    inputs: { pools: 'keda-ready', demands: 'kubectl', timeoutSeconds: '20' },
    collectionUri: `${sandbox.orgUrl('demo')}/`,
    project: 'demo',
    jobToken: DEMO.jobToken,
    env,
  });
  const check = (taskDir: string, env: Record<string, string> = {}): Promise<TaskRun> => runTask(job(taskDir, env));

  it('finds every text it shows in the files it ships', async () => {
    const run = await check(built);
    assert.equal(run.result, 'Succeeded');
    assert.match(run.stdout, /^Pool `keda-ready`: ready$/m);
  });

  for (const [file, key] of [
    ['task.json', 'task.ready'],
    [path.join(...SHARED_MODULE), 'verdict.ready'],
  ] as const) {
    it(`fails the suite when ${file} lacks a key the task shows (${key})`, async () => {
      const dir = builtCopy((copy) =>
        edit(path.join(copy, file), (json) => {
          delete (json.messages as Json)[key];
        }),
      );
      await assert.rejects(check(dir), (error: Error) => error.message.includes('the task misses a text') && error.message.includes(key));
    });
  }

  it('speaks the agent’s language from a resources.resjson under its culture, its own texts and the shared ones', async () => {
    const dir = builtCopy((copy) => {
      const resjson = (base: string, strings: Record<string, string>) => {
        const folder = path.join(base, 'Strings', 'resources.resjson', 'de-DE');
        mkdirSync(folder, { recursive: true });
        writeFileSync(path.join(folder, 'resources.resjson'), JSON.stringify(strings));
      };
      resjson(copy, { 'loc.messages.task.ready': 'Jeder Pool kann KEDA-Jobs einreihen.' });
      resjson(path.join(copy, path.dirname(path.join(...SHARED_MODULE))), {
        'loc.messages.summary.pool': 'Pool {pool:code}: {verdict}',
        'loc.messages.verdict.ready': 'bereit',
      });
    });
    const run = await check(dir, { SYSTEM_CULTURE: 'de-DE' });
    assert.equal(run.result, 'Succeeded');
    assert.match(run.stdout, /^Pool `keda-ready`: bereit$/m);
    assert.match(run.stdout, /##vso\[task\.complete result=Succeeded;\]Jeder Pool kann KEDA-Jobs einreihen\./);
  });

  it('fails the step with its own message, not a crash, when a resource file it loads first is missing', async () => {
    const dir = builtCopy((copy) => rmSync(path.join(copy, ...SHARED_MODULE)));
    const run = await runTaskUnchecked(job(dir));
    assertNoSecretLeaks(run);
    assertNoStackTrace(run);
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.result, 'Failed');
    assert.equal(run.commands.filter((command) => command.name === 'task.complete').length, 1);
    assert.match(run.errors.join('\n'), /stopped on an error in its own code \(`Error: .*module\.json`\).*report it at/);
    assert.match(run.stdout, /##vso\[task\.debug\]Error: .*module\.json.*%0A\s+at /, 'the stack is in the debug log');
  });
});
