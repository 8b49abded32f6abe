/**
 * Issue 8, guarantees 5 (task and command line) and 6 (task): many runs at once against one sandbox,
 * with every answer delayed by a random 20 to 220 ms so that they overlap.
 *  - Ten `repair` runs at once, half the built task, half the built command line, on two pools that lack
 *    a placeholder: each pool ends with exactly one, registered by exactly one run, and every run passes.
 *  - Twenty `check` runs of the built task at once, over every demo pool: each gets its pool's verdict,
 *    and its outputs agree with the sandbox's own state; no request is left unanswered.
 * `npm run test:long` repeats each round, against a fresh sandbox each time.
 */
import assert from 'node:assert/strict';
import { PLACEHOLDER_DESCRIPTION } from '../../core/model/placeholder';
import { startSandbox, type FaultRule, type Sandbox } from '../../sandbox';
import { builtCli, builtTask } from '../support/built';
import { cliInProcess, cliProcess } from '../support/cli-run';
import { TestClock } from '../support/clock';
import { figure, runs } from '../support/long';
import { DEMO_POOLS } from '../support/demo-pools';
import { DEMO } from '../support/tokens';
import { runTask } from '../tasks/agent-run';
import { watchQueueing } from '../support/queueing-watch';

const ROUNDS = runs(1, 5);
const OVERLAP: FaultRule = { kind: 'latency', latencyMs: 20, latencyJitterMs: 200 };
const CONNECTION = { id: '7e57c0de-0000-4000-8000-00000000000a', token: DEMO.adminPat };

const POOLS = DEMO_POOLS;

/** Runs a round against a sandbox of its own, then stops it. */
async function round<T>(body: (sandbox: Sandbox) => Promise<T>): Promise<T> {
  const sandbox = await startSandbox({ scenario: 'demo', faults: [OVERLAP] });
  try {
    return await body(sandbox);
  } finally {
    await sandbox.stop();
  }
}

interface RepairRun {
  ok: boolean;
  report: string;
  log: string;
}

/** Ten `repair` runs of `pools` at once: five of the built task, five of the built command line. */
async function repairAtOnce(sandbox: Sandbox, pools: readonly string[]): Promise<RepairRun[]> {
  const [taskDir, cli] = await Promise.all([builtTask(), builtCli()]);
  const orgUrl = sandbox.orgUrl('demo');
  const byTask = Array.from({ length: 5 }, () =>
    runTask({
      taskDir,
      inputs: { pools: pools.join('\n'), demands: 'kubectl', action: 'repair', timeoutSeconds: '30' },
      collectionUri: orgUrl,
      connection: { ...CONNECTION, url: orgUrl },
    }).then((run) => ({ ok: run.result === 'Succeeded', report: run.outputs.report, log: run.stdout })),
  );
  const args = [
    'repair',
    '--org',
    orgUrl,
    ...pools.flatMap((pool) => ['--pool', pool]),
    '--demand',
    'kubectl',
    '--timeout',
    '30',
    '--json',
  ];
  const byCli = Array.from({ length: 5 }, () =>
    cliProcess(cli, args, { AZURE_DEVOPS_EXT_PAT: DEMO.adminPat }).then((run) => ({
      ok: run.code === 0,
      report: run.stdout,
      log: run.stdout + run.stderr,
    })),
  );
  return Promise.all([...byTask, ...byCli]);
}

describe('concurrency: ten repairs at once, task and command line mixed', function () {
  const PLACEHOLDERLESS = ['keda-empty', 'keda-leftovers'];
  let passed = 0;

  for (let r = 1; r <= ROUNDS; r++) {
    it(`round ${r}: each pool ends with exactly one placeholder, and every run passes`, () =>
      round(async (sandbox) => {
        const results = await repairAtOnce(sandbox, PLACEHOLDERLESS);
        for (const result of results) assert.ok(result.ok, result.log);
        passed += results.length;
        const reports = results.map((result) => JSON.parse(result.report) as { pools: Array<{ name: string; repair: string | null }> });
        for (const pool of PLACEHOLDERLESS) {
          const repairs = reports.map((report) => report.pools.find((p) => p.name === pool)!.repair);
          assert.equal(repairs.filter((repair) => repair === 'registered').length, 1, `${pool}: ${repairs.join(', ')}`);
          const placeholders = [...sandbox.org('demo').findPoolByName(pool)!.agents.values()].filter(
            (agent) => agent.name === 'keda-placeholder',
          );
          assert.equal(placeholders.length, 1, pool);
        }
      }));
  }
  after(() => {
    figure('repair runs at once, per round', 10);
    figure('repair runs passed, one placeholder per pool each round', passed);
  });

  it("a repair that meets another run's registration half done waits for it, and judges the whole placeholder", async () => {
    const sandbox = await startSandbox({ scenario: 'demo' });
    try {
      const state = sandbox.org('demo');
      const pool = state.findPoolByName('keda-empty')!;
      // The other run: registered, its user capabilities (the marker among them) still to come.
      const other = state.registerAgent(pool.id, {
        name: 'keda-placeholder',
        version: '4.248.0',
        osDescription: PLACEHOLDER_DESCRIPTION,
        systemCapabilities: { 'Agent.Version': '4.248.0' },
      });
      // It sets them 400 ms later, while this run waits for them (on this run's clock, so however busy the machine).
      const clock = new TestClock();
      clock.at(400, () =>
        state.updateAgent(pool.id, other.id, {
          userCapabilities: { kubectl: '/usr/local/bin/kubectl', 'KedaPoolGuard.Placeholder': 'true' },
        }),
      );
      const run = await cliInProcess(
        ['repair', '--org', sandbox.orgUrl('demo'), '--pool', 'keda-empty', '--demand', 'kubectl', '--json'],
        { AZURE_DEVOPS_EXT_PAT: DEMO.adminPat },
        clock,
      );
      const report = JSON.parse(run.stdout) as { pools: Array<{ repair: string; verdict: string }> };
      assert.deepEqual([report.pools[0].repair, report.pools[0].verdict, run.code], ['alreadyRegistered', 'ready', 0], run.stdout);
      assert.equal(pool.agents.size, 1);
      assert.deepEqual(clock.sleeps, [250, 500], 'read again until the capabilities showed, and no longer');
    } finally {
      await sandbox.stop();
    }
  });
});

