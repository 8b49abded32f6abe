import { ENGLISH, type MessageKey } from '../../core/messages';
import { KEDA_MESSAGES } from '../../core/keda/messages';

/**
 * The pipeline task's own texts (its step results and the problems of its agent context), in the shared
 * catalog's template syntax. `npm run sync-messages` writes them into task.json's `messages`, where
 * `tl.loc` finds them, with task.loc.json and `Strings/resources.resjson/en-US` as Microsoft's tasks have.
 */
export const TASK_MESSAGES = {
  'task.swept': 'Deleted {count} leftover agent(s). The summary lists what was deleted and what was kept, and why.',
  'task.sweepDryRun': 'Dry run: {count} leftover agent(s) would be deleted, and nothing was deleted. Set `dryRun: false` to delete them.',
  'task.sweepWarned': 'A pool changed during the sweep and was left as it was. See the warnings for what to do.',
  'task.sweepErrored': 'A pool could not be swept, and some leftover agents were not deleted. See the errors for the cause and the fix.',
  'input.jobTokenMissing':
    'The job’s access token or collection URL is not available to the task. Run it in an agent job, or give it a service connection with the `connection` input.',
  'input.connectionIncomplete':
    'Service connection {connection:code} has no URL or no token. Edit it (Project settings → Service connections) and give the organization URL and a personal access token.',
  'task.internalError':
    'KEDA Pool Guard stopped on an error in its own code ({message:code}), not on your settings, your organization or its pools. Please report it at {issues:code} with the debug log: run the pipeline again with the variable `System.Debug` set to `true`, which adds the error’s details to the log.',
  'task.ready': 'Every pool can queue KEDA-scaled jobs.',
  'task.atRisk': 'Jobs queue today, but a pool depends on agents that will go away. See the warnings for the fix.',
  'task.atRiskFails': 'A pool is at risk and `failOn` is `atRisk`. See the warnings for the fix.',
  'task.blocked': 'Jobs sent to a pool would fail at once: no registered agent satisfies their demands. See the errors for the fix.',
  'task.errored': 'A pool could not be checked or repaired. See the errors for the cause and the fix.',
} as const satisfies Record<string, string>;

export type TaskMessageKey = keyof typeof TASK_MESSAGES;

/**
 * The sentences the task shares with the other faces and shows: core's, less the KEDA emulation's, which
 * only the hub and the command line show. They travel with the task in `SHARED_MODULE`, a resource file of
 * their own with its own `Strings/`, as Microsoft's common task modules ship theirs (`module.json`, loaded
 * with a second `tl.setResourcePath`), so that task.json holds the task's own texts only.
 */
export const SHARED_KEYS: readonly MessageKey[] = (Object.keys(ENGLISH) as MessageKey[]).filter(
  (key) => !Object.hasOwn(KEDA_MESSAGES, key),
);

/** The shared sentences' resource file, relative to task.json. */
export const SHARED_MODULE = ['shared', 'module.json'] as const;
