import { strict as assert } from 'node:assert';
import { codeBlock, escapeMarkdown, inlineCode } from '../../../core/model/markdown';
import { randomSource, randomString } from '../../support/random';

const HOSTILE = [
  '[click](javascript:alert(1))',
  '![x](https://evil.example/pixel.png)',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  'https://evil.example/login',
  'www.evil.example',
  'admin@evil.example',
  '**bold** _it_ ~~gone~~',
  '| a | b |\n|---|---|',
  'line\n# Heading\n- item\n> quote',
  '`code` and ``double``',
  '```',
  '`',
  ' `starts and ends with a backtick` ',
  '    indented code',
  '&lt;b&gt; &#60;',
  '\\[escaped?\\]',
  'CR\rLS\u2028PS\u2029NEL\u0085',
  '[x]: https://evil.example "ref"',
  '',
];

/** Reads an inline code span back the way CommonMark does, to prove the value survives intact. */
function readCodeSpan(markdown: string): string {
  const fence = /^`+/.exec(markdown)?.[0] ?? '';
  assert.ok(fence.length > 0 && markdown.endsWith(fence), `not a code span: ${markdown}`);
  let content = markdown.slice(fence.length, markdown.length - fence.length);
  assert.ok(!new RegExp(`(^|[^\`])${fence}([^\`]|$)`).test(content), `the fence closes early in ${markdown}`);
  if (content.length >= 2 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') {
    content = content.slice(1, -1);
  }
  return content;
}

describe('markdown: untrusted values', () => {
  for (const value of HOSTILE) {
    it(`escapes ${JSON.stringify(value)} as literal text`, () => {
      const escaped = escapeMarkdown(value);
      assert.ok(!/[\n\r\u2028\u2029\u0085]/.test(escaped), 'stays on one line');
      // Every ASCII punctuation character is escaped, except the entities the escaper writes itself.
      const unescaped = escaped.replace(/^(&#32;)+/, '').replace(/\\[!-/:-@[-`{-~]/g, '');
      assert.ok(!/[!-/:-@[-`{-~]/.test(unescaped), `unescaped punctuation left in ${escaped}`);
      assert.ok(!/^ /.test(escaped), 'no leading space to start an indented code block');
    });

    it(`keeps ${JSON.stringify(value)} intact in a code span`, () => {
      const span = inlineCode(value);
      assert.ok(!span.includes('\n'));
      assert.equal(readCodeSpan(span), value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ') || ' ');
    });
  }

  it('survives any backtick mix in a code span', () => {
    const random = randomSource(99);
    for (let i = 0; i < 5_000; i++) {
      const value = randomString(random, ['`', '``', ' ', 'a', '|', '\\'], 10);
      assert.equal(readCodeSpan(inlineCode(value)), value || ' ', JSON.stringify(value));
    }
  });

  it('escapes links, images and HTML into text', () => {
    assert.equal(escapeMarkdown('[a](b)'), '\\[a\\]\\(b\\)');
    assert.equal(escapeMarkdown('<img src=x>'), '\\<img src\\=x\\>');
    assert.equal(escapeMarkdown('  x'), '&#32;&#32;x');
  });

  it('fences a code block longer than any backtick run inside it', () => {
    assert.equal(codeBlock('echo hi', 'sh'), '```sh\necho hi\n```');
    const block = codeBlock('a\n````\nb', 'yaml');
    assert.ok(block.startsWith('`````yaml\n') && block.endsWith('\n`````'));
    assert.equal(codeBlock('x\u2028y\nz'), '```\nx y\nz\n```');
  });
});
