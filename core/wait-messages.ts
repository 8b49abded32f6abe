/**
 * How long jobs wait for an agent, in the sentences more than one face shows: the guard's findings and summary
 * line, and the figures both the `waits` command and the hub's Scaling tab list, in the shared catalog's
 * template syntax; `{ms:seconds}` is a duration in milliseconds shown to the second. Not part of `ENGLISH`:
 * the hub's first load shows none of them, so `wait-findings.ts`, which everything that shows them imports,
 * registers them (`on-demand-messages.ts`) when it loads. Data only, like `keda/messages.ts`.
 */
export const WAIT_MESSAGES = {
  'duration.seconds': '{seconds} s',
  'duration.minutesSeconds': '{minutes} min {seconds} s',
  'duration.hoursMinutes': '{hours} h {minutes} min',

  'finding.jobWaits':
    'Jobs in pool {pool:code} waited {p50Ms:seconds} for an agent at the median and {p95Ms:seconds} at the 95th percentile ({jobs} jobs in the last day; the longest {maxMs:seconds}).',
  'finding.jobWaits.why':
    'A job waits from being queued until Azure DevOps assigns it an agent. In a KEDA pool that is KEDA’s polling interval, then the pod’s scheduling and image pull, then the agent’s registration: time no view of Azure DevOps shows.',
  'finding.jobsWaitLong':
    'Jobs in pool {pool:code} wait too long for an agent: {p95Ms:seconds} at the 95th percentile of {jobs} jobs in the last day, above your threshold of {thresholdMs:seconds}; {over} job(s) waited longer than that.',
  'finding.jobsWaitLong.why':
    'KEDA starts an agent only when its next poll sees a waiting job; Kubernetes then schedules the pod and pulls the agent image, and the agent registers and connects before Azure DevOps assigns it the job. Each step adds to the wait.',
  'detail.waitSpread':
    'Wait for an agent: median {p50Ms:seconds}, 95th percentile {p95Ms:seconds}, longest {maxMs:seconds}; {keda} of the {jobs} jobs ran on agents KEDA started.',
  'detail.agentStart': 'From assignment until the agent received the job: median {p50Ms:seconds}, 95th percentile {p95Ms:seconds}.',
  'detail.cancelledWhileWaiting': '{count} job(s) were cancelled while they waited for an agent.',
  'detail.waitsSkewed':
    '{count} time difference(s) came out negative (an agent assigned before the job was queued, by the service’s own clocks) and were counted as no wait.',
  'fix.waitTriggerCountsNothing':
    '{count} of the long waits ended on an agent KEDA did not start, or in a cancellation: KEDA’s trigger may not count these jobs at all. Check its `parent` or `demands` against them: `keda-pool-guard keda` for pool {pool:code}, with the trigger’s metadata, shows which jobs it counts.',
  'fix.waitPollingInterval':
    'Shorten the ScaledJob’s `pollingInterval` (30 seconds unless set): a queued job waits for KEDA’s next poll before any pod starts.',
  'fix.waitImagePull':
    'Make the pod start faster: a smaller agent image, pulled ahead of time on every node (for example by a DaemonSet), with `imagePullPolicy: IfNotPresent`.',
  'fix.waitWarmPod':
    'Keep an agent ready: `minReplicaCount: 1` on the ScaledJob keeps one pod waiting for the next job, at the cost of one idle pod.',

  'summary.waits':
    'Wait for an agent over the last day: median {p50Ms:seconds}, 95th percentile {p95Ms:seconds}, longest {maxMs:seconds} ({jobs} jobs; {keda} on KEDA agents).',
  'summary.waitsNone': 'No job got an agent in this pool over the last day.',

  'input.waitThresholdInvalid':
    'Wait threshold {value:code} is not a whole number of seconds from 1 to {max}. Give, for example, `120` for two minutes.',

  'waits.jobs': 'Jobs run: {jobs} ({keda} on agents KEDA started); still waiting: {waiting}; cancelled while waiting: {cancelled}',
  'waits.wait': 'Wait for an agent: median {p50Ms:seconds}, 95th percentile {p95Ms:seconds}, longest {maxMs:seconds}',
  'waits.waitNone': 'Wait for an agent: no job got an agent in the window',
  'waits.agentStart': 'Agent start (assigned to received): median {p50Ms:seconds}, 95th percentile {p95Ms:seconds}',
  'waits.threshold': 'Longer than {thresholdMs:seconds}: {over} job(s)',
} as const satisfies Record<string, string>;
