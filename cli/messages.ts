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
    'Usage: keda-pool-guard check|repair|sweep|keda --org <url> --pool <name> [--pool <name>]... [options]\n       keda-pool-guard gate install|show|remove --org <url> --project <name> --pool <name> [options]\n\n  check    judge the pools and say what to fix\n  repair   register the offline placeholder where it is missing, or refresh ours where it falls\n           short, then check; with --dry-run, only print what it would do\n  sweep    list the leftover KEDA agents; with --yes, delete them (never a placeholder, static,\n           online or busy agent, nor the last agent that satisfies the demands)\n  keda     show what a KEDA azure-pipelines trigger would count in the pool\n  gate     install, show or remove the check that holds back every stage using the pool while no\n           registered agent can take its jobs (an Invoke REST API check on the project’s queue)\n\nCredentials: a personal access token in {variable}, or a Microsoft Entra token in {tokenVariable},\n  or --token-from-az (the Azure CLI’s signed-in account; `az account get-access-token`).\nOptions: --demand <demand> (repeatable), --min-agent-version <v>, --placeholder-name <name>,\n  --placeholder-capability name=value (repeatable), --require-online-agent, --fail-on blocked|atRisk,\n  --timeout <seconds>, --json,\n  --debug (with an internal error, print its details for a report)\nKEDA trigger (keda): --parent <name>, --demands <a,b>, --require-all-demands,\n  --require-all-demands-and-ignore-others, --case-insensitive-demands, --jobs-to-fetch <n>,\n  --fetch-unfinished-jobs-only, --scale-on-in-flight true|false, --keda-version <version>\nSweep: --older-than <age> (offline for longer than, such as 90m, 24h or 2d; default {olderThan}), --yes (delete)\nGate: --project <name>, --connection <Generic service connection> (install), --demand <demand> (repeatable),\n  --min-agent-version <v>, --timeout-minutes <n> (default 60), --retry-minutes <n> (default 6; 0: fail at once)\nNetwork: --proxy <url> (else HTTPS_PROXY and HTTP_PROXY), --no-proxy <hosts> (else NO_PROXY),\n  --ca-file <PEM file> (a certificate authority to trust; else NODE_EXTRA_CA_CERTS)\nExit codes: 0 ready, 1 at risk (sweep: a pool changed and was left as it was), 2 blocked, 3 error.',
  'cli.badArguments': '{problem}. Run `keda-pool-guard --help` for the options.',
  'cli.unknownCommand': 'Command {value:code} is not known. Use `check`, `repair`, `sweep`, `keda` or `gate`.',
  'cli.gateAction': 'Use `gate install`, `gate show` or `gate remove`, not {value:code}.',
  'cli.dryRunOnlyForRepair':
    'Option `--dry-run` goes with `repair` only: `check` never changes anything, and `sweep` lists unless given `--yes`.',
  'cli.flagMissing': 'Option {flag:code} is required. Run `keda-pool-guard --help` for the options.',
  'cli.patMissing':
    'No personal access token: set {variable:code} to a token with the Agent Pools (read) scope (read & manage for `repair` and `sweep --yes`), or give a Microsoft Entra token for Azure DevOps in {tokenVariable:code} or with `--token-from-az`.',
  'cli.azMissing':
    '`--token-from-az` needs the Azure CLI, and `az` was not found. Install it (https://learn.microsoft.com/cli/azure/install-azure-cli) and sign in with `az login`, or set `AZURE_DEVOPS_EXT_TOKEN` or `AZURE_DEVOPS_EXT_PAT` instead.',
  'cli.azFailed':
    '`az account get-access-token` failed: {detail}. Sign in with `az login` (or `az login --service-principal ...`) as an identity that is a user of the organization, then run the command again.',
  'cli.azMalformed':
    '`az account get-access-token` printed no access token. Update the Azure CLI, or set `AZURE_DEVOPS_EXT_TOKEN` to the token yourself.',
  'cli.columns': 'Pool|Verdict|Kind|Registered|Online|Placeholders|KEDA|Stale|Placeholder',
} as const satisfies Record<string, string>;

export type CliMessageKey = keyof typeof CLI_MESSAGES;
