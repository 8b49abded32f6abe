import { strict as assert } from 'node:assert';
import { classificationRules, podNameMatcher } from '../../../core/model/classify';
import { formatSeconds, renderFinding } from '../../../core/model/render';
import type { Agent, JobRequest } from '../../../core/model/types';
import { waitFinding, withWaits } from '../../../core/model/wait-findings';
import { percentile, poolWaits, WAIT_WINDOW_MS, type PoolWaits } from '../../../core/model/waits';
import { evaluatePool } from '../../../core/model/verdict';
import { waitSeries } from '../../../core/model/wait-series';
import { hoursAgo, kedaAgent, minutesAgo, NOW, placeholderAgent, settingsOf, snapshotOf, staticAgent, withHistory } from './fixtures';

const SECOND = 1000;
const isKedaAgent = (name: string) => podNameMatcher(classificationRules())(name) !== undefined;
const POD = 'linux-sj-bcdfg-hjklm';
const POD_2 = 'linux-sj-zzzzz-hjklm';
const secondsAfter = (date: Date, seconds: number) => new Date(date.getTime() + seconds * SECOND);

/** A job queued `minutesAgo`, given to `agent` after `waitS` seconds, received `startS` later, running `runS`. */
function ran(requestId: number, queuedMinutesAgo: number, waitS: number, agent = POD, startS = 1, runS = 60): JobRequest {
  const queueTime = minutesAgo(queuedMinutesAgo);
  const assignTime = secondsAfter(queueTime, waitS);
  const receiveTime = secondsAfter(assignTime, startS);
  return {
    requestId,
    demands: [],
    queueTime,
    assignTime,
    receiveTime,
    finishTime: secondsAfter(receiveTime, runS),
    result: 'succeeded',
    reservedAgent: { id: requestId, name: agent },
  };
}

function waiting(requestId: number, queuedMinutesAgo: number): JobRequest {
  return { requestId, demands: [], queueTime: minutesAgo(queuedMinutesAgo) };
}

function cancelled(requestId: number, queuedMinutesAgo: number, afterS: number): JobRequest {
  const queueTime = minutesAgo(queuedMinutesAgo);
  return { requestId, demands: [], queueTime, finishTime: secondsAfter(queueTime, afterS), result: 'canceled' };
}

function waitsOf(requests: JobRequest[], extra: { agents?: Agent[]; thresholdMs?: number } = {}): PoolWaits {
  return poolWaits({ requests, since: new Date(NOW.getTime() - WAIT_WINDOW_MS), now: NOW, isKedaAgent, ...extra });
}

interface Case {
  name: string;
  requests: JobRequest[];
  thresholdMs?: number;
  expect: Partial<Omit<PoolWaits, 'jobs' | 'series' | 'since' | 'until'>>;
}

const CASES: Case[] = [
  {
    name: 'an empty pool: nothing ran, nothing waits, no spread to speak of',
    requests: [],
    expect: {
      requests: 0,
      jobsRun: 0,
      jobsRunByKeda: 0,
      wait: undefined,
      agentStart: undefined,
      overThreshold: 0,
      cancelledWhileWaiting: 0,
      stillWaiting: 0,
      skewed: 0,
    },
  },
  {
    name: 'KEDA jobs: nearest-rank percentiles of the wait and of the agent start',
    requests: [ran(1, 100, 10), ran(2, 90, 20, POD, 3), ran(3, 80, 30), ran(4, 70, 40, POD, 2), ran(5, 60, 300)],
    thresholdMs: 35 * SECOND,
    expect: {
      requests: 5,
      jobsRun: 5,
      jobsRunByKeda: 5,
      wait: { p50: 30 * SECOND, p95: 300 * SECOND, max: 300 * SECOND },
      agentStart: { p50: 1 * SECOND, p95: 3 * SECOND, max: 3 * SECOND },
      thresholdMs: 35 * SECOND,
      overThreshold: 2,
      skewed: 0,
    },
  },
  {
    name: 'clock skew: an assignment stamped before the queueing counts as no wait, and is counted as skewed',
    requests: [ran(1, 30, -4), ran(2, 20, 12, POD, -2)],
    expect: {
      jobsRun: 2,
      wait: { p50: 0, p95: 12 * SECOND, max: 12 * SECOND },
      agentStart: { p50: 0, p95: 1 * SECOND, max: 1 * SECOND },
      skewed: 2,
    },
  },
  {
    name: 'jobs still waiting: not in the spread, but counted, with the oldest, and over the threshold when older',
    requests: [ran(1, 60, 20), waiting(2, 12), waiting(3, 3)],
    thresholdMs: 5 * 60 * SECOND,
    expect: {
      requests: 3,
      jobsRun: 1,
      stillWaiting: 2,
      oldestWaitingMs: 12 * 60 * SECOND,
      overThreshold: 1,
      wait: { p50: 20_000, p95: 20_000, max: 20_000 },
    },
  },
  {
    name: 'jobs cancelled while waiting: counted apart, and over the threshold when they had waited that long',
    requests: [ran(1, 60, 20), cancelled(2, 50, 600), cancelled(3, 40, 30)],
    thresholdMs: 5 * 60 * SECOND,
    expect: { jobsRun: 1, cancelledWhileWaiting: 2, overThreshold: 1, stillWaiting: 0 },
  },
  {
    name: 'only placeholders and static agents ran jobs: waits all the same, none on KEDA agents',
    requests: [ran(1, 60, 5, 'keda-placeholder'), ran(2, 50, 400, 'build-vm-01'), ran(3, 40, 8, 'build-vm-02')],
    expect: { jobsRun: 3, jobsRunByKeda: 0, wait: { p50: 8 * SECOND, p95: 400 * SECOND, max: 400 * SECOND } },
  },
  {
    name: 'requests queued before the window are left out',
    requests: [ran(1, 25 * 60, 900), ran(2, 10, 15), { requestId: 3, demands: [] }],
    expect: { requests: 1, jobsRun: 1, wait: { p50: 15 * SECOND, p95: 15 * SECOND, max: 15 * SECOND } },
  },
];

