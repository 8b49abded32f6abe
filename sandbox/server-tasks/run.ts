/**
 * Runs a server (agentless) task as Azure Pipelines does, from its task.json: the `HttpRequest` execution
 * (one call, its `Expression` the success criteria) and the `HttpRequestChain` (calls in order, each
 * skippable by its `SkipSectionExpression`, handing `OutputVariables` to the next). Documented in
 * microsoft/azure-pipelines-tasks `docs/authoring/servertaskauthoring.md` and `docs/authoring/gates.md`;
 * the shapes follow Microsoft's own server tasks (`Tasks/InvokeRestApiV1`, `Tasks/QueryWorkItemsV0`,
 * `Tasks/AzurePolicyV0`). What the service does beyond the documentation (the status names the chain's
 * `response['statuscode']` holds, the wording of the log) is the sandbox's reading; see `sandbox/README.md`.
 *
 * Only what a task can ask for in one evaluation is emulated: `WaitForCompletion: true` (a callback from
 * the called service), `ServiceBus` executions and a chain's polling are refused rather than faked.
 */
import { evaluateExpression, ExpressionError } from './expressions';
import { expandMacros, expandSections, lookupIn, renderHeaderTemplate, type Lookup } from './templates';
import { caseInsensitive, toBoolean, tryString, type JsonValue, type Value } from './values';

/** The parts of a task.json a server task run reads. */
export interface ServerTaskJson {
  name: string;
  instanceNameFormat?: string;
  runsOn?: string[];
  inputs?: { name: string; aliases?: string[]; type?: string; defaultValue?: string }[];
  execution: Record<string, unknown>;
}

/** A service connection as the service holds it. */
export interface ServiceEndpoint {
  id: string;
  name: string;
  /** `generic`, or a contributed type such as `keda-pool-guard-ado`. */
  type: string;
  url: string;
  /** `UsernamePassword`, `Token` or `None`. */
  scheme: string;
  /** e.g. `username` and `password`, or `apitoken`: secrets, never logged. */
  parameters: Record<string, string>;
}

/** A contributed endpoint type's header templates per scheme, from its extension's manifest. */
export type EndpointTypeHeaders = Record<string, Record<string, { name: string; value: string }[]>>;

export interface ServerTaskRun {
  task: ServerTaskJson;
  /** As a pipeline writes them: by input name or alias; connections by name or id. */
  inputs: Record<string, string>;
  /** `system.teamFoundationCollectionUri`, `system.accessToken`, ...: by name, ignoring case. */
  variables: Record<string, string>;
  /** The connections of the project the task runs in. */
  endpoints?: readonly ServiceEndpoint[];
  endpointTypes?: EndpointTypeHeaders;
  /** Where requests go; the global `fetch` by default. */
  fetch?: typeof fetch;
}

export interface ServerTaskRequest {
  method: string;
  url: string;
  status: number;
}

export interface ServerTaskOutcome {
  result: 'succeeded' | 'failed';
  /** The task's display name, its instance name format with the inputs filled in. */
  displayName: string;
  /** Why it failed, naming the task and what it asked; empty when it succeeded. */
  message: string;
  /** What the run's log shows, line by line; never a credential. */
  log: string[];
  requests: ServerTaskRequest[];
}

/** Header templates of the built-in schemes (`docs/extend/develop/auth-schemes.md`). */
const DEFAULT_SCHEME_HEADERS: Record<string, { name: string; value: string }[]> = {
  usernamepassword: [{ name: 'Authorization', value: 'Basic {{ #base64 endpoint.username ":" endpoint.password }}' }],
  token: [{ name: 'Authorization', value: '{{endpoint.apitoken}}' }],
  none: [],
};

/** .NET's `HttpStatusCode` names, which a chain's `response['statuscode']` compares with (`Tasks/AzurePolicyV0`). */
const STATUS_NAMES: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'NonAuthoritativeInformation',
  204: 'NoContent',
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

interface Section {
  EndpointId?: string;
  EndpointUrl?: string;
  Method?: string;
  Headers?: string;
  Body?: string;
  WaitForCompletion?: string;
  Expression?: string;
}

interface ChainLink {
  RequestInputs: Section;
  ExecutionOptions?: { OutputVariables?: Record<string, string>; SkipSectionExpression?: string; ContinuePollingExpression?: string };
}

export class ServerTaskRunError extends Error {}

