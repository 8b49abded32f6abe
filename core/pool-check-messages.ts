/**
 * The texts of the pool check (an Invoke REST API check on a project's agent queue) and of the agentless
 * gate's advice, in the shared catalog's template syntax, for the two faces that show a pool check (the
 * command line's `gate` and the hub's tab). A catalog of its own, not in `messages.ts`: the task never
 * shows these, and the hub loads them only with the tab. Data only.
 */
export const POOL_CHECK_MESSAGES = {
  'poolCheck.name': 'KEDA Pool Guard: pool {pool} has an agent for {demands}',
  'poolCheck.nameAnyAgent': 'KEDA Pool Guard: pool {pool} has a registered agent',
  'poolCheck.installed':
    'Installed the check {name:code} on queue {queue:code} of project {project:code}. Before every stage that uses the pool, Azure DevOps asks whether a registered agent satisfies {demands:code}, and holds the stage back until one does.',
  'poolCheck.installedAnyAgent':
    'Installed the check {name:code} on queue {queue:code} of project {project:code}. Before every stage that uses the pool, Azure DevOps asks whether any agent is registered in it, and holds the stage back until one is.',
  'poolCheck.replaced': 'Replaced the KEDA Pool Guard check of queue {queue:code} (id {old}) by one as asked (id {id}): {name:code}.',
  'poolCheck.unchanged': 'Queue {queue:code} of project {project:code} already has this check: {name:code} (id {id}). Nothing changed.',
  'poolCheck.timing':
    'A stage the check holds back is evaluated again every {retry} minutes and fails after {timeout} minutes; run `repair` meanwhile and the stage goes on.',
  'poolCheck.timingFinal': 'The first answer is final: a stage whose pool cannot take its jobs fails at once.',
  'poolCheck.version':
    'The pool does not update its agents, so an agent older than {minimum:code} counts as missing, as it does when a job queues.',
  'poolCheck.versionIgnored':
    'The pool updates its agents, so Azure DevOps asks an agent older than the jobs need to update and the job waits for it: the minimum agent version is not asked for.',
  'poolCheck.connection':
    'The check calls Azure DevOps with the Generic service connection {connection:code} of project {project:code}, which must exist before a stage runs: Project settings → Service connections → New service connection → Generic; server URL {url:code} (the organization, no slash at the end), user name anything, password a personal access token with the Agent Pools (read) scope of a user with the Reader role on pool {pool:code}. KEDA Pool Guard never creates it: only you should hand over that token.',
  'poolCheck.notNeeded':
    'Pool {pool:code} needs no check: it is {kind}, so Azure starts or provides its agents as jobs queue, and a job never fails there for want of a registered agent.',
  'poolCheck.none': 'Queue {queue:code} of project {project:code} has no KEDA Pool Guard check.',
  'poolCheck.shown':
    'Queue {queue:code} of project {project:code} has the check {name:code} (id {id}): it asks pool {poolId} for an agent satisfying {demands:code}, with the connection {connection:code}.',
  'poolCheck.shownAnyAgent':
    'Queue {queue:code} of project {project:code} has the check {name:code} (id {id}): it asks pool {poolId} whether any agent is registered, with the connection {connection:code}.',
  'poolCheck.stale': 'The pool {change} since the check was installed, so the check now {effect}. Install it again to follow the pool.',
  'poolCheck.stale.nowUpdates': 'updates its agents again',
  'poolCheck.stale.noLongerUpdates': 'no longer updates its agents',
  'poolCheck.stale.failsWaitingJobs': 'holds stages back whose jobs would wait for an agent update',
  'poolCheck.stale.missesOldAgents': 'lets stages through whose jobs an old agent would fail',
  'poolCheck.removed': 'Removed the check {name:code} (id {id}) from queue {queue:code}: stages that use the pool no longer wait for it.',
  'poolCheck.gate':
    'Alternatively, guard the pipeline itself with the agentless gate, a job that needs no agent and no connection (its job token needs the Reader role on the pool), before the jobs that use the pool:',
  'poolCheck.noQueue':
    'Project {project:code} has no agent queue for pool {pool:code}, so no stage of its pipelines can use the pool. Add the pool to the project under Project settings → Agent pools, or check the names.',
  'poolCheck.noPool':
    'No agent pool named {pool:code} is visible to this identity. Check the name, and that the identity has the Reader role on the pool (Organization settings → Agent pools → the pool → Security).',
  'poolCheck.denied':
    'Changing the checks of queue {queue:code} needs the Administrator role on that queue: a project administrator grants it under Project settings → Agent pools → {queue} → Security. Azure DevOps answers: {message}',
  'poolCheck.unauthorized':
    'Azure DevOps did not accept the token for the checks of project {project:code}: a personal access token needs the scope Build (Read & execute), or Pipeline Resources (Use and manage), besides Agent Pools (Read). Azure DevOps answers: {message}',
  'poolCheck.failed': 'Azure DevOps refused the change to the checks of queue {queue:code} (HTTP {status}): {message}',
  'poolCheck.badMinutes': '{flag:code} must be a whole number of minutes from {min} to {max}, not {value:code}.',
  'poolCheck.tooManyEvaluations':
    'A check evaluated every {retry} minutes for {timeout} minutes would run more than {max} times, which Azure DevOps refuses. Raise the retry interval to at least {least} minutes, or set it to 0 for a final first answer.',
  'poolCheck.connectionMissing':
    'Name the Generic service connection the check calls Azure DevOps with ({flag:code}): the check cannot use the job’s token.',
} as const satisfies Record<string, string>;

export type PoolCheckKey = keyof typeof POOL_CHECK_MESSAGES;