describe('waits: how long jobs wait for an agent', () => {
  for (const { name, requests, thresholdMs, expect } of CASES) {
    it(name, () => {
      const waits = waitsOf(requests, { thresholdMs });
      for (const [key, value] of Object.entries(expect)) assert.deepEqual(waits[key as keyof PoolWaits], value, key);
    });
  }

  it('ranks by nearest rank: with 20 waits the 95th percentile is the 19th', () => {
    const sorted = Array.from({ length: 20 }, (_, i) => i + 1);
    assert.equal(percentile(sorted, 0.95), 19);
    assert.equal(percentile(sorted, 0.5), 10);
    assert.equal(percentile([7], 0.95), 7);
  });

  it('lists each job an agent took, oldest first, with its agent and whether KEDA started it', () => {
    const waits = waitsOf([ran(2, 30, 12, 'build-vm-01'), ran(1, 40, 9), waiting(3, 1)]);
    assert.deepEqual(
      waits.jobs.map(({ requestId, waitMs, agentStartMs, agent, keda }) => ({ requestId, waitMs, agentStartMs, agent, keda })),
      [
        { requestId: 1, waitMs: 9000, agentStartMs: 1000, agent: POD, keda: true },
        { requestId: 2, waitMs: 12000, agentStartMs: 1000, agent: 'build-vm-01', keda: false },
      ],
    );
  });

  describe('the time series, per 15 minutes', () => {
    /** The series of a pool judged with these agents and this history, as the `waits` command and the hub draw it. */
    function seriesOf(requests: JobRequest[], agents: Agent[] = [placeholderAgent('keda-placeholder')]) {
      const snapshot = withHistory(snapshotOf(agents), requests);
      const settings = settingsOf({ demands: [] });
      return waitSeries(snapshot, withWaits(evaluatePool(snapshot, settings), snapshot, settings), settings.rules);
    }

    it('covers the day in 96 steps, empty for an empty pool', () => {
      const series = seriesOf([]);
      assert.ok(series.length === 96 || series.length === 97, `${series.length} steps`);
      assert.ok(series.every((bucket) => bucket.queued === 0 && bucket.running === 0 && bucket.kedaAgents === 0));
      assert.ok(series[0].start.getTime() <= NOW.getTime() - WAIT_WINDOW_MS);
    });

    it('counts jobs queued in a step, jobs running at any time in it, and KEDA agents online in it, each agent once', () => {
      // Two jobs queued 40 minutes ago, on two pods, running 20 minutes; a job queued 2 days ago still running.
      const long: JobRequest = { ...ran(9, 48 * 60, 10, 'build-vm-01'), finishTime: undefined, result: undefined };
      const requests = [ran(1, 40, 30, POD, 0, 20 * 60), ran(2, 40, 50, POD_2, 0, 20 * 60), long];
      const registered = kedaAgent(POD, { createdOn: minutesAgo(41), status: 'offline', statusChangedOn: minutesAgo(19) });
      const series = seriesOf(requests, [placeholderAgent('keda-placeholder'), registered, staticAgent('build-vm-01')]);
      const at = (minutes: number) =>
        series.find((b) => b.start <= minutesAgo(minutes) && minutesAgo(minutes) < new Date(b.start.getTime() + 900_000));
      const queuedStep = at(40);
      assert.ok(queuedStep);
      assert.equal(
        series.reduce((sum, b) => sum + b.queued, 0),
        2,
        'the job queued before the window is not counted as queued',
      );
      assert.equal(queuedStep.queued, 2);
      assert.equal(queuedStep.running, 3, 'both jobs and the long-running one');
      assert.equal(queuedStep.kedaAgents, 2, 'the registered pod and the pod known only from its job, each once');
      assert.equal(queuedStep.longestWaitMs, 50 * SECOND, 'the longest wait of the jobs queued in it');
      assert.equal(at(120)?.longestWaitMs, undefined);
      assert.equal(at(120)?.running, 1, 'only the long-running job, queued before the window');
      assert.equal(at(120)?.kedaAgents, 0);
    });

    it('counts no KEDA agent where only placeholders and static agents ran jobs', () => {
      const series = seriesOf(
        [ran(1, 60, 5, 'keda-placeholder'), ran(2, 50, 400, 'build-vm-01')],
        [placeholderAgent('keda-placeholder'), staticAgent('build-vm-01')],
      );
      assert.equal(Math.max(...series.map((b) => b.kedaAgents)), 0);
      assert.equal(Math.max(...series.map((b) => b.running)), 1);
    });
  });
});

