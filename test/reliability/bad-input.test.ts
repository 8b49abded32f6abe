/**
 * Issue 8, guarantee 4: each malformed setting gets one clear message naming the bad value, before any
 * call to Azure DevOps: the task fails with exactly one error issue and no output variable, the command
 * line exits 3 with one line on stderr. Odd but valid settings are accepted and handled.
 */
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox';
import { builtTask } from '../support/built';
import { cliInProcess } from '../support/cli-run';
import { resultOf, settle, type Settled } from '../support/settle';
import { DEMO } from '../support/tokens';
import { runTask, type TaskRun } from '../tasks/agent-run';

interface Setting {
  name: string;
  /** Task inputs over the defaults: pool `keda-ready`, demand `kubectl`, action `check`. */
  inputs?: Record<string, string>;
  /** An organization URL given in place of the sandbox's: the connection's URL, the command's `--org`. */
  orgUrl?: string;
}

interface BadSetting extends Setting {
  message: RegExp;
  /** The command line's wording where it differs: it has commands where the task has `action`. */
  cliMessage?: RegExp;
}

interface OddSetting extends Setting {
  verdict: 'ready' | 'blocked' | 'unknown';
  /** Something the report or the log must show for the value to count as handled. */
  shows: RegExp;
}

const BAD: readonly BadSetting[] = [
  { name: 'no pool', inputs: { pools: '' }, message: /^No agent pool was given/ },
  { name: 'pools of whitespace and commas', inputs: { pools: ' , \n\t, ' }, message: /^No agent pool was given/ },
  {
    name: 'hundreds of pools',
    inputs: { pools: Array.from({ length: 300 }, (_, i) => `pool-${i}`).join('\n') },
    message: /^300 pools were given; at most 50/,
  },
  {
    name: 'an unknown action',
    inputs: { action: 'destroy' },
    message: /^Action `destroy` is not known/,
    cliMessage: /^Command `destroy` is not known/,
  },
  {
    name: 'a demand with an unknown operator',
    inputs: { demands: 'java -lt 17' },
    message: /^Demand `java -lt 17` is not valid: `-lt` is not an operator/,
  },
  {
    name: 'a demand whose operator lacks a value',
    inputs: { demands: 'kubectl\nAgent.OS -equals' },
    message: /^Demand `Agent\.OS -equals` is not valid: the operator `-equals` needs a value/,
  },
  { name: 'a demand with -exists', inputs: { demands: 'kubectl -exists' }, message: /^Demand `kubectl -exists` is not valid/ },
  {
    name: 'a minimum agent version that is no version',
    inputs: { demands: 'Agent.Version -gtVersion latest' },
    message: /^Demand `Agent\.Version -gtVersion latest` is not valid: the minimum agent version must be numbers/,
  },
  {
    name: 'a negative time-out',
    inputs: { timeoutSeconds: '-5' },
    message: /^Time-out `-5` is not a whole number of seconds from 1 to 3600/,
  },
  { name: 'a zero time-out', inputs: { timeoutSeconds: '0' }, message: /^Time-out `0` is not a whole number/ },
  {
    name: 'an absurd time-out',
    inputs: { timeoutSeconds: '86400' },
    message: /^Time-out `86400` is not a whole number of seconds from 1 to 3600/,
  },
  { name: 'a time-out with a unit', inputs: { timeoutSeconds: '60s' }, message: /^Time-out `60s` is not a whole number/ },
  {
    name: 'a capability line without =',
    inputs: { placeholderCapabilities: 'kubectl' },
    message: /^Capability line `kubectl` is not `name=value`/,
  },
  {
    name: 'a capability without a name',
    inputs: { placeholderCapabilities: 'a=1\n=/usr/bin/kubectl' },
    message: /^Capability line `=\/usr\/bin\/kubectl` is not `name=value`/,
  },
  {
    name: 'a placeholder name with a slash',
    inputs: { placeholderName: 'k8s/placeholder' },
    message: /^Placeholder name `k8s\/placeholder` is not a valid agent name/,
  },
  {
    name: 'a placeholder name too long',
    inputs: { placeholderName: 'p'.repeat(65) },
    message: /^Placeholder name `p{65}` is not a valid agent name. Use at most 64 characters/,
  },
  { name: 'an unknown failOn', inputs: { failOn: 'sometimes' }, message: /^Fail on `sometimes` is not known/ },
  {
    name: 'an organization URL with a project',
    orgUrl: 'https://dev.azure.com/contoso/web/',
    message:
      /^Organization URL `https:\/\/dev\.azure\.com\/contoso\/web\/` has a path after the organization. Give the organization alone: `https:\/\/dev\.azure\.com\/contoso`/,
  },
  {
    name: 'an organization URL without the organization',
    orgUrl: 'https://dev.azure.com/',
    message: /^Organization URL `https:\/\/dev\.azure\.com\/` names no organization/,
  },
  {
    name: 'an organization URL that is not http',
    orgUrl: 'ftp://dev.azure.com/contoso',
    message: /^Organization URL `ftp:\/\/dev\.azure\.com\/contoso` is not an http or https URL/,
  },
];

