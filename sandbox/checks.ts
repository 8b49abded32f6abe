/**
 * Approvals and checks on an organization's resources (the service's `PipelinesChecks` area): the stored
 * configurations and what the service requires of one before storing it. Azure DevOps Server 2022's
 * `Microsoft.Azure.Pipelines.Checks.Server` (`CheckConfigurationService`, `ArgumentValidation`,
 * `PipelineChecksExceptionMapper`, `Resources.resx`) and `Microsoft.Azure.Pipelines.TaskCheck.WebApi`
 * (`TaskCheckConstants`, `TaskCheckConfig`), decompiled in mjwrona/decompiled; the contract as in the
 * REST reference's example `approvalsAndChecks/7.2/httpExamples/configurations/POST__AddTaskCheckConfiguration.json`
 * (MicrosoftDocs/vsts-rest-api-specs), a task check on a queue.
 */
import { ServiceError } from './errors';
import { IdSequence } from './ids';

const CHECKS = 'Microsoft.Azure.Pipelines.Checks.WebApi';
const checksError = (status: number, type: string, message: string) => new ServiceError(status, `${CHECKS}.${type}, ${CHECKS}`, message);

/** `TaskCheckConstants.TaskCheckTypeId`: a check that runs a server task. */
export const TASK_CHECK_TYPE = { id: 'fe1de3ee-a436-41b4-bb20-f6eb4cb879a7', name: 'Task Check' } as const;

/** `TaskCheckConstants.InvokeRestApiTaskId`, `AzureFunctionTaskId`: the checks bound by the scalability limits. */
export const INVOKE_REST_API_TASK_ID = '9c3e8943-130d-4c78-ac63-8af81df62dfb';
const AZURE_FUNCTION_TASK_ID = '537fdb7a-a601-4537-aa70-92645a2b5ce4';

/** `ArgumentValidation.SettingsMaxLength`. */
const SETTINGS_MAX_LENGTH = 8000;

/** The check settings of a task check (`TaskCheckConfig`). */
export interface TaskCheckSettings {
  displayName: string;
  definitionRef: { id: string; name?: string; version: string };
  inputs: Record<string, string>;
  /** Minutes between evaluations while the check does not pass; 0 or absent: its first decision is final. */
  retryInterval?: number;
  linkedVariableGroup?: string;
}

export interface StoredCheck {
  readonly id: number;
  readonly projectId: string;
  readonly type: { id: string; name: string };
  readonly settings: TaskCheckSettings;
  /** `type` such as `queue`, `id` as text, lower-cased as the service stores it, `name` the resource's. */
  readonly resource: { type: string; id: string; name: string };
  /** Minutes the check may take before the stage fails. */
  readonly timeout: number;
  readonly createdBy: string;
  readonly createdOn: Date;
}

export class CheckStore {
  private readonly byId = new Map<number, StoredCheck>();
  private readonly ids = new IdSequence(1);

  add(check: Omit<StoredCheck, 'id'>): StoredCheck {
    const stored = { ...check, id: this.ids.take() };
    this.byId.set(stored.id, stored);
    return stored;
  }

  get(id: number): StoredCheck | undefined {
    return this.byId.get(id);
  }

  /** The checks on one resource, oldest first. */
  on(projectId: string, type: string, id: string): StoredCheck[] {
    return [...this.byId.values()].filter(
      (check) => check.projectId === projectId && check.resource.type === type.toLowerCase() && check.resource.id === id.toLowerCase(),
    );
  }

  delete(id: number): void {
    this.byId.delete(id);
  }
}

export const checkNotFound = (id: number | string) =>
  checksError(404, 'CheckConfigurationNotFoundException', `Checks configuration with id ${id} does not exist.`);

/** `PipelineChecksResources.ResourceAccessDenied`: adding, changing or deleting needs the resource's Administrator role. */
export const checkResourceDenied = () =>
  new ServiceError(
    403,
    'Microsoft.VisualStudio.Services.Security.AccessDeniedException, Microsoft.VisualStudio.Services.WebApi',
    'You do not have permissions to update checks on this resource. Contact your resource administrator.',
  );

/** `PipelineChecksResources.AccessDeniedException`: reading one needs to see its resource. */
export const checkViewDenied = () =>
  new ServiceError(
    403,
    'Microsoft.VisualStudio.Services.Security.AccessDeniedException, Microsoft.VisualStudio.Services.WebApi',
    'User does not have required permissions to view assignment on the resource.',
  );

/** `ArgumentUtility.CheckForNull`, as .NET Framework words an `ArgumentNullException`. */
export const checkArgumentNull = (parameter: string) =>
  new ServiceError(400, 'System.ArgumentNullException, mscorlib', `Value cannot be null.\r\nParameter name: ${parameter}`);

