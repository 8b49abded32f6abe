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
  'verdict.unknown': 'unknown',
  'poolKind.keda': 'KEDA-scaled',
  'poolKind.static': 'self-hosted, static',
  'poolKind.hosted': 'Microsoft-hosted',
  'poolKind.azureProvisioned': 'Azure-provisioned',
  'evidence.namedByUser': 'you named it KEDA-scaled',
  'evidence.markerCapability': 'an agent carries the placeholder marker: {agents:code}',
  'evidence.kedaAgents': '{count} agents registered now are named as a ScaledJob’s pods are: {agents:code}',
  'evidence.kedaHistory': 'agents named as a ScaledJob’s pods ran its recent jobs: {agents:code}',
  'evidence.placeholderNamed': 'an agent is named as a placeholder: {agents:code}',
  'evidence.microsoftHosted': 'Microsoft runs its agents (`isHosted`)',
  'evidence.elasticPool': 'a virtual machine scale set provides its agents (the `elasticPool` option)',
  'evidence.agentCloud': 'an agent cloud provides its agents (`agentCloudId` {agentCloudId}), as for Managed DevOps Pools',
  'evidence.noKedaEvidence':
    'no sign of KEDA: no agent named as a ScaledJob’s pods, now or in its recent jobs, and no placeholder; set `kedaScaled` if KEDA scales it',
  'poolKind.line': '{kind}: {evidence}.',
  'kind.placeholder': 'placeholder',
  'kind.keda': 'KEDA',
  'kind.static': 'static',
  'kind.stale': 'stale',
  'placeholderState.presentOffline': 'present, offline',
  'placeholderState.presentOnline': 'present, online',
  'placeholderState.disabled': 'disabled',
  'placeholderState.missing': 'missing',
  'placeholderState.drifted': 'drifted',
  'placeholderState.notApplicable': 'not needed',
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
  'reason.configuredName': 'has the configured placeholder name {name:code}',
  'reason.parentName': 'is the template agent KEDA’s `parent` names, {name:code}',
  'reason.namePattern': 'name matches the placeholder pattern {pattern:code}',
  'reason.podName': 'name matches the Kubernetes pod pattern `<scaledjob>-xxxxx-xxxxx` (ScaledJob {scaledJob:code})',
  'reason.kubernetesCapability': 'has capability {capability:code}, so it ran in a Kubernetes pod',
  'reason.offlineFor': 'offline for {offlineMs:duration}',
  'reason.neverRanJob': 'offline and never ran a job',
  'reason.noKedaEvidence': 'neither a placeholder nor created by KEDA',

  'finding.poolNotFound': 'Agent pool {pool:code} does not exist, or you may not see it.',
  'finding.poolNotFound.why':
    'Azure DevOps lists only the pools the caller may view, so a missing pool and a pool without a Reader grant look the same. Jobs sent to a pool nobody can resolve never run.',
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
  'finding.noOnlineAgent':
    'No enabled agent that satisfies the demands is online in pool {pool:code}, so jobs queue and wait until one comes online.',
  'finding.noOnlineAgent.why':
    'Azure DevOps queues a job when a registered agent satisfies its demands, online or not, and gives it to the first one online. In a static pool nothing starts an agent by itself. In a pool that KEDA scales from zero, waiting for KEDA is normal, so there this is a risk only when you require an online agent.',
  'finding.awaitingAgentUpdate':
    'No agent registered in pool {pool:code} runs agent version {version:code} or later, which the jobs need: Azure DevOps queues them only because it asks {agents:code} to update, and an offline agent never does.',
  'finding.awaitingAgentUpdate.why':
    'When every agent misses only the minimum agent version and the pool allows agent updates, Azure DevOps asks those agents to update and lets the job wait instead of failing it (its queueing code, as decompiled from Azure DevOps Server 2022; not confirmed on Azure DevOps Services). An offline placeholder never updates, so the job waits for another agent: a KEDA pod, when KEDA counts it. With agent updates switched off for the pool, the same job fails at once.',
  'detail.parentIgnoresUpdates':
    'KEDA’s `parent` trigger counts a job only when {parent:code} is among its matched agents, and Azure DevOps leaves agents waiting for an update out of them: KEDA will not start a pod for these jobs.',
  'fix.updateKedaImage':
    'Give the KEDA agents’ image an agent of version {version:code} or later, and register a placeholder that reports it.',
  'finding.recentJobsUnsatisfiable':
    'Jobs like recent ones in pool {pool:code} would now fail at once: no agent registered there satisfies their demands any more.',
  'finding.recentJobsUnsatisfiable.why':
    'Azure DevOps queued these jobs, so an agent satisfied them then; it is gone (KEDA agents are often deleted when their pod ends), and what is left does not satisfy them. The next job with the same demands fails at once with `No agent found in pool … which satisfies the specified demands`.',
  'finding.placeholderLacksUndemanded':
    'Placeholder {placeholder:code} lacks capabilities the KEDA agents have (compared with {kedaAgent:code}) that no job demands: {capabilities:code}. Nothing to do.',
  'finding.placeholderLacksUndemanded.why':
    'Only demands decide whether Azure DevOps queues a job, and neither the demands checked here nor those of the pool’s recent jobs name these capabilities. Should a job demand one of them, this check reports it as a risk.',
  'finding.hostedPool': 'Agent pool {pool:code} is Microsoft-hosted: Microsoft provides its agents, so there is nothing to guard.',
  'finding.hostedPool.why':
    'KEDA scales self-hosted agents only. Microsoft-hosted pools never need a placeholder, and their agents are not read.',
  'finding.azureProvisionedPool':
    'Agent pool {pool:code} is provisioned by Azure (a virtual machine scale set or a Managed DevOps Pool): Azure starts its agents when jobs queue, so an empty pool is normal and there is nothing to guard.',
  'finding.azureProvisionedPool.why':
    'Azure DevOps queues jobs in these pools and asks Azure for agents, so they need no placeholder, and KEDA Pool Guard never registers or deletes agents there.',
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
  'detail.jobDemands': '{count} recent jobs demanded {demands:code}: {jobs}.',
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
  'fix.startAgentFor': 'Register or start an agent in the pool whose capabilities satisfy {demands:code}.',
  'fix.nameAsKeda':
    'If KEDA scales pool {pool:code} from zero, say so, and KEDA Pool Guard judges it as a KEDA pool and may register its placeholder: set `kedaScaled: true` in the task (`--keda-scaled` on the command line, “KEDA-scaled” in the pool’s settings in the hub).',
  'fix.repairLeavesForeign':
    'KEDA Pool Guard’s `repair` leaves {agent:code} alone: it lacks the marker capability {marker:code}, so someone else registered it. Change it by hand as above, or delete it and let `repair` register a placeholder of its own.',
  'fix.startStaticAgent': 'Bring an agent that satisfies the demands online: start its machine or its agent service.',
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
  'finding.organizationNotFound':
    'Pool {pool:code} could not be read: the organization URL leads to no Azure DevOps organization (the pool list answered 404).',
  'finding.organizationNotFound.why':
    'Every organization has a pool list, so a 404 for it means the URL names an organization that does not exist, or something else that answers at that address.',
  'finding.unexpectedAnswer': 'The answer for pool {pool:code} (HTTP {status}) was not the JSON of the Azure DevOps REST API.',
  'finding.unexpectedAnswer.why':
    'A wrong organization URL, a proxy, or a sign-in page in between answers with something else than the service’s JSON.',
  'finding.serviceFailed': 'Azure DevOps failed while reading pool {pool:code} (HTTP {status}), also when tried again.',
  'finding.serviceFailed.why':
    'The service or the network between had a failure; the guard tries again a few times within its time-out, then stops.',
  'finding.hostNotFound': 'The host name {host:code} does not resolve, so pool {pool:code} was not read.',
  'finding.hostNotFound.why':
    'Nothing was sent: the name could not be found in DNS from where this runs. A mistyped organization URL, or a network that resolves outside names only through its proxy.',
  'finding.connectionRefused': 'The connection to {host:code} was refused, so pool {pool:code} was not read.',
  'finding.connectionRefused.why':
    'Nothing accepted the connection at that address and port: a wrong URL or port, a firewall, or a proxy that must be used and was not.',
  'finding.proxyRefused': 'The proxy {proxy:code} refused to connect to Azure DevOps (HTTP {status}), so pool {pool:code} was not read.',
  'finding.proxyRefused.why':
    'A proxy answers 407 when it wants credentials it was not given or did not accept, and another error when its rules do not let the connection through; the request never reached Azure DevOps.',
  'finding.proxyUnreachable': 'The proxy {proxy:code} could not be reached, so pool {pool:code} was not read.',
  'finding.proxyUnreachable.why':
    'Every request goes through the proxy the agent or the environment names; when its name does not resolve or nothing answers at its address, no request reaches Azure DevOps.',
  'finding.certificateUntrusted': 'The TLS certificate of {host:code} is not trusted, so pool {pool:code} was not read.',
  'finding.certificateUntrusted.why':
    'A connection is refused when the certificate is not issued by a trusted certificate authority or not for that host name, as happens behind a TLS-inspecting proxy or with a private certificate authority.',
  'finding.placeholderRegistered':
    'Registered placeholder {name:code} (agent version {version:code}) in pool {pool:code}; it stays offline.',
  'finding.placeholderRegistered.why':
    'An offline registered agent whose capabilities satisfy the jobs’ demands makes Azure DevOps queue them instead of failing them, so KEDA sees them and scales.',
  'finding.placeholderNameTaken': 'An agent named {name:code} already exists in pool {pool:code}, so nothing was registered.',
  'finding.placeholderNameTaken.why':
    'Another run registered it first, or an agent of that name was there before; the guard never changes agents it did not just create.',
  'finding.placeholderRefreshed':
    'Refreshed placeholder {name:code} in pool {pool:code}: it now reports agent version {version:code} and the capabilities the jobs need.',
  'finding.placeholderRefreshed.why':
    'It was replaced in place, as the agent’s own `config.sh --replace` does: its user capabilities were merged first, so the pool never lacked an agent that satisfies the jobs.',
  'finding.placeholderAlreadyRefreshed':
    'Placeholder {name:code} in pool {pool:code} was already refreshed, by another run: nothing was changed.',
  'finding.placeholderAlreadyRefreshed.why': 'Each run reads the placeholder again just before it changes it.',
  'finding.placeholderRefreshUnderway':
    'Another run is refreshing placeholder {name:code} in pool {pool:code} right now, so this one changed nothing.',
  'finding.placeholderRefreshUnderway.why':
    'One run at a time refreshes a placeholder: it first registers the refreshed placeholder under a second name, which stands in for the jobs until the refresh is done and is then removed.',
  'finding.placeholderChangedMeanwhile':
    'Placeholder {name:code} in pool {pool:code} changed after it was read (deleted, renamed, or no longer marked), so nothing was changed.',
  'finding.placeholderChangedMeanwhile.why': 'A repair changes only the placeholder it planned for, as it was when read.',
  'plan.heading': 'Repair plan for pool {pool:code}:',
  'plan.register.missing':
    'Register placeholder {name:code} in pool {pool:code}, offline: no registered agent of the pool is a placeholder that satisfies the jobs’ demands, so they fail at once whenever KEDA has scaled to zero.',
  'plan.register.parentMissing':
    'Register {name:code} in pool {pool:code}, offline: the pool’s KEDA trigger counts jobs through this agent (its `parent`), and no agent of that exact name is registered.',
  'plan.refresh':
    'Refresh placeholder {name:code} in pool {pool:code} in place, as the agent’s `config.sh --replace` does: agent version {from:code} becomes {version:code}, and its user capabilities are kept.',
  'plan.refresh.sameVersion':
    'Refresh placeholder {name:code} in pool {pool:code} in place, as the agent’s `config.sh --replace` does: its agent version stays {version:code}, and its user capabilities are kept.',
  'plan.refreshGains': 'It gains {capabilities:code}.',
  'plan.refreshReason.unfit': 'It fails demands the jobs are given.',
  'plan.refreshReason.belowMinimum': 'Its agent version is below the jobs’ minimum.',
  'plan.refreshReason.lacksDemanded': 'It lacks capabilities that the pool’s recent jobs demanded.',
  'plan.refreshReason.outdated': 'It reports an older agent version than the newest KEDA agent.',
  'plan.refreshReason.unmarked': 'It lacks its user capabilities, the marker among them: its registration stopped half way.',
  'plan.refreshReason.incomplete':
    'It lacks capabilities the KEDA agents have: it was registered before the first one, from what the jobs demand.',
  'finding.repairNotNeeded': 'Nothing to repair in pool {pool:code}: its placeholder serves the jobs as they are.',
  'finding.repairNotNeeded.why':
    'A repair registers a placeholder where one is missing, and refreshes its own where it falls short of the jobs or of the KEDA agents.',
  'finding.repairNotForHostedPool': 'Pool {pool:code} is Microsoft-hosted: `repair` registers nothing there.',
  'finding.repairNotForHostedPool.why': 'Microsoft provides the agents of hosted pools; a placeholder there would be at best useless.',
  'finding.repairNotForProvisionedPool': 'Pool {pool:code} is provisioned by Azure: `repair` registers nothing there.',
  'finding.repairNotForProvisionedPool.why':
    'Azure starts the agents of virtual machine scale set pools and Managed DevOps Pools as jobs queue, and owns them; they need no placeholder.',
  'finding.repairNotForStaticPool':
    '`repair` registers nothing in pool {pool:code}: nothing shows that KEDA scales it, and in a static pool an offline placeholder would make jobs that fail fast wait for ever.',
  'finding.repairNotForStaticPool.why':
    'KEDA Pool Guard registers placeholders only in pools that scale from zero, known by KEDA agents now or in recent jobs, a placeholder, or your word.',
  'finding.repairLeavesForeignPlaceholder':
    '`repair` leaves placeholder {agent:code} in pool {pool:code} alone: it lacks the marker capability, so someone else registered it.',
  'finding.repairLeavesForeignPlaceholder.why':
    'KEDA Pool Guard changes and deletes only the placeholders it registered, which carry `KedaPoolGuard.Placeholder`.',
  'finding.repairNameTaken': '`repair` registers nothing in pool {pool:code}: agent {agent:code} already holds the placeholder’s name.',
  'finding.repairNameTaken.why': 'Agent names are unique in a pool, and KEDA Pool Guard never changes an agent it did not register.',
  'fix.repairAgain': 'Run the repair of pool {pool:code} again: it plans from the pool as it is then.',
  'fix.foreignPlaceholderByHand':
    'Change {agent:code} by hand (Organization settings → Agent pools → {pool:code} → Agents → {agent:code}), or delete it and run `repair` again, which then registers a placeholder of its own.',
  'fix.renamePlaceholder':
    'Give KEDA Pool Guard’s placeholder another name (`placeholderName`, `--placeholder-name`, the hub’s settings), or remove {agent:code} if nothing needs it.',
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
    'Run `repair` with the task’s `connection` input (a service connection holding a personal access token of a pool Administrator, with the Agent Pools (read & manage) scope) or its `azureConnection` input (an Azure Resource Manager connection whose service principal is a pool Administrator). Or give {identities:code} the Administrator role on pool {pool:code} (Organization settings → Agent pools → {pool:code} → Security).',
  'fix.grantAdministratorToPatOwner':
    'Give the owner of the personal access token the Administrator role on pool {pool:code} (Organization settings → Agent pools → {pool:code} → Security), and make sure the token has the Agent Pools (read & manage) scope.',
  'fix.servicePrincipalRejected':
    'Add service principal {clientId:code} to the organization as a user (Organization settings → Users → Add users, by the name of its app registration or managed identity), then give it the roles on the pools.',
  'fix.bearerTokenRejected':
    'Get a new Microsoft Entra token for Azure DevOps (`az account get-access-token --resource 499b84ac-1321-427f-aa17-267ca6975798`, or `--token-from-az`), signed in as an identity that is a user of the organization.',
  'fix.grantReaderToServicePrincipal':
    'Give service principal {clientId:code}, the application of the Azure Resource Manager connection (a user of the organization under the name of its app registration or managed identity), the Reader role on pool {pool:code} (Organization settings → Agent pools → {pool:code} → Security).',
  'fix.grantAdministratorToServicePrincipal':
    'Give service principal {clientId:code}, the application of the Azure Resource Manager connection (a user of the organization under the name of its app registration or managed identity), the Administrator role on pool {pool:code} (Organization settings → Agent pools → {pool:code} → Security).',
  'fix.grantReaderToTokenIdentity':
    'Give the identity the token was issued to (the account `az login` signed in with, or its service principal) the Reader role on pool {pool:code} (Organization settings → Agent pools → {pool:code} → Security).',
  'fix.grantAdministratorToTokenIdentity':
    'Give the identity the token was issued to (the account `az login` signed in with, or its service principal) the Administrator role on pool {pool:code} (Organization settings → Agent pools → {pool:code} → Security).',
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
  'fix.proxyRefused.task':
    'If the proxy needs credentials, configure the agent with them (`./config.sh --proxyurl <url> --proxyusername <user> --proxypassword <password>`); otherwise ask the proxy’s administrators to let the agent reach the organization’s host.',
  'fix.proxyRefused.cli':
    'If the proxy needs credentials, put them in its URL (`HTTPS_PROXY=http://<user>:<password>@<host>:<port>`, or `--proxy`); otherwise ask the proxy’s administrators to let this machine reach the organization’s host.',
  'fix.proxyUnreachable.task':
    'Check the agent’s proxy (`./config.sh --proxyurl <url>`, or the agent’s `.proxy` file) and that the proxy runs; hosts the agent reaches without it belong in the agent’s `.proxybypass` file.',
  'fix.proxyUnreachable.cli':
    'Check `HTTPS_PROXY` and `HTTP_PROXY` (or `--proxy`) and that the proxy runs; hosts reached without it belong in `NO_PROXY` (or `--no-proxy`).',
  'fix.certificateUntrusted.task':
    'Configure the agent with the certificate authority that issued it (`./config.sh --sslcacert <PEM file>`); the task trusts it as well. Check the host name in the organization URL too.',
  'fix.certificateUntrusted.cli':
    'Name the certificate authority that issued it, as a PEM file, in `NODE_EXTRA_CA_CERTS` or with `--ca-file`. Check the host name in the organization URL too.',
  'fix.hostNotFound.task':
    'Check the spelling of the organization URL, such as `https://dev.azure.com/contoso`. If the agent may resolve outside names only through a proxy, configure the agent with it (`./config.sh --proxyurl <url>`); the task uses it as well.',
  'fix.hostNotFound.cli':
    'Check the spelling of the organization URL (`--org`, such as `https://dev.azure.com/contoso`). If this machine may resolve outside names only through a proxy, set `HTTPS_PROXY` or pass `--proxy <url>`.',
  'fix.connectionRefused.task':
    'Check the organization URL and its port. If the agent must reach Azure DevOps through a proxy or past a firewall, configure the agent with the proxy (`./config.sh --proxyurl <url>`); the task uses it as well.',
  'fix.connectionRefused.cli':
    'Check the organization URL (`--org`) and its port. If this machine must reach Azure DevOps through a proxy or past a firewall, set `HTTPS_PROXY` or pass `--proxy <url>`.',

  // The sweep of leftover KEDA agents: why each agent is deleted or kept, and what a sweep did.
  'keep.placeholder': 'never deleted',
  'keep.static': 'never deleted',
  'keep.notKedaPool': 'never deleted: the pool is not KEDA-scaled',
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
  'finding.sweepNotKedaPool':
    'Pool {pool:code} is not KEDA-scaled, so the sweep deletes nothing there: it deletes only agents that KEDA left behind.',
  'finding.sweepNotKedaPool.why':
    'Agents in a static pool are machines someone keeps, and the agents of hosted and Azure-provisioned pools belong to the service. Only in a pool that KEDA scales do offline agents pile up that nobody will start again.',

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
    'Run `sweep` with the task’s `connection` input (a service connection holding a personal access token of a pool Administrator, with the Agent Pools (read & manage) scope) or its `azureConnection` input (an Azure Resource Manager connection whose service principal is a pool Administrator). Or give {identities:code} the Administrator role on pool {pool:code} (Organization settings → Agent pools → {pool:code} → Security).',
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
  'input.proxyUrlInvalid':
    'The proxy in {source:code} is not an http or https URL such as `http://proxy.contoso.com:8080`. Credentials, if the proxy needs them, go before the host: `http://user:password@proxy.contoso.com:8080`.',
  'input.proxyBypassInvalid':
    'The proxy bypass entry {entry:code} is not a regular expression. Correct it in the agent’s `.proxybypass` file: one regular expression a line, such as `dev\\.azure\\.com`.',
  'input.certificateFileUnreadable':
    'The certificate file {file:code} named by {source:code} could not be read. Give a PEM file that the user the guard runs as may read.',
  'input.connectionsBoth':
    'Both `connection` and `azureConnection` are set. Give one: an Azure DevOps connection with a personal access token, or an Azure Resource Manager connection.',
  'input.azureConnectionIncomplete':
    'Azure Resource Manager connection {connection:code} names no service principal (client) id or no tenant id. Edit it (Project settings → Service connections).',
  'input.azureSchemeUnsupported':
    'Azure Resource Manager connection {connection:code} signs in with {scheme:code}, which KEDA Pool Guard does not support. Use a connection with workload identity federation, or with a service principal and a client secret.',
  'input.authorityInvalid':
    'The Microsoft Entra authority {value:code} of the Azure Resource Manager connection is not an https URL such as `https://login.microsoftonline.com/`. Correct the connection’s environment.',
  'input.oidcUnavailable':
    'Azure Resource Manager connection {connection:code} uses workload identity federation, but the agent gave the task no `System.OidcRequestUri` or no job token to ask for its OIDC token. Run the job on a current Azure Pipelines agent, in a pipeline allowed to use the connection.',
  'signIn.oidcRefused':
    'Azure DevOps gave this job no OIDC token for service connection {connection:code} (HTTP {status}: {detail}). Allow the pipeline to use the connection (Project settings → Service connections → the connection → Security), and check that it is an Azure Resource Manager connection using workload identity federation.',
  'signIn.federationMissing':
    'Microsoft Entra ID found no federated credential of application {clientId:code} that trusts this pipeline’s connection {connection:code}. Add one to the app registration or managed identity (Certificates & secrets → Federated credentials): issuer {issuer:code}, subject {subject:code}, audience `api://AzureADTokenExchange`.',
  'signIn.secretRejected':
    'Microsoft Entra ID did not accept the client secret of application {clientId:code} in service connection {connection:code} ({detail}). Create a new client secret for the app registration and put it in the connection.',
  'signIn.applicationNotFound':
    'Microsoft Entra ID knows no application {clientId:code} in tenant {tenantId:code} ({detail}). Check the service principal (client) id and the tenant id of service connection {connection:code}.',
  'signIn.entraRefused':
    'Microsoft Entra ID refused to sign in application {clientId:code} of service connection {connection:code} (HTTP {status}: {detail}). Check the connection (its Verify button shows the same answer).',
  'signIn.proxyRefused':
    'The proxy {endpoint:code} refused the sign-in of application {clientId:code} (HTTP {status}). If it needs credentials, configure the agent with them (`./config.sh --proxyurl <url> --proxyusername <user> --proxypassword <password>`); otherwise ask its administrators to let the agent reach Microsoft Entra ID and Azure DevOps.',
  'signIn.proxyUnreachable':
    'The proxy {endpoint:code} could not be reached to sign in application {clientId:code}. Check the agent’s proxy (`./config.sh --proxyurl <url>`, or the agent’s `.proxy` file) and that the proxy runs.',
  'signIn.untrustedCertificate':
    'The TLS certificate of {endpoint:code} is not trusted, so application {clientId:code} could not sign in. Configure the agent with the certificate authority that issued it (`./config.sh --sslcacert <PEM file>`).',
  'signIn.hostNotFound':
    'The host name {endpoint:code} does not resolve, so application {clientId:code} could not sign in. If the agent resolves outside names only through a proxy, configure the agent with it (`./config.sh --proxyurl <url>`).',
  'signIn.connectionRefused':
    'The connection to {endpoint:code} was refused, so application {clientId:code} could not sign in. If the agent reaches Microsoft Entra ID through a proxy, configure the agent with it (`./config.sh --proxyurl <url>`).',
  'signIn.noAnswer':
    '{endpoint:code} did not answer in time, or dropped the connection, while application {clientId:code} signed in. Run the step again later, or raise its time-out (`timeoutSeconds`).',

  'summary.title': 'KEDA Pool Guard: {verdict}',
  'summary.pool': 'Pool {pool:code}: {verdict}',
  'summary.noAgents': 'No agent is registered in this pool.',
  'summary.columns': 'Agent | Kind | Status | Version | Why',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof ENGLISH;
