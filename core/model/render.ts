import { ENGLISH, type MessageKey } from '../messages';
import type { ClassificationReason } from './classify';
import type { Finding, Line, ParamValue, Params } from './findings';
import { codeBlock, escapeMarkdown, inlineCode } from './markdown';
import { singleLine } from './plaintext';

export type RenderFormat = 'text' | 'markdown';
/** A language's templates by key, over any catalog's English ones: core's and the face's alike. */
export type Translation = Readonly<Partial<Record<string, string>>>;

interface Style {
  text(value: string): string;
  code(value: string): string;
}

const STYLES: Record<RenderFormat, Style> = {
  text: { text: singleLine, code: (value) => `\`${singleLine(value)}\`` },
  markdown: { text: escapeMarkdown, code: inlineCode },
};

const PLACEHOLDER = /\{(\w+)(?::(\w+))?\}/g;
const LIST_LIMIT = 10;

/** Fills one of core's templates; parameters are made safe for the format, the template itself is trusted. */
export function formatMessage(key: MessageKey, params: Params, format: RenderFormat, translation: Translation = {}): string {
  return formatTemplate(translation[key] ?? ENGLISH[key], params, format, translation);
}

/**
 * The formatter of a face (the task, the command line, the hub) whose own texts sit beside core's: its keys
 * and core's, in the same template syntax, translated by the same overlay.
 */
export function faceFormatter<K extends string>(own: Readonly<Record<K, string>>) {
  return (key: K | MessageKey, params: Params, format: RenderFormat, translation: Translation = {}): string =>
    formatTemplate(translation[key] ?? (Object.hasOwn(own, key) ? own[key as K] : ENGLISH[key as MessageKey]), params, format, translation);
}

function formatTemplate(template: string, params: Params, format: RenderFormat, translation: Translation): string {
  return template.replace(PLACEHOLDER, (placeholder, name: string, kind: string | undefined) => {
    const value: ParamValue | undefined = params[name];
    if (value === undefined) return placeholder;
    if (kind === 'duration') return formatDuration(Number(value), translation);
    return renderValue(value, kind === 'code' ? STYLES[format].code : STYLES[format].text, format, translation);
  });
}

function renderValue(value: ParamValue, style: (value: string) => string, format: RenderFormat, translation: Translation): string {
  if (typeof value !== 'object') return style(String(value));
  const shown = value.slice(0, LIST_LIMIT).map(style).join(', ');
  if (value.length <= LIST_LIMIT) return shown;
  return shown + formatMessage('list.more', { count: value.length - LIST_LIMIT }, format, translation);
}

/** In words, to the largest unit that keeps a useful precision: minutes up to 2 hours, hours up to 2 days. */
export function formatDuration(ms: number, translation: Translation = {}): string {
  const minutes = Math.floor(ms / 60_000);
  const inUnit = (unit: 'minutes' | 'hours' | 'days', count: number) =>
    formatMessage(`duration.${unit}.${count === 1 ? 'one' : 'other'}`, { count }, 'text', translation);
  if (minutes < 1) return formatMessage('duration.underMinute', {}, 'text', translation);
  if (minutes < 120) return inUnit('minutes', minutes);
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? inUnit('hours', hours) : inUnit('days', Math.floor(hours / 24));
}

export function renderReason(reason: ClassificationReason, format: RenderFormat, translation: Translation = {}): string {
  return formatMessage(`reason.${reason.code}`, reason.params, format, translation);
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((row) => (row === '' ? row : by + row))
    .join('\n');
}

/**
 * What is wrong, why the service behaves that way, the evidence, and the fixes in order, as plain
 * text (task logs, the CLI) or as Markdown (the task summary, the hub).
 */
export function renderFinding(finding: Finding, format: RenderFormat, translation: Translation = {}): string {
  const message = (key: MessageKey, params: Params = finding.params) => formatMessage(key, params, format, translation);
  const severity = message(`severity.${finding.severity}`);
  const summary = message(`finding.${finding.code}`);
  const why = message(`finding.${finding.code}.why`);
  const details = finding.details.map((detail) => message(detail.key, detail.params));
  const fix = message('label.fix');
  const stepText = (step: Line) => message(step.key, step.params);

  if (format === 'markdown') {
    const steps = finding.guidance.map((step, index) => {
      const marker = `${index + 1}. `;
      const command = step.command ? `\n\n${indent(codeBlock(step.command.text, step.command.language), ' '.repeat(marker.length))}` : '';
      return `${marker}${stepText(step)}${command}`;
    });
    return [
      `**${severity}:** ${summary}`,
      `**${message('label.why')}:** ${why}`,
      ...(details.length > 0 ? [details.map((detail) => `- ${detail}`).join('\n')] : []),
      ...(steps.length > 0 ? [`**${fix}:**`, steps.join('\n')] : []),
    ].join('\n\n');
  }

  const steps = finding.guidance.map((step, index) => {
    const command = step.command ? `\n${indent(step.command.text, '     ')}` : '';
    return `  ${index + 1}. ${stepText(step)}${command}`;
  });
  return [
    `${severity}: ${summary}`,
    `${message('label.why')}: ${why}`,
    ...details.map((detail) => `  - ${detail}`),
    ...(steps.length > 0 ? [`${fix}:`, ...steps] : []),
  ].join('\n');
}
