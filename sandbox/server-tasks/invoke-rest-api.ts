/**
 * Microsoft's Invoke REST API task (`InvokeRESTAPI@1`, id 9c3e8943-130d-4c78-ac63-8af81df62dfb), which an
 * "Invoke REST API" check runs: the inputs and the execution of microsoft/azure-pipelines-tasks
 * `Tasks/InvokeRestApiV1/task.json` that a check's settings fill in. The call goes to the connection's
 * URL with `urlSuffix` after it, authorized by the connection; the success criteria judge the answer.
 */
import type { ServerTaskJson } from './run';

/** The headers the task sends unless the check sets its own: pipeline details, and the check's job token. */
const DEFAULT_HEADERS = JSON.stringify({
  'Content-Type': 'application/json',
  PlanUrl: '$(system.CollectionUri)',
  ProjectId: '$(system.TeamProjectId)',
  HubName: '$(system.HostType)',
  PlanId: '$(system.PlanId)',
  JobId: '$(system.JobId)',
  TimelineId: '$(system.TimelineId)',
  TaskInstanceId: '$(system.TaskInstanceId)',
  AuthToken: '$(system.AccessToken)',
});

export const INVOKE_REST_API_TASK: ServerTaskJson = {
  name: 'InvokeRESTAPI',
  instanceNameFormat: 'Invoke REST API: $(method)',
  runsOn: ['Server', 'ServerGate'],
  inputs: [
    { name: 'connectedServiceNameSelector', aliases: ['connectionType'], type: 'pickList', defaultValue: 'connectedServiceName' },
    { name: 'connectedServiceName', aliases: ['serviceConnection', 'genericService'], type: 'connectedService:Generic' },
    { name: 'connectedServiceNameARM', aliases: ['azureServiceConnection', 'azureSubscription'], type: 'connectedService:AzureRM' },
    { name: 'connectedServiceNameAzureDevOps', aliases: ['azureDevOpsServiceConnection'], type: 'connectedService:WorkloadIdentityUser' },
    { name: 'method', type: 'pickList', defaultValue: 'POST' },
    { name: 'headers', type: 'multiLine', defaultValue: DEFAULT_HEADERS },
    { name: 'body', type: 'multiLine', defaultValue: '' },
    { name: 'urlSuffix', type: 'string', defaultValue: '' },
    { name: 'waitForCompletion', type: 'pickList', defaultValue: 'false' },
    { name: 'successCriteria', type: 'string', defaultValue: '' },
  ],
  execution: {
    HttpRequest: {
      Execute: {
        EndpointId: "TaskInputs[TaskInputs['connectedServiceNameSelector']]",
        EndpointUrl: '$(endpoint.url)$(urlSuffix)',
        Method: '$(method)',
        Body: '$(body)',
        Headers: '$(headers)',
        WaitForCompletion: '$(waitForCompletion)',
        Expression: '$(successCriteria)',
      },
    },
  },
};