export async function runServerTask(run: ServerTaskRun): Promise<ServerTaskOutcome> {
  const inputs = taskInputs(run);
  const displayName = expandMacros(run.task.instanceNameFormat ?? run.task.name, lookupIn(inputs, run.variables));
  const state: RunState = { run, inputs, outputVariables: {}, log: [], requests: [], displayName };
  const { HttpRequest, HttpRequestChain, ...others } = run.task.execution as {
    HttpRequest?: { Execute: Section };
    HttpRequestChain?: { Execute: ChainLink[] };
  };
  if (Object.keys(others).length > 0 || (!HttpRequest && !HttpRequestChain)) {
    throw new ServerTaskRunError(
      `The sandbox runs HttpRequest and HttpRequestChain executions only, not ${Object.keys(run.task.execution).join(', ')}.`,
    );
  }
  const failure = HttpRequest ? await runSection(state, HttpRequest.Execute, 'root') : await runChain(state, HttpRequestChain!.Execute);
  return {
    result: failure === undefined ? 'succeeded' : 'failed',
    displayName,
    message: failure === undefined ? '' : `${displayName}: ${failure}`,
    log: state.log,
    requests: state.requests,
  };
}

interface RunState {
  run: ServerTaskRun;
  inputs: Record<string, string>;
  outputVariables: Record<string, string>;
  log: string[];
  requests: ServerTaskRequest[];
  displayName: string;
}

/** Inputs by name: given by name or alias, else the default; a connection given by name becomes its id. */
function taskInputs({ task, inputs: given, endpoints = [], variables }: ServerTaskRun): Record<string, string> {
  const value = lookupIn(given);
  const inputs: Record<string, string> = {};
  for (const input of task.inputs ?? []) {
    const raw = [input.name, ...(input.aliases ?? [])].map(value).find((found) => found !== undefined) ?? input.defaultValue ?? '';
    const expanded = expandMacros(raw, lookupIn(variables));
    const connection = input.type?.startsWith('connectedService:') && findEndpoint(endpoints, expanded);
    inputs[input.name] = connection ? connection.id : expanded;
  }
  return inputs;
}

function findEndpoint(endpoints: readonly ServiceEndpoint[], idOrName: string): ServiceEndpoint | undefined {
  const wanted = idOrName.trim().toLowerCase();
  return wanted === ''
    ? undefined
    : endpoints.find((endpoint) => endpoint.id.toLowerCase() === wanted || endpoint.name.toLowerCase() === wanted);
}

async function runChain(state: RunState, links: readonly ChainLink[]): Promise<string | undefined> {
  for (const [index, link] of links.entries()) {
    const options = link.ExecutionOptions ?? {};
    if (options.ContinuePollingExpression)
      throw new ServerTaskRunError('The sandbox does not emulate a chain that polls (ContinuePollingExpression).');
    if (options.SkipSectionExpression && toBoolean(evaluate(state, options.SkipSectionExpression, undefined))) {
      state.log.push(`Section ${index + 1} skipped: ${options.SkipSectionExpression}`);
      continue;
    }
    const failure = await runSection(state, link.RequestInputs, 'response', (response) => {
      for (const [name, expression] of Object.entries(options.OutputVariables ?? {})) {
        state.outputVariables[name] = tryString(evaluate(state, expression, response)) ?? '';
      }
    });
    if (failure !== undefined) return failure;
  }
  return undefined;
}

/** What an expression sees of one response: `root` in an HttpRequest, `response` in a chain. */
interface ResponseView {
  status: number;
  headers: Record<string, string>;
  body: JsonValue;
  style: 'root' | 'response';
}

/** One call: sent, logged, judged by its status and its expression. Resolves to the failure, if any. */
async function runSection(
  state: RunState,
  section: Section,
  style: ResponseView['style'],
  onSuccess?: (response: ResponseView) => void,
): Promise<string | undefined> {
  const { run } = state;
  if (
    expand(state, section.WaitForCompletion ?? '', undefined)
      .trim()
      .toLowerCase() === 'true'
  ) {
    throw new ServerTaskRunError('The sandbox does not emulate a completion callback (WaitForCompletion: true).');
  }
  const endpoint = sectionEndpoint(state, section);
  const url = expand(state, section.EndpointUrl ?? '', endpoint);
  const method = (expand(state, section.Method ?? 'GET', endpoint) || 'GET').toUpperCase();
  const headers = { ...endpointHeaders(run, endpoint), ...jsonHeaders(expand(state, section.Headers ?? '', endpoint)) };
  const requestBody = expand(state, section.Body ?? '', endpoint);
  state.log.push(`${method} ${url}`);
  let response: Response;
  try {
    response = await (run.fetch ?? fetch)(url, { method, headers, body: requestBody === '' || method === 'GET' ? undefined : requestBody });
  } catch (error) {
    state.log.push(`Request failed: ${(error as Error).message}`);
    return `${method} ${url} could not be sent: ${(error as Error).message}`;
  }
  const text = await response.text();
  state.requests.push({ method, url, status: response.status });
  const statusName = STATUS_NAMES[response.status] ?? String(response.status);
  state.log.push(`Response Code: ${statusName}`, `Response: ${text}`);
  if (response.status < 200 || response.status > 299) {
    return `${method} ${url} answered ${response.status} ${statusName}${serviceMessage(text)}`;
  }
  const expression = expand(state, section.Expression ?? '', endpoint).trim();
  const body = parsed(text);
  // "Succeeds if the API returns success and the response body parsing is successful" (the task's documentation).
  if (expression !== '' && body === undefined)
    return `the answer of ${method} ${url} is not JSON, so the success criteria ${expression} cannot be evaluated`;
  const view: ResponseView = { status: response.status, headers: headersOf(response), body: body ?? null, style };
  if (expression !== '') {
    let passed: boolean;
    try {
      passed = toBoolean(evaluate(state, expression, view));
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      state.log.push(`Evaluation of expression failed: ${error.message}`);
      return `the success criteria ${expression} could not be evaluated on the answer of ${method} ${url}: ${error.message}`;
    }
    state.log.push(`Evaluation of expression ${expression}: ${passed ? 'True' : 'False'}`);
    if (!passed) return `the answer of ${method} ${url} does not meet the success criteria ${expression}`;
  }
  onSuccess?.(view);
  return undefined;
}

