import { strict as assert } from 'node:assert';
import { inertJson, singleLine } from '../../../core/model/plaintext';

describe('plaintext: untrusted values as inert text', () => {
  it('flattens every line break and control character to a space', () => {
    assert.equal(singleLine('a\nb\rc\r\nd\u2028e\u2029f\u0085g\u0000h'), 'a b c  d e f g h');
  });

  // The agent finds `##vso[` anywhere in a line, in any of these spellings.
  for (const prefix of ['##vso[', '##VSO[', '##[']) {
    it(`defuses ${prefix} wherever it stands`, () => {
      const value = `x ${prefix}task.setvariable variable=a]1 and \n${prefix}error]y`;
      const line = singleLine(value);
      assert.ok(!/##(vso)?\[/i.test(line), line);
      assert.equal(line, value.replace('\n', ' ').replaceAll(prefix, `${prefix.slice(0, -1)}\\[`));
    });
  }

  it('defuses a prefix that only a line break kept apart', () => {
    assert.doesNotMatch(singleLine('##\nvso[x]'), /##vso\[/);
  });

  it('writes JSON without the prefix in its text, and the same data back', () => {
    const data = { name: 'pool ##vso[task.complete result=Failed;]x', list: ['##[error]', '\\##vso['], nested: { '##vso[key': '##VSO[' } };
    const text = inertJson(data, 2);
    assert.doesNotMatch(text, /##(vso)?\[/i);
    assert.deepEqual(JSON.parse(text), data);
  });
});
