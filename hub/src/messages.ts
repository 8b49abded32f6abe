/**
 * The project hub's own texts ("KEDA pools" under Pipelines), in the shared catalog's template syntax:
 * `{name}` is text, `{name:code}` a name or value shown as code, `{ms:duration}` a duration in words. Every
 * message that reports a problem says what to do about it. The sentences it shares with the other faces
 * (findings, fixes, verdicts, the KEDA emulation's) stay in `core/messages.ts`.
 */
export const HUB_MESSAGES = {
  'hub.title': 'KEDA pools',
  'hub.description': 'Whether each agent pool of project {project:code} can queue the jobs that KEDA scales from zero, and what to fix.',
  'hub.command.refresh': 'Refresh',
  'hub.command.settings': 'Settings',
  'hub.progress': 'Checked {done} of {total} pools',
  'hub.filter.name': 'Filter by pool name',
  'hub.filter.verdict': 'Verdict',
  'hub.filter.verdictToggle': '{verdict}: {count}',
  'hub.filter.noMatch': 'No pool matches the filter. Clear the filter to see every pool.',
  'hub.empty.title': 'This project uses no agent pool',
  'hub.empty.text':
    'No agent queue of this project points at a pool, so there is nothing to check. Add a pool to the project under Project settings → Agent pools.',
  'hub.listFailed.title': 'The agent pools of this project could not be listed',
  'hub.listFailed.unauthorized':
    'Azure DevOps did not accept the page’s token. Reload the page; if it keeps failing, ask an organization administrator to check that KEDA Pool Guard is installed and its Agent Pools scopes are approved.',
  'hub.listFailed.other':
    'Azure DevOps failed while listing the agent queues of project {project:code} (HTTP {status}). Refresh to try again; if it keeps failing, look at the Azure DevOps status page.',
  'hub.listFailed.message': 'Azure DevOps answers: {message:code}',

  'hub.column.pool': 'Pool',
  'hub.column.verdict': 'Verdict',
  'hub.column.agents': 'Agents',
  'hub.column.placeholder': 'Placeholder',
  'hub.column.keda': 'KEDA agents',
  'hub.column.pending': 'Waiting jobs',
  'hub.column.lastKeda': 'Last KEDA agent',
  'hub.cell.agents': '{registered} registered, {online} online, {busy} busy',
  'hub.cell.keda': '{online} online, {leftover} leftover',
  'hub.cell.kedaLeftovers': '{online} online, {leftover} leftover, the oldest offline for {oldestMs:duration}',
  'hub.cell.pendingNone': 'none',
  'hub.cell.pending': '{count}, oldest {oldestMs:duration}',
  'hub.cell.lastKedaNever': 'none registered',
  'hub.cell.lastKeda': '{ageMs:duration} ago',
  'hub.row.loading': 'Checking…',
  'hub.row.notChecked': 'not checked',
  'hub.row.ready': 'Jobs queue, and a placeholder keeps the pool able to queue them.',
  'hub.boot.noProject': 'Open KEDA pools from a project: it shows the agent pools that project’s pipelines use.',
  'hub.internalError':
    'KEDA Pool Guard stopped on an error in its own code ({message:code}), not on your organization or its pools. Refresh the page to try again; if it keeps failing, please report it at {issues:code} with what the browser’s developer console (F12) shows about it.',
  'hub.crashed.title': 'The page stopped on an error',
  'hub.boot.failed': 'The page could not connect to Azure DevOps. Reload it; if it keeps failing, report the message below.',
  'hub.onDemand.failed':
    'This part of the page could not be loaded, for example because the network dropped or the extension was updated meanwhile. Reload the page.',
  'hub.settings.loadFailed':
    'The saved settings of this project could not be read, so the defaults are in use. Refresh to try again before changing settings.',
  'hub.row.misconfigured': 'The saved demands of this pool are not valid: {problem} Correct them in the pool’s settings.',
  'hub.panel.poolId': 'Organization pool id {id}',
  'hub.tab.findings': 'Findings',
  'hub.tab.agents': 'Agents',
  'hub.tab.jobs': 'Jobs',
  'hub.tab.keda': 'KEDA view',
  'hub.tab.poolCheck': 'Before every stage',
  'hub.tab.settings': 'Pool settings',
  'hub.findings.none': 'Nothing to fix: jobs sent to this pool queue, and a placeholder keeps it so while no KEDA agent is registered.',
  'hub.copy': 'Copy',
  'hub.copied': 'Copied',
  'hub.copyFailed': 'The browser did not allow copying: select the text and copy it by hand.',

  'hub.agent.column.name': 'Agent',
  'hub.agent.column.kind': 'Kind and why',
  'hub.agent.column.status': 'State',
  'hub.agent.column.version': 'Version',
  'hub.agent.column.capabilities': 'Capabilities that matter',
  'hub.agent.column.lastJob': 'Last job',
  'hub.agent.enabled': 'enabled',
  'hub.agent.disabled': 'disabled',
  'hub.agent.none': 'No agent is registered in this pool.',
  'hub.agent.otherCapabilities': 'and {count} other capabilities',
  'hub.agent.running': 'running {job:code}',
  'hub.agent.lastJob': '{job:code}: {result}, {ageMs:duration} ago',
  'hub.agent.lastJobUndated': '{job:code}: {result}',
  'hub.agent.neverRan': 'never ran a job',

  'hub.jobs.none': 'No job is waiting or running in this pool.',
  'hub.job.column.request': 'Job',
  'hub.job.column.state': 'State',
  'hub.job.column.demands': 'Demands',
  'hub.job.column.matched': 'Agents able to run it',
  'hub.job.requestId': 'request {id}',
  'hub.job.waiting': 'waiting',
  'hub.job.waitingFor': 'waiting for {ageMs:duration}',
  'hub.job.running': 'running',
  'hub.job.runningOn': 'running on {agent:code}',
  'hub.job.matchedNone': 'none: no registered agent satisfies its demands, so it waits until one registers (a queued job keeps its place)',
  'hub.job.matchedUnknown': 'not listed by Azure DevOps',

  'hub.action.register': 'Register placeholder',
  'hub.action.registerTooltip': 'Register the offline placeholder this pool lacks, after you confirm.',
  'hub.action.refresh': 'Refresh placeholder',
  'hub.action.refreshTooltip': 'Refresh this pool’s placeholder in place, after you confirm.',
  'hub.action.asTheTask': 'The same plan as the task’s `repair`.',
  'hub.action.checking': 'Checking your role on pool {pool:code}…',
  'hub.action.notAdmin':
    'Only Administrators of pool {pool:code} may register or enable and disable agents, or clean up leftovers, so these buttons are off for you. Ask a pool administrator for the role (Organization settings → Agent pools → {pool:code} → Security) or to make the change.',
  'hub.action.permissionUnknown': 'Your role on pool {pool:code} could not be checked, so changes are off. Refresh the page to try again.',
  'hub.action.adminOnly': 'Only Administrators of the pool may enable or disable its agents.',
  'hub.action.toggleTooltip': 'Enable or disable this agent, after you confirm.',
  'hub.action.enable': 'Enable',
  'hub.action.sweep': 'Clean up leftovers',
  'hub.action.sweepTooltip': 'Delete the KEDA agents left offline in this pool, after you check the list and confirm.',
  'hub.action.sweepWhy':
    '{count} leftover KEDA agent(s) have been offline for more than {thresholdMs:duration}. Cleaning up lists them first; it never deletes a placeholder, a static, online or busy agent, nor the last agent that satisfies the demands.',
  'hub.action.sweepNothing':
    'No leftover to clean up: every agent is a placeholder, static, online, busy, offline for less than {thresholdMs:duration}, or the last one that satisfies the demands.',
  'hub.action.disable': 'Disable',

  'hub.confirm.cancel': 'Cancel',
  'hub.confirm.register.title': 'Register a placeholder in pool {pool}?',
  'hub.confirm.register.ok': 'Register',
  'hub.confirm.register.body':
    'Azure DevOps gets a new agent {name:code} in pool {pool:code}: agent version {version:code}, registered but never started, so it stays offline, with the marker capability {marker:code}.',
  'hub.confirm.refresh.title': 'Refresh placeholder {name} in pool {pool}?',
  'hub.confirm.refresh.ok': 'Refresh',
  'hub.confirm.refresh.body':
    'Azure DevOps updates agent {name:code} in pool {pool:code} in place: agent version {from:code} becomes {version:code}, its user capabilities and the marker {marker:code} stay. While it changes, a second placeholder {standIn:code} stands in for the jobs; it is removed afterwards.',
  'hub.confirm.register.basedOn':
    'Its {count} system capabilities are those of {agent:code}, the newest KEDA agent, without the ones that name one pod, so jobs queue for what the KEDA agents can run.',
  'hub.confirm.register.noBase':
    'No KEDA agent is registered to copy capabilities from, so it gets what the jobs demand as user capabilities: {capabilities:code}.',
  'hub.confirm.register.noBaseNoDemands':
    'No KEDA agent is registered to copy capabilities from, and the pool’s settings name no demand besides the agent version, so it gets no other capability. If the jobs demand tools, set them in the pool’s settings first.',
  'hub.confirm.register.unmet':
    'It still would not satisfy {unmet:code}: such jobs keep failing at once until the agent image offers it or the jobs stop demanding it.',
  'hub.confirm.enable.title': 'Enable agent {agent}?',
  'hub.confirm.disable.title': 'Disable agent {agent}?',
  'hub.confirm.enable.body':
    'Azure DevOps may then give {agent:code} jobs of pool {pool:code} whenever it is online. Enable a placeholder only if its agent process stays stopped.',
  'hub.confirm.disable.body':
    'Azure DevOps gives {agent:code} no new job of pool {pool:code}. Jobs still queue while a disabled agent matches them, but then they wait for another agent.',
  'hub.confirm.sweep.title': 'Delete {count} leftover agent(s) from pool {pool}?',
  'hub.confirm.sweep.ok': 'Delete',
  'hub.confirm.sweep.body':
    'Azure DevOps deletes these agents of pool {pool:code}. Each is read again just before its deletion and left alone if it came online, took a job or changed otherwise.',
  'hub.confirm.sweep.more': '… and {count} more. The task’s `action: sweep` (a dry run unless `dryRun: false`) lists every one.',
  'hub.confirm.sweep.kept': '{count} agent(s) are kept. Show why each is kept',
  'hub.sweep.notDeleted': 'Not deleted:',
  'hub.sweep.list.wouldDelete': 'Agents to delete',
  'hub.sweep.list.kept': 'Agents kept',
  'hub.sweep.list.notDeleted': 'Agents not deleted',
  'hub.toggle.done': 'Agent {agent:code} is now {state}.',
  'hub.toggle.denied':
    'Azure DevOps refused to change agent {agent:code} (HTTP {status}): changing agents of pool {pool:code} needs the Administrator role on the pool.',
  'hub.toggle.gone': 'Agent {agent:code} is no longer registered in pool {pool:code}, so nothing was changed; the pool was read again.',
  'hub.toggle.already':
    'Agent {agent:code} is already {state}: it changed after the page read pool {pool:code}, so nothing was changed. The pool was read again; check it before changing the agent.',
  'hub.repair.planChanged':
    'Pool {pool:code} changed after the page read it, so nothing was changed. The pool was read again; check what the button offers now.',
  'hub.reread.failed':
    'Pool {pool:code} could not be read again just before the change (HTTP {status}), so nothing was changed. Try again; if it keeps failing, look at the Azure DevOps status page.',
  'hub.toggle.failed': 'Changing agent {agent:code} failed (HTTP {status}); nothing was changed.',

  'hub.poolSettings.intro':
    'What the jobs sent to pool {pool:code} demand. The verdict checks that a registered agent, the placeholder in the first place, satisfies them.',
  'hub.poolSettings.demands': 'Jobs’ demands',
  'hub.poolSettings.demandsHelp':
    'One a line, as in the pipeline: `name`, `name -equals value` or `name -gtVersion value`. The agent version the jobs’ tasks need is added below.',
  'hub.poolSettings.minAgentVersion': 'Minimum agent version',
  'hub.poolSettings.minAgentVersionHelp':
    'The highest minimum agent version of the jobs’ tasks. Empty: {version}, the first agent with the Node 20 task handler.',
  'hub.poolSettings.kedaScaled': 'KEDA scales this pool',
  'hub.poolSettings.kedaScaledHelp':
    'Judge it as a KEDA pool even without evidence (agents named as a ScaledJob’s pods, now or in its recent jobs, or a placeholder). Only KEDA pools get a placeholder, and only there are leftovers cleaned up. A saved KEDA trigger on the KEDA tab says so too.',
  'hub.poolSettings.parent': 'KEDA `parent`',
  'hub.poolSettings.parentHelp':
    'Only if the pool’s ScaledJob trigger sets `parent`: the template agent KEDA counts jobs through. The placeholder is then registered under this name, and KEDA Pool Guard checks that an agent of exactly this name is registered.',
  'hub.save': 'Save',
  'hub.save.saving': 'Saving…',
  'hub.save.saved': 'Saved.',
  'hub.save.failed': 'Not saved: {message}. Your changes are still here; try again.',

  'hub.settings.title': 'KEDA pools settings',
  'hub.settings.scope':
    'For project {project:code}, for everyone who opens this page. Each pool’s demands and KEDA triggers are set in the pool’s panel.',
  'hub.settings.defaults': 'Defaults',
  'hub.settings.placeholderName': 'Placeholder name',
  'hub.settings.placeholderNameHelp':
    'What “Register placeholder” registers, and the name KEDA’s `parent` is expected to give. The task’s default is {name:code}.',
  'hub.settings.patterns': 'Placeholder name patterns',
  'hub.settings.patternsHelp':
    'One a line; `*` and `?` match any characters, case is ignored. An agent matching one counts as a placeholder.',
  'hub.settings.marker': 'Marker capability',
  'hub.settings.markerHelp':
    'A user capability that makes an agent a placeholder whatever its name. The placeholders KEDA Pool Guard registers carry it.',
  'hub.settings.markerInvalid':
    'The marker capability {value:code} is not a capability name: give one word without spaces, such as {example:code}.',
  'hub.settings.staleHours': 'Stale after (hours)',
  'hub.settings.staleHoursHelp': 'A KEDA agent offline for longer than this is a leftover.',
  'hub.settings.pendingMinutes': 'Stuck after (minutes)',
  'hub.settings.pendingMinutesHelp': 'A job waiting longer than this, with no KEDA agent registered since it was queued, is stuck.',
  'hub.settings.numberInvalid': '{value:code} is not a whole number from 1 to {max}. Give, for example, {example:code}.',

  'hub.column.waits': 'Waits',
  'hub.tab.scaling': 'Scaling',
  'hub.scaling.loading': 'Reading the last day’s job requests',
} as const satisfies Record<string, string>;

export type HubMessageKey = keyof typeof HUB_MESSAGES;