describe('concurrency: ten repairs of a drifted placeholder at once', function () {
  this.timeout(120_000);
  for (let r = 1; r <= ROUNDS; r++) {
    it(`round ${r}: one placeholder, refreshed once, and the jobs could queue after every change`, () =>
      round(async (sandbox) => {
        const org = sandbox.org('demo');
        const pool = org.findPoolByName('keda-old-placeholder')!;
        const placeholder = org.findAgentByName(pool.id, 'keda-placeholder')!;
        const watch = watchQueueing(org, pool.name, [['kubectl']]);
        sandbox.requests.clear();
        const results = await repairAtOnce(sandbox, [pool.name]);
        watch.stop();
        for (const result of results) assert.ok(result.ok, result.log);
        assert.deepEqual(watch.before, ['kubectl']);
        assert.deepEqual(watch.lapses, []);
        const repairs = results.map((result) => (JSON.parse(result.report) as { pools: Array<{ repair: string }> }).pools[0].repair);
        assert.equal(repairs.filter((repair) => repair === 'refreshed').length, 1, repairs.join(', '));
        const replaced = sandbox.requests
          .list()
          .filter((request) => request.method === 'PUT' && request.url.split('?')[0].endsWith(`/agents/${placeholder.id}`));
        assert.equal(replaced.length, 1, 'refreshed once');
        assert.deepEqual(
          org.listAgents(pool.id).map((agent) => [agent.name, agent.id, agent.userCapabilities['KedaPoolGuard.Placeholder']]),
          [['keda-placeholder', placeholder.id, 'true']],
        );
      }));
  }
});

describe('load: twenty task runs at once', function () {
  const tally = { runs: 0, requests: 0 };

  for (let r = 1; r <= ROUNDS; r++) {
    it(`round ${r}: every run gets its pool's verdict, with outputs matching the organization`, () =>
      round(async (sandbox) => {
        const taskDir = await builtTask();
        const orgUrl = sandbox.orgUrl('demo');
        const planned = Array.from({ length: 20 }, (_, i) => POOLS[i % POOLS.length]);
        const taskRuns = await Promise.all(
          planned.map(({ pool, demands }) =>
            runTask({
              taskDir,
              inputs: { pools: pool, demands, timeoutSeconds: '30' },
              collectionUri: `${orgUrl}/`,
              project: 'demo',
              jobToken: DEMO.jobToken,
            }),
          ),
        );
        taskRuns.forEach((run, index) => {
          const { pool, verdict, result, kind } = planned[index];
          assert.equal(run.result, result, run.stdout);
          assert.equal(run.outputs.verdict, verdict);
          const report = JSON.parse(run.outputs.report) as { errored: boolean; pools: Array<{ name: string }> };
          assert.equal(report.errored, false);
          assert.deepEqual(
            report.pools.map((p) => p.name),
            [pool],
          );
          // The sandbox is the oracle: its own count of the pool's agents; a hosted pool's agents are not read.
          const registered = kind === 'hosted' ? 0 : sandbox.org('demo').findPoolByName(pool)!.agents.size;
          assert.equal(Number(run.outputs.registeredAgents), registered);
        });
        const requests = sandbox.requests.list();
        assert.deepEqual(
          requests.filter((request) => request.status === null),
          [],
          'every request was answered',
        );
        tally.runs += taskRuns.length;
        tally.requests += requests.length;
      }));
  }
  after(() => {
    figure('task runs at once, per round', 20);
    figure('rounds', ROUNDS);
    figure('task runs with the right verdict and outputs', tally.runs);
    figure('requests answered (none lost)', tally.requests);
  });
});
