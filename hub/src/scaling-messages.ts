/**
 * The Scaling tab's own texts, in the shared catalog's template syntax. They sit apart from `messages.ts`
 * because the tab is a chunk loaded when it first opens: its texts travel with it, not in the page's first
 * load (`scripts/budgets.ts`).
 */
export const SCALING_MESSAGES = {
  'hub.scaling.intro':
    'How long the jobs of pool {pool:code} waited for an agent over the last day ({requests} jobs queued, of at most {max} job requests read), and how many jobs ran and KEDA agents were online.',
  'hub.scaling.waitChart': 'Wait for an agent, job by job',
  'hub.scaling.activityChart': 'Jobs running and KEDA agents online, per 15 minutes',
  'hub.scaling.chartLabel': '{title}: a chart of the last day. The table below the charts holds the same numbers.',
  'hub.scaling.legendKeda': 'on an agent KEDA started',
  'hub.scaling.legendOther': 'on another agent',
  'hub.scaling.legendThreshold': 'your threshold, {thresholdMs:seconds}',
  'hub.scaling.legendRunning': 'jobs running',
  'hub.scaling.legendKedaAgents': 'KEDA agents online',
  'hub.scaling.table': 'The charts’ numbers as a table',
  'hub.scaling.jobs.caption': 'Jobs that got an agent, oldest first',
  'hub.scaling.jobs.queued': 'Queued',
  'hub.scaling.jobs.wait': 'Wait for an agent',
  'hub.scaling.jobs.start': 'Agent start',
  'hub.scaling.jobs.agent': 'Agent',
  'hub.scaling.steps.caption': 'Quarter hours with jobs or KEDA agents',
  'hub.scaling.steps.from': 'From',
  'hub.scaling.steps.queued': 'Jobs queued',
  'hub.scaling.steps.running': 'Jobs running',
  'hub.scaling.steps.keda': 'KEDA agents online',
  'hub.scaling.steps.longest': 'Longest wait',
} as const satisfies Record<string, string>;

export type ScalingMessageKey = keyof typeof SCALING_MESSAGES;
