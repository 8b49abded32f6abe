/**
 * The service's exceptions. Every error the sandbox answers carries the service's error body
 * (`$id, innerException, message, typeName, typeKey, errorCode, eventId`, reference §11.2), so
 * clients parse sandbox errors exactly as they parse real ones.
 */

import { newGuid } from './ids';

const DISTRIBUTED_TASK = 'Microsoft.TeamFoundation.DistributedTask.WebApi';
const WEB_API = 'Microsoft.VisualStudio.Services.WebApi';
const FRAMEWORK = 'Microsoft.TeamFoundation.Framework.Server';

export class ServiceError extends Error {
  readonly typeKey: string;

  /** `typeName` is the .NET `Namespace.Type, Assembly` string; `typeKey` is its short type name. */
  constructor(
    readonly status: number,
    readonly typeName: string,
    message: string,
    readonly headers: Record<string, string | string[]> = {},
  ) {
    super(message);
    this.typeKey = typeName.split(',', 1)[0].split('.').pop() ?? typeName;
  }

  body(): string {
    return JSON.stringify({
      $id: '1',
      innerException: null,
      message: this.message,
      typeName: this.typeName,
      typeKey: this.typeKey,
      errorCode: 0,
      eventId: 3000,
    });
  }
}

function typeIn(assembly: string, type: string, namespace = assembly): string {
  return `${namespace}.${type}, ${assembly}`;
}

export function distributedTaskError(status: number, type: string, message: string): ServiceError {
  return new ServiceError(status, typeIn(DISTRIBUTED_TASK, type), message);
}

export function webApiError(status: number, type: string, message: string): ServiceError {
  return new ServiceError(status, typeIn(WEB_API, type), message);
}

export function frameworkError(status: number, type: string, message: string, headers?: Record<string, string | string[]>): ServiceError {
  return new ServiceError(status, typeIn(FRAMEWORK, type), message, headers);
}

/** Thrown by `OrgState.registerAgent`/`updateAgent` when the pool already holds the name. */
export class AgentExistsError extends ServiceError {
  constructor(agentName: string, poolName: string) {
    super(409, typeIn(DISTRIBUTED_TASK, 'TaskAgentExistsException'), `Agent ${agentName} already exists in pool ${poolName}.`);
  }
}

export const poolNotFound = (poolId: number | string) =>
  distributedTaskError(404, 'TaskAgentPoolNotFoundException', `No agent pool found with identifier ${poolId}.`);

export const agentNotFound = (poolId: number, agentId: number | string) =>
  distributedTaskError(404, 'TaskAgentNotFoundException', `No agent found for pool ${poolId} with identifier ${agentId}.`);

export const queueNotFound = (queueId: number | string) =>
  distributedTaskError(404, 'TaskAgentQueueNotFoundException', `No agent queue found with identifier ${queueId}.`);

export const jobRequestNotFound = (requestId: number | string) =>
  distributedTaskError(404, 'TaskAgentJobRequestNotFoundException', `No job request found with identifier ${requestId}.`);

export const accessDenied = (identityName: string) =>
  distributedTaskError(
    403,
    'AccessDeniedException',
    `Access denied. ${identityName} needs Manage permissions to perform the action. For more information, contact the Azure DevOps Server administrator.`,
  );

export const projectNotFound = (project: string) =>
  new ServiceError(
    404,
    'Microsoft.TeamFoundation.Core.WebApi.ProjectDoesNotExistWithNameException, Microsoft.TeamFoundation.Core.WebApi',
    `TF200016: The following project does not exist: ${project}. Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.`,
  );

/** What Web API model binding leaves behind for a missing or unreadable body or member. */
export const argumentNull = (parameter: string) =>
  new ServiceError(400, 'System.ArgumentNullException, mscorlib', `Value cannot be null.\r\nParameter name: ${parameter}`);

export const argumentInvalid = (message: string) => new ServiceError(400, 'System.ArgumentException, mscorlib', message);

export const routeNotFound = (path: string) =>
  new ServiceError(
    404,
    'System.Web.HttpException, System.Web',
    `The controller for path '${path}' was not found or does not implement IController.`,
  );

export const methodNotAllowed = (method: string) =>
  new ServiceError(405, 'System.Web.HttpException, System.Web', `The requested resource does not support http method '${method}'.`);

export const organizationNotFound = (name: string) =>
  frameworkError(404, 'HostNotFoundException', `The organization '${name}' was not found.`);

export const internalError = () =>
  webApiError(500, 'VssServiceException', `TF400898: An Internal Error Occurred. Activity Id: ${newGuid()}.`);

export const requestTooLarge = (limitBytes: number) =>
  webApiError(413, 'VssRequestContentTooLargeException', `The request body is larger than ${limitBytes} bytes.`);

/** Errors of the `/_sandbox/` control endpoints, which have no service counterpart. */
export const sandboxError = (status: number, message: string) =>
  new ServiceError(status, 'KedaPoolGuard.Sandbox.SandboxControlException, KedaPoolGuard.Sandbox', message);
