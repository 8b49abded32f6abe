import { strict as assert } from 'node:assert';
import { countQueue } from '../../../core/keda/count';
import { maxReplicaCount, minReplicaCount, scaledJobDecision, scaledObjectReplicas, triggerMetric } from '../../../core/keda/scaledjob';
import type { ScaledJobSpec, ScalingStrategySpec, TriggerMetric } from '../../../core/keda/types';
import { codes, job, rendered, scalerOf, version } from './fixtures';

const NEWEST = version('2.20.2');

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
        assert.equal(minReplicaCount(spec, NEWEST), min);
        assert.equal(maxReplicaCount(spec, NEWEST), max);
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
    ];
    for (const [calculation, queueLength, maxValue, maxScale] of cases) {
      it(`${calculation ?? '(default)'} → queue ${queueLength}, maxValue ${maxValue}`, () => {
        const d = scaledJobDecision(
          { scalingStrategy: { multipleScalersCalculation: calculation } },
          triggers,
          { running: 0, pending: 0 },
          NEWEST,
        );
        assert.deepEqual(
          [d.isActive, d.queueLength, d.maxValue, d.maxScale, d.scaleTo],
          [true, queueLength, maxValue, maxScale, Math.ceil(queueLength)],
        );
      });
    }

    it('is inactive when no trigger is, unless minReplicaCount > 0', () => {
      assert.equal(scaledJobDecision({}, [inactive(3)], { running: 0, pending: 0 }, NEWEST).isActive, false);
      assert.equal(
        scaledJobDecision({ minReplicaCount: 1, maxReplicaCount: 5 }, [inactive(3)], { running: 1, pending: 0 }, NEWEST).isActive,
        true,
      );
    });

    it("keeps KEDA's comparisons: `max` ignores an active trigger at 0, `min` skips past it", () => {
      assert.equal(scaledJobDecision({}, [active(0)], { running: 0, pending: 0 }, NEWEST).isActive, false);
      const spec: ScaledJobSpec = { scalingStrategy: { multipleScalersCalculation: 'min' } };
      const min = scaledJobDecision(spec, [active(0), active(3)], { running: 0, pending: 0 }, NEWEST);
      assert.equal(min.queueLength, 3);
    });

    it('caps each trigger and the result at MaxReplicaCount()', () => {
      const spec: ScaledJobSpec = { minReplicaCount: 2, maxReplicaCount: 6, scalingStrategy: { multipleScalersCalculation: 'sum' } };
      const d = scaledJobDecision(spec, [active(5), active(5)], { running: 2, pending: 0 }, NEWEST);
      assert.deepEqual([d.maxValue, d.maxScale, d.scaleTo], [4, 4, 10]);
    });

    it('gives a Value-metric trigger no scale (its AverageValue target is 0)', () => {
      assert.equal(scaledJobDecision({}, [active(5, 0)], { running: 0, pending: 0 }, NEWEST).jobsToCreate, 0);
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
    ];
    for (const [name, scalingStrategy, queue, running, pending, effective, create] of cases) {
      it(name, () => {
        const d = scaledJobDecision({ maxReplicaCount: 10, scalingStrategy }, [active(queue)], { running, pending }, NEWEST);
        assert.deepEqual([d.effectiveMaxScale, d.jobsToCreate], [effective, create]);
      });
    }

    it('eager asks for MaxReplicaCount() Jobs and lets the limit decide', () => {
      const d = scaledJobDecision(
        { maxReplicaCount: 10, scalingStrategy: { strategy: 'eager' } },
        [active(2)],
        { running: 0, pending: 0 },
        NEWEST,
      );
      assert.deepEqual([d.scaleTo, d.effectiveMaxScale, d.jobsToCreate], [10, 2, 2]);
    });

    it('falls back to default when the custom percentage is unreadable', () => {
      const d = scaledJobDecision(
        { maxReplicaCount: 10, scalingStrategy: custom(0, 'half') },
        [active(5)],
        { running: 2, pending: 0 },
        NEWEST,
      );
      assert.deepEqual([d.strategy, d.jobsToCreate], ['default', 3]);
      assert.deepEqual(codes(d.findings), ['customPercentageUnparseable']);
      d.findings.forEach(rendered);
    });
  });

  describe('minReplicaCount', () => {
    const spec: ScaledJobSpec = { minReplicaCount: 2, maxReplicaCount: 10 };

    it('tops up to the minimum first, whatever the queue', () => {
      const d = scaledJobDecision(spec, [inactive(0)], { running: 0, pending: 0 }, NEWEST);
      assert.deepEqual([d.isActive, d.scaleTo, d.effectiveMaxScale, d.jobsToCreate], [true, 2, 2, 2]);
    });

    it('then subtracts only the running Jobs above the minimum', () => {
      const d = scaledJobDecision(spec, [active(3)], { running: 2, pending: 0 }, NEWEST);
      assert.deepEqual([d.maxReplicaCount, d.maxScale, d.jobsToCreate], [8, 3, 3]);
    });
  });

  it('builds a trigger metric from a counted queue', () => {
    const view = countQueue(scalerOf({ targetPipelinesQueueLength: '2' }), [job(1, []), job(2, []), job(3, [])]);
    assert.deepEqual(triggerMetric(view), { queueLength: 3, isActive: true, targetAverageValue: 2 });
    assert.equal(triggerMetric(view, 'Value').targetAverageValue, 0);
    assert.equal(scaledJobDecision({}, [triggerMetric(view)], { running: 0, pending: 0 }, NEWEST).jobsToCreate, 2);
  });

  describe('ScaledObject replicas', () => {
    const cases: [Parameters<typeof scaledObjectReplicas>[0], Parameters<typeof scaledObjectReplicas>[1], number | undefined][] = [
      [{ queueLength: 5, isActive: true, targetQueueLength: 2 }, {}, 3],
      [{ queueLength: 5, isActive: false, targetQueueLength: 2 }, {}, 0],
      [{ queueLength: 0, isActive: false, targetQueueLength: 1 }, { minReplicaCount: 1 }, 1],
      // Inactive (below the activation target) but held at minReplicaCount ≥ 1: the HPA still follows the metric.
      [{ queueLength: 5, isActive: false, targetQueueLength: 2 }, { minReplicaCount: 1 }, 3],
      [{ queueLength: 0, isActive: true, targetQueueLength: 1 }, {}, 1],
      [{ queueLength: 1, isActive: true, targetQueueLength: 1 }, { minReplicaCount: 3 }, 3],
      [{ queueLength: 500, isActive: true, targetQueueLength: 1 }, {}, 100],
      [{ queueLength: 500, isActive: true, targetQueueLength: 1 }, { maxReplicaCount: 20 }, 20],
      [{ queueLength: 5, isActive: true, targetQueueLength: 0 }, {}, undefined],
    ];
    for (const [metric, spec, replicas] of cases) {
      it(`${JSON.stringify(metric)} ${JSON.stringify(spec)} → ${replicas}`, () => {
        assert.equal(scaledObjectReplicas(metric, spec)?.replicas, replicas);
      });
    }

    it('names the rule: active, held at the floor, or scaled to zero', () => {
      const rule = (isActive: boolean, minReplicaCount: number) =>
        scaledObjectReplicas({ queueLength: 5, isActive, targetQueueLength: 2 }, { minReplicaCount })?.rule;
      assert.deepEqual([rule(true, 0), rule(false, 1), rule(false, 0)], ['active', 'floor', 'zero']);
    });
  });

  describe('the issue’s example: 5 queued jobs, target 2, maximum 10, 1 running Job', () => {
    const triggers = [active(5, 2)];
    it('default: ceil(min(5 ÷ 2, 10)) − 1 = 2 Jobs', () => {
      const d = scaledJobDecision({ maxReplicaCount: 10 }, triggers, { running: 1, pending: 0 }, NEWEST);
      assert.deepEqual([d.maxValue, d.maxScale, d.scaleTo, d.effectiveMaxScale, d.jobsToCreate], [2.5, 3, 5, 2, 2]);
      assert.deepEqual(d.limit, { rule: 'default', maxScale: 3, running: 1, value: 2 });
    });
    it('accurate with 1 pending Job: 3 − 1 = 2 Jobs', () => {
      const spec: ScaledJobSpec = { maxReplicaCount: 10, scalingStrategy: { strategy: 'accurate' } };
      const d = scaledJobDecision(spec, triggers, { running: 1, pending: 1 }, NEWEST);
      assert.equal(d.jobsToCreate, 2);
      assert.deepEqual(d.limit, {
        rule: 'accurate',
        maxScale: 3,
        running: 1,
        pendingInCap: true,
        pending: 1,
        max: 10,
        capped: false,
        value: 2,
      });
    });
  });

  describe('by KEDA release', () => {
    const decide = (at: string, spec: ScaledJobSpec, queue: number, jobs = { running: 0, pending: 0 }) =>
      scaledJobDecision(spec, [active(queue)], jobs, version(at));

    it('custom without a deduction: a panic up to 2.20.1, a deduction of 0 from 2.20.2 (kedacore/keda#7871)', () => {
      const spec: ScaledJobSpec = {
        maxReplicaCount: 10,
        scalingStrategy: { strategy: 'custom', customScalingRunningJobPercentage: '0.5' },
      };
      const before = decide('2.20.1', spec, 5, { running: 2, pending: 0 });
      assert.deepEqual([before.jobsToCreate, before.limit.rule, codes(before.findings)], [0, 'stopped', ['customDeductionMissing']]);
      before.findings.forEach(rendered);
      const after = decide('2.20.2', spec, 5, { running: 2, pending: 0 });
      assert.deepEqual([after.jobsToCreate, after.findings.length], [4, 0]);
      assert.deepEqual(after.limit, { rule: 'custom', maxScale: 5, deduction: 0, running: 2, percentage: 0.5, max: 10, value: 4 });
    });

    it('accurate: pending Jobs join the cap test only from 2.19.0 (kedacore/keda#7417)', () => {
      const spec: ScaledJobSpec = { maxReplicaCount: 10, scalingStrategy: { strategy: 'accurate' } };
      const jobs = { running: 4, pending: 3 };
      // maxScale 8: 8 + 4 > 10 caps at 10 − 4 = 6 before; 8 + 4 − 3 ≤ 10 gives 8 − 3 = 5 after.
      assert.deepEqual([decide('2.18.3', spec, 8, jobs).jobsToCreate, decide('2.19.0', spec, 8, jobs).jobsToCreate], [6, 5]);
      assert.equal((decide('2.18.3', spec, 8, jobs).limit as { pendingInCap: boolean }).pendingInCap, false);
    });

    it('eager exists from 2.15.0; before, KEDA uses default', () => {
      const spec: ScaledJobSpec = { maxReplicaCount: 10, scalingStrategy: { strategy: 'eager' } };
      const old = decide('2.14.1', spec, 2, { running: 1, pending: 0 });
      assert.deepEqual([old.strategy, old.scaleTo, old.jobsToCreate, codes(old.findings)], ['default', 2, 1, ['eagerNotInVersion']]);
      old.findings.forEach(rendered);
      const eager = decide('2.15.0', spec, 2, { running: 1, pending: 0 });
      assert.deepEqual([eager.strategy, eager.scaleTo, eager.jobsToCreate], ['eager', 10, 2]);
    });

    it('from 2.20.0 the CRD refuses unknown strategies, and `default` itself until 2.20.2 (#7533, #7855)', () => {
      const named = (strategy: string) => ({ maxReplicaCount: 10, scalingStrategy: { strategy } });
      assert.deepEqual([decide('2.19.0', named('fast'), 5).jobsToCreate, decide('2.19.0', named('fast'), 5).strategy], [5, 'default']);
      const refused = decide('2.20.0', named('fast'), 5);
      assert.deepEqual([refused.jobsToCreate, refused.limit.rule, codes(refused.findings)], [0, 'stopped', ['strategyRefusedByCrd']]);
      refused.findings.forEach(rendered);
      assert.deepEqual(codes(decide('2.20.1', named('default'), 5).findings), ['strategyRefusedByCrd']);
      assert.deepEqual([decide('2.20.2', named('default'), 5).jobsToCreate, decide('2.20.2', named('default'), 5).findings.length], [5, 0]);
      const calculation = decide('2.20.2', { scalingStrategy: { multipleScalersCalculation: 'median' } }, 5);
      assert.deepEqual([calculation.jobsToCreate, codes(calculation.findings)], [0, ['calculationRefusedByCrd']]);
      assert.equal(decide('2.19.0', { scalingStrategy: { multipleScalersCalculation: 'median' } }, 5).jobsToCreate, 5);
    });

    it('before 2.11.0 a minimum without a maximum panics, and one above it leaves no room (kedacore/keda#4567)', () => {
      const panics = decide('2.10.1', { minReplicaCount: 2 }, 5);
      assert.deepEqual([panics.jobsToCreate, codes(panics.findings)], [0, ['minWithoutMaxPanics']]);
      panics.findings.forEach(rendered);
      assert.equal(decide('2.11.0', { minReplicaCount: 2 }, 5, { running: 2, pending: 0 }).jobsToCreate, 5);
      assert.deepEqual(
        [
          minReplicaCount({ minReplicaCount: 12, maxReplicaCount: 10 }, version('2.10.1')),
          maxReplicaCount({ minReplicaCount: 12, maxReplicaCount: 10 }, version('2.10.1')),
        ],
        [10, 0],
      );
      assert.equal(maxReplicaCount({ minReplicaCount: 12, maxReplicaCount: 10 }, version('2.11.0')), 10);
    });
  });
});