const ODD: readonly OddSetting[] = [
  { name: 'an organization URL with a trailing slash', orgUrl: 'sandbox/', verdict: 'ready', shows: /keda-ready/ },
  {
    name: 'a non-ASCII pool name',
    inputs: { pools: 'ビルド-プール' },
    verdict: 'unknown',
    shows: /Agent pool `ビルド-プール` does not exist/,
  },
  { name: 'the same pool twice, in another case', inputs: { pools: 'keda-ready, KEDA-READY' }, verdict: 'ready', shows: /keda-ready/ },
  { name: 'a time-out padded with spaces', inputs: { timeoutSeconds: ' 30 ' }, verdict: 'ready', shows: /keda-ready/ },
];

const DEFAULTS: Record<string, string> = { pools: 'keda-ready', demands: 'kubectl', action: 'check' };
const CONNECTION_ID = 'b4d1e2f3-0000-4000-8000-000000000004';

describe('bad input: one clear message naming the bad value', function () {
  let sandbox: Sandbox;
  let taskDir: string;
  const taskRuns = new Map<Setting, Settled<TaskRun>>();
  const orgUrlOf = (setting: Setting) =>
    setting.orgUrl === 'sandbox/' ? `${sandbox.orgUrl('demo')}/` : (setting.orgUrl ?? sandbox.orgUrl('demo'));

  // Every setting through the built task at once; each `it` then checks its own run.
  before(async () => {
    [sandbox, taskDir] = await Promise.all([startSandbox({ scenario: 'demo' }), builtTask()]);
    for (const setting of [...BAD, ...ODD]) {
      const run = runTask({
        taskDir,
        inputs: { ...DEFAULTS, ...setting.inputs },
        collectionUri: `${sandbox.orgUrl('demo')}/`,
        project: 'demo',
        ...(setting.orgUrl
          ? { connection: { id: CONNECTION_ID, url: orgUrlOf(setting), token: DEMO.adminPat } }
          : { jobToken: DEMO.jobToken }),
      });
      taskRuns.set(setting, settle(run));
    }
  });
  after(() => sandbox.stop());

  /** The same settings as flags: the command from `action`, `=` joining values that may start with a dash. */
  const cli = (setting: Setting) => {
    const { action, ...inputs } = { ...DEFAULTS, ...setting.inputs };
    const flags: Record<string, string> = {
      pools: 'pool',
      demands: 'demand',
      placeholderCapabilities: 'placeholder-capability',
      placeholderName: 'placeholder-name',
      failOn: 'fail-on',
      timeoutSeconds: 'timeout',
    };
    const args = Object.entries(inputs).map(([input, value]) => `--${flags[input]}=${value}`);
    return cliInProcess([action, `--org=${orgUrlOf(setting)}`, ...args], { AZURE_DEVOPS_EXT_PAT: DEMO.adminPat });
  };

  for (const setting of BAD) {
    it(`${setting.name}: the task fails with one error issue`, async () => {
      const run = await resultOf(taskRuns.get(setting)!);
      assert.equal(run.result, 'Failed');
      assert.equal(run.errors.length, 1, run.errors.join('\n'));
      assert.match(run.errors[0], setting.message);
      assert.deepEqual(run.outputs, {}, 'no verdict for a step that did not run');
    });

    it(`${setting.name}: the command line exits 3 with one line`, async () => {
      const run = await cli(setting);
      assert.equal(run.code, 3);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.split('\n').filter(Boolean).length, 1, run.stderr);
      assert.match(run.stderr, setting.cliMessage ?? setting.message);
    });
  }

  for (const setting of ODD) {
    it(`${setting.name}: accepted and handled`, async () => {
      const run = await resultOf(taskRuns.get(setting)!);
      assert.equal(run.outputs.verdict, setting.verdict, run.stdout);
      assert.match(run.stdout, setting.shows);
      assert.equal(JSON.parse(run.outputs.report).pools.length, 1);
      const cliRun = await cli(setting);
      assert.equal(cliRun.code, { ready: 0, blocked: 2, unknown: 3 }[setting.verdict], cliRun.stdout + cliRun.stderr);
      assert.match(cliRun.stdout, setting.shows);
    });
  }

  it('an option value that looks like an option: one line naming the option', async () => {
    const run = await cliInProcess(['check', '--org', sandbox.orgUrl('demo'), '--pool', 'keda-ready', '--timeout', '-5'], {
      AZURE_DEVOPS_EXT_PAT: DEMO.adminPat,
    });
    assert.equal(run.code, 3);
    assert.equal(run.stderr.split('\n').filter(Boolean).length, 1, run.stderr);
    assert.match(run.stderr, /--timeout/);
    assert.doesNotMatch(run.stderr, /\.\./, 'one full stop, not two');
  });

  it('a minimum agent version that is no version: refused before any call', async () => {
    sandbox.requests.clear();
    const run = await cliInProcess(['check', '--org', sandbox.orgUrl('demo'), '--pool', 'keda-ready', '--min-agent-version', '3.x'], {
      AZURE_DEVOPS_EXT_PAT: DEMO.adminPat,
    });
    assert.equal(run.code, 3);
    assert.match(run.stderr, /^Demand `Agent\.Version -gtVersion 3\.x` is not valid/);
    assert.deepEqual(sandbox.requests.list(), []);
  });
});
