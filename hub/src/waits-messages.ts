/**
 * The hub's texts about the waits for an agent (the Waits column's cells, the wait threshold setting, the
 * Scaling tab), in the shared catalog's template syntax. They sit apart from `messages.ts` because the code
 * that shows them loads on demand: they travel with it, not in the page's first load (`scripts/budgets.ts`).
 */
export const WAITS_MESSAGES = {
  'hub.cell.waitsOver': '{p95Ms:seconds}, over {thresholdMs:seconds}',
  'hub.cell.waitsNone': 'none',
  'hub.cell.waitsTitle':
    '95th percentile of the waits for an agent of the {jobs} jobs of the last day, among the {read} newest job requests; median {p50Ms:seconds}, longest {maxMs:seconds}. The Scaling tab reads the whole day.',
  'hub.cell.waitsNoneTitle': 'No job got an agent in the last day, among the {read} newest job requests.',
  'hub.settings.waitSeconds': 'Longest acceptable wait for an agent (seconds)',
  'hub.settings.waitSecondsHelp':
    'The Waits column shows the 95th percentile of the last day’s waits, highlighted above this many seconds; empty, nothing is. The task’s `waitThresholdSeconds` and the command line’s `--wait-threshold` take the same value.',
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

export type WaitsMessageKey = keyof typeof WAITS_MESSAGES;