const invalid = (message: string) => checksError(400, 'InvalidCheckConfigurationException', message);

/**
 * What `AddCheckConfiguration` checks of a body before it looks at the resource: a type (by id, or the
 * name `Task Check`), a resource with a type and an id, settings of at most 8000 characters; for a task
 * check a display name and a task, and for Invoke REST API and Azure Function checks polled for an
 * answer the scalability limits (`TaskCheck.MaxSyncRetries`: at most 10 evaluations, so a timeout of at
 * most ten retry intervals; a callback check is never retried).
 */
export function readCheckBody(
  body: unknown,
): Pick<StoredCheck, 'type' | 'settings' | 'timeout'> & { resource: { type: string; id: string } } {
  const json = objectOr(body, 'configuration');
  const type = objectOr(json.type, 'checkConfigurationType');
  const typeId = typeof type.id === 'string' ? type.id.toLowerCase() : '';
  const typeName = typeof type.name === 'string' ? type.name : '';
  if (typeId === '' && typeName === '') throw checkArgumentNull('checkConfigurationTypeName');
  if (typeId !== TASK_CHECK_TYPE.id && typeName.toLowerCase() !== TASK_CHECK_TYPE.name.toLowerCase()) {
    throw invalid(`The sandbox configures task checks only (type ${TASK_CHECK_TYPE.id}), not ${typeId || typeName}.`);
  }
  const resource = objectOr(json.resource, 'resource');
  for (const member of ['type', 'id'] as const) {
    if (typeof resource[member] !== 'string' || (resource[member] as string).trim() === '')
      throw checkArgumentNull(`resource.${member === 'type' ? 'Type' : 'Id'}`);
  }
  const settings = objectOr(json.settings, 'checkConfigurationSettings');
  if (JSON.stringify(settings).length > SETTINGS_MAX_LENGTH) {
    throw new ServiceError(
      400,
      'System.ArgumentException, mscorlib',
      `The string length exceeds the maximum of ${SETTINGS_MAX_LENGTH}.\r\nParameter name: checkConfigurationSettings`,
    );
  }
  const taskSettings = readTaskCheckSettings(settings);
  const timeout = typeof json.timeout === 'number' && json.timeout > 0 ? json.timeout : 43_200;
  checkScalability(taskSettings, timeout);
  return {
    type: { ...TASK_CHECK_TYPE },
    settings: taskSettings,
    timeout,
    resource: { type: (resource.type as string).toLowerCase(), id: (resource.id as string).toLowerCase() },
  };
}

function readTaskCheckSettings(settings: Record<string, unknown>): TaskCheckSettings {
  const definition = objectOr(settings.definitionRef, 'DefinitionRef');
  if (typeof settings.displayName !== 'string' || settings.displayName === '')
    throw invalid("Required property 'displayName' not found in JSON.");
  if (typeof definition.id !== 'string' || typeof definition.version !== 'string')
    throw invalid("Required property 'id' or 'version' not found in JSON.");
  if (definition.id.toLowerCase() !== INVOKE_REST_API_TASK_ID) {
    throw invalid(`The sandbox runs the Invoke REST API check (task ${INVOKE_REST_API_TASK_ID}) only, not task ${definition.id}.`);
  }
  const inputs = typeof settings.inputs === 'object' && settings.inputs !== null ? (settings.inputs as Record<string, unknown>) : {};
  return {
    displayName: settings.displayName,
    definitionRef: {
      id: definition.id.toLowerCase(),
      name: typeof definition.name === 'string' ? definition.name : undefined,
      version: definition.version,
    },
    inputs: Object.fromEntries(Object.entries(inputs).map(([name, value]) => [name, String(value)])),
    retryInterval: typeof settings.retryInterval === 'number' ? settings.retryInterval : undefined,
    linkedVariableGroup: typeof settings.linkedVariableGroup === 'string' ? settings.linkedVariableGroup : undefined,
  };
}

function checkScalability(settings: TaskCheckSettings, timeout: number): void {
  if (![INVOKE_REST_API_TASK_ID, AZURE_FUNCTION_TASK_ID].includes(settings.definitionRef.id)) return;
  const retry = settings.retryInterval ?? 0;
  const callback = (settings.inputs.waitForCompletion ?? '').toLowerCase() === 'true';
  if (retry === 0 || (!callback && timeout / retry <= 10)) return;
  throw invalid(
    `The following check configurations are not compliant with our checks scalability limits: ${settings.displayName}. ` +
      'See https://aka.ms/AzPipelines/NoncompliantChecks for more information.',
  );
}

function objectOr(value: unknown, parameter: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw checkArgumentNull(parameter);
  return value as Record<string, unknown>;
}
