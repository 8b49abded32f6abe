import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox';
import { builtCli } from '../support/built';
import { cliProcess, type CliRun } from '../support/cli-run';
import { DEMO } from '../support/tokens';

/** `keda-pool-guard sweep`, the built command in a process of its own, as a user runs it. */
describe('keda-pool-guard sweep, the built command line', function () {
  let cli: string;
  let sandbox: Sandbox;
  before(async () => {
    cli = await builtCli();
  });
  beforeEach(async () => {
    sandbox = await startSandbox({ scenario: 'demo' });
  });
  afterEach(() => sandbox.stop());

  const sweep = (args: string[], pat: string = DEMO.adminPat): Promise<CliRun> =>
    cliProcess(cli, ['sweep', '--org', sandbox.orgUrl('demo'), '--pool', 'keda-leftovers', '--demand', 'kubectl', ...args], {
      AZURE_DEVOPS_EXT_PAT: pat,
    });
  const agentsLeft = () => sandbox.org('demo').findPoolByName('keda-leftovers')!.agents.size;

  it('check shows each pool’s leftovers and the age of the oldest', async () => {
    const result = await cliProcess(
      cli,
      ['check', '--org', sandbox.orgUrl('demo'), '--pool', 'keda-leftovers', '--pool', 'keda-ready', '--demand', 'kubectl'],
      {
        AZURE_DEVOPS_EXT_PAT: DEMO.adminPat,
      },
    );
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /^Pool\s.*\sPlaceholder\s+Leftovers$/m);
    assert.match(result.stdout, /^keda-leftovers\s.*\smissing\s+5 \(oldest 40 days\)$/m);
    assert.match(result.stdout, /^keda-ready\s.*\spresent, offline\s+0$/m);
  });

  it('without --yes lists what it would delete, as a table, and deletes nothing', async () => {
    const result = await sweep([]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Pool `keda-leftovers`: 5 to delete, 1 kept \(dry run, nothing deleted\)$/m);
    assert.match(result.stdout, /^Agent\s+Action\s+Kind\s+Status\s+Why$/m);
    assert.match(result.stdout, /^build-scaledjob-f6npj-x4ztm\s+kept\s+stale\s+offline\s+kept as the last agent that satisfies/m);
    assert.match(result.stdout, /^build-scaledjob-q2wkz-7lt4d\s+would delete\s+stale\s+offline\s+offline for 40 days/m);
    assert.match(result.stdout, /or the command line with `--yes`/);
    assert.equal(agentsLeft(), 6);
  });

  it('with --yes --json deletes them and prints every agent with its reason', async () => {
    const result = await sweep(['--yes', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.action, 'sweep');
    assert.equal(report.dryRun, false);
    assert.equal(report.deleted, 5);
    assert.equal(report.pools[0].keeper, 'build-scaledjob-f6npj-x4ztm');
    assert.deepEqual(
      report.pools[0].agents.map((agent: { name: string; action: string }) => [agent.name, agent.action]),
      [
        ['build-scaledjob-f6npj-x4ztm', 'kept'],
        ['build-scaledjob-q2wkz-7lt4d', 'deleted'],
        ['build-scaledjob-hv9xn-c6p2s', 'deleted'],
        ['build-scaledjob-m4rtb-j8q5w', 'deleted'],
        ['build-scaledjob-7dgfx-n2vkp', 'deleted'],
        ['build-scaledjob-s5lzc-w9hbr', 'deleted'],
      ],
    );
    assert.equal(agentsLeft(), 1);
  });

  it('takes the age as minutes, hours or days', async () => {
    const result = await cliProcess(
      cli,
      ['sweep', '--org', sandbox.orgUrl('demo'), '--pool', 'keda-ready', '--older-than', '100m', '--json'],
      {
        AZURE_DEVOPS_EXT_PAT: DEMO.adminPat,
      },
    );
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.wouldDelete, 3);
    assert.equal(report.pools[0].olderThanHours, 100 / 60);
  });

  it('exits 3 when deleting is refused, naming the role to grant', async () => {
    const result = await sweep(['--yes'], DEMO.readerPat);
    assert.equal(result.code, 3);
    assert.match(result.stdout, /may not delete agents in pool `keda-leftovers`, so 5 leftover agent\(s\) were not deleted/);
    assert.match(result.stdout, /Give the owner of the personal access token the Administrator role on pool `keda-leftovers`/);
    assert.equal(agentsLeft(), 6);
  });

  const badArguments: Array<[string, string[], RegExp]> = [
    ['a zero age', ['--older-than', '0h'], /Age `0h` is not a duration above 0 and at most 365 days/],
    ['an age without a unit it knows', ['--older-than', '2w'], /Give a number followed by `m`, `h` or `d`/],
    ['an age beyond a year', ['--older-than', '400d'], /at most 365 days/],
  ];
  for (const [name, args, message] of badArguments) {
    it(`exits 3 with one clear message for ${name}`, async () => {
      const result = await sweep([...args, '--yes']);
      assert.equal(result.code, 3);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.equal(agentsLeft(), 6);
    });
  }
});
