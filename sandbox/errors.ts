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

/**
 * Thrown by `OrgState.registerAgent`/`updateAgent` when the pool already holds the name. The message is
 * the service's `TaskResources.AgentExists`, the status its exception map's (Azure DevOps Server 2022,
 * decompiled in mjwrona/decompiled: `TaskSqlComponentBase`, `DistributedTaskExceptionMapper`).
 */
export class AgentExistsError extends ServiceError {
  constructor(agentName: string, poolName: string) {
    super(409, typeIn(DISTRIBUTED_TASK, 'TaskAgentExistsException'), `Pool ${poolName} already contains an agent with name ${agentName}.`);
  }
}

export const poolNotFound = (poolId: number | string) =>
  distributedTaskError(404, 'TaskAgentPoolNotFoundException', `No agent pool found with identifier ${poolId}.`);

export const agentNotFound = (poolId: number, agentId: number | string) =>
  distributedTaskError(404, 'TaskAgentNotFoundException', `No agent found for pool ${poolId} with identifier ${agentId}.`);

/** What DELETE answers for an agent of a pool that has none (`TaskAgentsBaseController.DeleteAgent`). */
export const agentNotFoundPoolEmpty = (poolId: number) =>
  distributedTaskError(
    404,
    'TaskAgentNotFoundException',
    `No agents were found in pool ${poolId}. Configure an agent for the pool and try again.`,
  );

/**
 * Writes to agents of pools the service provisions (`CheckHostedPoolPermissions`,
 * `CheckAgentCloudPoolPermissions`): a registration or change is refused naming the pool, a removal
 * without naming it.
 */
export const hostedPoolWriteDenied = (poolName: string, change: 'register' | 'remove') =>
  distributedTaskError(
    403,
    'AccessDeniedException',
    change === 'register'
      ? `Cannot modify agents for pool ${poolName} because it is hosted and managed by the system. Agents may only be registered with private pools.`
      : 'Access Denied. Microsoft-hosted agent pools cannot be modified.',
  );

export const agentCloudPoolWriteDenied = (poolName: string, change: 'register' | 'remove') =>
  distributedTaskError(
    403,
    'AccessDeniedException',
    change === 'register'
      ? `Cannot modify agents for pool ${poolName} because it is backed by an agent cloud and managed by the system. Agents can be added/removed by updating target size of pool`
      : 'Access denied. Agent cloud-backed pools cannot be modified. Modify target size of pool to add or remove agents.',
  );

export const queueNotFound = (queueId: number | string) =>
  distributedTaskError(404, 'TaskAgentQueueNotFoundException', `No agent queue found with identifier ${queueId}.`);

/** Server 2022 `TaskAgentJobRequestsLegacyController.GetAgentRequest`: `TaskAgentJobNotFoundException` (404 in `DistributedTaskExceptionMapper`) with `TaskResources.AgentRequestNotFound`. */
export const jobRequestNotFound = (requestId: number | string) =>
  distributedTaskError(404, 'TaskAgentJobNotFoundException', `No request was found with identifier ${requestId}.`);

/** A write to a pool the caller may not view (`CheckViewAndOtherPermissionsForPool`; mapped to 403 by `DistributedTaskExceptionMapper`). */
export const poolNotEnoughPermissions = () =>
  distributedTaskError(
    403,
    'TaskAgentPoolNotEnoughPermissionsException',
    "This agent pool exists, but you don't have enough permissions to access it.",
  );

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

/** .NET Framework's `ArgumentException.Message`: the message, then the parameter on a line of its own. */
const withParameter = (message: string, parameter: string) => `${message}\r\nParameter name: ${parameter}`;

/** What Web API model binding leaves behind for a missing or unreadable body or member. */
export const argumentNull = (parameter: string) =>
  new ServiceError(400, 'System.ArgumentNullException, mscorlib', withParameter('Value cannot be null.', parameter));

export const argumentInvalid = (message: string, parameter?: string) =>
  new ServiceError(400, 'System.ArgumentException, mscorlib', parameter === undefined ? message : withParameter(message, parameter));

/** `ArgumentUtility.CheckStringForNullOrEmpty` on an empty string (actions/runner@18b5987 `CommonResources`). */
export const emptyString = (parameter: string) => argumentInvalid('The string must have at least one character.', parameter);

/** A `?demands=` item that is not a demand (`TaskAgentsBaseController.AsDemands`, `TaskResources.InvalidDemand`, sic). */
export const invalidDemand = (text: string) => argumentInvalid(`The value ${text} not a valid demand expression.`, 'demands');

/** The service's registration checks (`ArgumentValidation.CheckAgent`, `TaskResources`). */
export const invalidAgentName = (name: string, parameter: string) =>
  argumentInvalid(
    `The agent name '${name}' is not valid. A valid agent name is less than 64 characters in length and does not include '"', '/', ':', '<', '>', '\\', '|', '*' and '?'.`,
    parameter,
  );

export const invalidAgentVersion = (parameter: string) =>
  argumentInvalid('The agent version cannot be empty and must be of the format major.minor.patch.build[-semver].', parameter);

export const invalidCapabilityName = (name: string, parameter: string) =>
  name === ''
    ? argumentInvalid('Capability names cannot be empty and must be less than 256 characters in length.', parameter)
    : argumentInvalid(
        `Capability name '${name}' is not valid. Capability names must be less than 256 characters in length and may not start or end with whitespace characters.`,
        parameter,
      );

export const invalidCapabilityValue = (name: string, parameter: string) =>
  argumentInvalid(
    `Capability '${name}' contains a value which is too long. Capability values must be less than 1024 characters in length.`,
    parameter,
  );

export const routeNotFound = (path: string) =>
  new ServiceError(
    404,
    'System.Web.HttpException, System.Web',
    `The controller for path '${path}' was not found or does not implement IController.`,
  );

export const methodNotAllowed = (method: string) =>
  new ServiceError(405, 'System.Web.HttpException, System.Web', `The requested resource does not support http method '${method}'.`);

export const internalError = () =>
  webApiError(500, 'VssServiceException', `TF400898: An Internal Error Occurred. Activity Id: ${newGuid()}.`);

export const requestTooLarge = (limitBytes: number) =>
  webApiError(413, 'VssRequestContentTooLargeException', `The request body is larger than ${limitBytes} bytes.`);

/** Errors of the `/_sandbox/` control endpoints, which have no service counterpart. */
export const sandboxError = (status: number, message: string) =>
  new ServiceError(status, 'KedaPoolGuard.Sandbox.SandboxControlException, KedaPoolGuard.Sandbox', message);
