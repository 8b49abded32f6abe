/**
 * The texts of the hub's "Before every stage" tab (the pool check of the project's queue), in the shared
 * catalog's template syntax; the sentences about the check itself are core's (`core/pool-check-messages.ts`).
 * Apart from `messages.ts` because they load with the tab, not with the hub's first view. Data only.
 */
export const HUB_POOL_CHECK_MESSAGES = {
  'hub.poolCheck.title': 'Guard this pool before every stage',
  'hub.poolCheck.about':
    'An Invoke REST API check on the project’s agent queue {queue:code}: before any stage that uses the pool starts, Azure DevOps asks whether a registered agent can take its jobs, and holds the stage back until one can. No pipeline changes.',
  'hub.poolCheck.loading': 'Reading the checks of queue {queue:code}…',
  'hub.poolCheck.connection': 'Generic service connection',
  'hub.poolCheck.connectionHelp':
    'The name of a Generic service connection of this project whose server URL is {url:code} and whose password is a personal access token with the Agent Pools (read) scope of a user with the Reader role on the pool. KEDA Pool Guard never creates it.',
  'hub.poolCheck.install': 'Guard this pool before every stage',
  'hub.poolCheck.reinstall': 'Install the check again',
  'hub.poolCheck.remove': 'Stop guarding',
  'hub.poolCheck.confirmInstall.title': 'Guard pool {pool} before every stage?',
  'hub.poolCheck.confirmInstall.body':
    'Every stage of every pipeline of project {project:code} that uses the pool will wait, evaluated again every {retry} minutes for up to {timeout} minutes, until Azure DevOps finds a registered agent that satisfies {demands:code}. The check calls with the connection {connection:code}, which must exist.',
  'hub.poolCheck.confirmInstall.bodyAnyAgent':
    'Every stage of every pipeline of project {project:code} that uses the pool will wait, evaluated again every {retry} minutes for up to {timeout} minutes, until an agent is registered in it. The check calls with the connection {connection:code}, which must exist.',
  'hub.poolCheck.confirmInstall.ok': 'Install the check',
  'hub.poolCheck.confirmRemove.title': 'Stop guarding pool {pool}?',
  'hub.poolCheck.confirmRemove.body':
    'Stages that use the pool will start without asking whether an agent can take their jobs; a job may then fail at once.',
  'hub.poolCheck.confirmRemove.ok': 'Remove the check',
  'hub.poolCheck.alternative': 'Or guard the pipeline itself, without a check',
} as const satisfies Record<string, string>;
