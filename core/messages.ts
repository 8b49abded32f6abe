import { KEDA_MESSAGES } from './keda/messages';

/**
 * The sentences every face shares, by key, in English: findings, their reasons and fixes, verdicts, the
 * settings' problems, the summary and the sweep's report, and the KEDA emulation's texts. Each face keeps
 * its own texts beside its code (`tasks/KedaPoolGuardV1/messages.ts`, `cli/messages.ts`,
 * `hub/src/messages.ts`) and renders both through `faceFormatter`. A translation is a `Translation`
 * overlay passed to the renderers; missing keys fall back to English.
 *
 * Templates name their parameters, so a translation may reorder them: `{pool}` is text, `{pool:code}`
 * is a name, value or command shown as code, `{oldestMs:duration}` is a duration in milliseconds
 * rendered in words. A list parameter renders as a comma-separated list, shortened after ten items.
 * Templates are Markdown-safe as written: backticks mark code; parameters are escaped when rendered.
 */
export const ENGLISH = {
  ...KEDA_MESSAGES,
  'verdict.ready': 'ready',
  'verdict.atRisk': 'at risk',
  'verdict.blocked': 'blocked',
  'kind.placeholder': 'placeholder',
  'kind.keda': 'KEDA',
  'kind.static': 'static',
  'kind.stale': 'stale',
  'placeholderState.presentOffline': 'present, offline',
  'placeholderState.presentOnline': 'present, online',
  'placeholderState.disabled': 'disabled',
  'placeholderState.missing': 'missing',
  'placeholderState.drifted': 'drifted',
  'placeholderState.unknown': 'unknown',
  'status.online': 'online',
  'status.offline': 'offline',
  'status.disabled': 'disabled',

  'severity.error': 'Error',
  'severity.warning': 'Warning',
  'severity.info': 'Note',
  'label.why': 'Why',
  'label.fix': 'Fix',
  'list.more': ' and {count} more',

  'duration.underMinute': 'less than a minute',
  'duration.minutes.one': '1 minute',
  'duration.minutes.other': '{count} minutes',
  'duration.hours.one': '1 hour',
  'duration.hours.other': '{count} hours',
  'duration.days.one': '1 day',
  'duration.days.other': '{count} days',

  'demand.invalid':
    'Demand {demand:code} is not valid: {problem}. Write a demand as `name`, `name -equals value` or `name -gtVersion value`.',
  'demand.problem.empty': 'it is empty',
  'demand.problem.malformed': 'a name cannot contain spaces, and only ` -equals value` or ` -gtVersion value` may follow it',
  'demand.problem.unknownOperator': '{operator:code} is not an operator (operators are case-sensitive)',
  'demand.problem.missingValue': 'the operator {operator:code} needs a value after it',
  'demand.problem.invalidVersion': 'the minimum agent version must be numbers separated by dots, such as {example:code}',

  'reason.markerCapability': 'carries the placeholder marker capability {capability:code}',
  'reason.configuredName': 'has the configured placeholder name {name:code} (KEDA `parent`)',
  'reason.namePattern': 'name matches the placeholder pattern {pattern:code}',
  'reason.podName': 'name matches the Kubernetes pod pattern `<scaledjob>-xxxxx-xxxxx` (ScaledJob {scaledJob:code})',
  'reason.kubernetesCapability': 'has capability {capability:code}, so it ran in a Kubernetes pod',
  'reason.offlineFor': 'offline for {offlineMs:duration}',
  'reason.neverRanJob': 'offline and never ran a job',
  'reason.noKedaEvidence': 'neither a placeholder nor created by KEDA',

  'finding.poolNotFound': 'Agent pool {pool:code} does not exist, or you may not see it.',
  'finding.poolNotFound.why':
    'Azure DevOps lists only the pools the caller may view, so a missing pool and a pool without a Reader grant look the same. Jobs sent to a pool nobody can resolve never run.',
  'finding.poolNotVisible': 'The identity running this check may not read agent pool {pool:code}.',
  'finding.poolNotVisible.why':
    'Reading a pool and its agents needs the Reader role on the organization-level pool. Without it nothing about the pool can be checked.',
  'finding.poolEmpty': 'Agent pool {pool:code} has no registered agent, so every job sent to it fails at once.',
  'finding.poolEmpty.why':
    'Azure DevOps checks a job’s demands when it queues the job. With no agent registered, online or offline, nothing can satisfy them, so it fails the job (`No agent found in pool … which satisfies the specified demands`) instead of queueing it. KEDA only counts queued jobs, so it never starts an agent. A pool that scales from zero needs a registered, usually offline, placeholder agent.',
  'finding.demandsUnsatisfiable':
    'No agent registered in pool {pool:code} satisfies the demands {demands:code}, so such jobs fail at once.',
  'finding.demandsUnsatisfiable.why':
    'Azure DevOps queues a job only if at least one registered agent, online, offline or disabled, has capabilities satisfying all its demands, including the implicit `Agent.Version -gtVersion` demand set by the job’s tasks. Otherwise it fails the job at once, and KEDA, which only counts queued jobs, never scales.',
  'finding.noPlaceholder':
    'Jobs in pool {pool:code} queue only because KEDA agents are still registered ({kedaAgents:code}); the pool has no placeholder.',
  'finding.noPlaceholder.why':
    'KEDA agents come and go: once they are deleted, by the agent image on exit or by a cleanup, no registered agent satisfies the jobs’ demands and Azure DevOps fails new jobs at once. A registered, offline placeholder keeps the pool able to queue jobs.',
  'finding.placeholderUnfit': 'No placeholder in pool {pool:code} ({placeholders:code}) satisfies the jobs’ demands.',
  'finding.placeholderUnfit.why':
    'A placeholder stands in for the KEDA agents while none is registered, and Azure DevOps matches its capabilities and agent version against every job. Other agents still satisfy the demands today; once they are gone, such jobs fail at once.',
  'finding.placeholderOutdated':
    'Placeholder {placeholder:code} reports agent version {version:code}, older than the {kedaVersion:code} of the KEDA agents (such as {kedaAgent:code}).',
  'finding.placeholderOutdated.why':
    'Each job demands `Agent.Version -gtVersion` the highest minimum agent version of its tasks. Tasks that need the newer agent your image runs find no registered agent once the KEDA agents are gone, and their jobs fail at once.',
  'finding.placeholderMissingCapabilities':
    'Placeholder {placeholder:code} lacks capabilities the KEDA agents have (compared with {kedaAgent:code}): {capabilities:code}.',
  'finding.placeholderMissingCapabilities.why':
    'A job that demands one of them is satisfied today only by KEDA agents; when none is registered, Azure DevOps fails it at once. Capabilities that differ in every pod (`HOSTNAME`, `Agent.Name`, `Agent.ComputerName`) or follow the cluster’s Services (`KUBERNETES_*`, `*_SERVICE_HOST`, `*_PORT*`) are not compared.',
  'finding.placeholderOnline': 'Placeholder {placeholders:code} is online and enabled, so Azure DevOps can give it a real job.',
  'finding.placeholderOnline.why':
    'A placeholder only has to be registered. While its agent process runs, it competes with the KEDA agents for jobs and may run one in the template pod, or fail it for lack of tools.',
  'finding.placeholderDisabled': 'Placeholder {placeholder:code} is disabled.',
  'finding.placeholderDisabled.why':
    'Jobs still wait for a disabled matching agent instead of failing, but it is not confirmed that Azure DevOps lists disabled agents among a job’s matched agents, which KEDA’s `parent` mode relies on. KEDA’s own tests keep the template enabled and offline.',
  'finding.placeholderUnmarked': 'Placeholder {placeholders:code} is recognized by its name only.',
  'finding.placeholderUnmarked.why':
    'Names get changed and cleanup scripts match names their own way; the marker capability {marker:code} says “placeholder” whatever the name, and KEDA Pool Guard never proposes to delete an agent that carries it.',
  'finding.parentMissing':
    'No agent in pool {pool:code} is named exactly {parent:code}, the placeholder that KEDA’s `parent` setting names.',
  'finding.parentMissing.why':
    'With `parent` set, KEDA counts a queued job only if an agent of exactly that name, compared case-sensitively, is among the agents Azure DevOps matched to the job. Without it, KEDA counts nothing, never scales, and jobs wait until they time out.',
  'finding.parentUnfit': 'The placeholder named by KEDA’s `parent`, {parent:code}, does not satisfy {unmet:code}.',
  'finding.parentUnfit.why':
    'These jobs queue because other agents satisfy them, but Azure DevOps does not list {parent:code} among their matched agents, so a trigger whose `parent` is {parent:code} does not count them and never starts an agent for them.',
  'finding.noOnlineAgent': 'No enabled agent that satisfies the demands is online in pool {pool:code}, and this check requires one.',
  'finding.noOnlineAgent.why':
    'Jobs would queue and wait until an agent comes online. In a pool that scales from zero that is normal, which is why requiring an online agent is optional.',
  'finding.jobsStuck':
    '{count} job(s) in pool {pool:code} have waited longer than {thresholdMs:duration} (the oldest for {oldestMs:duration}), and no KEDA agent has registered since they were queued.',
  'finding.jobsStuck.why':
    'KEDA starts an agent for each queued job its trigger counts. Jobs that wait while no new agent registers are not being scaled for.',
  'finding.staleAgents':
    'Agents created by KEDA in pool {pool:code} have been offline for more than {thresholdMs:duration}: {agents:code}.',
  'finding.staleAgents.why':
    'Agents configured with `--once` stay registered after their pod ends. They clutter the pool, and as long as they match the demands jobs wait on them instead of failing, which can hide a missing placeholder.',

  'detail.serviceMessage': 'Azure DevOps answers: {message:code}',
  'detail.serviceStatus': 'Azure DevOps answered HTTP {status}, also when tried again.',
  'detail.connectionDropped': 'The connection to Azure DevOps closed before an answer came, also when tried again.',
  'detail.placeholderUnmet': 'Placeholder {agent:code} fails {unmet:code}.',
  'detail.agentUnmet': 'Agent {agent:code} fails {unmet:code}.',
  'detail.capabilityValues': '{agent:code} has {values:code}.',
  'detail.parentCase': 'Agent {agent:code} differs from {parent:code} only in case; KEDA compares names case-sensitively.',

  'sign.parentNotMatched':
    '{count} of these jobs do not list {parent:code} among their matched agents, so a trigger whose `parent` is {parent:code} does not count them.',
  'sign.noKedaAgentFits':
    'No KEDA agent seen in this pool satisfies {demands:code}: no trigger may count these jobs (KEDA compares demands as whole strings), or the agent image lacks what they demand.',
  'sign.noKedaAgents':
    'No agent created by KEDA is registered in this pool: either no ScaledJob targets it, or its agents deregister when they exit.',
  'sign.kedaSilent':
    'The last KEDA agent, {agent:code}, registered {ageMs:duration} ago, before these jobs were queued, and nothing points to a trigger that ignores them: KEDA is not running, or it cannot authenticate (the token in its TriggerAuthentication expired or was revoked).',
  'sign.lastKedaRegistration': 'The last KEDA agent, {agent:code}, registered {ageMs:duration} ago, before these jobs were queued.',
  'sign.kedaBusy': '{count} KEDA agent(s) are online and busy: if that is the ScaledJob’s `maxReplicaCount`, jobs wait for a free slot.',

  'fix.checkPoolName': 'Check the spelling of {pool:code} against Organization settings → Agent pools.',
  'fix.grantReader':
    'If the pool exists, ask a pool administrator to give the identity running this check the Reader role on it (Organization settings → Agent pools → {pool:code} → Security). In a pipeline that identity is the job’s build service, named in the access-denied message, such as `Project Collection Build Service (<org>)` or `<project> Build Service (<org>)`; grant the role to the identity itself, not to a group.',
  'fix.registerPlaceholder':
    'Register a placeholder agent named {name:code}, with agent version {version:code} or later and capabilities that satisfy {demands:code}, and leave it offline.',
  'fix.registerPlaceholderLike':
    'Register a placeholder agent named {name:code} with the capabilities of {agent:code}, the newest KEDA agent, and agent version {version:code} or later, so that it satisfies {demands:code}; leave it offline.',
  'fix.unmetByKedaAgents':
    'No KEDA agent seen in this pool satisfies {unmet:code}: a placeholder claiming it would let such jobs queue, then wait forever for an agent able to run them. Fix the agent image or the jobs’ demands first; if the KEDA agents do offer it, give it to the placeholder as a user capability.',
  'fix.repairTask':
    'Let KEDA Pool Guard do it: run its task with `action: repair`, with a service connection whose identity is Administrator of pool {pool:code}:',
  'fix.configSh':
    'Or register it by hand in a container of your agent image where `AZP_URL` and `AZP_TOKEN` (a PAT with Agent Pools read & manage) are set, then let the container exit without starting `run.sh` and without the exit trap that runs `config.sh remove`:',
  'fix.addMarker':
    'Add the user capability {marker:code} with the value `true` to {name:code} (Organization settings → Agent pools → {pool:code} → Agents → the agent → Capabilities), so that it is recognized as a placeholder whatever its name.',
  'fix.kedaParent':
    'If your ScaledJob’s trigger uses `parent`, set it to exactly {name:code}: KEDA counts a job only when that agent is among the job’s matched agents.',
  'fix.reregister':
    'Re-register {agent:code} from a container of the current agent image; `--replace` refreshes its version and system capabilities and keeps its user capabilities:',
  'fix.addUserCapabilities':
    'Give {agent:code} user capabilities that satisfy {demands:code}: Organization settings → Agent pools → {pool:code} → Agents → {agent:code} → Capabilities.',
  'fix.copyCapabilities':
    'Add {capabilities:code} to {placeholder:code} as user capabilities, with the values {kedaAgent:code} reports (Organization settings → Agent pools → {pool:code} → Agents → {placeholder:code} → Capabilities), or re-register it from the current image.',
  'fix.minAgentVersionDefault':
    'The minimum agent version {version:code} is KEDA Pool Guard’s default, the first agent version with the Node 20 task handler. If your jobs’ tasks demand less, give their real minimum as the minimum agent version.',
  'fix.enablePlaceholder':
    'Enable {placeholder:code} (Organization settings → Agent pools → {pool:code} → Agents) and keep it offline by not running its agent process.',
  'fix.stopPlaceholder':
    'Stop the agent process of {placeholders:code} without deregistering it: scale its Deployment to 0 or delete its pod, and make sure the container’s exit trap does not run `config.sh remove`. It stays registered, offline, and keeps the pool able to queue jobs.',
  'fix.setParent': 'Or set the trigger’s `parent` to the name of a placeholder that satisfies these jobs: {placeholders:code}.',
  'fix.startAgent':
    'Keep an agent online, for example with `minReplicaCount: 1` on the ScaledJob, or stop requiring an online agent if jobs may wait for KEDA to scale.',
  'fix.deleteStale':
    'Delete them in Organization settings → Agent pools → {pool:code} → Agents, or with a `DELETE` of {path:code} for each; never delete the placeholder. To stop new ones piling up, let the agent image run `config.sh remove` on exit, except in the placeholder.',
  'fix.checkParent':
    'Make {parent:code} satisfy these jobs’ demands (it must be among their matched agents), or point the trigger’s `parent` at a placeholder that does.',
  'fix.checkTriggerDemands':
    'Compare the trigger’s `demands` with {demands:code}: by default KEDA counts a job only if each of its demands, `Agent.Version` aside, appears in the trigger’s list as the same whole string, case-sensitively unless `caseInsensitiveDemandsProcessing` is set, with no spaces after commas.',
  'fix.checkTriggerPool':
    'Check that a ScaledJob’s `azure-pipelines` trigger names this pool: `poolName` {pool:code}, or `poolID` {poolId:code}, the organization pool id, not the project queue id.',
  'fix.checkKedaScaler':
    'Check KEDA: `kubectl get pods -n keda` shows whether the operator runs; `kubectl describe scaledjob <name>` and `kubectl get events --field-selector reason=KEDAScalerFailed` show scaler errors. A 401 from Azure DevOps means the token in the TriggerAuthentication expired or was revoked: renew it in its secret.',
  'fix.raiseMaxReplicas': 'If the busy agents are at the ScaledJob’s `maxReplicaCount`, raise it or wait for running jobs to finish.',

  // The guard's findings: a pool it could not read, and what `repair` did.
  'finding.credentialsRejected': 'Azure DevOps did not accept the token used to read pool {pool:code}.',
  'finding.credentialsRejected.why':
    'The service answers 401 to a token that is wrong, expired, revoked, or lacks the Agent Pools (read) scope, and nothing can be checked without it.',
  'finding.accessDenied': 'The identity running this check may not read pool {pool:code} or its agents.',
  'finding.accessDenied.why':
    'Reading a pool’s agents needs the Reader role on the organization-level pool; without it the service refuses or hides the pool.',
  'finding.throttled':
    'Azure DevOps throttled the requests for pool {pool:code} and asked to wait {retryAfterSeconds} seconds, longer than the time left.',
  'finding.throttled.why':
    'The service limits how much each identity may ask in a five-minute window and answers 429 beyond it; the guard waits as asked, but only within its time-out.',
  'finding.timedOut': 'Azure DevOps did not answer in time for pool {pool:code}.',
  'finding.timedOut.why': 'The guard gives up when its time-out runs out, rather than hold the pipeline.',
  'finding.unexpectedAnswer': 'The answer for pool {pool:code} (HTTP {status}) was not the JSON of the Azure DevOps REST API.',
  'finding.unexpectedAnswer.why':
    'A wrong organization URL, a proxy, or a sign-in page in between answers with something else than the service’s JSON.',
  'finding.serviceFailed': 'Azure DevOps failed while reading pool {pool:code} (HTTP {status}), also when tried again.',
  'finding.serviceFailed.why':
    'The service or the network between had a failure; the guard tries again a few times within its time-out, then stops.',
  'finding.placeholderRegistered':
    'Registered placeholder {name:code} (agent version {version:code}) in pool {pool:code}; it stays offline.',
  'finding.placeholderRegistered.why':
    'An offline registered agent whose capabilities satisfy the jobs’ demands makes Azure DevOps queue them instead of failing them, so KEDA sees them and scales.',
  'finding.placeholderNameTaken': 'An agent named {name:code} already exists in pool {pool:code}, so nothing was registered.',
  'finding.placeholderNameTaken.why':
    'Another run registered it first, or an agent of that name was there before; the guard never changes agents it did not just create.',
  'finding.repairDenied': 'The identity running this check may not register agents in pool {pool:code}.',
  'finding.repairDenied.why': 'Registering an agent needs the Administrator role on the pool, which a pipeline’s job token normally lacks.',
  'finding.repairFailed': 'Registering the placeholder in pool {pool:code} failed.',
  'finding.repairFailed.why': 'The service refused or failed the registration; the pool was left as it was.',

  'fix.jobTokenRejected':
    'The job’s own token was refused: check that the pipeline’s job authorization scope allows reading agent pools, or give the task a service connection holding a personal access token with the Agent Pools (read & manage) scope.',
  'fix.patRejected':
    'Create a new personal access token with the Agent Pools (read & manage) scope (User settings → Personal access tokens) and put it in the service connection or the environment variable.',
  'fix.grantReaderToBuildService':
    'Give the Reader role on pool {pool:code} (Organization settings → Agent pools → {pool:code} → Security) to the identity the job token acts as: {identities:code}, depending on the pipeline’s job authorization scope. Grant it to the identity itself, not to a group.',
  'fix.grantReaderToPatOwner':
    'Give the owner of the personal access token the Reader role on pool {pool:code} (Organization settings → Agent pools → {pool:code} → Security), or check the pool’s name.',
  'fix.useConnectionForRepair':
    'Run `repair` with the task’s `connection` input: a service connection holding a personal access token of a pool Administrator, with the Agent Pools (read & manage) scope. Or give {identities:code} the Administrator role on pool {pool:code} (Organization settings → Agent pools → {pool:code} → Security).',
  'fix.grantAdministratorToPatOwner':
    'Give the owner of the personal access token the Administrator role on pool {pool:code} (Organization settings → Agent pools → {pool:code} → Security), and make sure the token has the Agent Pools (read & manage) scope.',
  'fix.portalTokenRejected':
    'Reload the page. If Azure DevOps keeps refusing, ask an organization administrator to check that KEDA Pool Guard is installed and its Agent Pools scopes are approved (Organization settings → Extensions).',
  'fix.grantReaderToUser':
    'Ask a pool administrator to give you the Reader role on pool {pool:code} (Organization settings → Agent pools → {pool:code} → Security).',
  'fix.grantAdministratorToUser':
    'Ask a pool administrator to give you the Administrator role on pool {pool:code} (Organization settings → Agent pools → {pool:code} → Security), or to make the change.',
  'fix.refreshPage': 'Refresh the page in a few minutes; if it keeps failing, look at the Azure DevOps status page.',
  'fix.throttled':
    'Run the check again later, or raise its time-out (`timeoutSeconds`, or `--timeout`) so that it can wait as long as the service asks.',
  'fix.timedOut':
    'Raise the time-out (`timeoutSeconds`, or `--timeout`) if the service is slow, or check that the agent can reach the organization URL.',
  'fix.checkOrganizationUrl':
    'Check the organization URL: it must be the organization itself, such as `https://dev.azure.com/contoso`, with no project or page after it.',
  'fix.serviceFailed': 'Run the check again later; if it keeps failing, look at the Azure DevOps status page.',

  // The sweep of leftover KEDA agents: why each agent is deleted or kept, and what a sweep did.
  'keep.placeholder': 'never deleted',
  'keep.static': 'never deleted',
  'keep.busy': 'running a job',
  'keep.online': 'online',
  'keep.offlineSinceUnknown': 'offline since a time Azure DevOps does not report',
  'keep.offlineRecently': 'offline for {offlineMs:duration}, not longer than {thresholdMs:duration}',
  'keep.lastMatchingAgent':
    'kept as the last agent that satisfies {demands:code}, so that such jobs still queue; register a placeholder (`action: repair`) and a later sweep deletes it',
  'change.gone': 'deleted by someone else after the pool was read',
  'change.online': 'came online after the pool was read',
  'change.busy': 'took a job after the pool was read',
  'change.renamed': 'renamed to {name:code} after the pool was read',
  'change.nowPlaceholder': 'marked as a placeholder after the pool was read',
  'change.statusChanged': 'went online and offline again after the pool was read',
  'change.enabledChanged': 'enabled or disabled after the pool was read',
  'change.capabilitiesChanged': 'its capabilities or agent version changed after the pool was read',
  'sweep.action.deleted': 'deleted',
  'sweep.action.wouldDelete': 'would delete',
  'sweep.action.skipped': 'skipped',
  'sweep.action.failed': 'not deleted',
  'sweep.action.notAttempted': 'not tried',
  'sweep.action.kept': 'kept',
  'sweep.refused': 'Azure DevOps refused the deletion',
  'sweep.timedOut': 'the time-out ran out',
  'sweep.failed': 'Azure DevOps failed (HTTP {status})',
  'sweep.notAttempted': 'the sweep of this pool stopped before it; see the errors and warnings',
  'sweep.columns': 'Agent|Action|Kind|Status|Why',
  'sweep.pool': 'Pool {pool:code}: {deleted} deleted, {skipped} skipped, {failed} not deleted, {kept} kept',
  'sweep.poolDryRun': 'Pool {pool:code}: {count} to delete, {kept} kept (dry run, nothing deleted)',
  'sweep.poolUnread': 'Pool {pool:code}: not read, so nothing was deleted',
  'sweep.logLine': '{action}: {agent:code}: {why}',

  'finding.sweepDryRun':
    '{count} leftover agent(s) in pool {pool:code} have been offline for more than {thresholdMs:duration} and would be deleted; this was a dry run, so nothing was deleted.',
  'finding.sweepDryRun.why':
    'A sweep deletes only when asked to. By default it lists what it would delete and why it keeps every other agent, so that the list can be checked first.',
  'finding.agentsSwept': 'Deleted {count} leftover agent(s) from pool {pool:code}: {agents:code}.',
  'finding.agentsSwept.why':
    'Each was created by KEDA, offline for longer than the threshold and running no job, and was read again just before its deletion. Placeholders, static, online and busy agents were kept, and so was an agent that satisfies the demands.',
  'finding.agentsChangedDuringSweep':
    '{count} agent(s) in pool {pool:code} changed after the pool was read and were not deleted: {agents:code}.',
  'finding.agentsChangedDuringSweep.why':
    'The sweep reads each agent again just before deleting it, and leaves it alone if it came online, took a job, was renamed, marked as a placeholder, or changed otherwise: someone may be using it.',
  'finding.sweepPlanOutdated':
    'Agent {agent:code}, which keeps pool {pool:code} able to queue jobs, is gone or no longer satisfies the demands, so nothing was deleted.',
  'finding.sweepPlanOutdated.why':
    'The sweep never leaves a pool without a registered agent that satisfies the jobs’ demands: it deletes only while the agent that guarantees this is still as it was when the pool was read.',
  'finding.sweepDenied':
    'The identity running the sweep may not delete agents in pool {pool:code}, so {count} leftover agent(s) were not deleted.',
  'finding.sweepDenied.why': 'Deleting an agent needs the Administrator role on the pool, which a pipeline’s job token normally lacks.',
  'finding.sweepFailed': 'Deleting {count} agent(s) in pool {pool:code} failed or was not tried: {agents:code}.',
  'finding.sweepFailed.why':
    'Azure DevOps failed, or the time-out ran out, during the sweep, and those agents are still registered. The agents already deleted stay deleted, and the pool keeps an agent that satisfies the demands.',
  'fix.sweepLeftovers':
    'Let KEDA Pool Guard delete them safely: its task with `action: sweep` lists what it would delete, and deletes with `dryRun: false` and a service connection whose identity is Administrator of pool {pool:code}. It never deletes placeholders, static, online or busy agents, nor the last agent that satisfies the demands:',
  'fix.sweepForReal':
    'To delete them, run the task with `dryRun: false` and a service connection of a pool Administrator (`connection`), or the command line with `--yes`.',
  'fix.sweepAgain': 'Run the sweep again: it reads the pool afresh and deletes only what is still a leftover.',
  'fix.stopLeftovers':
    'To stop new leftovers piling up, let the agent image run `config.sh remove` when it exits (except in the placeholder), or run the sweep on a schedule.',
  'fix.useConnectionForSweep':
    'Run `sweep` with the task’s `connection` input: a service connection holding a personal access token of a pool Administrator, with the Agent Pools (read & manage) scope. Or give {identities:code} the Administrator role on pool {pool:code} (Organization settings → Agent pools → {pool:code} → Security).',
  'input.staleAfterHoursInvalid':
    'Stale after {value:code} hours is not a number of hours above 0 and at most {max}. Give, for example, {example:code}.',
  'input.olderThanInvalid':
    'Age {value:code} is not a duration above 0 and at most {maxDays} days. Give a number followed by `m`, `h` or `d`, such as `90m`, `24h` or `2d`.',
  'input.dryRunInvalid':
    'Dry run {value:code} is neither `true` nor `false`. Leave it `true` to only list what would be deleted, or set it to `false` to delete.',
  'summary.sweepTitle': 'KEDA Pool Guard sweep: {count} deleted',
  'summary.sweepTitleDryRun': 'KEDA Pool Guard sweep (dry run): {count} would be deleted',
  'summary.sweepMoreRows': '… and {count} more agents, each listed in the task log.',
  'summary.leftovers':
    '{count} leftover KEDA agent(s) may be deleted, the oldest offline for {oldestMs:duration}: `action: sweep` deletes them safely.',

  // Settings as users give them: every message names the bad value and the accepted form.
  'input.poolsEmpty': 'No agent pool was given. Name at least one pool, one a line or comma-separated.',
  'input.poolsTooMany': '{count} pools were given; at most {max} are checked in one step. Split them over several steps.',
  'input.capabilityMalformed':
    'Capability line {line:code} is not `name=value`. Write one capability a line, such as `kubectl=/usr/local/bin/kubectl`.',
  'input.actionUnknown': 'Action {value:code} is not known. Use one of {allowed:code}.',
  'input.failOnUnknown': 'Fail on {value:code} is not known. Use one of {allowed:code}.',
  'input.timeoutInvalid': 'Time-out {value:code} is not a whole number of seconds from 1 to {max}. Give, for example, {example:code}.',
  'input.placeholderNameInvalid':
    'Placeholder name {name:code} is not a valid agent name. Use at most {max} characters, without `"/:<>\\|*?@` or control characters.',
  'input.orgUrlInvalid': 'Organization URL {value:code} is not an http or https URL. Give it as `https://dev.azure.com/<organization>`.',
  'input.orgUrlPath': 'Organization URL {value:code} has a path after the organization. Give the organization alone: {suggestion:code}.',
  'input.tokenMalformed':
    'The token from {source:code} holds a space, a line break or another character no Azure DevOps token has. Copy the token again, alone.',
  'input.orgUrlNoOrganization': 'Organization URL {value:code} names no organization. Give it as `https://dev.azure.com/<organization>`.',

  'summary.title': 'KEDA Pool Guard: {verdict}',
  'summary.pool': 'Pool {pool:code}: {verdict}',
  'summary.noAgents': 'No agent is registered in this pool.',
  'summary.columns': 'Agent | Kind | Status | Version | Why',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof ENGLISH;
