/**
 * The dozen distributedtask calls the hub makes, sent as azure-devops-extension-api's `TaskAgentRestClient`
 * (5.276) sends them, without its class of some 200 methods, its enums and its fetch layer (54 KiB of the hub's first load).
 * The package exports neither its `RestClientBase` nor its fetch wrapper, so the little they do for these
 * calls is done here, from what they do on the wire (azure-devops-extension-api `Common/RestClientBase.js`,
 * `Common/Fetch.js`, `Common/Util/Serialization.js`, `TaskAgent/TaskAgentClient.js` at 5.276.0):
 *   - the same routes, query parameters and api-version (7.2-preview.1), with the same `Accept` flags, so the
 *     service answers with bare arrays, numeric enums and dates as `\/Date(ms)\/`, read back as `Date`s;
 *   - a page of job requests carries the next page's token (`x-ms-continuationtoken`) as `continuationToken`;
 *   - the user's token from the SDK on every request, asked for again and the request sent once more on a 401;
 *   - the same failures: `TFS.WebApi.Exception` with the status and the service's error body, `NetworkException`
 *     when `fetch` fails, a `SyntaxError` when a 2xx body is not JSON.
 * test/hub/task-agent-rest.test.ts holds it to that: against the sandbox, each call makes the request the
 * extension API's client makes, and gets the same answer or the same failure.
 */

/** The distributedtask resource area (`TaskAgentRestClient.RESOURCE_AREA_ID`), which the location service maps to its URL. */
export const TASK_AGENT_AREA_ID = 'a85b8835-c1a1-4aac-ae97-1c3d0ba72dbd';

const API_VERSION = '7.2-preview.1';
const ACCEPT = `application/json;api-version=${API_VERSION};excludeUrls=true;enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true`;

type Query = Record<string, string | number | boolean | undefined>;

interface Request {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Query;
  body?: unknown;
}

export class TaskAgentFetchClient {
  /**
   * @param rootUrl the organization URL, ending with a slash
   * @param accessToken the user's token, from the SDK
   */
  constructor(
    private readonly rootUrl: string,
    private readonly accessToken: () => Promise<string>,
  ) {}

  getAgentPools(poolName?: string): Promise<unknown> {
    return this.request({ path: '_apis/distributedtask/pools', query: { poolName } });
  }

  getAgents(
    poolId: number,
    agentName?: string,
    includeCapabilities?: boolean,
    includeAssignedRequest?: boolean,
    includeLastCompletedRequest?: boolean,
  ): Promise<unknown> {
    return this.request({
      path: agentsPath(poolId),
      query: { agentName, includeCapabilities, includeAssignedRequest, includeLastCompletedRequest },
    });
  }

  getAgent(
    poolId: number,
    agentId: number,
    includeCapabilities?: boolean,
    includeAssignedRequest?: boolean,
    includeLastCompletedRequest?: boolean,
  ): Promise<unknown> {
    return this.request({
      path: agentPath(poolId, agentId),
      query: { includeCapabilities, includeAssignedRequest, includeLastCompletedRequest },
    });
  }

  /** One page of a pool's job requests, newest first, with the token of the next page (or null) hung on the list, as the extension API's client hangs it. */
  async getAgentRequests(poolId: number, top: number, continuationToken?: string): Promise<unknown> {
    const { body, headers } = await this.exchange({ path: jobRequestsPath(poolId), query: { $top: top, continuationToken } });
    return Object.assign(body as object, { continuationToken: headers.get('x-ms-continuationtoken') });
  }

  getAgentRequestsForAgents(poolId: number, agentIds?: number[], completedRequestCount?: number): Promise<unknown> {
    return this.request({ path: jobRequestsPath(poolId), query: { agentIds: agentIds?.join(','), completedRequestCount } });
  }

  getAgentQueues(project: string): Promise<unknown> {
    return this.request({ path: `${encodeURIComponent(project)}/_apis/distributedtask/queues` });
  }

  addAgent(agent: object, poolId: number): Promise<unknown> {
    return this.request({ method: 'POST', path: agentsPath(poolId), body: agent });
  }

  replaceAgent(agent: object, poolId: number, agentId: number): Promise<unknown> {
    return this.request({ method: 'PUT', path: agentPath(poolId, agentId), body: agent });
  }

