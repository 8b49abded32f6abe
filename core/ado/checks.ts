import type { CheckConfiguration } from '../model/types';

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
