/**
 * The command line's own texts: its usage, its tables' headings and its problems with arguments, in the
 * shared catalog's template syntax. The sentences it shares with the other faces, its KEDA view's among
 * them (the hub shows the same view), stay in `core/messages.ts`.
 */
export const CLI_MESSAGES = {
  'cli.column.leftovers': 'Leftovers',
  'cli.cell.leftovers': '{count} (oldest {oldestMs:duration})',
  'cli.internalError':
    'KEDA Pool Guard stopped on an error in its own code ({message:code}), not on your settings, your organization or its pools. Please report it at {issues:code} with what the same command prints with `--debug`, which adds the error’s details.',
  'cli.usage':
    'Usage: keda-pool-guard check|repair|sweep|keda --org <url> --pool <name> [--pool <name>]... [options]\n\n  check    judge the pools and say what to fix\n  repair   register the offline placeholder where it is missing, then check\n  sweep    list the leftover KEDA agents; with --yes, delete them (never a placeholder, static,\n           online or busy agent, nor the last agent that satisfies the demands)\n  keda     show what a KEDA azure-pipelines trigger would count in the pool\n\nThe personal access token is read from {variable}.\nOptions: --demand <demand> (repeatable), --min-agent-version <v>, --placeholder-name <name>,\n  --placeholder-capability name=value (repeatable), --require-online-agent, --fail-on blocked|atRisk,\n  --timeout <seconds>, --json,\n  --debug (with an internal error, print its details for a report)\nKEDA trigger (keda): --parent <name>, --demands <a,b>, --require-all-demands,\n  --require-all-demands-and-ignore-others, --case-insensitive-demands, --jobs-to-fetch <n>,\n  --fetch-unfinished-jobs-only, --scale-on-in-flight true|false, --keda-version <version>\nSweep: --older-than <age> (offline for longer than, such as 90m, 24h or 2d; default {olderThan}), --yes (delete)\nExit codes: 0 ready, 1 at risk (sweep: a pool changed and was left as it was), 2 blocked, 3 error.',
  'cli.badArguments': '{problem}. Run `keda-pool-guard --help` for the options.',
  'cli.unknownCommand': 'Command {value:code} is not known. Use `check`, `repair`, `sweep` or `keda`.',
  'cli.flagMissing': 'Option {flag:code} is required. Run `keda-pool-guard --help` for the options.',
  'cli.patMissing':
    'No personal access token: set {variable:code} to a token with the Agent Pools (read) scope (read & manage for `repair` and `sweep --yes`).',
  'cli.columns': 'Pool|Verdict|Registered|Online|Placeholders|KEDA|Stale|Placeholder',
} as const satisfies Record<string, string>;

export type CliMessageKey = keyof typeof CLI_MESSAGES;
