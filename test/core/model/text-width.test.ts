import { strict as assert } from 'node:assert';
import { renderTable } from '../../../cli/table';
import { displayWidth } from '../../../core/model/text-width';

describe('core/model display width', () => {
  const cases: [string, number][] = [
    ['keda-ready', 10],
    ['ビルド-プール', 13],
    ['构建池', 6],
    ['한국어', 6],
    ['🚀-pool', 7],
    ['👩‍💻', 2],
    ['🇫🇷', 2],
    ['e\u0301', 1],
    ['©', 1],
    ['©\uFE0F', 2],
    ['ｆｕｌｌ', 8],
  ];
  for (const [text, width] of cases) {
    it(`${JSON.stringify(text)} takes ${width} columns`, () => assert.equal(displayWidth(text), width));
  }

  it('lines up a table of CJK and emoji names as a terminal shows it', () => {
    const table = renderTable(
      ['Pool', 'Verdict'],
      [
        ['ビルド-プール', 'ready'],
        ['🚀-pool', 'blocked'],
        ['linux', 'at risk'],
      ],
    );
    const columns = table.split('\n').map((line) => {
      const verdict = /(ready|blocked|at risk|Verdict)$/.exec(line)!;
      return displayWidth(line.slice(0, verdict.index));
    });
    assert.deepEqual(columns, [15, 15, 15, 15]);
  });
});
