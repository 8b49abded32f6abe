import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { jobsToCreate, queueLength, type AzurePipelinesTrigger, type JobRequestAsKedaSeesIt } from '../../sandbox/keda-trigger';
import { SAMPLES_DIRECTORY } from '../../sandbox/scenarios/samples';

const read = (file: string) => JSON.parse(readFileSync(path.join(SAMPLES_DIRECTORY, file), 'utf8'));

// KEDA's own fixtures (keda-scaler.md §11.1): J1 + J2 queued, a finished job, an assigned-and-received one.
const [j1, j2] = read('jobrequests-list-pending-keda.json').value as JobRequestAsKedaSeesIt[];
const deadJob = read('jobrequest-finished-keda.json') as JobRequestAsKedaSeesIt;
const assignedNotFinished = read('jobrequest-assigned-keda.json') as JobRequestAsKedaSeesIt;
const load = [j1, j2, ...Array.from({ length: 999 }, () => deadJob)];
const onlyVersion: JobRequestAsKedaSeesIt = { demands: ['Agent.Version -gtVersion 2.182.1'] };

const trigger = (extra: Partial<AzurePipelinesTrigger>): AzurePipelinesTrigger => ({ poolName: 'pool', ...extra });

describe('sandbox KEDA trigger: queue length (KEDA 2.20 regression table)', () => {
  const cases: Array<[string, JobRequestAsKedaSeesIt[], Partial<AzurePipelinesTrigger>, number]> = [
    ['parent matches J2 only', load, { parent: 'dotnet60-keda-template' }, 1],
    ['demands dotnet60,java,cmake match J2', load, { demands: 'dotnet60,java,cmake' }, 1],
    ['unrelated demands with requireAllDemands', load, { demands: 'testDemand,iamnotademand', requireAllDemands: true }, 0],
    ['exact demand set with requireAllDemands', load, { demands: 'dotnet60,java,cmake', requireAllDemands: true }, 1],
    ['partial trigger demands with requireAllDemands', load, { demands: 'kubectl,someOtherDemand', requireAllDemands: true }, 0],
    ['case-sensitive comparison', load, { demands: 'KUBECTL', requireAllDemands: true }, 0],
    ['received job not counted', [assignedNotFinished], {}, 0],
    ['queued counted, received not', [onlyVersion, assignedNotFinished], {}, 1],
    ['no filter counts every waiting job', load, {}, 2],
    ['a job without demands matches every demand trigger', [onlyVersion], { demands: 'kubectl' }, 1],
    ['split items are not trimmed', [j1], { demands: 'maven, kubectl' }, 0],
    ['parent needs matchedAgents', [j1], { parent: 'dotnet60-keda-template' }, 0],
  ];
  for (const [name, jobs, extra, expected] of cases) {
    it(name, () => assert.equal(queueLength(jobs, trigger(extra)), expected));
  }
});

describe('sandbox KEDA trigger: ScaledJob arithmetic (accurate strategy)', () => {
  const base = { targetPipelinesQueueLength: 1, maxReplicaCount: 10, running: 0, pending: 0 };

  it('creates one Job per waiting job, up to the maximum', () => {
    assert.equal(jobsToCreate({ ...base, queueLength: 3 }), 3);
    assert.equal(jobsToCreate({ ...base, queueLength: 30 }), 10);
    assert.equal(jobsToCreate({ ...base, queueLength: 0 }), 0);
  });

  it('does not count pods busy with received jobs against new work, only idle ones', () => {
    assert.equal(jobsToCreate({ ...base, queueLength: 4, running: 4, pending: 0 }), 4);
    assert.equal(jobsToCreate({ ...base, queueLength: 4, running: 4, pending: 3 }), 1);
  });

  it('never exceeds the maximum with what already runs', () => {
    assert.equal(jobsToCreate({ ...base, queueLength: 5, running: 8, pending: 0 }), 2);
    assert.equal(jobsToCreate({ ...base, queueLength: 5, running: 10, pending: 0 }), 0);
  });

  it('divides by targetPipelinesQueueLength', () => {
    assert.equal(jobsToCreate({ ...base, queueLength: 5, targetPipelinesQueueLength: 2 }), 3);
  });
});
