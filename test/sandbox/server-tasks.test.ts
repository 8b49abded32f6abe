/**
 * The sandbox's emulation of server tasks, on the shapes of Microsoft's own: an HttpRequest with its inputs
 * macro-expanded into the URL, the headers and the success criteria (`Tasks/QueryWorkItemsV0`), a chain
 * handing output variables on and skipping sections (`Tasks/AzurePolicyV0`), Mustache sections over the
 * inputs (`Tasks/AzureMonitorV1`), and a connection's authorization (`docs/extend/develop/auth-schemes.md`).
 */
import assert from 'node:assert/strict';
import { endpointTypeHeaders } from '../../sandbox/server-tasks/endpoint-types';
import {
  runServerTask,
  ServerTaskRunError,
  type ServerTaskJson,
  type ServerTaskRun,
  type ServiceEndpoint,
} from '../../sandbox/server-tasks/run';

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
}

/** A called service answering each request with the next of `answers`. */
function service(...answers: { status?: number; body: unknown; contentType?: string }[]) {
  const sent: Sent[] = [];
  const fetchStub = (async (url: string, init: RequestInit) => {
    sent.push({ method: init.method ?? 'GET', url, headers: init.headers as Record<string, string> });
    const answer = answers[sent.length - 1] ?? answers[answers.length - 1];
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    return new Response(text, { status: answer.status ?? 200, headers: { 'Content-Type': answer.contentType ?? 'application/json' } });
  }) as typeof fetch;
  return { sent, fetch: fetchStub };
}

/** Shaped as `Tasks/QueryWorkItemsV0/task.json`: the job's token in a header, inputs in the URL and the criteria. */
const QUERY_TASK: ServerTaskJson = {
  name: 'queryWorkItems',
  instanceNameFormat: 'Query Work Items $(queryId)',
  inputs: [
    { name: 'queryId', type: 'querycontrol' },
    { name: 'maxThreshold', type: 'string', defaultValue: '0' },
  ],
  execution: {
    HttpRequest: {
      Execute: {
        EndpointId: '',
        EndpointUrl: '$(system.teamFoundationCollectionUri)$(system.teamProjectId)/_apis/wit/wiql/$(queryId)?api-version=3.1',
        Method: 'GET',
        Headers: '{\n"Content-Type":"application/json"\n, "Authorization":"Bearer $(system.accesstoken)"\n}',
        WaitForCompletion: 'false',
        Expression: "le(count(root['workItems']), $(maxThreshold))",
      },
    },
  },
};

const VARIABLES = {
  'System.TeamFoundationCollectionUri': 'https://dev.azure.com/contoso/',
  'System.TeamProjectId': 'p1',
  'System.AccessToken': 'job-token',
};

const run = (overrides: Partial<ServerTaskRun>) =>
  runServerTask({ task: QUERY_TASK, inputs: { queryId: 'q1', maxThreshold: '1' }, variables: VARIABLES, ...overrides });

