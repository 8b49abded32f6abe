import { strict as assert } from 'node:assert';
import { countQueue } from '../../../core/keda/count';
import { KedaFinding } from '../../../core/keda/findings';
import { strategyQuirks } from '../../../core/keda/quirks';
import { parseScalingMetadata } from '../../../core/keda/trigger';
import type { ScaledJobSpec } from '../../../core/keda/types';
import type { JobRequest } from '../../../core/model/types';
import { J1, codes, job, rendered, scalerOf, settingsOf, version } from './fixtures';

function settingFindings(metadata: Record<string, string>, at = '2.21'): readonly KedaFinding[] {
  const parsed = parseScalingMetadata({ poolID: '1', ...metadata }, version(at));
  assert.ok(parsed.ok);
  return parsed.findings;
}

function only(findings: readonly KedaFinding[], code: string): KedaFinding[] {
  const own = findings.filter((f) => f.code === code);
  own.forEach(rendered);
  return own;
}

describe('core/keda quirk findings', () => {
  describe('from the settings', () => {
    const cases: { name: string; metadata: Record<string, string>; code: string; params: object[] }[] = [
      {
        name: 'a demands item with spaces after the split',
        metadata: { demands: 'maven, docker' },
        code: 'demandItemPadded',
        params: [{ item: ' docker', trimmed: 'docker' }],
      },
      {
        name: 'a duplicated demands item',
        metadata: { demands: 'java,maven,java' },
        code: 'demandItemDuplicated',
        params: [{ item: 'java', times: 2 }],
      },
      {
        name: 'duplicates by case when comparing case-insensitively',
        metadata: { demands: 'Java,JAVA', caseInsensitiveDemandsProcessing: 'true' },
        code: 'demandItemDuplicated',
        params: [{ item: 'Java', times: 2 }],
      },
      {
        name: 'no duplicate by case when comparing case-sensitively',
        metadata: { demands: 'Java,JAVA' },
        code: 'demandItemDuplicated',
        params: [],
      },
      {
        name: 'empty items from extra commas',
        metadata: { demands: 'maven,, ,docker,' },
        code: 'demandItemEmpty',
        params: [{ position: 2 }, { position: 3 }, { position: 5 }],
      },
      {
        name: 'Agent.Version items in the trigger',
        metadata: { demands: 'maven,Agent.Version -gtVersion 2.0' },
        code: 'demandAgentVersionIgnored',
        params: [{ item: 'Agent.Version -gtVersion 2.0' }],
      },
      {
        name: 'parent together with demands',
        metadata: { parent: 'tpl', demands: 'maven' },
        code: 'parentIgnoresDemands',
        params: [{ parent: 'tpl' }],
      },
      {
        name: 'no demand quirks when parent makes demands irrelevant',
        metadata: { parent: 'tpl', demands: 'a, b' },
        code: 'demandItemPadded',
        params: [],
      },
      {
        name: 'both demand modes set',
        metadata: { demands: 'maven', requireAllDemands: 'true', requireAllDemandsAndIgnoreOthers: 'true' },
        code: 'requireAllDemandsWins',
        params: [{}],
      },
      {
        name: 'jobsToFetch above the service cap',
        metadata: { jobsToFetch: '1000' },
        code: 'jobsToFetchAboveServiceCap',
        params: [{ jobsToFetch: 1000, cap: 200 }],
      },
      { name: 'not for the default jobsToFetch', metadata: {}, code: 'jobsToFetchAboveServiceCap', params: [] },
      { name: 'jobsToFetch below 1', metadata: { jobsToFetch: '0' }, code: 'jobsToFetchNotPositive', params: [{ jobsToFetch: 0 }] },
      {
        name: 'a target that is not positive',
        metadata: { targetPipelinesQueueLength: '0' },
        code: 'targetNotPositive',
        params: [{ target: 0 }],
      },
    ];
    for (const c of cases) {
      it(`${c.name} → ${c.params.length === 0 ? 'no' : ''} ${c.code}`, () => {
        assert.deepEqual(
          only(settingFindings(c.metadata), c.code).map((f) => f.params),
          c.params,
        );
      });
    }

    it('jobsToFetch with parent, where KEDA still accepts the pair', () => {
      const own = only(settingFindings({ parent: 'tpl', jobsToFetch: '50' }, '2.17.1'), 'jobsToFetchIgnoredWithParent');
      assert.deepEqual(own[0].params, { version: '2.17.1' });
    });
  });

  describe('from the jobs', () => {
    const findingsFor = (metadata: Record<string, string>, requests: readonly JobRequest[], at = '2.21') =>
      countQueue(scalerOf(metadata, at), requests).findings;

    it('a job without demands counted by a default-mode demands trigger (#4138)', () => {
      const requests = [job(1, []), job(2, ['gpu']), job(3, [], { receiveTime: new Date(0) })];
      const own = only(findingsFor({ demands: 'gpu' }, requests), 'demandlessJobsMatchEveryTrigger');
      assert.deepEqual(own[0].params, { count: 1, jobs: ['#1'] });
      assert.deepEqual(only(findingsFor({ demands: 'gpu', requireAllDemands: 'true' }, requests), 'demandlessJobsMatchEveryTrigger'), []);
    });

    it('a parent absent from the matched agents of waiting jobs', () => {
      const requests = [
        job(1, ['gpu'], { matchedAgents: [{ id: 1, name: 'gpu-scaledjob-abcde-fghij' }], definitionName: 'nightly' }),
        job(2, ['gpu'], { matchedAgents: [{ id: 1, name: 'gpu-scaledjob-abcde-fghij' }], receiveTime: new Date(0) }),
      ];
      const own = only(findingsFor({ parent: 'gpu-template' }, requests), 'parentNotInMatchedAgents');
      assert.deepEqual(own[0].params, { parent: 'gpu-template', count: 1, jobs: ['#1 nightly'] });
    });

    it('a parent whose name differs from the matching agent only in case', () => {
      const requests = [job(1, ['gpu'], { matchedAgents: [{ id: 1, name: 'GPU-Template' }] })];
      const own = only(findingsFor({ parent: 'gpu-template' }, requests), 'parentNameCaseMismatch');
      assert.deepEqual(own[0].params, { parent: 'gpu-template', agentName: 'GPU-Template' });
    });

    it('waiting jobs without a matched-agents list for a parent trigger', () => {
      const own = only(findingsFor({ parent: 'dotnet60-keda-template' }, [J1]), 'jobsWithoutMatchedAgents');
      assert.deepEqual(own[0].params, { parent: 'dotnet60-keda-template', count: 1, jobs: [`#${J1.requestId} base - main`] });
    });

    it('unfinished jobs outside the $top window, naming at most ten', () => {
      const requests = Array.from({ length: 30 }, (_, i) => job(i + 1, []));
      const own = only(findingsFor({ jobsToFetch: '5' }, requests), 'queuedJobsBeyondTopWindow');
      assert.equal(own[0].params.count, 25);
      assert.equal(own[0].params.window, 5);
      assert.equal((own[0].params.jobs as string[]).length, 10);
    });
  });

  describe('ScaledJob strategy against the release', () => {
    const accurate: ScaledJobSpec = { scalingStrategy: { strategy: 'accurate' } };
    const badCustom: ScaledJobSpec = { scalingStrategy: { strategy: 'custom', customScalingRunningJobPercentage: 'x' } };
    const cases: [string, Record<string, string>, ScaledJobSpec, string[]][] = [
      ['2.19', {}, {}, []],
      ['2.19', {}, accurate, ['accurateStrategyCountsInFlight']],
      ['2.20.1', {}, {}, ['defaultStrategyExcludesInFlight']],
      ['2.20.1', {}, badCustom, ['defaultStrategyExcludesInFlight']],
      ['2.20.1', {}, accurate, []],
      ['2.21', {}, {}, []],
      ['2.21', {}, accurate, ['accurateStrategyCountsInFlight']],
      ['2.21', { scaleOnInFlight: 'false' }, {}, ['defaultStrategyExcludesInFlight']],
      ['2.21', { scaleOnInFlight: 'false' }, accurate, []],
      ['2.21', {}, { scalingStrategy: { strategy: 'eager' } }, []],
    ];
    for (const [at, metadata, spec, expected] of cases) {
      it(`KEDA ${at} ${JSON.stringify(metadata)} with ${spec.scalingStrategy?.strategy ?? 'default'} → ${expected.join(', ') || 'nothing'}`, () => {
        const findings = strategyQuirks(version(at), settingsOf(metadata, at), spec);
        assert.deepEqual(codes(findings), expected);
        findings.forEach(rendered);
        findings.forEach((f) => assert.equal(f.params.version, at));
      });
    }
  });
});
