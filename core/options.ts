import { NEWEST_MODELLED, parseKedaVersion } from './keda/version';
import * as inputs from './guard/inputs';
import { parseWaitThreshold } from './guard/wait-threshold';
import { DEFAULT_CHECK_RETRY_MINUTES, DEFAULT_CHECK_TIMEOUT_MINUTES } from './model/pool-check';
import type { OptionMessageKey } from './option-messages';

/**
 * Every option of every face, described once: its name, how each face spells it, its parser, its default and
 * its help. The command line's flags and its `--help` are derived from this table; the task's inputs
 * (`task.json`) and the hub's settings are checked against it by tests, so that the faces cannot drift.
 */

/** What a user runs: the CLI's commands, which are also the task's actions (`gate`: the agentless check). */
export const COMMANDS = ['check', 'repair', 'sweep', 'keda', 'waits', 'gate'] as const;
export type CommandName = (typeof COMMANDS)[number];

/** `text`: one value; `lines`: several (repeated flag, multi-line input); `flag`: on or off; `choice`: one of `choices`. */
export type OptionKind = 'text' | 'lines' | 'flag' | 'choice';

export interface OptionSpec<T = unknown> {
  readonly kind: OptionKind;
  readonly choices?: readonly string[];
  /** As a user would write it; what the option means when it is not given. */
  readonly default?: string;
  /** The commands (task actions) it applies to. */
  readonly commands: readonly CommandName[];
  /** One sentence for `--help`. */
  readonly help: OptionMessageKey;
  /** The command line's spelling: `--flag <value>`, `-short`. */
  readonly cli?: { readonly flag: string; readonly short?: string; readonly value?: string };
  /** The task's input of this name and `task.json` type. */
  readonly task?: { readonly input: string; readonly type: string };
  /** The hub's setting of this name (a pool's preference, a project setting, or a KEDA trigger's metadata key). */
  readonly hub?: { readonly setting: string };
  /** For `keda`: the KEDA trigger metadata key the option sets, its text passed to KEDA as written. */
  readonly metadataKey?: string;
  /** For `keda`: what a manifest says too, so that giving both (`-f` and this option) is a conflict. */
  readonly inManifest?: true;
  /** The value as the product uses it, from the text the user wrote (`''` when not given); throws an `InputError`. */
  readonly parse: (text: string) => T;
}

const GUARD: readonly CommandName[] = ['check', 'repair', 'sweep'];
const EVERY: readonly CommandName[] = ['check', 'repair', 'sweep', 'keda', 'waits'];
/** What every command that calls Azure DevOps takes: where, as whom, through which network, printed how. */
const CALLING: readonly CommandName[] = [...EVERY, 'gate'];
/** The commands that judge pools by kind: the guard's, and `waits`, which tells KEDA agents' jobs apart. */
const JUDGING: readonly CommandName[] = [...GUARD, 'waits'];
const asText = (text: string) => text;
const asFlag = (text: string) => text === 'true';

function option<T>(spec: OptionSpec<T>): OptionSpec<T> {
  return spec;
}

