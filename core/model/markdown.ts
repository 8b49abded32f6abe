import { singleLine } from './plaintext';

// Every ASCII punctuation character may be backslash-escaped in CommonMark. Escaping all of them,
// rather than a hand-picked set, also defeats GFM's extended autolinks (`https://…`, `www.…`,
// `user@host`), entity references and any syntax an extension might add.
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** Untrusted text as literal Markdown text: no links, images, HTML, emphasis, tables or new blocks. */
export function escapeMarkdown(value: string): string {
  return (
    singleLine(value)
      .replace(ASCII_PUNCTUATION, '\\$&')
      // Leading spaces could turn the line into an indented code block; an entity keeps them literal.
      .replace(/^ +/, (spaces) => '&#32;'.repeat(spaces.length))
  );
}

function longestBacktickRun(value: string): number {
  let longest = 0;
  for (const run of value.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * Untrusted text as an inline code span that survives backticks in the value: the fence is one
 * backtick longer than the longest run inside, and a space pads content that starts or ends with a
 * backtick or a space (CommonMark strips one padding space on each side, unless the content is all
 * spaces). An empty value, which no code span can hold, shows as one space.
 * In a GFM table cell a `|` still splits the cell; escape pipes there separately.
 */
export function inlineCode(value: string): string {
  const content = singleLine(value);
  if (content === '') return '` `';
  const fence = '`'.repeat(longestBacktickRun(content) + 1);
  const pad = content.trim() !== '' && /^[ `]|[ `]$/.test(content) ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** A fenced code block whose fence no line of the content can close. */
export function codeBlock(content: string, language = ''): string {
  const lines = content.split('\n').map(singleLine);
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(content) + 1));
  return [`${fence}${language}`, ...lines, fence].join('\n');
}
