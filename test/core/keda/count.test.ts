import { strict as assert } from 'node:assert';
import { countQueue } from '../../../core/keda/count';
import type { JobReason } from '../../../core/keda/types';
import type { JobRequest } from '../../../core/model/types';
import { J1, J2, assignedNotFinishedJob, codes, deadJob, job, load, queuedOnlyVersion, rendered, scalerOf } from './fixtures';

const PARENT = 'dotnet60-keda-template';

function counted(metadata: Record<string, string>, requests: readonly JobRequest[], at = '2.20.1'): number[] {
  return countQueue(scalerOf(metadata, at), requests)
    .perJob.filter((v) => v.counted)
    .map((v) => v.request.requestId);
}

function reasons(metadata: Record<string, string>, requests: readonly JobRequest[], at = '2.20.1'): JobReason[] {
  return countQueue(scalerOf(metadata, at), requests).perJob.map((v) => v.reason);
}

describe('core/keda counting', () => {
  describe('KEDA queue-length tests (§11.5), exact counts, KEDA 2.20.x', () => {
    const cases: { name: string; metadata: Record<string, string>; requests: readonly JobRequest[]; count: number; counts?: number[] }[] = [
      { name: 'TestAzurePipelinesMatchedAgent', metadata: { parent: PARENT }, requests: load, count: 1, counts: [J2.requestId] },
      // The Go test adds rate-limit headers; KEDA only logs them, so the input to the count is the same.
      { name: 'TestAzurePipelinesDelayed', metadata: { parent: PARENT }, requests: load, count: 1 },
      {
        name: 'TestAzurePipelinesMatchedDemandAgent',
        metadata: { demands: 'dotnet60,java,cmake' },
        requests: load,
        count: 1,
        counts: [J2.requestId],
      },
      {
        name: 'TestAzurePipelinesNonMatchedDemandAgent',
        metadata: { demands: 'testDemand,iamnotademand', requireAllDemands: 'true' },
        requests: load,
        count: 0,
      },
      {
        name: 'TestAzurePipelinesMatchedDemandAgentWithRequireAllDemands',
        metadata: { demands: 'dotnet60,java,cmake', requireAllDemands: 'true' },
        requests: load,
        count: 1,
        counts: [J2.requestId],
      },
      {
        name: 'TestAzurePipelinesMatchedDemandAgentWithRequireAllDemandsAndIgnoreOthers',
        metadata: { demands: 'dotnet60,java', requireAllDemandsAndIgnoreOthers: 'true' },
        requests: load,
        count: 1,
        counts: [J2.requestId],
      },
      {
        name: 'TestAzurePipelinesNotMatchedPartialRequiredTriggerDemands',
        metadata: { demands: 'kubectl,someOtherDemand', requireAllDemands: 'true' },
        requests: load,
        count: 0,
      },
      {
        name: 'TestAzurePipelinesDemandsComparisonDefaultCaseSensitive',
        metadata: { demands: 'KUBECTL', requireAllDemands: 'true' },
        requests: load,
        count: 0,
      },
      {
        name: 'TestAzurePipelinesDemandsComparisonCaseInsensitive',
        metadata: { demands: 'KUBECTL', requireAllDemands: 'true', caseInsensitiveDemandsProcessing: 'true' },
        requests: load,
        count: 1,
        counts: [J1.requestId],
      },
      { name: 'TestAzurePipelinesAssignedJobNotCounted', metadata: {}, requests: [assignedNotFinishedJob], count: 0 },
      { name: 'TestAzurePipelinesQueuedAndAssignedMixed', metadata: {}, requests: [queuedOnlyVersion, assignedNotFinishedJob], count: 1 },
    ];
    for (const c of cases) {
      it(`${c.name} → ${c.count}`, () => {
        const view = countQueue(scalerOf(c.metadata), c.requests);
        assert.equal(view.queueLength, c.count);
        assert.equal(view.isActive, c.count > 0);
        if (c.counts) assert.deepEqual(counted(c.metadata, c.requests), c.counts);
      });
    }
  });

  describe('received jobs by release', () => {
    const cases: [string, Record<string, string>, number, number][] = [
      ['2.19', {}, 1, 2],
      ['2.20.0', {}, 0, 1],
      ['2.20.1', { scaleOnInFlight: 'true' }, 0, 1],
      ['2.21', {}, 1, 2],
      ['2.21.0', { scaleOnInFlight: 'false' }, 0, 1],
    ];
    for (const [at, metadata, assigned, mixed] of cases) {
      it(`KEDA ${at} ${JSON.stringify(metadata)}: assigned job → ${assigned}, queued + assigned → ${mixed}`, () => {
        assert.equal(countQueue(scalerOf(metadata, at), [assignedNotFinishedJob]).queueLength, assigned);
        assert.equal(countQueue(scalerOf(metadata, at), [queuedOnlyVersion, assignedNotFinishedJob]).queueLength, mixed);
      });
    }

    it('names the rule that left a received job out', () => {
      assert.deepEqual(reasons({}, [assignedNotFinishedJob], '2.20.1'), [{ code: 'receivedExcluded', rule: 'v2.20' }]);
      assert.deepEqual(reasons({ scaleOnInFlight: 'false' }, [assignedNotFinishedJob], '2.21'), [
        { code: 'receivedExcluded', rule: 'scaleOnInFlightFalse' },
      ]);
    });

    it('counts an assigned job for its parent when in-flight jobs count (2.21 default)', () => {
      assert.deepEqual(counted({ parent: PARENT }, [J1, J2, assignedNotFinishedJob], '2.21'), [
        J2.requestId,
        assignedNotFinishedJob.requestId,
      ]);
    });
  });

  describe('why each job is or is not counted', () => {
    it('skips any finished job, whatever its result', () => {
      const finished = ['succeeded', 'failed', 'canceled', ''].map((result, i) => job(i + 1, [], { result }));
      assert.deepEqual(
        reasons({}, finished).map((r) => r.code === 'finished' && r.result),
        ['succeeded', 'failed', 'canceled', ''],
      );
    });

    it('counts every unfinished job without a filter', () => {
      assert.deepEqual(reasons({}, [J1, deadJob]), [{ code: 'countedNoFilter' }, { code: 'finished', result: 'succeeded' }]);
    });

    it('explains parent matches and misses', () => {
      const other = job(5, ['x'], {
        matchedAgents: [
          { id: 9, name: 'other-agent' },
          { id: 10, name: 'DOTNET60-KEDA-TEMPLATE' },
        ],
      });
      assert.deepEqual(reasons({ parent: PARENT }, [J1, J2, other]), [
        { code: 'noMatchedAgents', parent: PARENT },
        { code: 'countedParent', parent: PARENT },
        { code: 'parentNotInMatchedAgents', parent: PARENT, matchedAgents: ['other-agent', 'DOTNET60-KEDA-TEMPLATE'] },
      ]);
    });

    it('explains a demand mismatch item by item', () => {
      assert.deepEqual(reasons({ demands: 'dotnet60,java,cmake' }, [J1])[0], {
        code: 'demandMismatch',
        mode: 'default',
        pairCount: 0,
        jobItems: ['kubectl'],
        triggerItems: ['dotnet60', 'java', 'cmake'],
        jobItemsWithoutMatch: ['kubectl'],
        triggerItemsWithoutMatch: ['dotnet60', 'java', 'cmake'],
      });
    });
  });

  describe('demand matching quirks', () => {
    const cases: { name: string; metadata: Record<string, string>; demands: string[]; counted: boolean }[] = [
      {
        name: 'default mode: job demands ⊆ trigger demands',
        metadata: { demands: 'maven,docker,java' },
        demands: ['maven', 'docker'],
        counted: true,
      },
      { name: 'default mode: an extra job demand fails', metadata: { demands: 'maven' }, demands: ['maven', 'docker'], counted: false },
      { name: 'no trimming of split items', metadata: { demands: 'maven, docker' }, demands: ['maven', 'docker'], counted: false },
      {
        name: 'whole-string comparison of operators',
        metadata: { demands: 'java -equals 17' },
        demands: ['java -equals 17'],
        counted: true,
      },
      { name: 'no parsing of operators', metadata: { demands: 'java' }, demands: ['java -equals 17'], counted: false },
      { name: 'a job without demands matches every default trigger (#4138)', metadata: { demands: 'gpu' }, demands: [], counted: true },
      {
        name: 'requireAllDemands: exact set',
        metadata: { demands: 'gpu,java', requireAllDemands: 'true' },
        demands: ['java', 'gpu'],
        counted: true,
      },
      {
        name: 'requireAllDemands: a job without demands fails',
        metadata: { demands: 'gpu', requireAllDemands: 'true' },
        demands: [],
        counted: false,
      },
      {
        name: 'requireAllDemandsAndIgnoreOthers: extras ignored',
        metadata: { demands: 'gpu', requireAllDemandsAndIgnoreOthers: 'true' },
        demands: ['gpu', 'npm'],
        counted: true,
      },
      {
        name: 'requireAllDemands wins over requireAllDemandsAndIgnoreOthers',
        metadata: { demands: 'gpu', requireAllDemands: 'true', requireAllDemandsAndIgnoreOthers: 'true' },
        demands: ['gpu', 'npm'],
        counted: false,
      },
      {
        name: 'Agent.Version items dropped from the trigger too',
        metadata: { demands: 'maven,Agent.Version -gtVersion 2.0', requireAllDemands: 'true' },
        demands: ['maven'],
        counted: true,
      },
      {
        name: 'the Agent.Version prefix is case-sensitive, even case-insensitively',
        metadata: { demands: 'maven,agent.version -gtVersion 2.0', requireAllDemands: 'true', caseInsensitiveDemandsProcessing: 'true' },
        demands: ['maven'],
        counted: false,
      },
      { name: 'duplicates inflate the count (default)', metadata: { demands: 'java,java' }, demands: ['java'], counted: false },
      {
        name: 'duplicates inflate the count (ignore others)',
        metadata: { demands: 'java,java', requireAllDemandsAndIgnoreOthers: 'true' },
        demands: ['java'],
        counted: true,
      },
      { name: 'case-sensitive by default', metadata: { demands: 'Maven' }, demands: ['maven'], counted: false },
      {
        name: 'case folding as strings.EqualFold',
        metadata: { demands: 'STRAẞE,ſ', caseInsensitiveDemandsProcessing: 'true' },
        demands: ['straße', 'S'],
        counted: true,
      },
      { name: '"," gives two empty items', metadata: { demands: ',' }, demands: [], counted: true },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const view = countQueue(scalerOf(c.metadata, '2.21'), [job(1, c.demands)]);
        assert.equal(view.queueLength, c.counted ? 1 : 0);
      });
    }
  });

  describe('the $top window', () => {
    const queued = Array.from({ length: 10 }, (_, i) => job(i + 1, []));

    it('keeps the newest jobsToFetch requests by default', () => {
      const view = countQueue(scalerOf({ jobsToFetch: '4' }), queued);
      assert.deepEqual(
        view.perJob.filter((v) => v.counted).map((v) => v.request.requestId),
        [7, 8, 9, 10],
      );
      assert.deepEqual(view.perJob[0].reason, { code: 'beyondTopWindow', position: 9, window: 4 });
      assert.ok(codes(view.findings).includes('queuedJobsBeyondTopWindow'));
    });

    it("can trust the caller's order instead", () => {
      const view = countQueue(scalerOf({ jobsToFetch: '4' }), queued, { order: 'asListed', cap: 200 });
      assert.equal(view.queueLength, 4);
      assert.deepEqual(view.perJob[4].reason, { code: 'beyondTopWindow', position: 4, window: 4 });
    });

    it('caps the window at 200 whatever jobsToFetch asks', () => {
      const many = Array.from({ length: 300 }, (_, i) => job(i + 1, []));
      assert.equal(countQueue(scalerOf({}), many).queueLength, 200);
      assert.equal(countQueue(scalerOf({ jobsToFetch: '1000' }), many).queueLength, 200);
      assert.equal(countQueue(scalerOf({ jobsToFetch: '1000' }), many, { order: 'newestFirst', cap: 1000 }).queueLength, 300);
    });

    it('applies only to the $top form', () => {
      const many = Array.from({ length: 300 }, (_, i) => job(i + 1, []));
      assert.equal(countQueue(scalerOf({ fetchUnfinishedJobsOnly: 'true' }), many).queueLength, 300);
    });

    it('is not applied for a jobsToFetch below 1 (the service behaviour is unknown)', () => {
      assert.equal(countQueue(scalerOf({ jobsToFetch: '0' }), queued).queueLength, 10);
    });

    it("keeps KEDA's load fixture inside the window (1001 items, J1 and J2 first)", () => {
      assert.deepEqual(counted({}, load), [J1.requestId, J2.requestId]);
    });
  });

  describe('metric and activation', () => {
    it('names the metric by trigger index and pool id (§11.4)', () => {
      assert.equal(countQueue(scalerOf({}, '2.20.1', 0), []).metricName, 's0-azure-pipelines-1');
      assert.equal(countQueue(scalerOf({}, '2.20.1', 1), []).metricName, 's1-azure-pipelines-1');
    });

    it('is active only above the activation target', () => {
      const settings = { activationTargetPipelinesQueueLength: '1', targetPipelinesQueueLength: '3' };
      const one = countQueue(scalerOf(settings), [job(1, [])]);
      const two = countQueue(scalerOf(settings), [job(1, []), job(2, [])]);
      assert.deepEqual([one.isActive, two.isActive], [false, true]);
      assert.deepEqual([two.targetQueueLength, two.activationTargetQueueLength], [3, 1]);
    });

    it('reports the URL it would call', () => {
      assert.equal(countQueue(scalerOf({ parent: PARENT }), []).url, 'https://dev.azure.com/FOO/_apis/distributedtask/pools/1/jobrequests');
    });
  });

  it('counts the 1001-item load for every kind of trigger (speed is measured in bench/core-keda.ts)', () => {
    const triggers: Record<string, string>[] = [
      {},
      { parent: PARENT },
      { demands: 'dotnet60,java,cmake', caseInsensitiveDemandsProcessing: 'true' },
    ];
    for (const metadata of triggers) {
      const view = countQueue(scalerOf(metadata), load);
      assert.equal(view.perJob.length, 1001);
      view.findings.forEach(rendered);
    }
  });
});