export const OPTIONS = {
  organizationUrl: option({
    kind: 'text',
    commands: CALLING,
    help: 'option.organizationUrl',
    cli: { flag: 'org', value: '<url>' },
    parse: inputs.parseOrganizationUrl,
  }),
  pools: option({
    kind: 'lines',
    commands: CALLING,
    help: 'option.pools',
    cli: { flag: 'pool', value: '<name>' },
    task: { input: 'pools', type: 'multiLine' },
    inManifest: true,
    parse: inputs.parsePoolNames,
  }),
  demands: option({
    kind: 'lines',
    default: '',
    commands: [...GUARD, 'gate'],
    help: 'option.demands',
    cli: { flag: 'demand', value: '<demand>' },
    task: { input: 'demands', type: 'multiLine' },
    hub: { setting: 'demands' },
    parse: inputs.parseDemandLines,
  }),
  minAgentVersion: option({
    kind: 'text',
    commands: [...GUARD, 'gate'],
    help: 'option.minAgentVersion',
    cli: { flag: 'min-agent-version', value: '<version>' },
    hub: { setting: 'minAgentVersion' },
    parse: (text) => inputs.parseMinAgentVersion(text === '' ? undefined : text),
  }),
  action: option({
    kind: 'choice',
    choices: inputs.ACTIONS,
    default: 'check',
    commands: GUARD,
    help: 'option.action',
    task: { input: 'action', type: 'pickList' },
    parse: inputs.parseAction,
  }),
  kedaScaled: option({
    kind: 'flag',
    default: 'false',
    commands: JUDGING,
    help: 'option.kedaScaled',
    cli: { flag: 'keda-scaled' },
    task: { input: 'kedaScaled', type: 'boolean' },
    hub: { setting: 'kedaScaled' },
    parse: asFlag,
  }),
  parent: option({
    kind: 'text',
    default: '',
    commands: EVERY,
    help: 'option.parent',
    cli: { flag: 'parent', value: '<agent>' },
    task: { input: 'parent', type: 'string' },
    hub: { setting: 'parent' },
    metadataKey: 'parent',
    inManifest: true,
    parse: inputs.parseParent,
  }),
  placeholderName: option({
    kind: 'text',
    default: inputs.DEFAULT_PLACEHOLDER_NAME,
    commands: JUDGING,
    help: 'option.placeholderName',
    cli: { flag: 'placeholder-name', value: '<agent>' },
    task: { input: 'placeholderName', type: 'string' },
    hub: { setting: 'placeholderName' },
    parse: inputs.parsePlaceholderName,
  }),
  placeholderCapabilities: option({
    kind: 'lines',
    default: '',
    commands: ['check', 'repair'],
    help: 'option.placeholderCapabilities',
    cli: { flag: 'placeholder-capability', value: '<name=value>' },
    task: { input: 'placeholderCapabilities', type: 'multiLine' },
    parse: inputs.parseCapabilityLines,
  }),
  requireOnlineAgent: option({
    kind: 'flag',
    default: 'false',
    commands: ['check', 'repair'],
    help: 'option.requireOnlineAgent',
    cli: { flag: 'require-online-agent' },
    task: { input: 'requireOnlineAgent', type: 'boolean' },
    parse: asFlag,
  }),
  failOn: option({
    kind: 'choice',
    choices: inputs.FAIL_ON,
    default: 'blocked',
    commands: ['check', 'repair'],
    help: 'option.failOn',
    cli: { flag: 'fail-on', value: 'blocked|atRisk' },
    task: { input: 'failOn', type: 'pickList' },
    parse: inputs.parseFailOn,
  }),
  waitThreshold: option({
    kind: 'text',
    commands: ['check', 'repair', 'waits'],
    help: 'option.waitThreshold',
    cli: { flag: 'wait-threshold', value: '<seconds>' },
    task: { input: 'waitThresholdSeconds', type: 'string' },
    parse: parseWaitThreshold,
  }),
  repairDryRun: option({
    kind: 'flag',
    default: 'false',
    commands: ['repair'],
    help: 'option.repairDryRun',
    cli: { flag: 'dry-run' },
    parse: asFlag,
  }),
  staleAfterHours: option({
    kind: 'text',
    default: String(inputs.DEFAULT_STALE_AFTER_HOURS),
    commands: ['sweep'],
    help: 'option.staleAfterHours',
    task: { input: 'staleAfterHours', type: 'string' },
    hub: { setting: 'staleAfterHours' },
    parse: inputs.parseStaleAfterHours,
  }),
  olderThan: option({
    kind: 'text',
    default: `${inputs.DEFAULT_STALE_AFTER_HOURS}h`,
    commands: ['sweep'],
    help: 'option.olderThan',
    cli: { flag: 'older-than', value: '<age>' },
    parse: inputs.parseOlderThan,
  }),
  dryRun: option({
    kind: 'flag',
    default: 'true',
    commands: ['sweep'],
    help: 'option.dryRun',
    task: { input: 'dryRun', type: 'boolean' },
    parse: inputs.parseDryRun,
  }),
  yes: option({
    kind: 'flag',
    default: 'false',
    commands: ['sweep'],
    help: 'option.yes',
    cli: { flag: 'yes' },
    parse: asFlag,
  }),
  connection: option({
    kind: 'text',
    commands: GUARD,
    help: 'option.connection',
    task: { input: 'connection', type: 'connectedService:keda-pool-guard-ado' },
    parse: asText,
  }),
  azureConnection: option({
    kind: 'text',
    commands: GUARD,
    help: 'option.azureConnection',
    task: { input: 'azureConnection', type: 'connectedService:AzureRM' },
    parse: asText,
  }),
  timeoutSeconds: option({
    kind: 'text',
    default: String(inputs.DEFAULT_TIMEOUT_SECONDS),
    commands: CALLING,
    help: 'option.timeoutSeconds',
    cli: { flag: 'timeout', value: '<seconds>' },
    task: { input: 'timeoutSeconds', type: 'int' },
    parse: inputs.parseTimeoutSeconds,
  }),
  tokenFromAz: option({
    kind: 'flag',
    default: 'false',
    commands: CALLING,
    help: 'option.tokenFromAz',
    cli: { flag: 'token-from-az' },
    parse: asFlag,
  }),
  proxy: option({ kind: 'text', commands: CALLING, help: 'option.proxy', cli: { flag: 'proxy', value: '<url>' }, parse: asText }),
  noProxy: option({ kind: 'text', commands: CALLING, help: 'option.noProxy', cli: { flag: 'no-proxy', value: '<hosts>' }, parse: asText }),
  caFile: option({ kind: 'text', commands: CALLING, help: 'option.caFile', cli: { flag: 'ca-file', value: '<file>' }, parse: asText }),
  json: option({ kind: 'flag', default: 'false', commands: CALLING, help: 'option.json', cli: { flag: 'json' }, parse: asFlag }),
  debug: option({ kind: 'flag', default: 'false', commands: CALLING, help: 'option.debug', cli: { flag: 'debug' }, parse: asFlag }),

  // `gate`: the pool check on the project's queue (`core/guard/pool-check-inputs.ts` checks the three together).
  project: option({
    kind: 'text',
    commands: ['gate'],
    help: 'option.project',
    cli: { flag: 'project', value: '<name>' },
    parse: (text) => text.trim(),
  }),
  checkConnection: option({
    kind: 'text',
    commands: ['gate'],
    help: 'option.checkConnection',
    cli: { flag: 'connection', value: '<service connection>' },
    parse: asText,
  }),
  checkTimeoutMinutes: option({
    kind: 'text',
    default: String(DEFAULT_CHECK_TIMEOUT_MINUTES),
    commands: ['gate'],
    help: 'option.checkTimeoutMinutes',
    cli: { flag: 'timeout-minutes', value: '<minutes>' },
    parse: asText,
  }),
  checkRetryMinutes: option({
    kind: 'text',
    default: String(DEFAULT_CHECK_RETRY_MINUTES),
    commands: ['gate'],
    help: 'option.checkRetryMinutes',
    cli: { flag: 'retry-minutes', value: '<minutes>' },
    parse: asText,
  }),

  // `keda`: the trigger, as the ScaledJob's YAML names its metadata (the hub's KEDA view writes the same keys).
  file: option({
    kind: 'text',
    commands: ['keda'],
    help: 'option.file',
    cli: { flag: 'file', short: 'f', value: '<file>|-' },
    parse: asText,
  }),
  kedaVersion: option({
    kind: 'text',
    default: NEWEST_MODELLED.label,
    commands: ['keda'],
    help: 'option.kedaVersion',
    cli: { flag: 'keda-version', value: '<version>' },
    hub: { setting: 'kedaVersion' },
    parse: (text) => parseKedaVersion(text.trim() === '' ? NEWEST_MODELLED.label : text),
  }),
  triggerDemands: trigger('demands', 'demands', '<a,b>', 'option.trigger.demands'),
  requireAllDemands: triggerFlag('requireAllDemands', 'require-all-demands', 'option.trigger.requireAllDemands'),
  requireAllDemandsAndIgnoreOthers: triggerFlag(
    'requireAllDemandsAndIgnoreOthers',
    'require-all-demands-and-ignore-others',
    'option.trigger.requireAllDemandsAndIgnoreOthers',
  ),
  caseInsensitiveDemandsProcessing: triggerFlag(
    'caseInsensitiveDemandsProcessing',
    'case-insensitive-demands',
    'option.trigger.caseInsensitiveDemandsProcessing',
  ),
  jobsToFetch: trigger('jobsToFetch', 'jobs-to-fetch', '<n>', 'option.trigger.jobsToFetch'),
  fetchUnfinishedJobsOnly: triggerFlag('fetchUnfinishedJobsOnly', 'fetch-unfinished-jobs-only', 'option.trigger.fetchUnfinishedJobsOnly'),
  scaleOnInFlight: trigger('scaleOnInFlight', 'scale-on-in-flight', 'true|false', 'option.trigger.scaleOnInFlight'),
  targetPipelinesQueueLength: trigger('targetPipelinesQueueLength', 'target', '<n>', 'option.trigger.targetPipelinesQueueLength'),
  activationTargetPipelinesQueueLength: trigger(
    'activationTargetPipelinesQueueLength',
    'activation-target',
    '<n>',
    'option.trigger.activationTargetPipelinesQueueLength',
  ),
  // `keda`: the ScaledJob around the trigger, and the Jobs it already has in the cluster.
  strategy: option({
    kind: 'choice',
    choices: ['default', 'custom', 'accurate', 'eager'],
    commands: ['keda'],
    help: 'option.strategy',
    cli: { flag: 'strategy', value: 'default|custom|accurate|eager' },
    inManifest: true,
    parse: (text) => inputs.parseChoice(text, ['default', 'custom', 'accurate', 'eager'], 'strategy'),
  }),
  maxReplicaCount: { ...countOption('max-replica-count', 'option.maxReplicaCount'), inManifest: true },
  minReplicaCount: { ...countOption('min-replica-count', 'option.minReplicaCount'), inManifest: true },
  runningJobs: { ...countOption('running-jobs', 'option.runningJobs'), default: '0' },
  pendingJobs: { ...countOption('pending-jobs', 'option.pendingJobs'), default: '0' },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

/** A trigger metadata key: its text goes to KEDA as written, which applies its own defaults and parsing. */
function trigger(key: string, flag: string, value: string, help: OptionMessageKey): OptionSpec<string> {
  return {
    kind: 'text',
    commands: ['keda'],
    help,
    cli: { flag, value },
    hub: { setting: key },
    metadataKey: key,
    inManifest: true,
    parse: asText,
  };
}

/** A trigger metadata key set to "true" by its flag. */
function triggerFlag(key: string, flag: string, help: OptionMessageKey): OptionSpec<string> {
  return {
    kind: 'flag',
    commands: ['keda'],
    help,
    cli: { flag },
    hub: { setting: key },
    metadataKey: key,
    inManifest: true,
    parse: asText,
  };
}

/** A number of replicas or Jobs, as the ScaledJob or the cluster has it. */
function countOption(flag: string, help: OptionMessageKey): OptionSpec<number | undefined> {
  return { kind: 'text', commands: ['keda'], help, cli: { flag, value: '<n>' }, parse: (text) => inputs.parseCount(text, `--${flag}`) };
}

/** The options that set a KEDA trigger's metadata, with the key each sets. */
export const TRIGGER_OPTIONS: readonly (readonly [OptionName, string])[] = (Object.keys(OPTIONS) as OptionName[]).flatMap((name) => {
  const key = (OPTIONS[name] as OptionSpec).metadataKey;
  return key ? [[name, key] as const] : [];
});

/** The task input an option is read from. */
export function taskInput(name: OptionName): string {
  const task = (OPTIONS[name] as OptionSpec).task;
  if (!task) throw new Error(`The option ${name} is not a task input.`);
  return task.input;
}

/** The options a command takes, in the table's order. */
export function optionsOf(command: CommandName): OptionName[] {
  return (Object.keys(OPTIONS) as OptionName[]).filter((name) => (OPTIONS[name].commands as readonly string[]).includes(command));
}
