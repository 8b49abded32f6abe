/**
 * The option table (`core/options.ts`) walked face by face: the command line accepts each option for exactly
 * the commands it belongs to and says which ones otherwise, its help lists them, and the task's inputs and
 * the hub's settings are the table's.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLI_COMMANDS, parseCommandLine, SUBCOMMANDS, type CliCommand } from '../../cli/args';
import { commandHelp } from '../../cli/help';
import { runCli } from '../../cli/main';
import { text, type TextKey } from '../../cli/text';
import { InputError } from '../../core/guard/inputs';
import { COMMANDS, OPTIONS, TRIGGER_OPTIONS, type OptionName, type OptionSpec } from '../../core/options';
import { FLAG_KEYS, TEXT_KEYS } from '../../hub/src/model/keda-view';
import { poolPreferences, readHubSettings } from '../../hub/src/model/settings';

const NAMES = Object.keys(OPTIONS) as OptionName[];
const spec = (name: OptionName) => OPTIONS[name] as OptionSpec;
/** A value each option's parser accepts, so that only the command decides whether the line is refused. */
const VALUE: Partial<Record<OptionName, string>> = {
  organizationUrl: 'https://dev.azure.com/contoso',
  minAgentVersion: '3.240.0',
  placeholderCapabilities: 'kubectl=yes',
  failOn: 'atRisk',
  olderThan: '2d',
  timeoutSeconds: '30',
  strategy: 'accurate',
};

function argsFor(name: OptionName): string[] {
  const cli = spec(name).cli!;
  return spec(name).kind === 'flag' ? [`--${cli.flag}`] : [`--${cli.flag}`, VALUE[name] ?? 'x'];
}

/** The command as typed, with the first of its subcommands (`gate install`). */
function words(command: CliCommand): string[] {
  const subcommands = (SUBCOMMANDS as Partial<Record<CliCommand, readonly string[]>>)[command];
  return subcommands ? [command, subcommands[0]] : [command];
}

function refusal(argv: string[]): string | undefined {
  try {
    parseCommandLine(argv);
    return undefined;
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    return text(error.key as TextKey, error.params);
  }
}

