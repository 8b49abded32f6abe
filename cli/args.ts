/**
 * The command line read against the option table (`core/options.ts`): `--flag value`, `--flag=value`, `-f value`,
 * `--help`/`-h` and `--version` anywhere, the command as the first word. Every problem is one `InputError`
 * in the user's terms (which option, which command it belongs to, what was probably meant), never the
 * parser's own text.
 */
import { InputError, parsePlaceholderNameOrParent } from '../core/guard/inputs';
import { GATE_ACTIONS } from '../core/guard/pool-check';
import type { CliMessageKey } from './messages';
import { OPTIONS, optionsOf, type CommandName, type OptionName } from '../core/options';

/** The commands this command line runs. */
export const CLI_COMMANDS = ['check', 'repair', 'sweep', 'keda', 'waits', 'gate'] as const satisfies readonly CommandName[];
export type CliCommand = (typeof CLI_COMMANDS)[number];

/** The word that follows a command that does several things: `gate install`. */
export const SUBCOMMANDS = { gate: GATE_ACTIONS } as const satisfies Partial<Record<CliCommand, readonly string[]>>;

export interface CommandLine {
  /** Absent: none was given (only `--help` or `--version`, or nothing at all). */
  readonly command?: CliCommand;
  /** The word after a command of `SUBCOMMANDS`, checked against its list (absent only with `--help`). */
  readonly subcommand?: string;
  readonly help: boolean;
  readonly version: boolean;
  /** The text given for an option, several values one a line; a flag given reads `true`. */
  text(name: OptionName): string | undefined;
  /** The option's value as its parser reads it, the table's default when it was not given. */
  read<N extends OptionName>(name: N): ReturnType<(typeof OPTIONS)[N]['parse']>;
  /** Whether the option was given at all. */
  has(name: OptionName): boolean;
  /** The options given, as the user spelled them, in order. */
  readonly given: readonly OptionName[];
}

const FLAGS = new Map<string, OptionName>(
  (Object.keys(OPTIONS) as OptionName[]).flatMap((name) => {
    const cli = (OPTIONS[name] as { cli?: { flag: string; short?: string } }).cli;
    if (!cli) return [];
    return [[`--${cli.flag}`, name] as const, ...(cli.short ? [[`-${cli.short}`, name] as const] : [])];
  }),
);

export function parseCommandLine(argv: readonly string[]): CommandLine {
  let command: string | undefined;
  let subcommand: string | undefined;
  let [help, version] = [false, false];
  const values = new Map<OptionName, string[]>();
  const spelled = new Map<OptionName, string>();
  const unknown: string[] = [];

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--help' || token === '-h') help = true;
    else if (token === '--version') version = true;
    else if (token.startsWith('-') && token !== '-') {
      const equals = token.indexOf('=');
      const flag = token.startsWith('--') && equals > 0 ? token.slice(0, equals) : token;
      const name = FLAGS.get(flag);
      if (!name) {
        unknown.push(flag);
        // Its value, most likely: the option is what to report, not a stray word after it.
        if (equals < 0 && argv[i + 1] !== undefined && !argv[i + 1].startsWith('-')) i++;
        continue;
      }
      const spec = OPTIONS[name];
      let value: string;
      if (spec.kind === 'flag') {
        if (equals > 0 && flag !== token) throw new InputError('cli.optionTakesNoValue', { flag });
        value = 'true';
      } else if (equals > 0 && flag !== token) {
        value = token.slice(equals + 1);
      } else {
        const next = argv[i + 1];
        if (next === undefined || (next.startsWith('--') && next !== '--') || FLAGS.has(next) || next === '-h') {
          throw new InputError('cli.optionValueMissing', { flag, value: (spec as { cli: { value?: string } }).cli.value ?? '<value>' });
        }
        value = next;
        i++;
      }
      if (values.has(name) && spec.kind !== 'lines') throw new InputError('cli.optionRepeated', { flag });
      values.set(name, [...(values.get(name) ?? []), value]);
      spelled.set(name, flag);
    } else if (command === undefined) command = token;
    else if (subcommand === undefined && Object.hasOwn(SUBCOMMANDS, command)) subcommand = token;
    else throw new InputError('cli.argumentUnexpected', { value: token });
  }

  if (command !== undefined && !isCliCommand(command)) {
    if (command === 'help') return commandLine(undefined, undefined, true, version, values);
    throw new InputError('cli.unknownCommand', { value: command, commands: [...CLI_COMMANDS] });
  }
  if (command === undefined) {
    // Without a command there are no options to check against: help or the version are all that can be asked.
    if (unknown.length > 0 || (values.size > 0 && !help && !version))
      throw new InputError('cli.commandMissing', { commands: [...CLI_COMMANDS] });
    return commandLine(undefined, undefined, help, version, values);
  }
  if (unknown.length > 0) throw unknownOption(unknown[0], command);
  for (const [name, flag] of spelled) if (!acceptedBy(name, command)) throw notForCommand(name, flag, command);
  checkSubcommand(command, subcommand, help);
  return commandLine(command, subcommand, help, version, values);
}

