import { strict as assert } from 'node:assert';
import { analyseCoverage } from '../../../core/keda/coverage';
import { codes, job, rendered, scalerOf } from './fixtures';

describe('core/keda coverage across triggers', () => {
  const gpu = job(1, ['gpu'], { definitionName: 'train' });
  const java = job(2, ['java']);
  const bare = job(3, [], { definitionName: 'lint' });
  const docker = job(4, ['docker'], { definitionName: 'image' });
  const dockerDone = job(5, ['docker'], { result: 'succeeded' });
  const dockerRunning = job(6, ['docker'], { assignTime: new Date(0), receiveTime: new Date(0) });
  const requests = [gpu, java, bare, docker, dockerDone, dockerRunning];

  const report = analyseCoverage(requests, [
    { name: 'gpu-agents', scaler: scalerOf({ demands: 'gpu' }, '2.21') },
    { name: 'java-agents', scaler: scalerOf({ demands: 'java' }, '2.21', 1) },
  ]);

  it('lists waiting jobs no trigger counts, with every trigger’s reason', () => {
    assert.deepEqual(
      report.uncounted.map((u) => [u.request.requestId, u.reasons.map((r) => [r.trigger, r.reason.code])]),
      [
        [
          4,
          [
            ['gpu-agents', 'demandMismatch'],
            ['java-agents', 'demandMismatch'],
          ],
        ],
      ],
    );
  });

  it('lists jobs several triggers count, with the triggers', () => {
    assert.deepEqual(
      report.countedByMany.map((c) => [c.request.requestId, c.triggers]),
      [[3, ['gpu-agents', 'java-agents']]],
    );
  });

  it('reports both as findings, with names', () => {
    assert.deepEqual(codes(report.findings), ['jobsNoTriggerCounts', 'jobsCountedByManyTriggers']);
    assert.deepEqual(report.findings[0].params, { count: 1, jobs: ['#4 image'], triggers: ['gpu-agents', 'java-agents'] });
    assert.deepEqual(report.findings[1].params, { count: 1, jobs: ['#3 lint (gpu-agents + java-agents)'] });
    report.findings.forEach(rendered);
  });

  it('keeps each trigger’s own view and findings', () => {
    assert.deepEqual(
      report.views.map(({ name, view }) => [name, view.queueLength, view.metricName, codes(view.findings)]),
      [
        ['gpu-agents', 2, 's0-azure-pipelines-1', ['demandlessJobsMatchEveryTrigger']],
        ['java-agents', 2, 's1-azure-pipelines-1', ['demandlessJobsMatchEveryTrigger']],
      ],
    );
  });

  it('counts an in-flight job as double scaling when two triggers count it', () => {
    const inFlight = job(7, ['gpu'], { receiveTime: new Date(0) });
    const twice = analyseCoverage(
      [inFlight],
      [
        { name: 'a', scaler: scalerOf({ demands: 'gpu' }, '2.21') },
        { name: 'b', scaler: scalerOf({ demands: 'gpu,cuda' }, '2.21') },
      ],
    );
    assert.deepEqual(
      twice.countedByMany.map((c) => c.triggers),
      [['a', 'b']],
    );
    assert.deepEqual(twice.uncounted, []);
  });

  it('reports nothing when each waiting job has exactly one trigger', () => {
    const clean = analyseCoverage(
      [gpu, java],
      [
        { name: 'gpu-agents', scaler: scalerOf({ demands: 'gpu', requireAllDemands: 'true' }) },
        { name: 'java-agents', scaler: scalerOf({ demands: 'java', requireAllDemands: 'true' }) },
      ],
    );
    assert.deepEqual(clean.findings, []);
  });
});
