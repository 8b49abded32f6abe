/**
 * Issue 8, guarantee 2: the token never leaks. Every task and command-line run of the suite goes
 * through `assertCleanRun` (test/support/clean-output.ts): no token, nor its Basic-auth form, in any
 * output line but the agent's secret registration, in the summary or in a file the run wrote. Here:
 * that check itself, and each way a token reaches the product, including the ways it fails.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { builtCli, builtTask } from '../support/built';
import { assertNoSecretLeaks } from '../support/clean-output';
import { cliProcess } from '../support/cli-run';
import { DEMO, REJECTED_TOKENS } from '../support/tokens';
import { runTask, type AgentJob } from '../tasks/agent-run';

const TOKEN = DEMO.adminPat;
const CONNECTION_ID = '5ec7e700-0000-4000-8000-000000000002';

describe('secrets: the check every run goes through', () => {
  const clean = { stdout: 'Pool `keda-ready`: ready\n', stderr: '' };

  it("lets the agent's own secret registration through", () => {
    assertNoSecretLeaks({ ...clean, stdout: `##vso[task.setsecret]${TOKEN}\n${clean.stdout}` });
  });

  const leaks: Array<[string, Parameters<typeof assertNoSecretLeaks>[0]]> = [
    ['in an output line', { ...clean, stdout: `token=${TOKEN}\n` }],
    ['after the registration, on the same line', { ...clean, stdout: `##vso[task.debug]x ##vso[task.setsecret]${TOKEN}\n` }],
    ['as a Basic authorization header', { ...clean, stderr: `Authorization: Basic ${Buffer.from(`:${TOKEN}`).toString('base64')}\n` }],
    ['in the summary', { ...clean, summary: `| ${DEMO.jobToken} |` }],
  ];
  for (const [where, output] of leaks) {
    it(`catches a token ${where}`, () => assert.throws(() => assertNoSecretLeaks(output), /a secret leaked/));
  }

  it('catches a token in a file the run wrote', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'kpg-leak-'));
    writeFileSync(path.join(directory, 'notes.md'), `rejected: ${REJECTED_TOKENS[0]}`);
    assert.throws(() => assertNoSecretLeaks({ ...clean, directory }), /a secret leaked in the written file/);
  });
});

describe('secrets: each way a token reaches the product', function () {
  let sandbox: Sandbox;
  let taskDir: string;
  let cli: string;
  before(async () => {
    [sandbox, taskDir, cli] = await Promise.all([startSandbox({ scenario: 'demo' }), builtTask(), builtCli()]);
  });
  after(() => sandbox.stop());

  const task = (auth: Pick<AgentJob, 'jobToken' | 'connection'>, inputs: Record<string, string> = {}) =>
    runTask({
      taskDir,
      inputs: { pools: 'keda-empty', demands: 'kubectl', ...inputs },
      collectionUri: `${sandbox.orgUrl('demo')}/`,
      project: 'demo',
      ...auth,
    });

  /** The agent masks in the log whatever the task registers: each token it uses must be. */
  function assertRegistered(run: Awaited<ReturnType<typeof task>>, token: string): void {
    const registered = run.commands.filter((command) => command.name === 'task.setsecret').map((command) => command.data);
    assert.ok(registered.includes(token), `the token was not registered as a secret: ${registered.length} registered`);
  }

  it('the job token: registered as a secret, printed nowhere', async () => {
    const run = await task({ jobToken: DEMO.jobToken });
    assert.equal(run.result, 'Failed');
    assertRegistered(run, DEMO.jobToken);
  });

  it("a service connection's PAT, pasted with a line break after it: registered, used, printed nowhere", async () => {
    const run = await task({ connection: { id: CONNECTION_ID, url: sandbox.orgUrl('demo'), token: `${TOKEN}\n` } }, { action: 'repair' });
    assert.equal(run.result, 'Succeeded', run.stdout);
    assertRegistered(run, TOKEN);
  });

  it('a PAT with a line break inside: refused by name, its parts registered, printed nowhere', async () => {
    const [head, tail] = [TOKEN.slice(0, 20), TOKEN.slice(20)];
    const run = await task({ connection: { id: CONNECTION_ID, url: sandbox.orgUrl('demo'), token: `${head}\n${tail}` } });
    assert.equal(run.result, 'Failed');
    assert.deepEqual(run.errors, [
      `The token from \`${CONNECTION_ID}\` holds a space, a line break or another character no Azure DevOps token has. Copy the token again, alone.`,
    ]);
    assertRegistered(run, head);
    assertRegistered(run, tail);
    assertNoSecretLeaks(run, [head, tail]);
  });

  it('a token the service refuses: registered, and the refusal does not repeat it', async () => {
    const run = await task({ jobToken: REJECTED_TOKENS[0] });
    assert.match(run.errors.join('\n'), /did not accept the token/);
    assertRegistered(run, REJECTED_TOKENS[0]);
  });

  it("the command line's PAT, for a table, JSON, a refusal and a failed repair: printed nowhere", async () => {
    const org = sandbox.orgUrl('demo');
    // `cliProcess` checks each run.
    await cliProcess(cli, ['check', '--org', org, '--pool', 'keda-ready'], { AZURE_DEVOPS_EXT_PAT: TOKEN });
    await cliProcess(cli, ['check', '--org', org, '--pool', 'keda-ready', '--json'], { AZURE_DEVOPS_EXT_PAT: TOKEN });
    await cliProcess(cli, ['check', '--org', org, '--pool', 'keda-ready'], { AZURE_DEVOPS_EXT_PAT: REJECTED_TOKENS[1] });
    const refused = await cliProcess(cli, ['repair', '--org', org, '--pool', 'keda-old-placeholder'], {
      AZURE_DEVOPS_EXT_PAT: DEMO.readerPat,
    });
    assert.equal(refused.code, 3);
  });
});
