/** Reading Markdown the way a renderer would, to prove untrusted values in it stay text. */
import assert from 'node:assert/strict';

/** Markdown with every code span and fenced block removed: what a renderer would parse as markup. */
export function outsideCode(markdown: string): string {
  return markdown.replace(/^( *)(`{3,})[^\n]*\n[\s\S]*?\n\1\2$/gm, '').replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
}

/** `|` not escaped by a backslash: GFM splits a table row there, even inside a code span. */
function cellSeparators(row: string): number {
  return (row.match(/(?<!\\)(\\\\)*\|/g) ?? []).length;
}

/**
 * A summary whose values cannot act as Markdown: outside code every `[`, `<` and `!` is escaped (the
 * templates hold none), so no link, image or HTML; each table row keeps its columns; the only headings
 * are the summary's own.
 */
export function assertInertMarkdown(markdown: string, columns: number): void {
  const markup = outsideCode(markdown);
  // Escaped means an odd number of backslashes before it.
  assert.doesNotMatch(markup, /(?<!\\)(\\\\)*[[<!]/, `unescaped [, < or ! outside code:\n${markup}`);
  for (const row of markdown.split('\n').filter((line) => line.startsWith('|'))) {
    assert.equal(cellSeparators(row), columns + 1, `a table row lost its columns: ${row}`);
  }
  for (const heading of markdown.split('\n').filter((line) => line.startsWith('#'))) {
    assert.match(heading, /^#{3,4} (KEDA Pool Guard: |Pool `)/, `a heading the summary did not write: ${heading}`);
  }
}