describe('waits: the finding', () => {
  const fast = [ran(1, 100, 10), ran(2, 90, 20), ran(3, 80, 30)];

  it('says nothing when no job got an agent', () => {
    assert.equal(waitFinding('k8s', waitsOf([waiting(1, 5)], { thresholdMs: 1000 })), undefined);
  });

  it('is a note with the figures without a threshold, or under it', () => {
    for (const thresholdMs of [undefined, 60 * SECOND]) {
      const found = waitFinding('k8s', waitsOf(fast, { thresholdMs }));
      assert.equal(found?.code, 'jobWaits');
      assert.equal(found?.severity, 'info');
      assert.match(
        renderFinding(found, 'text'),
        /waited 20 s for an agent at the median and 30 s at the 95th percentile \(3 jobs in the last day/,
      );
    }
  });

  it('is a risk above the threshold, naming the usual causes', () => {
    const found = waitFinding('k8s', waitsOf([...fast, ran(4, 70, 200), ran(5, 60, 190)], { thresholdMs: 60 * SECOND }));
    assert.equal(found?.code, 'jobsWaitLong');
    assert.equal(found?.severity, 'warning');
    assert.deepEqual(
      found?.guidance.map((g) => g.key),
      ['fix.waitPollingInterval', 'fix.waitImagePull', 'fix.waitWarmPod'],
    );
    const text = renderFinding(found, 'text');
    assert.match(
      text,
      /3 min 20 s at the 95th percentile of 5 jobs in the last day, above your threshold of 1 min 0 s; 2 job\(s\) waited longer/,
    );
    assert.match(text, /`pollingInterval`/);
    assert.match(text, /`minReplicaCount: 1`/);
  });

  it('puts the trigger first when the long waits ended on agents KEDA did not start, or in cancellations', () => {
    const found = waitFinding(
      'k8s',
      waitsOf([ran(1, 60, 5, 'keda-placeholder'), ran(2, 50, 400, 'build-vm-01'), cancelled(3, 40, 900)], { thresholdMs: 60 * SECOND }),
    );
    assert.equal(found?.code, 'jobsWaitLong');
    assert.equal(found?.guidance[0].key, 'fix.waitTriggerCountsNothing');
    assert.equal(found?.guidance[0].params.count, 2);
    assert.match(renderFinding(found, 'text'), /1 job\(s\) were cancelled while they waited/);
  });
});

describe('waits: durations to the second', () => {
  for (const [ms, shown] of [
    [0, '0 s'],
    [-5000, '0 s'],
    [12_400, '12 s'],
    [59_600, '1 min 0 s'],
    [95_000, '1 min 35 s'],
    [3_600_000, '1 h 0 min'],
    [hoursAgo(0).getTime() - hoursAgo(2.5).getTime(), '2 h 30 min'],
  ] as const) {
    it(`${ms} ms reads ${shown}`, () => assert.equal(formatSeconds(ms), shown));
  }
});
