/**
 * The help of every option (`core/options.ts`) and the command line's usage and per-command help. Only the
 * command line shows them, so they stay out of the shared catalog (`core/messages.ts`) that the task and
 * the hub ship; what the command line says about the arguments it was given is there, as `cli.*` errors.
 */
export const OPTION_MESSAGES = {
  'option.organizationUrl': 'The organization, as https://dev.azure.com/<organization> (Azure DevOps Server: its collection URL).',
  'option.pools': 'An organization-level agent pool; repeat it for several pools.',
  'option.demands': 'A demand of the guarded jobs, such as `kubectl` or `Agent.OS -equals Linux`; repeat it for several.',
  'option.minAgentVersion': 'The jobs’ minimum agent version; without it, 3.232.1, the first with the Node 20 task handler.',
  'option.action': 'What the task does: `check`, `repair` or `sweep` (on the command line, the command).',
  'option.kedaScaled': 'Judge the pools as KEDA-scaled without evidence, for example before their first job ran.',
  'option.parent': 'The name the KEDA trigger’s `parent` gives, when it sets one: the placeholder must have exactly this name.',
  'option.placeholderName': 'The name of the placeholder agent; when it is not given and `--parent` is, the parent’s name.',
  'option.placeholderCapabilities': 'A user capability for the placeholder that `repair` registers, as name=value; repeat it for several.',
  'option.requireOnlineAgent': 'Treat "no online agent satisfies the demands" as a risk in a KEDA-scaled pool.',
  'option.failOn': 'Which verdict fails: `blocked` (jobs would fail at once) or also `atRisk`; the exit code is 0 otherwise.',
  'option.repairDryRun': 'Change nothing: show what `repair` would do in each pool.',
  'option.staleAfterHours': '`sweep` deletes a KEDA agent only when it has been offline for longer than this many hours.',
  'option.olderThan': 'Delete only KEDA agents offline for longer than this, such as 90m, 24h or 2d.',
  'option.dryRun': 'The task’s `sweep` only lists what it would delete unless this is false.',
  'option.yes': 'Delete the leftover agents listed; without it, `sweep` only lists them.',
  'option.connection': 'The task’s service connection holding a personal access token.',
  'option.azureConnection': 'The task’s Azure Resource Manager connection, used without a personal access token.',
  'option.timeoutSeconds': 'The most time the command spends, retries and throttling included, in seconds.',
  'option.tokenFromAz': 'Call Azure DevOps as the Azure CLI’s signed-in account (`az account get-access-token`).',
  'option.proxy': 'The proxy for every request (else HTTPS_PROXY and HTTP_PROXY).',
  'option.noProxy': 'Hosts reached without the proxy, comma-separated (else NO_PROXY).',
  'option.caFile': 'A PEM file of certificate authorities to trust besides Node’s (else NODE_EXTRA_CA_CERTS).',
  'option.json': 'Print the result as JSON (its schema: schemas/ in the package).',
  'option.debug': 'After an error in KEDA Pool Guard’s own code, print its details for a report.',
  'option.file': 'A ScaledJob or ScaledObject manifest (multi-document YAML, with its TriggerAuthentication); `-` reads standard input.',
  'option.kedaVersion': 'The KEDA release to emulate, such as 2.19 or 2.20.1; the default is the newest one modelled.',
  'option.trigger.demands': 'The trigger’s `demands`, comma-separated as in the ScaledJob.',
  'option.trigger.requireAllDemands': 'The trigger’s `requireAllDemands: "true"`.',
  'option.trigger.requireAllDemandsAndIgnoreOthers': 'The trigger’s `requireAllDemandsAndIgnoreOthers: "true"`.',
  'option.trigger.caseInsensitiveDemandsProcessing': 'The trigger’s `caseInsensitiveDemandsProcessing: "true"`.',
  'option.trigger.jobsToFetch': 'The trigger’s `jobsToFetch`.',
  'option.trigger.fetchUnfinishedJobsOnly': 'The trigger’s `fetchUnfinishedJobsOnly: "true"`.',
  'option.trigger.scaleOnInFlight': 'The trigger’s `scaleOnInFlight` (KEDA 2.21 and later).',
  'option.trigger.targetPipelinesQueueLength': 'The trigger’s `targetPipelinesQueueLength` (KEDA’s default: 1).',
  'option.trigger.activationTargetPipelinesQueueLength': 'The trigger’s `activationTargetPipelinesQueueLength` (KEDA’s default: 0).',
  'option.strategy': 'The ScaledJob’s `scalingStrategy.strategy`: with it, the Jobs KEDA would create now are shown.',
  'option.maxReplicaCount': 'The ScaledJob’s `maxReplicaCount` (KEDA’s default: 100).',
  'option.minReplicaCount': 'The ScaledJob’s `minReplicaCount` (KEDA’s default: 0).',
  'option.runningJobs': 'Jobs of the ScaledJob not finished yet, as `kubectl get jobs -l scaledjob.keda.sh/name=<name>` lists them.',
  'option.pendingJobs': 'Of those, the Jobs whose pod is not running yet.',

  'cli.version': 'keda-pool-guard {version}',
  'cli.help.main':
    'Usage: keda-pool-guard <command> [options]\n\nCommands:\n  check    judge the pools and say what to fix\n  repair   register the offline placeholder where it is missing, then check\n  sweep    list the leftover KEDA agents; with --yes, delete them\n  keda     show what a KEDA azure-pipelines trigger counts, and what its ScaledJob would do\n\nRun `keda-pool-guard <command> --help` for the options of a command, `keda-pool-guard --version` for the version.',
  'cli.help.usage': 'Usage: keda-pool-guard {command} [options]',
  'cli.help.usage.keda': 'Usage: keda-pool-guard keda (-f <manifest> | --pool <name> [trigger options]) [options]',
  'cli.help.about.check': 'Judges each pool: can KEDA-scaled jobs queue there, and what keeps them able to.',
  'cli.help.about.repair': 'Registers the offline placeholder a KEDA pool needs where it is missing, then judges the pools again.',
  'cli.help.about.sweep':
    'Lists the KEDA agents left offline in the pools; with --yes deletes them (never a placeholder, a static, online or busy agent, nor the last agent that satisfies the demands).',
  'cli.help.about.keda':
    'Shows what KEDA’s azure-pipelines trigger counts in the pool, job by job, and what the ScaledJob would do now (or the ScaledObject’s replicas). Give the manifest with -f, or the trigger with flags.',
  'cli.help.about.gate': 'Checks the pools before their jobs queue, without an agent.',
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
  'cli.help.exit.keda':
    'Exit codes: 0 every waiting job is counted, 1 a waiting job is not (it waits for ever) or a finding warns, 3 KEDA rejects the trigger or a pool could not be read.',
} as const;

export type HelpMessageKey = keyof typeof OPTION_MESSAGES;
export type OptionMessageKey = Extract<HelpMessageKey, `option.${string}`>;
