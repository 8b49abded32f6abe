import type { CheckConfiguration } from '../model/types';
import { int, isObject, object, optionalInt, optionalStr, str, type Json } from './wire';

/**
 * Approvals and checks on a project's resources (area PipelinesChecks, `{project}/_apis/pipelines/checks/configurations`):
 * a preview resource, so every call names `7.1-preview.1` (REST reference `approvalsAndChecks/7.1/pipelinesChecks.json`).
 * Reading needs the token scope Build (read); adding and deleting Build (read & execute) or Pipeline
 * Resources (use and manage), and the Administrator role on the resource.
 */
export const CHECKS_API_VERSION = '7.1-preview.1';

export const checkRoutes = {
  configurations: (project: string) => `${encodeURIComponent(project)}/_apis/pipelines/checks/configurations`,
  configuration: (project: string, id: number) => `${checkRoutes.configurations(project)}/${id}`,
  /** The checks of an agent queue, their settings included. */
  queueChecks: (project: string, queueId: number) =>
    `${checkRoutes.configurations(project)}?resourceType=queue&resourceId=${queueId}&$expand=settings`,
};

/** The check calls each client makes its own way; each fails with an `AdoError`. */
export interface ChecksPort {
  listQueueChecks(project: string, queueId: number): Promise<CheckConfiguration[]>;
  addCheck(project: string, configuration: Record<string, unknown>): Promise<CheckConfiguration>;
  deleteCheck(project: string, id: number): Promise<void>;
}

/**
 * A check configuration; its settings are read when they came (`$expand=settings`) and are a task check's.
 * Kept apart from the other readers (`wire.ts`), which the hub's list view loads, and this one it does not.
 */
export function readCheckConfiguration(json: Json): CheckConfiguration {
  const resource = object(json.resource);
  const settings = isObject(json.settings) ? json.settings : {};
  const definition = isObject(settings.definitionRef) ? settings.definitionRef : {};
  const inputs = isObject(settings.inputs) ? settings.inputs : {};
  return {
    id: int(json.id),
    resource: { type: str(resource.type), id: String(resource.id), name: optionalStr(resource.name) },
    timeout: optionalInt(json.timeout),
    displayName: optionalStr(settings.displayName),
    taskId: optionalStr(definition.id)?.toLowerCase(),
    inputs: Object.fromEntries(
      Object.entries(inputs).map(([name, value]) => [name, value === null || value === undefined ? '' : String(value)]),
    ),
    retryInterval: optionalInt(settings.retryInterval),
  };
}
