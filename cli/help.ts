/** `--help`, derived from the option table: each command's options with their value, help and default. */
import { OPTIONS, optionsOf, type OptionName } from '../core/options';
import type { CliCommand } from './args';
import { PAT_VARIABLE, TOKEN_VARIABLE } from './credentials';
import type { CliMessageKey } from './messages';
import { text } from './text';

export function mainHelp(): string {
  return text('cli.help.main');
}

const EXTRA: Record<CliCommand, readonly CliMessageKey[]> = {
  check: ['cli.help.columns.check', 'cli.help.exit.check'],
  repair: ['cli.help.columns.check', 'cli.help.exit.check'],
  sweep: ['cli.help.columns.sweep', 'cli.help.exit.sweep'],
  keda: ['cli.help.columns.keda', 'cli.help.exit.keda'],
  waits: ['cli.help.exit.waits'],
  gate: ['cli.help.exit.gate'],
};

const USAGE: Partial<Record<CliCommand, CliMessageKey>> = { keda: 'cli.help.usage.keda', gate: 'cli.help.usage.gate' };

export function commandHelp(command: CliCommand): string {
  const rows = optionsOf(command).flatMap((name) => optionRow(name));
  const width = Math.max(...rows.map(([flag]) => flag.length));
  const options = rows.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`);
  return [
    text(USAGE[command] ?? 'cli.help.usage', { command }),
    text(`cli.help.about.${command}`),
    [text('cli.help.options'), ...options].join('\n'),
    text('cli.help.credentials', { variable: PAT_VARIABLE, tokenVariable: TOKEN_VARIABLE }),
    ...EXTRA[command].map((key) => text(key)),
  ].join('\n\n');
}

function optionRow(name: OptionName): [string, string][] {
  const spec = OPTIONS[name];
  const cli = (spec as { cli?: { flag: string; short?: string; value?: string } }).cli;
  if (!cli) return [];
  const flag = [cli.short ? `-${cli.short}, ` : '', `--${cli.flag}`, cli.value ? ` ${cli.value}` : ''].join('');
  const notes = [
    ...(spec.kind === 'lines' ? [text('cli.help.repeatable')] : []),
    ...(spec.kind !== 'flag' && 'default' in spec && spec.default ? [text('cli.help.default', { value: spec.default })] : []),
  ];
  return [[flag, [text(spec.help), ...notes].join(' ')]];
}
