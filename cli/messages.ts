/**
 * The command line's own texts: its help, its tables' headings and its problems with arguments, in the
 * shared catalog's template syntax. The sentences it shares with the other faces, its KEDA view's among
 * them (the hub shows the same view), stay in `core/messages.ts`.
 */
export const CLI_MESSAGES = {
  'cli.column.leftovers': 'Leftovers',
  'cli.column.waitP95': 'Wait p95',
  'cli.cell.leftovers': '{count} (oldest {oldestMs:duration})',
  'cli.internalError':
    'KEDA Pool Guard stopped on an error in its own code ({message:code}), not on your settings, your organization or its pools. Please report it at {issues:code} with what the same command prints with `--debug`, which adds the error’s details.',
  'cli.unknownCommand': 'Command {value:code} is not known. Use one of {commands:code}; `keda-pool-guard --help` describes them.',
  'cli.commandMissing': 'No command was given. Use one of {commands:code}; `keda-pool-guard --help` describes them.',
  'cli.optionUnknown': 'Option {flag:code} is not known. Run {help:code} for its options.',
  'cli.optionUnknownSuggest': 'Option {flag:code} is not known; did you mean {suggestion:code}? Run {help:code} for its options.',
  'cli.optionNotForCommand':
    'Option {flag:code} is not an option of {command:code}: it belongs to {commands:code}. Run {help:code} for its options.',
  'cli.optionNotForCommandSuggest':
    'Option {flag:code} is not an option of {command:code}, it belongs to {commands:code}; did you mean {suggestion:code}? Run {help:code} for its options.',
  'cli.optionValueMissing': 'Option {flag:code} needs a value: {value:code}.',
  'cli.optionTakesNoValue': 'Option {flag:code} takes no value: write it alone.',
  'cli.optionRepeated': 'Option {flag:code} is given more than once; give it once.',
  'cli.subcommandMissing': '{command:code} needs what to do: {choices:code}. Run {help:code} for its options.',
  'cli.subcommandUnknown': '{command:code} does not know {value:code}: use {choices:code}. Run {help:code} for its options.',
  'cli.argumentUnexpected': 'The argument {value:code} is not an option. Options start with `--`; a value follows its option.',
  'cli.flagMissing': 'Option {flag:code} is required. Run {help:code} for the options.',
  'cli.manifestUnreadable':
    'The manifest {file:code} cannot be read ({reason}). Give the path of a ScaledJob or ScaledObject manifest, or `-` for standard input.',
  'cli.manifestNotYaml':
    'The manifest {file:code} is not valid YAML at line {line}, column {column}: {problem}. Correct it as `kubectl apply --dry-run=client -f` would need it.',
  'cli.kedaSourceMissing':
    'Give the ScaledJob or ScaledObject manifest with `-f <file>` (`-f -` reads standard input), or the pool its trigger polls with `--pool`. Run `keda-pool-guard keda --help` for the options.',
  'cli.fileConflict': 'Option {flag:code} sets what the manifest given with `-f` already says. Remove {flag:code}, or change the manifest.',
  'cli.fileOrganizationConflict':
    'The manifest’s organization URL {manifest:code} is not {given:code}, given with `--org`. Remove `--org` to use the manifest’s, or correct one of them.',
  'cli.fileOrganizationUnknown':
    'The manifest takes the organization URL from a value not in the file ({source}). Give it with `--org`, or add that value to the file.',
  'cli.fileOrganizationsDiffer':
    'The manifest’s triggers name several organizations ({urls:code}); this view reads one. Give the one to read with `--org`.',
  'cli.fileJobsAmbiguous':
    '`--running-jobs` and `--pending-jobs` count one ScaledJob’s Jobs, and the manifest has {count} ScaledJobs. Give a manifest with one ScaledJob.',
  'cli.patMissing':
    'No personal access token: set {variable:code} to a token with the Agent Pools (read) scope (read & manage for `repair` and `sweep --yes`), or give a Microsoft Entra token for Azure DevOps in {tokenVariable:code} or with `--token-from-az`.',
  'cli.azMissing':
    '`--token-from-az` needs the Azure CLI, and `az` was not found. Install it (https://learn.microsoft.com/cli/azure/install-azure-cli) and sign in with `az login`, or set `AZURE_DEVOPS_EXT_TOKEN` or `AZURE_DEVOPS_EXT_PAT` instead.',
  'cli.azFailed':
    '`az account get-access-token` failed: {detail}. Sign in with `az login` (or `az login --service-principal ...`) as an identity that is a user of the organization, then run the command again.',
  'cli.azMalformed':
    '`az account get-access-token` printed no access token. Update the Azure CLI, or set `AZURE_DEVOPS_EXT_TOKEN` to the token yourself.',
  'cli.columns': 'Pool|Verdict|Kind|Registered|Online|Placeholders|KEDA|Stale|Placeholder',

  'waits.heading': 'Pool {pool:code}: waits for an agent from {since} to {until} ({requests} jobs queued)',
  'waits.oldestWaiting': 'The oldest waiting job has waited {ageMs:seconds}',
  'waits.sparkWait': 'Longest wait per 15 minutes',
  'waits.sparkQueued': 'Jobs queued per 15 minutes',
  'waits.sparkKeda': 'KEDA agents online per 15 minutes',
  'waits.sparkHighest': 'highest {highest}',
  'waits.notKeda':
    'Pool {pool:code} is not KEDA-scaled ({kind}): the figures are its jobs’ waits all the same; KEDA’s causes do not apply.',
  'cli.version': 'keda-pool-guard {version}',
  'cli.help.main':
    'Usage: keda-pool-guard <command> [options]\n\nCommands:\n  check    judge the pools and say what to fix\n  repair   register or refresh the offline placeholder where needed, then check\n  sweep    list the leftover KEDA agents; with --yes, delete them\n  keda     show what a KEDA azure-pipelines trigger counts, and what its ScaledJob would do\n  waits    show how long the pools’ jobs waited for an agent over the last day\n  gate     install, show or remove the check that holds back every stage while a pool cannot take its jobs\n\nRun `keda-pool-guard <command> --help` for the options of a command, `keda-pool-guard --version` for the version.',
  'cli.help.usage': 'Usage: keda-pool-guard {command} [options]',
  'cli.help.usage.gate': 'Usage: keda-pool-guard gate install|show|remove --org <url> --project <name> --pool <name> [options]',
  'cli.help.usage.keda': 'Usage: keda-pool-guard keda (-f <manifest> | --pool <name> [trigger options]) [options]',
  'cli.help.about.check': 'Judges each pool: can KEDA-scaled jobs queue there, and what keeps them able to.',
  'cli.help.about.repair':
    'Registers the offline placeholder a KEDA pool needs where it is missing, or refreshes ours where it falls short, then judges the pools again; with --dry-run, only prints what it would do.',
  'cli.help.about.sweep':
    'Lists the KEDA agents left offline in the pools; with --yes deletes them (never a placeholder, a static, online or busy agent, nor the last agent that satisfies the demands).',
  'cli.help.about.keda':
    'Shows what KEDA’s azure-pipelines trigger counts in the pool, job by job, and what the ScaledJob would do now (or the ScaledObject’s replicas). Give the manifest with -f, or the trigger with flags.',
  'cli.help.about.waits':
    'Shows how long each pool’s jobs waited for an agent over the last day (at most 500 requests): the median, 95th percentile and longest wait, the agents’ start-up, and sparklines per 15 minutes.',
  'cli.help.about.gate':
    'Installs, shows or removes the pool check on the project’s queue for each pool: an Invoke REST API check that holds back every stage using the pool while no registered agent can take its jobs, without an agent. `show` also prints the agentless gate’s YAML, the same guard as a job of the pipeline.',
  'cli.help.options': 'Options:',
  'cli.help.default': '(default: {value})',
  'cli.help.repeatable': '(repeatable)',
  'cli.help.credentials':
    'Credentials: a personal access token in {variable}, or a Microsoft Entra token in {tokenVariable}, or --token-from-az.',
  'cli.help.columns.check':
    'Columns: Verdict (ready: jobs queue; at risk: they queue today but depend on agents that will go away; blocked: they fail at once; unknown: the pool could not be read), Kind (how the pool gets its agents), Registered / Online (agents), Placeholders (offline agents kept for KEDA), KEDA (agents started by KEDA), Stale (KEDA agents offline for long), Placeholder (the state of the placeholder the pool needs), Leftovers (what `sweep` would delete now).',
  'cli.help.columns.sweep':
    'Columns: Agent, Action (would delete or deleted, kept, skipped: it changed since it was read, not deleted: the deletion failed), Kind (placeholder, KEDA, static, stale), Status, Why (the rule that decided).',
  'cli.help.columns.keda':
    'Columns: Request (the job request id), Job, State (waiting, or in flight: an agent has it), Demands, Counted (by this trigger), Why.',
  'cli.help.exit.check': 'Exit codes: 0 nothing fails by --fail-on, 1 at risk with --fail-on atRisk, 2 blocked, 3 error.',
  'cli.help.exit.sweep': 'Exit codes: 0 done, 1 a pool changed during the sweep and was left as it was, 3 error.',
  'cli.help.exit.gate': 'Exit codes: 0 done, 3 error (bad input, or a pool or queue that could not be read or changed).',
  'cli.help.exit.waits':
    'Exit codes: 0 the waits are within --wait-threshold (or none is given), 1 a KEDA pool’s 95th percentile is above it, 3 a pool could not be read.',
  'cli.help.exit.keda':
    'Exit codes: 0 every waiting job is counted, 1 a waiting job is not (it waits for ever) or a finding warns, 3 KEDA rejects the trigger or a pool could not be read.',
} as const satisfies Record<string, string>;

export type CliMessageKey = keyof typeof CLI_MESSAGES;