describe('sandbox server tasks', () => {
  it('sends the request its inputs and variables make, and passes when the criteria hold', async () => {
    const called = service({ body: { workItems: [{ id: 1 }] } });
    const outcome = await run({ fetch: called.fetch });
    assert.equal(outcome.result, 'succeeded');
    assert.equal(outcome.displayName, 'Query Work Items q1');
    assert.deepEqual(called.sent, [
      {
        method: 'GET',
        url: 'https://dev.azure.com/contoso/p1/_apis/wit/wiql/q1?api-version=3.1',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer job-token' },
      },
    ]);
  });

  it('fails when the criteria do not hold, saying which task, which request and which criteria', async () => {
    const outcome = await run({ fetch: service({ body: { workItems: [{ id: 1 }, { id: 2 }] } }).fetch });
    assert.equal(outcome.result, 'failed');
    assert.equal(
      outcome.message,
      "Query Work Items q1: the answer of GET https://dev.azure.com/contoso/p1/_apis/wit/wiql/q1?api-version=3.1 does not meet the success criteria le(count(root['workItems']), 1)",
    );
  });

  it('fails on an answer that is not a success, with the service message, whatever the criteria', async () => {
    const outcome = await run({ fetch: service({ status: 404, body: { message: 'TF401243: The query does not exist.' } }).fetch });
    assert.equal(outcome.result, 'failed');
    assert.match(outcome.message, /answered 404 NotFound: TF401243: The query does not exist\.$/);
  });

  it('fails when a sign-in page comes back instead of JSON (a 203): the criteria see nothing to count', async () => {
    const outcome = await run({ fetch: service({ status: 203, body: '<html>Sign in</html>', contentType: 'text/html' }).fetch });
    assert.equal(outcome.result, 'failed');
    assert.match(outcome.message, /is not JSON, so the success criteria le\(count\(root\['workItems'\]\), 1\) cannot be evaluated$/);
  });

  it('runs a chain: output variables feed the next request, a skip condition passes a section by', async () => {
    const task: ServerTaskJson = {
      name: 'chain',
      inputs: [{ name: 'name', type: 'string' }],
      execution: {
        HttpRequestChain: {
          Execute: [
            {
              RequestInputs: {
                EndpointUrl: 'https://service.invalid/things?name=$(name)',
                Method: 'GET',
                Expression: "eq(response['statuscode'], 'OK')",
              },
              ExecutionOptions: {
                OutputVariables: {
                  thingId: "response['content']['value'][0]['id']",
                  enabled: "response['content']['value'][0]['enabled']",
                },
              },
            },
            {
              RequestInputs: { EndpointUrl: 'https://service.invalid/things/$(thingId)/off', Method: 'POST' },
              ExecutionOptions: { SkipSectionExpression: "eq(variables['ENABLED'], true)" },
            },
            {
              RequestInputs: {
                EndpointUrl: 'https://service.invalid/things/$(thingId)',
                Method: 'GET',
                Expression: "eq(response['content']['state'], 'up')",
              },
            },
          ],
        },
      },
    };
    const called = service({ body: { value: [{ id: 7, enabled: true }] } }, { body: { state: 'up' } });
    const outcome = await runServerTask({ task, inputs: { name: 'a b' }, variables: {}, fetch: called.fetch });
    assert.equal(outcome.result, 'succeeded', outcome.message);
    assert.deepEqual(
      called.sent.map(({ method, url }) => `${method} ${url}`),
      ['GET https://service.invalid/things?name=a b', 'GET https://service.invalid/things/7'],
    );
  });

  it("expands Mustache sections over the inputs, as Microsoft's URLs do", async () => {
    const task: ServerTaskJson = {
      name: 'sections',
      inputs: [{ name: 'group', type: 'string' }],
      execution: {
        HttpRequest: { Execute: { EndpointUrl: 'https://service.invalid/{{#if group}}groups/$(group){{else}}all{{/if}}', Method: 'GET' } },
      },
    };
    for (const [group, url] of [
      ['g1', 'https://service.invalid/groups/g1'],
      ['', 'https://service.invalid/all'],
    ]) {
      const called = service({ body: {} });
      await runServerTask({ task, inputs: { group }, variables: {}, fetch: called.fetch });
      assert.equal(called.sent[0].url, url);
    }
  });

  it("authorizes with the connection: a generic one's user and password, a contributed type's header template", async () => {
    const task: ServerTaskJson = {
      name: 'withConnection',
      inputs: [{ name: 'connection', type: 'connectedService:anything' }],
      execution: { HttpRequest: { Execute: { EndpointId: '$(connection)', EndpointUrl: '$(endpoint.url)x', Method: 'GET' } } },
    };
    const endpoints: ServiceEndpoint[] = [
      {
        id: 'e1',
        name: 'generic-one',
        type: 'generic',
        url: 'https://one.invalid/',
        scheme: 'UsernamePassword',
        parameters: { username: 'u', password: 'p' },
      },
      {
        id: 'e2',
        name: 'ours',
        type: 'keda-pool-guard-ado',
        url: 'https://two.invalid/',
        scheme: 'Token',
        parameters: { apitoken: 'pat' },
      },
    ];
    const manifest = {
      contributions: [
        {
          type: 'ms.vss-endpoint.service-endpoint-type',
          properties: {
            name: 'keda-pool-guard-ado',
            authenticationSchemes: [
              {
                type: 'ms.vss-endpoint.endpoint-auth-scheme-token',
                headers: [{ name: 'Authorization', value: 'Basic {{ #base64 ":" endpoint.apitoken }}' }],
              },
            ],
          },
        },
      ],
    };
    const called = service({ body: {} });
    for (const connection of ['generic-one', 'e2']) {
      await runServerTask({
        task,
        inputs: { connection },
        variables: {},
        endpoints,
        endpointTypes: endpointTypeHeaders(manifest),
        fetch: called.fetch,
      });
    }
    assert.deepEqual(
      called.sent.map(({ url, headers }) => [url, headers.Authorization]),
      [
        ['https://one.invalid/x', `Basic ${Buffer.from('u:p').toString('base64')}`],
        ['https://two.invalid/x', `Basic ${Buffer.from(':pat').toString('base64')}`],
      ],
    );
  });

  it('refuses what it does not emulate rather than pretend: a completion callback', async () => {
    const task: ServerTaskJson = {
      ...QUERY_TASK,
      execution: { HttpRequest: { Execute: { EndpointUrl: 'https://x.invalid/', WaitForCompletion: 'true' } } },
    };
    await assert.rejects(runServerTask({ task, inputs: {}, variables: {}, fetch: service({ body: {} }).fetch }), ServerTaskRunError);
  });
});
