/**
 * User-facing texts of the KEDA emulation, shared by the hub's KEDA view and the command line's, in the
 * shared catalog's template syntax (`core/messages.ts` spreads them into `ENGLISH`, and `formatMessage`
 * renders them): `{name}` is text, `{name:code}` a name, value, demand or URL shown as code. Each says what
 * is wrong and what to do. KEDA's own log texts are carried separately (`kedaText`), untranslated, so users
 * can search their logs. This file holds data only: importing anything that renders would close an import
 * cycle with the catalog.
 */
export const KEDA_MESSAGES = {
  // Inputs the user gave us.
  'keda.usage.versionUnreadable':
    'KEDA version {version:code} is not understood. Give the version of the KEDA operator as 2.19, 2.20.1 or v2.21.0.',
  'keda.usage.versionTooOld':
    'KEDA {version} is older than {oldest}, the oldest release this check models (earlier releases sent `$top` for `parent` triggers and miscounted demands). Upgrade KEDA to {oldest} or later.',

  // What KEDA rejects when it builds the scaler.
  'keda.error.bothJobsToFetchAndFetchUnfinished':
    'KEDA rejects this trigger: `jobsToFetch` and `fetchUnfinishedJobsOnly` are both present, and KEDA refuses the pair even when `fetchUnfinishedJobsOnly` is "false". Remove `jobsToFetch` (and set `fetchUnfinishedJobsOnly: "true"` to fetch only unfinished jobs), or remove `fetchUnfinishedJobsOnly`.',
  'keda.error.bothJobsToFetchAndParent':
    'KEDA rejects this trigger: `jobsToFetch` cannot be combined with `parent`, because a `parent` trigger fetches without `$top`. Remove `jobsToFetch`; to keep the response small, set `fetchUnfinishedJobsOnly: "true"`.',
  'keda.error.invalidInteger':
    'KEDA rejects this trigger: {key:code} is {value:code}, which is not a whole number KEDA reads. Write it as plain digits, without quotes inside the value, a sign other than "-", a decimal point or leading zeros.',
  'keda.error.invalidBoolean':
    'KEDA rejects this trigger: {key:code} is {value:code}, which is not a boolean KEDA reads. Use "true" or "false".',
  'keda.error.organizationUrlMissing':
    'KEDA rejects this trigger: it has no organization URL. Set `organizationURLFromEnv` to the name of an environment variable of the agent container that holds the URL (e.g. https://dev.azure.com/contoso), or give `organizationURL` in the TriggerAuthentication.',
  'keda.error.organizationNameMissing':
    'KEDA rejects this trigger: the organization URL {url:code} ends with "/", so KEDA finds no organization name after the last slash. Remove the trailing slash.',
  'keda.error.credentialsMissing':
    'KEDA rejects this trigger: it has no credentials. Put `personalAccessToken` in the TriggerAuthentication, or set `personalAccessTokenFromEnv` to an environment variable of the agent container holding a PAT with the Agent Pools (read) scope, or configure `podIdentity.provider: azure-workload`.',
  'keda.error.podIdentityUnsupported':
    'KEDA rejects this trigger: pod identity provider {provider:code} is not supported by the azure-pipelines scaler. Use `azure-workload`, or a personal access token.',
  'keda.error.poolMissing':
    "KEDA rejects this trigger: neither `poolName` nor `poolID` is set (a `poolID` of 0 counts as unset). Set `poolName` to the agent pool's name, or `poolID` to the organization-level pool id (not the project queue id).",
  'keda.error.poolNameNotFound':
    'KEDA cannot start this trigger: no agent pool named {name:code} is visible to its credentials. Check the spelling, and that the PAT or identity may read the pool (Agent Pools (read) scope and a role on the pool).',
  'keda.error.poolNameAmbiguous':
    'KEDA cannot start this trigger: {count} agent pools answer to the name {name:code}. Use `poolID` with the id of the intended pool instead of `poolName`.',
  'keda.error.poolIdProbeFailed':
    'KEDA cannot start this trigger: checking pool {id} failed with HTTP {status}. Check the organization URL, and that the PAT or identity is valid and may read agent pools.',
  'keda.error.poolLookupFailed':
    'KEDA cannot start this trigger: looking up pool {name:code} failed with HTTP {status}. Check the organization URL, and that the PAT or identity is valid and may read agent pools.',
  'keda.error.poolResponseUnreadable':
    'KEDA cannot start this trigger: the pool lookup {url:code} answered HTTP {status} with a body KEDA cannot read ({detail}). An HTML sign-in page usually means the PAT is invalid or expired: renew it.',

  // Settings KEDA accepts but that do not do what they seem to.
  'keda.finding.keyNotSupportedByVersion':
    'KEDA {version} does not know {key:code} (added in {since}) and ignores it, so the trigger behaves as if it were absent. Upgrade KEDA to {since} or later, or remove {key:code}.',
  'keda.finding.scaleOnInFlightIgnoredUpTo219':
    'KEDA {version} ignores `scaleOnInFlight` (added in 2.21): it always counts jobs an agent has already received. Pair it with the `default` ScaledJob strategy, or upgrade KEDA to 2.21 for the setting to apply.',
  'keda.finding.scaleOnInFlightIgnoredV220':
    'KEDA {version} ignores `scaleOnInFlight` (added in 2.21): 2.20.x never counts jobs an agent has already received. Pair it with the `accurate` ScaledJob strategy, or upgrade KEDA to 2.21 for the setting to apply.',
  'keda.finding.unknownMetadataKey':
    '{key:code} is not a setting of the azure-pipelines scaler, so KEDA ignores it. Remove it, or correct its spelling.',
  'keda.finding.metadataKeyCaseMismatch':
    '{key:code} is not read: KEDA matches setting names case-sensitively and expects {expected:code}. Rename the key to {expected:code}.',
  'keda.finding.demandItemPadded':
    'The demands item {item:code} keeps its spaces (KEDA splits `demands` on commas without trimming the items), so it never equals the job demand {trimmed:code}. Remove the spaces around the commas.',
  'keda.finding.demandItemDuplicated':
    'The demands item {item:code} is listed {times} times. KEDA counts every matching pair, so the duplicate inflates its count and, unless `requireAllDemandsAndIgnoreOthers` is set, no job demanding {item:code} matches. List each demand once.',
  'keda.finding.demandItemEmpty':
    'The demands list has an empty item at position {position} (a doubled, leading or trailing comma). It matches no job demand, and with `requireAllDemands` or `requireAllDemandsAndIgnoreOthers` it keeps every job from matching. Remove the extra comma.',
  'keda.finding.demandAgentVersionIgnored':
    'KEDA drops every demands item that starts with `Agent.Version`, so {item:code} has no effect (KEDA never compares agent versions). Remove it.',
  'keda.finding.parentIgnoresDemands':
    '`parent` is set, so KEDA ignores `demands` and counts the jobs whose matched agents include {parent:code}. Remove `demands`, or remove `parent` to filter by demands instead.',
  'keda.finding.requireAllDemandsWins':
    '`requireAllDemands` and `requireAllDemandsAndIgnoreOthers` are both true; KEDA applies `requireAllDemands` (exact match) and ignores the other. Keep only the one you mean.',
  'keda.finding.jobsToFetchAboveServiceCap':
    '`jobsToFetch` is {jobsToFetch}, but Azure DevOps returns at most {cap} job requests for `$top`, finished ones included (kedacore/keda#6819), so in a busy pool waiting jobs can fall outside what KEDA sees. Use `fetchUnfinishedJobsOnly: "true"` (KEDA 2.18+) instead of `jobsToFetch`.',
  'keda.finding.jobsToFetchIgnoredWithParent':
    "`jobsToFetch` has no effect: with `parent` set, KEDA {version} fetches the pool's whole job history without `$top` (KEDA 2.18 and later reject the pair). Remove `jobsToFetch`.",
  'keda.finding.jobsToFetchNotPositive':
    '`jobsToFetch` is {jobsToFetch}, so KEDA sends it as `$top`, and what the service answers to that is not documented. Remove `jobsToFetch` (default 250) or set a positive number.',
  'keda.finding.targetNotPositive':
    '`targetPipelinesQueueLength` is {target}: a ScaledJob then creates no Jobs beyond `minReplicaCount` (KEDA computes its scale only for a target other than 0, and a negative one gives a negative scale), and the HPA of a ScaledObject rejects a target that is not positive. Remove it (default 1) or set a positive number.',
  'keda.finding.poolNameWinsOverPoolId':
    'Both `poolName` ({poolName:code}) and `poolID` ({poolID}) are set; KEDA uses `poolName` and ignores `poolID`. Keep only one of them.',
  'keda.finding.emptyPersonalAccessToken':
    "`personalAccessTokenFromEnv` names {envName:code}, but the container has no such variable, so KEDA sends an empty token and Azure DevOps refuses it. Add {envName:code} to the container's environment, or correct the name.",

  // What the pool's jobs reveal.
  'keda.finding.demandlessJobsMatchEveryTrigger':
    'Waiting jobs with no demands besides `Agent.Version`: {count} ({jobs:code}). In its default mode KEDA counts such a job for every demands trigger on the pool (kedacore/keda#4138), so each of those ScaledJobs starts an agent for it. Set `requireAllDemands: "true"` or `requireAllDemandsAndIgnoreOthers: "true"` on the triggers that should not take them.',
  'keda.finding.parentNotInMatchedAgents':
    'Waiting jobs whose matched agents do not include the parent {parent:code}: {count} ({jobs:code}). KEDA counts a job for this trigger only when Azure DevOps lists the parent among the agents able to run it, so these jobs start no agent. Keep an agent named exactly {parent:code} registered in the pool (offline is fine) with the capabilities these jobs demand.',
  'keda.finding.parentNameCaseMismatch':
    "The parent is {parent:code} but the pool's matching agent is named {agentName:code}; KEDA compares names case-sensitively, so it never matches. Set `parent` to {agentName:code}, or rename the agent.",
  'keda.finding.jobsWithoutMatchedAgents':
    'Waiting jobs without a matched-agents list: {count} ({jobs:code}). KEDA counts a job for parent {parent:code} only through that list, so it counts none of them. Read the job requests without `$top` (e.g. with `completedRequestCount=0`) so the list is present, and check that the pool still has an agent able to run them.',
  'keda.finding.queuedJobsBeyondTopWindow':
    'Unfinished jobs outside the first {window} job requests the service returns for `$top`: {count} ({jobs:code}). KEDA never sees them, so they start no agent until newer requests finish. Set `fetchUnfinishedJobsOnly: "true"` (KEDA 2.18+) and remove `jobsToFetch`.',

  // ScaledJob strategy against the count.
  'keda.finding.defaultStrategyExcludesInFlight':
    'KEDA {version} leaves jobs an agent has already received out of the count, while the `default` ScaledJob strategy subtracts every running Job: with jobs in flight it starts too few agents, down to none (kedacore/keda#7878). Use `scalingStrategy.strategy: accurate`, or count in-flight jobs again (KEDA 2.21 or later with `scaleOnInFlight` at its default "true").',
  'keda.finding.accurateStrategyCountsInFlight':
    'KEDA {version} counts jobs an agent has already received, while the `accurate` ScaledJob strategy subtracts only pending Jobs: every poll starts another agent for each job in flight until it finishes (kedacore/keda#7747). Use the `default` strategy, or (KEDA 2.21+) set `scaleOnInFlight: "false"`.',
  'keda.finding.customPercentageUnparseable':
    '`customScalingRunningJobPercentage` is {value:code}, which KEDA cannot read as a number, so it silently uses the `default` strategy. Write it as a decimal such as "0.5".',
  'keda.finding.customDeductionMissing':
    'The `custom` strategy is selected but `customScalingQueueLengthDeduction` is not set; KEDA reads it without checking, and the scaling of this ScaledJob fails. Set it (0 for no deduction).',

  // Several triggers on one pool.
  'keda.finding.jobsNoTriggerCounts':
    "Waiting jobs that none of the triggers ({triggers:code}) counts: {count} ({jobs:code}). No ScaledJob starts an agent for them, so they wait until another agent takes them or they time out. Widen a trigger's `demands` (or its `parent`) so that exactly one trigger counts each of them; the reasons per trigger are listed with each job.",
  'keda.finding.jobsCountedByManyTriggers':
    'Jobs counted by more than one trigger: {count} ({jobs:code}, each with the triggers counting it). Each of those ScaledJobs starts an agent for the same job, and the extra agents idle or take other work (kedacore/keda#4195). Make the triggers\' demands disjoint, e.g. with `requireAllDemands: "true"`.',

  // Why one job request is or is not counted (`JobReason`, rendered by `renderJobReason`). A code with several
  // sentences has its main one under `keda.reason.<code>` and the others under `keda.reason.<code>.<variant>`.
  'keda.reason.beyondTopWindow':
    'not counted: it comes at position {position} of the service’s answer, after the first {window} job requests that KEDA reads with `$top`',
  'keda.reason.finished': 'not counted: it has finished ({result:code})',
  'keda.reason.receivedExcluded': 'not counted: an agent has already received it, and KEDA 2.20.x never counts such jobs',
  'keda.reason.receivedExcluded.scaleOnInFlightFalse': 'not counted: an agent has already received it, and `scaleOnInFlight` is "false"',
  'keda.reason.countedNoFilter': 'counted: the trigger sets neither `parent` nor `demands`, so KEDA counts every unfinished job',
  'keda.reason.countedParent': 'counted: Azure DevOps lists {parent:code} among the agents able to run it',
  'keda.reason.parentNotInMatchedAgents':
    'not counted: the agents Azure DevOps matched to it ({matchedAgents:code}) do not include {parent:code}',
  'keda.reason.parentNotInMatchedAgents.none': 'not counted: Azure DevOps matched no agent to it, so not {parent:code} either',
  'keda.reason.noMatchedAgents': 'not counted: the job request carries no list of matched agents, so KEDA cannot find {parent:code} in it',
  'keda.reason.countedDemands': 'counted: the trigger’s `demands` include every demand of the job (`Agent.Version` aside)',
  'keda.reason.countedDemands.requireAllDemands': 'counted: the job’s demands (`Agent.Version` aside) are exactly the trigger’s `demands`',
  'keda.reason.countedDemands.requireAllDemandsAndIgnoreOthers': 'counted: the job demands everything in the trigger’s `demands`',
  'keda.reason.demandMismatch': 'not counted: the trigger’s demands {trigger:code} do not include {missing:code}, which the job demands',
  'keda.reason.demandMismatch.triggerDemandNotInJob':
    'not counted: the job does not demand {missing:code}, and with {setting:code} KEDA requires every demand of the trigger',
  'keda.reason.demandMismatch.duplicated':
    'not counted: a demand is listed more than once, in the job or the trigger, and KEDA counts every matching pair ({pairs} here) where it expects one per demand',

  // The KEDA view of a pool, in the hub's KEDA tab and the command line's `keda-pool-guard keda`.
  'keda.view.heading': 'Pool {pool:code} (id {poolId}) as a KEDA {version} trigger sees it',
  'keda.view.url': 'KEDA calls: GET {url:code}',
  'keda.view.queue': 'Queue length: {queueLength} (metric {metricName:code}).',
  'keda.view.active': 'Active: yes, the queue length is above the activation target of {activation}.',
  'keda.view.inactive': 'Active: no, the queue length is not above the activation target of {activation}, so KEDA starts no agent.',
  'keda.view.noJobs': 'The pool has no unfinished job request.',
  'keda.view.columns': 'Request|Job|State|Demands|Counted|Why',
  'keda.view.state.waiting': 'waiting',
  'keda.view.state.inFlight': 'in flight',
  'keda.view.state.finished': 'finished',
  'keda.view.counted.yes': 'yes',
  'keda.view.counted.no': 'no',
  'keda.view.waitingUncounted':
    '{count} waiting job(s) are not counted: this trigger starts no agent for them, so they wait until another agent takes them or they time out.',
  'keda.view.topWindowNote':
    'KEDA reads the first {jobsToFetch} job requests with `$top`, finished ones included, and the service returns at most {cap}; this view read only the unfinished ones. In a busy pool a job counted here may fall outside what KEDA reads: `fetchUnfinishedJobsOnly: "true"` (KEDA 2.18+) avoids that.',
  'keda.view.kedaLog': 'KEDA logs: {log:code}',
} as const;

export type KedaMessageKey = keyof typeof KEDA_MESSAGES;
