/**
 * A request as azure-devops-extension-api's REST base sends it (`Common/RestClientBase.js`, `Common/Fetch.js`,
 * `Common/Util/Serialization.js` at 5.276.0), for the hub's own clients (`task-agent-rest.ts`, the checks in
 * `browser-checks-client.ts`): the package exports neither its base nor its fetch wrapper.
 *   - the `Accept` flags the extension API's clients send, so the service answers with bare arrays, numeric
 *     enums and dates as `\/Date(ms)\/`, read back as `Date`s;
 *   - the user's token from the SDK on every request, asked for again and the request sent once more on a 401;
 *   - the same failures: `TFS.WebApi.Exception` with the status and the service's error body, `NetworkException`
 *     when `fetch` fails, a `SyntaxError` when a 2xx body is not JSON.
 */

/** Where the requests go and as whom. */
export interface RestEndpoint {
  /** The organization URL, ending with a slash. */
  readonly rootUrl: string;
  /** The user's token, from the SDK. */
  readonly accessToken: () => Promise<string>;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface RestRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** From the organization URL, without a leading slash. */
  path: string;
  query?: Query;
  body?: unknown;
  apiVersion: string;
}

export interface RestAnswer {
  body: unknown;
  headers: Headers;
}

export async function restExchange(
  endpoint: RestEndpoint,
  { method = 'GET', path, query, body, apiVersion }: RestRequest,
): Promise<RestAnswer> {
  const response = await send(endpoint, method, endpoint.rootUrl + path + queryString(query), body, apiVersion);
  if (!response.ok) throw await serviceError(response);
  return { body: readJson(await response.text()), headers: response.headers };
}

/** One request with the user's token, sent again with a token asked for anew if the service answers 401. */
async function send(endpoint: RestEndpoint, method: string, url: string, body: unknown, apiVersion: string): Promise<Response> {
  const accept = `application/json;api-version=${apiVersion};excludeUrls=true;enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true`;
  for (let attempt = 1; ; attempt++) {
    const headers = new Headers({ Accept: accept, 'X-VSS-ReauthenticationAction': 'Suppress', 'X-TFS-FedAuthRedirect': 'Suppress' });
    if (body !== undefined) headers.set('Content-Type', 'application/json');
    const token = await endpoint.accessToken();
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
