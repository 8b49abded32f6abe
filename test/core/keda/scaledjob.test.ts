import { strict as assert } from 'node:assert';
import { countQueue } from '../../../core/keda/count';
import { maxReplicaCount, minReplicaCount, scaledJobDecision, scaledObjectReplicas, triggerMetric } from '../../../core/keda/scaledjob';
import type { ScaledJobSpec, ScalingStrategySpec, TriggerMetric } from '../../../core/keda/types';
import { codes, job, rendered, scalerOf } from './fixtures';

const active = (queueLength: number, targetAverageValue = 1): TriggerMetric => ({ queueLength, isActive: true, targetAverageValue });
const inactive = (queueLength: number, targetAverageValue = 1): TriggerMetric => ({ queueLength, isActive: false, targetAverageValue });

describe('core/keda ScaledJob and ScaledObject math', () => {
  describe('MinReplicaCount() and the MaxReplicaCount() quirk', () => {
    const cases: [ScaledJobSpec, number, number][] = [
      [{}, 0, 100],
      [{ maxReplicaCount: 10 }, 0, 10],
      [{ minReplicaCount: 2, maxReplicaCount: 10 }, 2, 8],
      [{ minReplicaCount: 12, maxReplicaCount: 10 }, 10, 10],
      [{ minReplicaCount: 3 }, 3, 100],
    ];
    for (const [spec, min, max] of cases) {
      it(`${JSON.stringify(spec)} → min ${min}, max ${max}`, () => {
        assert.equal(minReplicaCount(spec), min);
        assert.equal(maxReplicaCount(spec), max);
      });
    }
  });

  describe('multipleScalersCalculation over active triggers', () => {
    const triggers = [active(4), active(2, 2), inactive(10)];
    const cases: [string | undefined, number, number, number][] = [
      // calculation, queueLength, maxValue, maxScale
      [undefined, 4, 4, 4],
      ['max', 4, 4, 4],
      ['min', 2, 1, 1],
      ['avg', 3, 2.5, 3],
      ['sum', 6, 5, 5],
      ['unknown', 4, 4, 4],
    ];
    for (const [calculation, queueLength, maxValue, maxScale] of cases) {
      it(`${calculation ?? '(default)'} → queue ${queueLength}, maxValue ${maxValue}`, () => {
        const d = scaledJobDecision({ scalingStrategy: { multipleScalersCalculation: calculation } }, triggers, { running: 0, pending: 0 });
        assert.deepEqual(
          [d.isActive, d.queueLength, d.maxValue, d.maxScale, d.scaleTo],
          [true, queueLength, maxValue, maxScale, Math.ceil(queueLength)],
        );
      });
    }

    it('is inactive when no trigger is, unless minReplicaCount > 0', () => {
      assert.equal(scaledJobDecision({}, [inactive(3)], { running: 0, pending: 0 }).isActive, false);
      assert.equal(scaledJobDecision({ minReplicaCount: 1, maxReplicaCount: 5 }, [inactive(3)], { running: 1, pending: 0 }).isActive, true);
    });

    it("keeps KEDA's comparisons: `max` ignores an active trigger at 0, `min` skips past it", () => {
      assert.equal(scaledJobDecision({}, [active(0)], { running: 0, pending: 0 }).isActive, false);
      const spec: ScaledJobSpec = { scalingStrategy: { multipleScalersCalculation: 'min' } };
      const min = scaledJobDecision(spec, [active(0), active(3)], { running: 0, pending: 0 });
      assert.equal(min.queueLength, 3);
    });

    it('caps each trigger and the result at MaxReplicaCount()', () => {
      const spec: ScaledJobSpec = { minReplicaCount: 2, maxReplicaCount: 6, scalingStrategy: { multipleScalersCalculation: 'sum' } };
      const d = scaledJobDecision(spec, [active(5), active(5)], { running: 2, pending: 0 });
      assert.deepEqual([d.maxValue, d.maxScale, d.scaleTo], [4, 4, 10]);
    });

    it('gives a Value-metric trigger no scale (its AverageValue target is 0)', () => {
      assert.equal(scaledJobDecision({}, [active(5, 0)], { running: 0, pending: 0 }).jobsToCreate, 0);
    });
  });

  describe('scaling strategies', () => {
    const custom = (deduction: number, percentage: string): ScalingStrategySpec => ({
      strategy: 'custom',
      customScalingQueueLengthDeduction: deduction,
      customScalingRunningJobPercentage: percentage,
    });
    const accurate: ScalingStrategySpec = { strategy: 'accurate' };
    const eager: ScalingStrategySpec = { strategy: 'eager' };
    // name, strategy (maxReplicaCount 10, one trigger with target 1), queue, running, pending → effectiveMaxScale, jobs created
    const cases: [string, ScalingStrategySpec, number, number, number, number, number][] = [
      ['default: maxScale − running', {}, 5, 2, 0, 3, 3],
      ['default: 4 busy + 4 queued, in-flight excluded (#7878)', {}, 4, 4, 0, 0, 0],
      ['default: never negative', {}, 1, 4, 0, 0, 0],
      ['custom: maxScale − deduction − int(running × percentage)', custom(1, '0.5'), 6, 5, 0, 3, 3],
      ['custom: capped at MaxReplicaCount()', custom(-20, '0'), 10, 0, 0, 10, 10],
      ['accurate: 4 busy + 4 queued, in-flight excluded', accurate, 4, 4, 0, 4, 4],
      ['accurate: maxScale − pending', accurate, 3, 2, 1, 2, 2],
      ['accurate: over the limit, M − running', accurate, 10, 5, 0, 5, 5],
      ['accurate: pending Jobs count against the limit (#7329)', accurate, 8, 4, 3, 5, 5],
      ['eager: min(M − running − pending, maxScale)', eager, 5, 3, 0, 5, 5],
      ['eager: limited by free slots', eager, 9, 3, 2, 5, 5],
      ['unknown strategy → default', { strategy: 'fast' }, 5, 2, 0, 3, 3],
    ];
    for (const [name, scalingStrategy, queue, running, pending, effective, create] of cases) {
      it(name, () => {
        const d = scaledJobDecision({ maxReplicaCount: 10, scalingStrategy }, [active(queue)], { running, pending });
        assert.deepEqual([d.effectiveMaxScale, d.jobsToCreate], [effective, create]);
      });
    }

    it('eager asks for MaxReplicaCount() Jobs and lets the limit decide', () => {
      const d = scaledJobDecision({ maxReplicaCount: 10, scalingStrategy: { strategy: 'eager' } }, [active(2)], { running: 0, pending: 0 });
      assert.deepEqual([d.scaleTo, d.effectiveMaxScale, d.jobsToCreate], [10, 2, 2]);
    });

    it('falls back to default when the custom percentage is unreadable', () => {
      const d = scaledJobDecision({ maxReplicaCount: 10, scalingStrategy: custom(0, 'half') }, [active(5)], { running: 2, pending: 0 });
      assert.deepEqual([d.strategy, d.jobsToCreate], ['default', 3]);
      assert.deepEqual(codes(d.findings), ['customPercentageUnparseable']);
      d.findings.forEach(rendered);
    });

    it('creates nothing when the custom deduction is missing (KEDA fails on it)', () => {
      const spec: ScaledJobSpec = { scalingStrategy: { strategy: 'custom', customScalingRunningJobPercentage: '1' } };
      const d = scaledJobDecision(spec, [active(5)], { running: 0, pending: 0 });
      assert.equal(d.jobsToCreate, 0);
      assert.deepEqual(codes(d.findings), ['customDeductionMissing']);
    });
  });

  describe('minReplicaCount', () => {
    const spec: ScaledJobSpec = { minReplicaCount: 2, maxReplicaCount: 10 };

    it('tops up to the minimum first, whatever the queue', () => {
      const d = scaledJobDecision(spec, [inactive(0)], { running: 0, pending: 0 });
      assert.deepEqual([d.isActive, d.scaleTo, d.effectiveMaxScale, d.jobsToCreate], [true, 2, 2, 2]);
    });

    it('then subtracts only the running Jobs above the minimum', () => {
      const d = scaledJobDecision(spec, [active(3)], { running: 2, pending: 0 });
      assert.deepEqual([d.maxReplicaCount, d.maxScale, d.jobsToCreate], [8, 3, 3]);
    });
  });

  it('builds a trigger metric from a counted queue', () => {
    const view = countQueue(scalerOf({ targetPipelinesQueueLength: '2' }), [job(1, []), job(2, []), job(3, [])]);
    assert.deepEqual(triggerMetric(view), { queueLength: 3, isActive: true, targetAverageValue: 2 });
    assert.equal(triggerMetric(view, 'Value').targetAverageValue, 0);
    assert.equal(scaledJobDecision({}, [triggerMetric(view)], { running: 0, pending: 0 }).jobsToCreate, 2);
  });

  describe('ScaledObject replicas', () => {
    const cases: [Parameters<typeof scaledObjectReplicas>[0], Parameters<typeof scaledObjectReplicas>[1], number | undefined][] = [
      [{ queueLength: 5, isActive: true, targetQueueLength: 2 }, {}, 3],
      [{ queueLength: 5, isActive: false, targetQueueLength: 2 }, {}, 0],
      [{ queueLength: 0, isActive: false, targetQueueLength: 1 }, { minReplicaCount: 1 }, 1],
      [{ queueLength: 0, isActive: true, targetQueueLength: 1 }, {}, 1],
      [{ queueLength: 1, isActive: true, targetQueueLength: 1 }, { minReplicaCount: 3 }, 3],
      [{ queueLength: 500, isActive: true, targetQueueLength: 1 }, {}, 100],
      [{ queueLength: 500, isActive: true, targetQueueLength: 1 }, { maxReplicaCount: 20 }, 20],
      [{ queueLength: 5, isActive: true, targetQueueLength: 0 }, {}, undefined],
    ];
    for (const [metric, spec, replicas] of cases) {
      it(`${JSON.stringify(metric)} ${JSON.stringify(spec)} → ${replicas}`, () => {
        assert.equal(scaledObjectReplicas(metric, spec), replicas);
      });
    }
  });
});
