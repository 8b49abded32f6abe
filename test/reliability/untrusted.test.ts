/**
 * Issue 8, guarantee 3: names, capabilities, demands and error messages from the service are data.
 * Seeded with hostile values (test/support/hostile.ts), the task's log holds no logging command but
 * its own, its commands carry the values as escaped data, its outputs keep them exact, and its
 * Markdown summary shows them without links, images, HTML, broken tables or headings; the command
 * line prints them without a logging command in any line, as a table and as JSON.
 */
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox';
import { builtTask } from '../support/built';
import { cliInProcess } from '../support/cli-run';
import { HOSTILE_DEMAND, HOSTILE_READER, INJECTED_VARIABLE, ORG, POOLS, hostileScenario } from '../support/hostile';
import { assertInertMarkdown } from '../support/markdown';
import { DEMO } from '../support/tokens';
import { assertNoLoggingCommands, assertOnlyOwnCommands, runTask, type TaskRun } from '../tasks/agent-run';

const ALL_POOLS = [POOLS.busy, POOLS.empty, POOLS.foreign];
const DEMANDS = ['kubectl', HOSTILE_DEMAND];
/** The columns of the summary's agent table. */
const SUMMARY_COLUMNS = 5;
/** How a defused logging command prefix reads: the bracket escaped. */
const DEFUSED = `##vso\\[task.setvariable variable=${INJECTED_VARIABLE}]1`;

describe('untrusted data stays data', function () {
  let sandbox: Sandbox;
  let taskDir: string;
  before(async () => {
    [sandbox, taskDir] = await Promise.all([startSandbox({ scenario: hostileScenario() }), builtTask()]);
  });
  after(() => sandbox.stop());

  /** What every run on the hostile organization must show, whatever its verdict. */
  function assertInertTask(run: TaskRun): void {
    assertOnlyOwnCommands(run, taskDir);
    assert.ok(!(INJECTED_VARIABLE in run.outputs), 'an injected variable was set');
    assert.ok(run.summary, 'the summary is attached');
    assertInertMarkdown(run.summary, SUMMARY_COLUMNS);
  }

  describe('the built task', () => {
    it('check: hostile pools, agents, capabilities and demands reach the log, issues and summary as text only', async () => {
      const run = await runTask({
        taskDir,
        inputs: { pools: ALL_POOLS.join('\n'), demands: DEMANDS.join('\n'), timeoutSeconds: '10' },
        collectionUri: `${sandbox.orgUrl(ORG)}/`,
        project: 'hostile',
        jobToken: DEMO.jobToken,
      });
      assertInertTask(run);
      assert.equal(run.result, 'Failed');
      // The values are there, defused: the checks above had something to bite on.
      assert.ok(
        run.errors.some((issue) => issue.includes(DEFUSED)),
        run.errors.join('\n'),
      );
      assert.ok(run.stdout.includes('onerror=alert(1)') && run.summary!.includes('onerror'), 'the hostile values are shown');
      // The outputs carry the names exactly, non-ASCII included, and that pool is judged like any other.
      const report = JSON.parse(run.outputs.report) as { pools: Array<{ name: string; verdict: string }> };
      assert.deepEqual(
        report.pools.map((pool) => pool.name),
        ALL_POOLS,
      );
      assert.deepEqual(
        report.pools.map((pool) => pool.verdict),
        ['blocked', 'blocked', 'blocked'],
      );
    });

    it('a non-ASCII pool, placeholder and capability: checked like any other', async () => {
      const run = await runTask({
        taskDir,
        inputs: {
          pools: POOLS.foreign,
          demands: 'kubectl\nwerkzeug -equals größe',
          placeholderName: 'platzhalter-ü',
          timeoutSeconds: '10',
        },
        collectionUri: `${sandbox.orgUrl(ORG)}/`,
        jobToken: DEMO.jobToken,
      });
      assertInertTask(run);
      assert.equal(run.result, 'Succeeded', run.stdout);
      assert.match(run.summary!, /`platzhalter-ü` \| placeholder/);
    });

    it('repair refused: the service message naming a hostile identity is shown as data', async () => {
      const run = await runTask({
        taskDir,
        inputs: { pools: POOLS.empty, demands: 'kubectl', action: 'repair', kedaScaled: 'true', timeoutSeconds: '10' },
        collectionUri: `${sandbox.orgUrl(ORG)}/`,
        connection: { id: 'c0ffee00-0000-4000-8000-000000000008', url: sandbox.orgUrl(ORG), token: DEMO.readerPat },
      });
      assertInertTask(run);
      assert.equal(run.result, 'Failed');
      assert.match(run.stdout, /Azure DevOps answers: `Access denied\. Reader ##vso\\\[task\.setvariable/);
      assert.match(run.summary!, /needs Manage permissions/);
      assert.equal(sandbox.org(ORG).findPoolByName(POOLS.empty)!.agents.size, 0);
    });
  });

  describe('the command line', () => {
    const cli = (action: string, pat: string, ...extra: string[]) =>
      cliInProcess(
        [
          action,
          '--org',
          sandbox.orgUrl(ORG),
          ...ALL_POOLS.flatMap((pool) => ['--pool', pool]),
          ...DEMANDS.flatMap((demand) => ['--demand', demand]),
          ...extra,
        ],
        {
          AZURE_DEVOPS_EXT_PAT: pat,
        },
      );

    it('check as tables: no line a logging command', async () => {
      const run = await cli('check', DEMO.adminPat);
      assert.equal(run.code, 2);
      assertNoLoggingCommands(run.stdout + run.stderr);
      assert.ok(run.stdout.includes(DEFUSED), 'the hostile values are shown, defused');
    });

    it('check --json: the same names exactly, and still no logging command in the text', async () => {
      const run = await cli('check', DEMO.adminPat, '--json');
      assertNoLoggingCommands(run.stdout);
      const report = JSON.parse(run.stdout) as { pools: Array<{ name: string }> };
      assert.deepEqual(
        report.pools.map((pool) => pool.name),
        ALL_POOLS,
      );
    });

    it('repair refused: the hostile service message shown inert', async () => {
      const run = await cli('repair', DEMO.readerPat);
      assert.equal(run.code, 3);
      assertNoLoggingCommands(run.stdout + run.stderr);
      assert.ok(run.stdout.includes(HOSTILE_READER.slice(0, 'Reader ##vso'.length)), run.stdout);
    });
  });
});
