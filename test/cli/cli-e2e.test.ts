import assert from 'node:assert/strict';
import { PRODUCT_VERSION } from '../../core/product';
import { startSandbox, type Sandbox } from '../../sandbox';
import { builtCli } from '../support/built';
import { cliProcess, type CliRun } from '../support/cli-run';
import { DEMO } from '../support/tokens';

const ADMIN_PAT = DEMO.adminPat;
const READER_PAT = DEMO.readerPat;

/** The built command, in a process of its own, as a user runs it. */
describe('keda-pool-guard, the built command line', function () {
  let cli: string;
  let sandbox: Sandbox;
  before(async () => {
    [cli, sandbox] = await Promise.all([builtCli(), startSandbox({ scenario: 'demo' })]);
  });
  after(() => sandbox.stop());

  // `cliProcess` checks every run: the token never appears, no stack trace.
  const run = (args: string[], pat: string | null = READER_PAT): Promise<CliRun> =>
    cliProcess(cli, args, pat === null ? {} : { AZURE_DEVOPS_EXT_PAT: pat });
  const org = () => sandbox.orgUrl('demo');

  it('exits 0 for a ready pool and shows a table', async () => {
    const result = await run(['check', '--org', org(), '--pool', 'keda-ready', '--demand', 'kubectl']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Pool\s+Verdict\s+Kind\s+Registered/m);
    assert.match(result.stdout, /keda-ready\s+ready\s+KEDA-scaled\s+6/);
  });

  it('names itself and its version in the User-Agent of every request', async () => {
    sandbox.requests.clear();
    await run(['check', '--org', org(), '--pool', 'keda-ready', '--demand', 'kubectl']);
    const agents = new Set(sandbox.requests.list().map((request) => request.userAgent));
    assert.deepEqual([...agents], [`KedaPoolGuard/${PRODUCT_VERSION} (cli)`]);
  });

  it('exits 1 for an at-risk pool, with the finding and its fix', async () => {
    const result = await run(['check', '--org', org(), '--pool', 'keda-leftovers', '--demand', 'kubectl']);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /queue only because KEDA agents are still registered/);
    assert.match(result.stdout, /Fix:/);
  });

  it('exits 2 for a blocked pool', async () => {
    const result = await run(['check', '--org', org(), '--pool', 'keda-empty', '--demand', 'kubectl']);
    assert.equal(result.code, 2);
    assert.match(result.stdout, /has no registered agent/);
  });

  it('prints the report as JSON with --json, the same shape as the task output', async () => {
    const result = await run([
      'check',
      '--org',
      `${org()}/`,
      '--pool',
      'keda-ready',
      '--pool',
      'keda-empty',
      '--demand',
      'kubectl',
      '--json',
    ]);
    assert.equal(result.code, 2);
    const report = JSON.parse(result.stdout);
    assert.equal(report.verdict, 'blocked');
    assert.deepEqual(
      report.pools.map((p: { name: string; verdict: string }) => [p.name, p.verdict]),
      [
        ['keda-ready', 'ready'],
        ['keda-empty', 'blocked'],
      ],
    );
    assert.equal(typeof report.totals.registered, 'number');
  });

  it('repairs with an administrator token, then the pool checks ready', async () => {
    const repaired = await run(['repair', '--org', org(), '--pool', 'keda-empty', '--demand', 'kubectl', '--json'], ADMIN_PAT);
    assert.equal(repaired.code, 0, repaired.stdout + repaired.stderr);
    assert.equal(JSON.parse(repaired.stdout).pools[0].repair, 'registered');
    const checked = await run(['check', '--org', org(), '--pool', 'keda-empty', '--demand', 'kubectl']);
    assert.equal(checked.code, 0, checked.stdout);
  });

  it('prints the repair plan with --dry-run and changes nothing; one repair then makes the old placeholder ready', async () => {
    const args = ['repair', '--org', org(), '--pool', 'keda-old-placeholder', '--pool', 'static-linux', '--demand', 'kubectl'];
    sandbox.requests.clear();
    const planned = await run([...args, '--dry-run'], ADMIN_PAT);
    assert.deepEqual(
      sandbox.requests.list().filter((request) => request.method !== 'GET'),
      [],
    );
    assert.match(
      planned.stdout,
      /Repair plan for pool `keda-old-placeholder`: Refresh placeholder `keda-placeholder`.*`2\.210\.1` becomes `\d+\.\d+\.\d+`/,
    );
    assert.match(planned.stdout, /- Its agent version is below the jobs’ minimum\.\n(?!  - It lacks)/);
    assert.match(planned.stdout, /Repair plan for pool `static-linux`: .*static/);
    const repaired = await run([...args, '--json'], ADMIN_PAT);
    const pools = JSON.parse(repaired.stdout).pools as Array<{
      name: string;
      verdict: string;
      repair: string;
      repairPlan: { action: string };
    }>;
    assert.deepEqual(
      pools.map((pool) => [pool.name, pool.repairPlan.action, pool.repair]),
      [
        ['keda-old-placeholder', 'refresh', 'refreshed'],
        ['static-linux', 'refused', 'notDone'],
      ],
    );
    const checked = await run(['check', '--org', org(), '--pool', 'keda-old-placeholder', '--demand', 'kubectl']);
    assert.equal(checked.code, 0, checked.stdout);
  });

  it('takes --dry-run with repair only', async () => {
    const result = await run(['check', '--org', org(), '--pool', 'keda-ready', '--dry-run']);
    assert.equal(result.code, 3);
    assert.match(result.stderr, /`--dry-run` goes with `repair` only/);
  });

  it('exits 3 when repair is refused, naming the role to grant', async () => {
    const result = await run(['repair', '--org', org(), '--pool', 'keda-missing-capability', '--demand', 'kubectl']);
    assert.equal(result.code, 3);
    assert.match(result.stdout, /may not register agents/);
    assert.match(result.stdout, /Administrator role/);
  });

  const errors: Array<[string, string[], string | null, RegExp]> = [
    ['no token', ['check', '--org', 'http://127.0.0.1:9/demo', '--pool', 'p'], null, /AZURE_DEVOPS_EXT_PAT/],
    ['no --org', ['check', '--pool', 'p'], READER_PAT, /Option `--org` is required/],
    ['an unknown command', ['purge', '--org', 'http://x/y', '--pool', 'p'], READER_PAT, /Command `purge` is not known/],
    ['an unknown option', ['check', '--colour'], READER_PAT, /--colour/],
    [
      'a project in the organization URL',
      ['check', '--org', 'https://dev.azure.com/contoso/web', '--pool', 'p'],
      READER_PAT,
      /Give the organization alone: `https:\/\/dev.azure.com\/contoso`/,
    ],
    [
      'a malformed demand',
      ['check', '--org', 'http://x/y', '--pool', 'p', '--demand', 'java -lt 17'],
      READER_PAT,
      /`-lt` is not an operator|is not valid/,
    ],
  ];
  for (const [name, args, pat, message] of errors) {
    it(`exits 3 with one clear message for ${name}`, async () => {
      const result = await run(args, pat);
      assert.equal(result.code, 3);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    });
  }

  it('exits 3 for a bad token, saying so', async () => {
    const result = await run(['check', '--org', org(), '--pool', 'keda-ready'], 'not-a-token');
    assert.equal(result.code, 3);
    assert.match(result.stdout, /did not accept the token/);
  });
});