describe('the option table', () => {
  describe('the command line', () => {
    for (const name of NAMES.filter((n) => spec(n).cli)) {
      const flag = `--${spec(name).cli!.flag}`;
      for (const command of CLI_COMMANDS) {
        const belongs = (spec(name).commands as readonly string[]).includes(command);
        it(`${command} ${flag}: ${belongs ? 'accepted' : 'refused, naming the commands it belongs to'}`, () => {
          const message = refusal([...words(command), ...argsFor(name)]);
          if (belongs) {
            assert.equal(message, undefined);
            const line = parseCommandLine([...words(command), ...argsFor(name)]);
            assert.equal(line.text(name), spec(name).kind === 'flag' ? 'true' : (VALUE[name] ?? 'x'));
            return;
          }
          assert.ok(message, 'accepted');
          assert.match(message, new RegExp(`^Option \`${flag}\` is not an option of \`${command}\``));
          const owners = spec(name).commands.filter((c) => (CLI_COMMANDS as readonly string[]).includes(c));
          for (const owner of owners) assert.ok(message.includes(`\`${owner}\``), message);
        });
      }
    }

    it('gives each flag to one option only', () => {
      const flags = NAMES.flatMap((n) => (spec(n).cli ? [spec(n).cli!.flag, ...(spec(n).cli!.short ? [spec(n).cli!.short!] : [])] : []));
      assert.equal(new Set(flags).size, flags.length);
    });

    it('knows every command it runs', () => {
      for (const command of CLI_COMMANDS) assert.ok((COMMANDS as readonly string[]).includes(command));
    });

    it('lists in each command’s help exactly the options of that command', () => {
      for (const command of CLI_COMMANDS) {
        const help = commandHelp(command);
        for (const name of NAMES.filter((n) => spec(n).cli)) {
          const listed = new RegExp(`^  (-\\w, )?--${spec(name).cli!.flag}( |$)`, 'm').test(help);
          assert.equal(
            listed,
            (spec(name).commands as readonly string[]).includes(command),
            `${command} --help and --${spec(name).cli!.flag}`,
          );
        }
      }
    });

    it('parses each default with the option’s own parser', () => {
      for (const name of NAMES) {
        const { default: fallback } = spec(name);
        if (fallback !== undefined) assert.doesNotThrow(() => spec(name).parse(fallback), name);
      }
    });

    it('suggests the flag a typo or a neighbouring command meant', () => {
      assert.equal(
        refusal(['keda', '--demand', 'helm']),
        'Option `--demand` is not an option of `keda`, it belongs to `check`, `repair`, `sweep`, `gate`; did you mean `--demands`? Run `keda-pool-guard keda --help` for its options.',
      );
      assert.equal(
        refusal(['check', '--pools', 'a']),
        'Option `--pools` is not known; did you mean `--pool`? Run `keda-pool-guard check --help` for its options.',
      );
    });

    it('refuses values where none belongs, missing values, repeats and stray words, in one line each', () => {
      assert.equal(refusal(['check', '--json=yes']), 'Option `--json` takes no value: write it alone.');
      assert.equal(refusal(['check', '--org']), 'Option `--org` needs a value: `<url>`.');
      assert.equal(
        refusal(['check', '--fail-on', 'atRisk', '--fail-on', 'blocked']),
        'Option `--fail-on` is given more than once; give it once.',
      );
      assert.equal(
        refusal(['check', 'keda-ready']),
        'The argument `keda-ready` is not an option. Options start with `--`; a value follows its option.',
      );
      assert.equal(refusal(['check', '--pool', 'a', '--pool', 'b']), undefined);
    });

    it('reads the word after `gate` as what to do, and refuses a missing, unknown or second one', () => {
      assert.equal(parseCommandLine(['gate', '--pool', 'a', 'remove']).subcommand, 'remove');
      assert.equal(
        refusal(['gate', '--pool', 'a']),
        '`gate` needs what to do: `gate install`, `gate show`, `gate remove`. Run `keda-pool-guard gate --help` for its options.',
      );
      assert.equal(
        refusal(['gate', 'add']),
        '`gate` does not know `add`: use `gate install`, `gate show`, `gate remove`. Run `keda-pool-guard gate --help` for its options.',
      );
      assert.equal(
        refusal(['gate', 'show', 'keda-ready']),
        'The argument `keda-ready` is not an option. Options start with `--`; a value follows its option.',
      );
      assert.equal(parseCommandLine(['gate', '--help']).help, true);
    });

    it('asks for --pool by its flag before looking for a token, and for -f or --pool in keda', async () => {
      const refused = async (argv: string[]) => {
        const err: string[] = [];
        const code = await runCli([...argv, '--org', 'https://dev.azure.com/contoso'], { env: {}, out: () => {}, err: (t) => err.push(t) });
        return [code, err.join('\n')];
      };
      for (const command of ['check', 'repair', 'sweep', 'waits'])
        assert.deepEqual(await refused([command]), [
          3,
          `Option \`--pool\` is required. Run \`keda-pool-guard ${command} --help\` for the options.`,
        ]);
      assert.deepEqual(await refused(['gate', 'show', '--project', 'web']), [
        3,
        'Option `--pool` is required. Run `keda-pool-guard gate --help` for the options.',
      ]);
      assert.match(
        (await refused(['keda']))[1] as string,
        /^Give the ScaledJob or ScaledObject manifest with `-f <file>`.*or the pool its trigger polls with `--pool`/,
      );
    });

    it('answers --help per command and --version, with exit code 0', async () => {
      const out: string[] = [];
      const io = { env: {}, out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
      assert.equal(await runCli(['sweep', '--help'], io), 0);
      assert.match(out.join('\n'), /^Usage: keda-pool-guard sweep \[options\]/);
      assert.match(
        out.join('\n'),
        /^  --older-than <age> +Delete only KEDA agents offline for longer than this, such as 90m, 24h or 2d\. \(default: 24h\)$/m,
      );
      out.length = 0;
      assert.equal(await runCli(['--version'], io), 0);
      assert.match(out[0], /^keda-pool-guard \d+\.\d+\.\d+$/);
    });
  });

  describe('the task', () => {
    interface TaskInput {
      name: string;
      type: string;
      defaultValue?: string;
      visibleRule?: string;
      options?: Record<string, string>;
    }
    const task = JSON.parse(readFileSync(path.join(__dirname, '../../tasks/KedaPoolGuardV1/task.json'), 'utf8')) as { inputs: TaskInput[] };
    const taskOptions = NAMES.filter((n) => spec(n).task);
    const ACTIONS = ['check', 'repair', 'sweep'];

    it('has exactly the inputs the table gives the task', () => {
      assert.deepEqual(task.inputs.map((i) => i.name).sort(), taskOptions.map((n) => spec(n).task!.input).sort());
    });

    for (const name of taskOptions) {
      it(`${spec(name).task!.input}: type, default, choices and visibility as in the table`, () => {
        const input = task.inputs.find((i) => i.name === spec(name).task!.input)!;
        assert.equal(input.type, spec(name).task!.type);
        if (spec(name).default !== undefined && input.defaultValue !== undefined) assert.equal(input.defaultValue, spec(name).default);
        if (spec(name).choices) assert.deepEqual(Object.keys(input.options ?? {}), spec(name).choices);
        const shown = ACTIONS.filter((action) => visible(input.visibleRule, action));
        assert.deepEqual(
          shown,
          ACTIONS.filter((action) => (spec(name).commands as readonly string[]).includes(action)),
        );
      });
    }

    /** The task editor's `visibleRule` for the `action` input: `action = x` or `action != x`. */
    function visible(rule: string | undefined, action: string): boolean {
      if (!rule) return true;
      const match = /^action (=|!=) (\w+)$/.exec(rule);
      assert.ok(match, `a visibleRule this test reads: ${rule}`);
      return match[1] === '=' ? action === match[2] : action !== match[2];
    }
  });

  describe('the hub', () => {
    it('reads back the table’s settings under the table’s names', () => {
      const values: Record<string, unknown> = {
        demands: ['kubectl'],
        minAgentVersion: '3.240.0',
        kedaScaled: true,
        parent: 'tpl',
        placeholderName: 'holder',
        staleAfterHours: 12,
      };
      const read = readHubSettings({ ...values, pools: { '1': { ...values, triggers: [] } } });
      const stored = { ...read, ...poolPreferences(read, 1) } as Record<string, unknown>;
      const triggerKeys = new Set<string>([...TEXT_KEYS, ...FLAG_KEYS.map(([key]) => key), 'kedaVersion']);
      for (const name of NAMES.filter((n) => spec(n).hub)) {
        const setting = spec(name).hub!.setting;
        if (triggerKeys.has(setting)) continue;
        assert.ok(setting in values, `a value for the hub setting ${setting}`);
        assert.deepEqual(stored[setting], values[setting], `the hub reads ${setting}`);
      }
    });

    it('writes exactly the trigger metadata keys the command line sets', () => {
      const hubKeys = [...TEXT_KEYS, ...FLAG_KEYS.map(([key]) => key)].sort();
      assert.deepEqual(hubKeys, TRIGGER_OPTIONS.map(([, key]) => key).sort());
    });
  });
});
