import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MockTestRunner } from 'azure-pipelines-task-lib/mock-test';
import { assertCleanRun, assertNoSecretLeaks, assertNoStackTrace } from '../support/clean-output';
import { startSandboxProcess, type SandboxProcess } from '../support/sandbox-process';
import { ADMIN_CONNECTION_ID, DEMO } from '../support/tokens';

const SCENARIO = path.join(__dirname, 'mock', 'scenario.js');
const TASK_JSON = path.join(__dirname, '..', '..', 'tasks', 'KedaPoolGuardV1', 'task.json');
const ADMIN_PAT = DEMO.adminPat;

/**
 * Every input and outcome through task-lib's MockTestRunner, with the task unbundled and the REST
 * calls going to the sandbox. Messages come back as `loc_mock_<key>`, so assertions name keys.
 */
describe('task KedaPoolGuard@1 under the MockTestRunner', function () {
  let sandbox: SandboxProcess;
  const saved = { ...process.env };
  before(async () => {
    sandbox = await startSandboxProcess('demo');
  });
  after(() => sandbox.stop());
  afterEach(() => {
    process.env = { ...saved };
  });

  async function run(
    inputs: Record<string, string>,
    auth: { jobToken?: string; connection?: string } = { jobToken: DEMO.jobToken },
    { withBug = false } = {},
  ) {
    const tempDirectory = mkdtempSync(path.join(tmpdir(), 'kpg-mock-'));
    if (withBug) process.env.KPG_MOCK_BUG = '1';
    Object.assign(process.env, {
      KPG_MOCK_INPUTS: JSON.stringify({ timeoutSeconds: '10', ...inputs, ...(auth.connection ? { connection: ADMIN_CONNECTION_ID } : {}) }),
      SYSTEM_COLLECTIONURI: `${sandbox.orgUrl('demo')}/`,
      SYSTEM_TEAMPROJECT: 'demo',
      AGENT_TEMPDIRECTORY: tempDirectory,
    });
    if (auth.jobToken)
      process.env.ENDPOINT_AUTH_SYSTEMVSSCONNECTION = JSON.stringify({ parameters: { AccessToken: auth.jobToken }, scheme: 'OAuth' });
    if (auth.connection) {
      process.env[`ENDPOINT_URL_${ADMIN_CONNECTION_ID}`] = sandbox.orgUrl('demo');
      process.env[`ENDPOINT_AUTH_${ADMIN_CONNECTION_ID}`] = JSON.stringify({ parameters: { apitoken: auth.connection }, scheme: 'Token' });
    }
    const runner = new MockTestRunner(SCENARIO, TASK_JSON);
    // Without this the runner downloads Node from the internet (LoadAsync would too).
    runner.nodePath = process.execPath;
    await runner.runAsync();
    const output = { stdout: runner.stdout, stderr: runner.stderr, directory: tempDirectory };
    if (withBug) {
      assertNoSecretLeaks(output);
      assertNoStackTrace(output);
    } else assertCleanRun(output);
    const outputs = Object.fromEntries(
      [...runner.stdout.matchAll(/##vso\[task\.setvariable variable=(\w+);isOutput=true;[^\]]*\](.*)/g)].map((m) => [m[1], m[2]]),
    );
    return { runner, outputs };
  }

  const outcomes: Array<{
    name: string;
    inputs: Record<string, string>;
    succeeded: boolean;
    warnings: number;
    verdict?: string;
    error?: string;
  }> = [
    { name: 'check, ready pool', inputs: { pools: 'keda-ready', demands: 'kubectl' }, succeeded: true, warnings: 0, verdict: 'ready' },
    {
      name: 'check, at-risk pool',
      inputs: { pools: 'keda-leftovers', demands: 'kubectl' },
      succeeded: true,
      warnings: 1,
      verdict: 'atRisk',
    },
    {
      name: 'check, at-risk pool, failOn atRisk',
      inputs: { pools: 'keda-leftovers', demands: 'kubectl', failOn: 'atRisk' },
      succeeded: false,
      warnings: 1,
      verdict: 'atRisk',
    },
    { name: 'check, blocked pool', inputs: { pools: 'keda-empty', demands: 'kubectl' }, succeeded: false, warnings: 0, verdict: 'blocked' },
    {
      name: 'check, several pools',
      inputs: { pools: 'keda-ready\nkeda-leftovers', demands: 'kubectl' },
      succeeded: true,
      warnings: 1,
      verdict: 'atRisk',
    },
    { name: 'check, no demands', inputs: { pools: 'keda-ready' }, succeeded: true, warnings: 0, verdict: 'ready' },
    {
      name: 'check, requireOnlineAgent on an offline-only pool',
      inputs: { pools: 'keda-leftovers', demands: 'kubectl', requireOnlineAgent: 'true' },
      succeeded: true,
      warnings: 2,
      verdict: 'atRisk',
    },
    {
      // The service asks the agents to update and the jobs wait (`core/model/queueing.ts`).
      name: 'check, a minimum agent version above every agent',
      inputs: { pools: 'keda-ready', demands: 'Agent.Version -gtVersion 9.0.0' },
      succeeded: true,
      warnings: 1,
      verdict: 'atRisk',
    },
    {
      name: 'repair with the job token',
      inputs: { pools: 'keda-empty', demands: 'kubectl', action: 'repair' },
      succeeded: false,
      warnings: 0,
      verdict: 'blocked',
    },
    {
      name: 'an unknown action',
      inputs: { pools: 'keda-ready', action: 'sweep-all' },
      succeeded: false,
      warnings: 0,
      error: 'loc_mock_input.actionUnknown',
    },
    {
      name: 'an unknown failOn',
      inputs: { pools: 'keda-ready', failOn: 'sometimes' },
      succeeded: false,
      warnings: 0,
      error: 'loc_mock_input.failOnUnknown',
    },
    {
      name: 'an absurd time-out',
      inputs: { pools: 'keda-ready', timeoutSeconds: '99999' },
      succeeded: false,
      warnings: 0,
      error: 'loc_mock_input.timeoutInvalid',
    },
    {
      name: 'a placeholder name with a slash',
      inputs: { pools: 'keda-ready', placeholderName: 'a/b' },
      succeeded: false,
      warnings: 0,
      error: 'loc_mock_input.placeholderNameInvalid',
    },
    {
      name: 'sweep, a dry run by default',
      inputs: { pools: 'keda-leftovers', demands: 'kubectl', action: 'sweep' },
      succeeded: true,
      warnings: 0,
    },
    {
      name: 'sweep, a mistyped dryRun',
      inputs: { pools: 'keda-ready', action: 'sweep', dryRun: 'yes please' },
      succeeded: false,
      warnings: 0,
      error: 'loc_mock_input.dryRunInvalid',
    },
    {
      name: 'sweep, a negative staleAfterHours',
      inputs: { pools: 'keda-ready', action: 'sweep', staleAfterHours: '-1' },
      succeeded: false,
      warnings: 0,
      error: 'loc_mock_input.staleAfterHoursInvalid',
    },
  ];
  for (const c of outcomes) {
    it(c.name, async () => {
      const { runner, outputs } = await run(c.inputs);
      assert.equal(runner.succeeded, c.succeeded, runner.stdout);
      // The closing `setResult` adds its own issue; count the findings' ones.
      const findingWarnings = runner.warningIssues.filter((issue) => !issue.startsWith('loc_mock_task.'));
      assert.equal(findingWarnings.length, c.warnings, runner.warningIssues.join('\n'));
      if (c.verdict) assert.equal(outputs.verdict, c.verdict);
      if (c.error)
        assert.ok(
          runner.errorIssues.some((issue) => issue.startsWith(c.error!)),
          runner.errorIssues.join('\n'),
        );
    });
  }

  it('repair with a connection registers the placeholder once, then finds it there', async () => {
    const first = await run({ pools: 'keda-leftovers', demands: 'kubectl', action: 'repair' }, { connection: ADMIN_PAT });
    assert.equal(first.runner.succeeded, true, first.runner.stdout);
    assert.equal(JSON.parse(first.outputs.report).pools[0].repair, 'registered');
    const second = await run({ pools: 'keda-leftovers', demands: 'kubectl', action: 'repair' }, { connection: ADMIN_PAT });
    const again = JSON.parse(second.outputs.report).pools[0];
    assert.deepEqual([again.repair, again.repairPlan.action], ['notDone', 'nothing'], 'a pool with a placeholder needs no repair');
    const agents = await (
      await fetch(`${sandbox.orgUrl('demo')}/_apis/distributedtask/pools/${JSON.parse(second.outputs.report).pools[0].id}/agents`, {
        headers: { Authorization: `Basic ${Buffer.from(`:${ADMIN_PAT}`).toString('base64')}` },
      })
    ).json();
    assert.equal(agents.value.filter((a: { name: string }) => a.name === 'keda-placeholder').length, 1);
  });

  it('sweep lists with the job token, and deletes only with dryRun false and a connection', async () => {
    const inputs = { pools: 'keda-ready', demands: 'kubectl', action: 'sweep', staleAfterHours: '1' };
    const dry = await run(inputs);
    assert.equal(dry.runner.succeeded, true, dry.runner.stdout);
    assert.equal(dry.outputs.sweptAgents, '0');
    assert.equal(JSON.parse(dry.outputs.report).wouldDelete, 3);
    const real = await run({ ...inputs, dryRun: 'false' }, { connection: ADMIN_PAT });
    assert.equal(real.runner.succeeded, true, real.runner.stdout);
    assert.equal(real.outputs.sweptAgents, '3');
    const again = await run({ ...inputs, dryRun: 'false' }, { connection: ADMIN_PAT });
    assert.equal(again.outputs.sweptAgents, '0', 'nothing left to delete');
  });

  it('reports a bug of its own as an internal error, with the stack in the debug log only', async () => {
    const { runner } = await run({ pools: 'keda-ready', demands: 'kubectl' }, undefined, { withBug: true });
    assert.equal(runner.succeeded, false);
    assert.deepEqual(runner.errorIssues, ['loc_mock_task.internalError']);
    // One debug command, its lines escaped by task-lib: the agent shows it only with `System.Debug`.
    const debug = runner.stdout.split('\n').filter((line) => line.includes('TypeError'));
    assert.equal(debug.length, 1, runner.stdout);
    assert.match(debug[0], /^##vso\[task\.debug\]TypeError: Cannot read properties of undefined \(reading 'name'\)%0A\s+at /);
    assert.match(debug[0], /index\.ts:\d+:\d+/, 'the stack names the task');
  });

  it('fails without the job token or a connection, saying how to give one', async () => {
    const { runner } = await run({ pools: 'keda-ready' }, {});
    assert.equal(runner.succeeded, false);
    assert.ok(
      runner.errorIssues.some((issue) => issue.startsWith('loc_mock_input.jobTokenMissing')),
      runner.errorIssues.join('\n'),
    );
  });
});
