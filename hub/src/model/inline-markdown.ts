/**
 * The hub shows core's messages with their code spans as `<code>`. It renders them in core's Markdown form
 * (`formatMessage(..., 'markdown')`), where every untrusted value is either backslash-escaped or fenced in
 * an inline code span long enough to hold any backticks it contains, and reads back only those two
 * constructs. Everything else stays literal text, and React puts the segments in the page as text nodes,
 * so no value can become markup, a link or an image.
 */
export interface Segment {
  code: boolean;
  text: string;
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

export function parseInlineMarkdown(markdown: string): Segment[] {
  const segments: Segment[] = [];
  let text = '';
  const flushText = () => {
    if (text !== '') segments.push({ code: false, text });
    text = '';
  };
  let index = 0;
  while (index < markdown.length) {
    const char = markdown[index];
    if (char === '\\' && ASCII_PUNCTUATION.test(markdown[index + 1] ?? '')) {
      text += markdown[index + 1];
      index += 2;
    } else if (char === '`') {
      const fence = runOfBackticks(markdown, index);
      const close = closingFence(markdown, index + fence, fence);
      if (close < 0) {
        // An unmatched fence is literal backticks, as in CommonMark.
        text += '`'.repeat(fence);
        index += fence;
        continue;
      }
      flushText();
      segments.push({ code: true, text: codeContent(markdown.slice(index + fence, close)) });
      index = close + fence;
    } else if (markdown.startsWith('&#32;', index)) {
      // core writes leading spaces of a value as this entity, so they are not read as indentation.
      text += ' ';
      index += 5;
    } else {
      text += char;
      index += 1;
    }
  }
  flushText();
  return segments;
}

function runOfBackticks(text: string, from: number): number {
  let end = from;
  while (text[end] === '`') end++;
  return end - from;
}

/** The start of the next run of exactly `length` backticks, or -1. */
function closingFence(text: string, from: number, length: number): number {
  let index = from;
  while (index < text.length) {
    if (text[index] !== '`') {
      index++;
      continue;
    }
    const run = runOfBackticks(text, index);
    if (run === length) return index;
    index += run;
  }
  return -1;
}

/** CommonMark strips one space on each side when both are there and the content is not all spaces. */
function codeContent(content: string): string {
  return content.length >= 2 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '' ? content.slice(1, -1) : content;
}