  updateAgent(agent: object, poolId: number, agentId: number): Promise<unknown> {
    return this.request({ method: 'PATCH', path: agentPath(poolId, agentId), body: agent });
  }

  deleteAgent(poolId: number, agentId: number): Promise<unknown> {
    return this.request({ method: 'DELETE', path: agentPath(poolId, agentId) });
  }

  updateAgentUserCapabilities(userCapabilities: { [key: string]: string }, poolId: number, agentId: number): Promise<unknown> {
    return this.request({ method: 'PUT', path: `${agentPath(poolId, agentId)}/usercapabilities`, body: userCapabilities });
  }

  hasPoolPermissions(poolId: number, permissions: number): Promise<unknown> {
    return this.request({ path: `_apis/distributedtask/pools/${poolId}/permissions/${permissions}` });
  }

  private async request(request: Request): Promise<unknown> {
    return (await this.exchange(request)).body;
  }

  private async exchange({ method = 'GET', path, query, body }: Request): Promise<{ body: unknown; headers: Headers }> {
    const response = await this.send(method, this.rootUrl + path + queryString(query), body);
    if (!response.ok) throw await serviceError(response);
    return { body: readJson(await response.text()), headers: response.headers };
  }

  /** One request with the user's token, sent again with a token asked for anew if the service answers 401. */
  private async send(method: string, url: string, body: unknown): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      const headers = new Headers({ Accept: ACCEPT, 'X-VSS-ReauthenticationAction': 'Suppress', 'X-TFS-FedAuthRedirect': 'Suppress' });
      if (body !== undefined) headers.set('Content-Type', 'application/json');
      const token = await this.accessToken();
      if (token) headers.set('Authorization', `Bearer ${token}`);
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          mode: 'cors',
          credentials: 'same-origin',
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch {
        throw namedError('NetworkException', 'TF400893: Unable to contact the server. Please check your network connection and try again.');
      }
      if (response.status !== 401 || attempt === 2) return response;
    }
  }
}

/**
 * The calls `BrowserAdoClient` makes: this client's, which the extension API's `TaskAgentRestClient` has with
 * the same parameters (so either serves it); the answers are left to the model's readers, which check them.
 */
export type TaskAgentCalls = { [Call in keyof TaskAgentFetchClient]: TaskAgentFetchClient[Call] };

function agentsPath(poolId: number): string {
  return `_apis/distributedtask/pools/${poolId}/agents`;
}

function agentPath(poolId: number, agentId: number): string {
  return `${agentsPath(poolId)}/${agentId}`;
}

function jobRequestsPath(poolId: number): string {
  return `_apis/distributedtask/pools/${poolId}/jobrequests`;
}

/** The parameters given, in order, each name and value encoded; `undefined` ones left out. */
function queryString(query: Query | undefined): string {
  const pairs = Object.entries(query ?? {}).flatMap(([name, value]) =>
    value === undefined ? [] : [`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`],
  );
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** A non-2xx answer: its status, and the service's error (JSON with a `message`) where the body holds one. */
async function serviceError(response: Response): Promise<Error> {
  const text = await response.text();
  let serverError: unknown;
  try {
    serverError = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON (a proxy's page): the status says what happened.
  }
  const message = (serverError as { message?: unknown } | undefined)?.message;
  return Object.assign(
    namedError('TFS.WebApi.Exception', typeof message === 'string' ? message : `${response.status}: ${response.statusText}`),
    {
      status: response.status,
      serverError,
    },
  );
}

/** `\/Date(1496158224000)\/`, with an optional offset, as the service writes a date inside a JSON string when asked for `msDateFormat`. */
const MS_DATE = /(^|[^\\])"\\\/Date\((-?\d+)(?:[a-zA-Z]|[+-]\d{4})?\)\\\/"/g;

/** The body as JSON, its dates as `Date`s; an empty body is `null`. A body that is not JSON throws `SyntaxError`. */
function readJson(text: string): unknown {
  if (text === '') return null;
  const marked = text.replace(MS_DATE, '$1{"__msDate":$2}');
  return JSON.parse(marked, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && typeof (value as { __msDate?: unknown }).__msDate === 'number'
      ? new Date((value as { __msDate: number }).__msDate)
      : value,
  );
}
