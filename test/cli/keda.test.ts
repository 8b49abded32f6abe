import { strict as assert } from 'node:assert';
import { PAT_VARIABLE } from '../../cli/main';
import { startSandbox, type Sandbox } from '../../sandbox';
import { cliInProcess } from '../support/cli-run';
import { DEMO, REJECTED_TOKENS } from '../support/tokens';

const ADMIN_PAT = DEMO.adminPat;
const UNKNOWN_PAT = REJECTED_TOKENS[2];

interface Run {
  code: number;
  out: string;
  err: string;
}

/**
 * The demo's `keda-ready` pool (id 10) has four unfinished requests, all demanding `kubectl` (and the
 * implicit `Agent.Version`): `billing-service` (also `helm`) and one `api-gateway` already received by KEDA
 * agents, then `api-gateway` and `orders-service` waiting. Every agent, the offline `keda-placeholder`
 * included, matches all four.
 */
describe('cli: keda-pool-guard keda', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ scenario: 'demo' });
  });
  after(() => sandbox.stop());

  // `cliInProcess` checks every run: no token printed, no stack trace.
  async function keda(args: string[], env: NodeJS.ProcessEnv = { [PAT_VARIABLE]: ADMIN_PAT }): Promise<Run> {
    const { code, stdout, stderr } = await cliInProcess(['keda', '--org', sandbox.orgUrl('demo'), ...args], env);
    return { code, out: stdout.replace(/\n$/, ''), err: stderr.replace(/\n$/, '') };
  }

  /** The job table as one record per row, keyed by the column headers. */
  function jobRows(out: string): Record<string, string>[] {
    const lines = out.split('\n');
    const start = lines.findIndex((line) => line.startsWith('Request  '));
    assert.ok(start >= 0, `no job table in:\n${out}`);
    const header = lines[start].split(/ {2,}/);
    const rows: Record<string, string>[] = [];
    for (const line of lines.slice(start + 1)) {
      if (line === '') break;
      const cells = line.split(/ {2,}/);
      rows.push(Object.fromEntries(header.map((name, index) => [name, cells[index]])));
    }
    return rows;
  }

  const waiting = (rows: Record<string, string>[]) => rows.filter((row) => row.State === 'waiting');

  describe('a demands trigger', () => {
    it('counts every unfinished job whose demands the trigger lists, in-flight ones included from KEDA 2.21', async () => {
      const { code, out, err } = await keda(['--pool', 'keda-ready', '--demands', 'kubectl,helm']);
      assert.equal(err, '');
      assert.equal(code, 0);
      assert.match(out, /^Pool `keda-ready` \(id 10\) as a KEDA 2\.21 trigger sees it$/m);
      assert.match(out, /^KEDA calls: GET `http:\/\/127\.0\.0\.1:\d+\/demo\/_apis\/distributedtask\/pools\/10\/jobrequests\?\$top=250`$/m);
      assert.match(out, /^Queue length: 4 \(metric `s0-azure-pipelines-10`\)\.$/m);
      assert.match(out, /^Active: yes/m);
      const rows = jobRows(out);
      assert.deepEqual(
        rows.map((row) => [row.Job, row.State, row.Counted]),
        [
          ['billing-service', 'in flight', 'yes'],
          ['api-gateway', 'in flight', 'yes'],
          ['api-gateway', 'waiting', 'yes'],
          ['orders-service', 'waiting', 'yes'],
        ],
      );
      assert.equal(rows[0].Demands, 'kubectl, helm, Agent.Version -gtVersion 3.232.1');
      assert.match(rows[0].Why, /^counted: the trigger’s `demands` include every demand of the job/);
      // `$top` answers hold finished requests too, which this view does not read: it says so.
      assert.match(out, /^Note: KEDA reads the first 250 job requests with `\$top`/m);
    });

    it('leaves jobs already received out under KEDA 2.20, and still passes while every waiting job is counted', async () => {
      const { code, out } = await keda(['--pool', 'keda-ready', '--demands', 'kubectl,helm', '--keda-version', '2.20.1']);
      assert.equal(code, 0);
      assert.match(out, /^Queue length: 2 /m);
      const inFlight = jobRows(out).filter((row) => row.State === 'in flight');
      assert.deepEqual(
        inFlight.map((row) => [row.Counted, row.Why]),
        Array(2).fill(['no', 'not counted: an agent has already received it, and KEDA 2.20.x never counts such jobs']),
      );
    });

    it('fails with 1 when a waiting job demands what the trigger lacks, naming the missing demand', async () => {
      const { code, out } = await keda(['--pool', 'keda-ready', '--demands', 'helm,docker']);
      assert.equal(code, 1);
      assert.match(out, /^Queue length: 0 /m);
      assert.match(out, /^Active: no, .* so KEDA starts no agent\.$/m);
      for (const row of waiting(jobRows(out))) {
        assert.equal(row.Counted, 'no');
        assert.equal(row.Why, 'not counted: the trigger’s demands `helm,docker` do not include `kubectl`, which the job demands');
      }
      assert.match(out, /^2 waiting job\(s\) are not counted: this trigger starts no agent for them/m);
    });

    it('with requireAllDemands, names the trigger demand the waiting jobs lack', async () => {
      const { code, out } = await keda(['--pool', 'keda-ready', '--demands', 'kubectl,helm', '--require-all-demands']);
      assert.equal(code, 1);
      assert.match(out, /^Queue length: 1 /m);
      assert.deepEqual(
        waiting(jobRows(out)).map((row) => row.Why),
        Array(2).fill(
          'not counted: the job does not demand `helm`, and with `requireAllDemands: "true"` KEDA requires every demand of the trigger',
        ),
      );
    });

    it('warns about a space after a comma, which KEDA keeps in the item', async () => {
      const { code, out } = await keda(['--pool', 'keda-ready', '--demands', 'kubectl, helm']);
      assert.equal(code, 1);
      assert.match(out, /^Error: The demands item ` helm` keeps its spaces/m);
      assert.equal(jobRows(out)[0].Counted, 'no');
    });
  });

  describe('a parent trigger', () => {
    it('counts the jobs whose matched agents include the placeholder, read without $top', async () => {
      const { code, out } = await keda(['--pool', 'keda-ready', '--parent', 'keda-placeholder']);
      assert.equal(code, 0);
      assert.match(out, /^KEDA calls: GET `http:\/\/127\.0\.0\.1:\d+\/demo\/_apis\/distributedtask\/pools\/10\/jobrequests`$/m);
      assert.match(out, /^Queue length: 4 /m);
      const rows = jobRows(out);
      assert.ok(
        rows.every(
          (row) => row.Counted === 'yes' && row.Why === 'counted: Azure DevOps lists `keda-placeholder` among the agents able to run it',
        ),
      );
      assert.doesNotMatch(out, /^Note:/m, 'no `$top` window to warn about');
    });

    it('fails with 1 when the parent differs from the placeholder in case only, and says so', async () => {
      const { code, out } = await keda(['--pool', 'keda-ready', '--parent', 'KEDA-Placeholder']);
      assert.equal(code, 1);
      assert.match(out, /^Queue length: 0 /m);
      assert.match(
        waiting(jobRows(out))[0].Why,
        /^not counted: the agents Azure DevOps matched to it \(`keda-placeholder`, .*\) do not include `KEDA-Placeholder`$/,
      );
      assert.match(
        out,
        /^Error: The parent is `KEDA-Placeholder` but the pool's matching agent is named `keda-placeholder`; KEDA compares names case-sensitively/m,
      );
    });
  });

  describe('what KEDA rejects', () => {
    it('refuses jobsToFetch with parent, with KEDA’s explanation and its log line', async () => {
      const { code, out, err } = await keda(['--pool', 'keda-ready', '--jobs-to-fetch', '10', '--parent', 'x']);
      assert.equal(code, 3);
      assert.equal(out, '');
      assert.match(err, /^KEDA rejects this trigger: `jobsToFetch` cannot be combined with `parent`/m);
      assert.match(
        err,
        /^KEDA logs: `error parsing azure Pipelines metadata: cannot specify both jobsToFetch and parent at the same time`$/m,
      );
    });

    it('accepts the same pair before KEDA 2.18, which ignores jobsToFetch', async () => {
      const { code, out } = await keda([
        '--pool',
        'keda-ready',
        '--jobs-to-fetch',
        '10',
        '--parent',
        'keda-placeholder',
        '--keda-version',
        '2.17',
      ]);
      assert.equal(code, 0);
      assert.match(out, /^Note: `jobsToFetch` has no effect: with `parent` set, KEDA 2\.17 fetches the pool's whole job history/m);
    });

    it('refuses a value KEDA cannot parse', async () => {
      const { code, err } = await keda(['--pool', 'keda-ready', '--scale-on-in-flight', 'maybe']);
      assert.equal(code, 3);
      assert.match(err, /^KEDA rejects this trigger: `scaleOnInFlight` is `maybe`, which is not a boolean KEDA reads\./m);
      assert.match(err, /strconv\.ParseBool: parsing "maybe": invalid syntax`$/m);
    });

    it('refuses a KEDA version it cannot read', async () => {
      const { code, err } = await keda(['--pool', 'keda-ready', '--keda-version', 'latest']);
      assert.equal(code, 3);
      assert.match(
        err,
        /^KEDA version `latest` is not understood\. Give the version of the KEDA operator as 2\.19, 2\.20\.1 or v2\.21\.0\.$/,
      );
    });
  });

  it('accepts a KEDA release newer than the newest modelled one, with a warning naming that one', async () => {
    const { code, out, err } = await keda(['--pool', 'keda-ready', '--keda-version', '2.23.0']);
    assert.equal(code, 0);
    assert.equal(
      err,
      'Warning: KEDA 2.23.0 is newer than 2.21, the newest release this check models: the results assume it behaves as 2.21. Check the release notes of the releases since, or update KEDA Pool Guard.',
    );
    assert.match(out, /^Queue length: 4 /m);
  });

  describe('--json', () => {
    /** The one trigger of the one pool a flags run views. */
    const onlyTrigger = (out: string) => {
      const report = JSON.parse(out);
      assert.equal(report.schemaVersion, 1);
      assert.equal(report.scalers.length, 1);
      return report.scalers[0].triggers[0];
    };

    it('prints the queue, each job with its reason, and the findings', async () => {
      const { code, out } = await keda(['--pool', 'keda-ready', '--demands', 'kubectl', '--json']);
      assert.equal(code, 0);
      const document = JSON.parse(out);
      assert.deepEqual([document.kedaVersion, document.scalers[0].kind, document.scalers[0].decision], ['2.21', null, null]);
      const report = onlyTrigger(out);
      assert.deepEqual(Object.keys(report).sort(), [
        'activationTargetQueueLength',
        'findings',
        'form',
        'index',
        'isActive',
        'jobs',
        'metricName',
        'metricType',
        'notes',
        'pool',
        'poolId',
        'queueLength',
        'targetQueueLength',
        'url',
      ]);
      assert.equal(report.pool, 'keda-ready');
      assert.equal(report.poolId, 10);
      assert.match(report.url, /\/demo\/_apis\/distributedtask\/pools\/10\/jobrequests\?\$top=250$/);
      assert.equal(report.form, 'top');
      assert.equal(report.queueLength, 3);
      assert.equal(report.isActive, true);
      assert.equal(report.metricName, 's0-azure-pipelines-10');
      assert.deepEqual(report.findings, []);
      assert.equal(report.jobs.length, 4);
      const [billing] = report.jobs;
      assert.deepEqual(Object.keys(billing).sort(), ['counted', 'demands', 'job', 'reason', 'reasonText', 'requestId', 'state']);
      assert.equal(typeof billing.requestId, 'number');
      assert.deepEqual(
        [billing.job, billing.state, billing.counted, billing.reason],
        ['billing-service', 'inFlight', false, 'demandMismatch'],
      );
      assert.deepEqual(billing.demands, ['kubectl', 'helm', 'Agent.Version -gtVersion 3.232.1']);
      assert.equal(billing.reasonText, 'not counted: the trigger’s demands `kubectl` do not include `helm`, which the job demands');
      assert.deepEqual(
        report.jobs.slice(1).map((job: { state: string; counted: boolean; reason: string }) => [job.state, job.counted, job.reason]),
        [
          ['inFlight', true, 'countedDemands'],
          ['waiting', true, 'countedDemands'],
          ['waiting', true, 'countedDemands'],
        ],
      );
    });

    it('lists findings with their code, severity and message', async () => {
      const { code, out } = await keda(['--pool', 'keda-ready', '--parent', 'KEDA-Placeholder', '--fetch-unfinished-jobs-only', '--json']);
      assert.equal(code, 1);
      const report = onlyTrigger(out);
      assert.equal(report.form, 'unfinishedOnly');
      assert.deepEqual(report.notes, []);
      assert.deepEqual(
        report.findings.map((finding: { code: string; severity: string }) => [finding.code, finding.severity]),
        [
          ['parentNotInMatchedAgents', 'error'],
          ['parentNameCaseMismatch', 'error'],
        ],
      );
      assert.match(report.findings[1].message, /^The parent is `KEDA-Placeholder` but/);
    });

    it('gives one entry per pool when several pools are viewed', async () => {
      const { code, out } = await keda(['--pool', 'keda-ready', '--pool', 'keda-empty', '--demands', 'kubectl,helm', '--json']);
      assert.equal(code, 0);
      const { scalers } = JSON.parse(out);
      assert.deepEqual(
        scalers.map(({ triggers: [report] }: { triggers: { pool: string; queueLength: number; jobs: unknown[] }[] }) => [
          report.pool,
          report.queueLength,
          report.jobs.length,
        ]),
        [
          ['keda-ready', 4, 4],
          ['keda-empty', 0, 0],
        ],
      );
    });
  });

  describe('errors', () => {
    it('says a pool that does not answer to the name does not exist or is hidden', async () => {
      const { code, out, err } = await keda(['--pool', 'no-such-pool', '--demands', 'kubectl']);
      assert.equal(code, 3);
      assert.equal(out, '');
      assert.match(err, /^Error: Agent pool `no-such-pool` does not exist, or you may not see it\.$/m);
      assert.match(err, /^ {2}1\. Check the spelling of `no-such-pool`/m);
    });

    it('still reports the other pools, and fails with 3', async () => {
      const { code, out, err } = await keda(['--pool', 'keda-ready', '--pool', 'no-such-pool', '--demands', 'kubectl,helm']);
      assert.equal(code, 3);
      assert.match(out, /^Queue length: 4 /m);
      assert.match(err, /`no-such-pool` does not exist/);
    });

    it('asks for a token when none is set', async () => {
      const { code, out, err } = await keda(['--pool', 'keda-ready'], {});
      assert.equal(code, 3);
      assert.equal(out, '');
      assert.match(err, /^No personal access token: set `AZURE_DEVOPS_EXT_PAT`/);
    });

    it('says the token was refused, without printing it', async () => {
      const { code, err } = await keda(['--pool', 'keda-ready'], { [PAT_VARIABLE]: UNKNOWN_PAT });
      assert.equal(code, 3);
      assert.match(err, /^Error: Azure DevOps did not accept the token used to read pool `keda-ready`\.$/m);
      assert.match(err, /Create a new personal access token/);
    });
  });
});