function checkSubcommand(command: CliCommand, subcommand: string | undefined, help: boolean): void {
  const choices: readonly string[] | undefined = (SUBCOMMANDS as Partial<Record<CliCommand, readonly string[]>>)[command];
  if (!choices || (subcommand === undefined && help)) return;
  if (subcommand === undefined || !choices.includes(subcommand))
    throw new InputError(subcommand === undefined ? 'cli.subcommandMissing' : 'cli.subcommandUnknown', {
      command,
      value: subcommand ?? '',
      choices: choices.map((choice) => `${command} ${choice}`),
      help: helpCommand(command),
    });
}

function isCliCommand(word: string): word is CliCommand {
  return (CLI_COMMANDS as readonly string[]).includes(word);
}

function acceptedBy(name: OptionName, command: CliCommand): boolean {
  return (OPTIONS[name].commands as readonly string[]).includes(command);
}

function commandLine(
  command: CliCommand | undefined,
  subcommand: string | undefined,
  help: boolean,
  version: boolean,
  values: Map<OptionName, string[]>,
): CommandLine {
  const text = (name: OptionName) => values.get(name)?.join('\n');
  return {
    command,
    subcommand,
    help,
    version,
    text,
    has: (name) => values.has(name),
    read: (name) => OPTIONS[name].parse(text(name) ?? OPTIONS[name].default ?? '') as never,
    given: [...values.keys()],
  };
}

function unknownOption(flag: string, command: CliCommand): InputError<CliMessageKey> {
  const suggestion = closest(flag, flagsOf(command));
  return suggestion
    ? new InputError('cli.optionUnknownSuggest', { flag, suggestion, help: helpCommand(command) })
    : new InputError('cli.optionUnknown', { flag, help: helpCommand(command) });
}

function notForCommand(name: OptionName, flag: string, command: CliCommand): InputError<CliMessageKey> {
  const commands = OPTIONS[name].commands.filter(isCliCommand);
  const suggestion = closest(flag, flagsOf(command));
  return suggestion
    ? new InputError('cli.optionNotForCommandSuggest', { flag, command, commands, suggestion, help: helpCommand(command) })
    : new InputError('cli.optionNotForCommand', { flag, command, commands, help: helpCommand(command) });
}

/** How to ask for the options of a command. */
export function helpCommand(command: CliCommand): string {
  return `keda-pool-guard ${command} --help`;
}

/** Which agent is the placeholder: `--placeholder-name`, else the trigger's `--parent`, else the default name. */
export function placeholderOptions(args: CommandLine): { placeholderName: string; parent: string | undefined } {
  const parent = args.read('parent');
  return { placeholderName: parsePlaceholderNameOrParent(args.text('placeholderName'), parent), parent };
}

/** How the command line spells an option: `--connection`. */
export function flagOf(name: OptionName): string {
  const cli = (OPTIONS[name] as { cli?: { flag: string } }).cli;
  if (!cli) throw new Error(`The option ${name} has no flag.`);
  return `--${cli.flag}`;
}

function flagsOf(command: CliCommand): string[] {
  return optionsOf(command).flatMap((name) => {
    const cli = (OPTIONS[name] as { cli?: { flag: string } }).cli;
    return cli ? [`--${cli.flag}`] : [];
  });
}

/** The flag a typo most likely meant: within two edits, or one a plural or prefix away (`--demand`, `--demands`). */
function closest(flag: string, candidates: readonly string[]): string | undefined {
  let best: { flag: string; distance: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === flag) continue;
    const distance = editDistance(flag, candidate);
    if (distance <= 2 && (!best || distance < best.distance)) best = { flag: candidate, distance };
  }
  return best?.flag;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
