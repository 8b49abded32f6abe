import { strict as assert } from 'node:assert';
import { sparkline } from '../../../core/model/sparkline';

describe('sparkline: a row of bars in the terminal', () => {
  for (const [values, shown] of [
    [[], ''],
    [[0, 0, undefined], '▁▁▁'],
    [[0, 1, 7], '▁▂█'],
    [[7, 6, 5, 4, 3, 2, 1, 0], '█▇▆▅▄▃▂▁'],
    [[1000, 1], '█▂'],
    [[5, 5], '██'],
  ] as const) {
    it(`${JSON.stringify(values)} reads ${shown || '(nothing)'}`, () => assert.equal(sparkline(values), shown));
  }
});