/** `EndpointId` is a macro (`$(connection)`) or an expression over the inputs (`TaskInputs[TaskInputs['selector']]`). */
function sectionEndpoint(state: RunState, section: Section): ServiceEndpoint | undefined {
  const raw = expandMacros(section.EndpointId ?? '', lookupIn(state.inputs, state.outputVariables, state.run.variables)).trim();
  if (raw === '') return undefined;
  const id = /^taskinputs\s*\[/i.test(raw)
    ? (tryString(evaluateExpression(raw, { namedValues: { TaskInputs: state.inputs } })) ?? '')
    : raw;
  const endpoint = findEndpoint(state.run.endpoints ?? [], id);
  if (!endpoint) throw new ServerTaskRunError(`The task names the connection "${id}", which the project does not have.`);
  return endpoint;
}

function expand(state: RunState, text: string, endpoint: ServiceEndpoint | undefined): string {
  const endpointValues: Record<string, string> = endpoint
    ? { 'endpoint.url': endpoint.url, 'endpoint.id': endpoint.id, 'endpoint.name': endpoint.name }
    : {};
  const lookup: Lookup = lookupIn(state.inputs, state.outputVariables, endpointValues, state.run.variables);
  return expandSections(expandMacros(text, lookup), lookupIn(state.inputs));
}

function endpointHeaders(run: ServerTaskRun, endpoint: ServiceEndpoint | undefined): Record<string, string> {
  if (!endpoint) return {};
  const scheme = endpoint.scheme.toLowerCase();
  const templates = run.endpointTypes?.[endpoint.type.toLowerCase()]?.[scheme] ?? DEFAULT_SCHEME_HEADERS[scheme];
  if (!templates) throw new ServerTaskRunError(`The sandbox cannot authenticate with a ${endpoint.scheme} connection.`);
  const value = lookupIn(Object.fromEntries(Object.entries(endpoint.parameters).map(([name, secret]) => [`endpoint.${name}`, secret])));
  return Object.fromEntries(templates.map((header) => [header.name, renderHeaderTemplate(header.value, value)]));
}

/** The `Headers` input is JSON; values that are not strings are sent as their text. */
function jsonHeaders(text: string): Record<string, string> {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ServerTaskRunError(`The task's headers are not JSON: ${text}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ServerTaskRunError("The task's headers must be a JSON object.");
  return Object.fromEntries(Object.entries(parsed).map(([name, value]) => [name, String(value)]));
}

function evaluate(state: RunState, expression: string, response: ResponseView | undefined): Value {
  const variables = caseInsensitive({ ...state.run.variables, ...state.outputVariables });
  const namedValues: Record<string, Value> = { variables, taskInputs: caseInsensitive(state.inputs) };
  if (response?.style === 'root') namedValues.root = response.body;
  if (response?.style === 'response') {
    namedValues.response = {
      statuscode: STATUS_NAMES[response.status] ?? String(response.status),
      content: response.body,
      headers: response.headers,
    };
  }
  return evaluateExpression(expression, { namedValues, jsonRoot: response?.body ?? null });
}

function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return headers;
}

/** The body as JSON; undefined when it is not JSON, null when empty. */
function parsed(text: string): JsonValue | undefined {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

/** The service's own message from a JSON error body; untrusted text, shown as it came. */
function serviceMessage(text: string): string {
  const body = parsed(text);
  const message = typeof body === 'object' && body !== null && !Array.isArray(body) ? body.message : undefined;
  return typeof message === 'string' ? `: ${message}` : '';
}
