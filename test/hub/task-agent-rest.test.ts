/**
 * The hub's own distributedtask calls (`TaskAgentFetchClient`) against azure-devops-extension-api's
 * `TaskAgentRestClient`, which they replace: in Node against the sandbox, each call sends the request the
 * extension API's client sends (method, URL, the headers the service reads, body) and gets the same answer,
 * dates as `Date`s, or fails the same way.
 */
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { TaskAgentCalls } from '../../hub/src/services/task-agent-rest';
import { extensionApiRestClient, fetchRestClient } from '../support/clients';

const ADMIN = 'demo-admin-token';
/** What the service reads of a request's headers (`Content-Type` with a body only: the extension API's client sends "undefined" without one). */
const READ_HEADERS = ['accept', 'authorization', 'content-type', 'x-tfs-fedauthredirect', 'x-vss-reauthenticationaction'];

interface Outcome {
  requests: SentRequest[];
  answer: { value: unknown } | { error: Record<string, unknown> };
}

interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string | null>;
  body: unknown;
}

describe("hub: its distributedtask calls, request for request as the extension API's client makes them", () => {
  let sandbox: Sandbox;
  let sent: SentRequest[];
  const realFetch = globalThis.fetch;

  before(async () => {
    sandbox = await startSandbox({ scenario: 'demo' });
    // Both clients call the global `fetch` when they send, so a wrapper sees every request as it leaves.
    globalThis.fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      sent.push({
        method: init?.method ?? 'GET',
        url: String(input),
        headers: Object.fromEntries(
          READ_HEADERS.flatMap((name) =>
            headers.has(name) && (name !== 'content-type' || init?.body !== undefined) ? [[name, headers.get(name)]] : [],
          ),
        ),
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body,
      });
      return realFetch(input, init);
    };
  });
  after(() => {
    globalThis.fetch = realFetch;
    return sandbox?.stop();
  });
  afterEach(() => sandbox.faults.clear());

  /** What `call` sends and answers (or throws) through each client (the shipped one first, 0; then 1), to compare. */
  async function throughEach(call: (client: TaskAgentCalls, which: 0 | 1) => Promise<unknown>, token = ADMIN) {
    const outcome = async (client: TaskAgentCalls, which: 0 | 1): Promise<Outcome> => {
      sent = [];
      const answer = await call(client, which).then(
        // A list's own members too: the continuation token hung on a page of job requests.
        (value) => ({ value: Array.isArray(value) ? { items: [...(value as unknown[])], ...value } : value }),
        (error: unknown) => ({ error: failure(error) }),
      );
      return { requests: sent, answer };
    };
    return {
      shipped: await outcome(fetchRestClient(sandbox, 'demo', token), 0),
      extensionApi: await outcome(extensionApiRestClient(sandbox, 'demo', token), 1),
    };
  }

  it('reads pools, queues, agents, job requests and permissions with the same requests and answers', async () => {
    const pool = sandbox.org('demo').findPoolByName('keda-leftovers')!;
    const [agent] = pool.agents.values();
    const busy = sandbox.org('demo').findPoolByName('keda-ready')!;
    // What is read, how, and in how many requests (one, unless said).
    const reads: Array<[string, (client: TaskAgentCalls) => Promise<unknown>, number?]> = [
      ['every pool', (client) => client.getAgentPools()],
      ['a pool by name', (client) => client.getAgentPools('keda-ready')],
      ['the queues of a project', (client) => client.getAgentQueues('demo')],
      ['agents with details', (client) => client.getAgents(pool.id, undefined, true, true, true)],
      ['agents by name', (client) => client.getAgents(pool.id, agent.name)],
      ['an agent with details', (client) => client.getAgent(pool.id, agent.id, true, true, true)],
      ['the unfinished job requests', (client) => client.getAgentRequestsForAgents(pool.id, undefined, 0)],
      ['the recent job requests', (client) => client.getAgentRequests(pool.id, 25)],
      ['a page of job requests, and the next', (client) => nextPage(client, busy.id), 2],
      ['a permission', (client) => client.hasPoolPermissions(pool.id, 2)],
    ];
    for (const [what, call, sends = 1] of reads) {
      const { shipped, extensionApi } = await throughEach(call);
      assert.deepEqual(shipped, extensionApi, what);
      assert.equal(shipped.requests.length, sends, what);
    }
    const { shipped } = await throughEach((client) => client.getAgents(pool.id, undefined, true, true, true));
    assert.ok(
      (shipped.answer as { value: Array<{ createdOn: unknown }> }).value[0].createdOn instanceof Date,
      'dates arrive as Date objects',
    );
  });

  it('registers, replaces, changes and deletes an agent with the same requests and answers', async () => {
    const pool = sandbox.org('demo').findPoolByName('keda-empty')!;
    // Each client registers an agent of its own, `twin-0` and `twin-1`, and goes on with it; names and ids aside,
    // requests and answers are the same.
    const registration = (which: 0 | 1) => ({ name: `twin-${which}`, version: '4.248.0', systemCapabilities: { kubectl: '/bin/kubectl' } });
    const added = await throughEach((client, which) => client.addAgent(registration(which), pool.id));
    const ids = [added.shipped, added.extensionApi].map((outcome) => (outcome.answer as { value: { id: number } }).value.id);
    // An agent's own values (its id, name, creation time, client id) differ: the requests are compared with its
    // name and id marked, the answers by their shape (each value's type, dates as `Date`s).
    const apart = ({ requests, answer }: Outcome, which: 0 | 1) => ({
      requests: JSON.parse(
        JSON.stringify(requests)
          .replaceAll(`twin-${which}`, 'twin-N')
          .replaceAll(`/${ids[which]}`, '/ID')
          .replaceAll(`"id":${ids[which]}`, '"id":"ID"'),
      ) as unknown,
      answer: shape(answer),
    });
    const writes: Array<[string, (client: TaskAgentCalls, which: 0 | 1) => Promise<unknown>]> = [
      ['PUT', (client, which) => client.replaceAgent({ ...registration(which), id: ids[which], version: '4.250.0' }, pool.id, ids[which])],
      ['PATCH', (client, which) => client.updateAgent({ id: ids[which], enabled: false }, pool.id, ids[which])],
      ['PUT user capabilities', (client, which) => client.updateAgentUserCapabilities({ Marker: 'true' }, pool.id, ids[which])],
      ['DELETE', (client, which) => client.deleteAgent(pool.id, ids[which])],
    ];
    assert.deepEqual(apart(added.shipped, 0), apart(added.extensionApi, 1), 'POST');
    for (const [what, call] of writes) {
      const { shipped, extensionApi } = await throughEach(call);
      assert.deepEqual(apart(shipped, 0), apart(extensionApi, 1), what);
    }
    assert.deepEqual(
      [...sandbox.org('demo').findPoolByName('keda-empty')!.agents.values()].map((agent) => agent.name),
      [],
      'both agents deleted',
    );
  });

  it('fails the same way: a refusal with the service’s error, a token refused (asked for again once), a body that is not JSON, a dropped connection', async () => {
    const pool = sandbox.org('demo').findPoolByName('keda-ready')!;
    const notFound = await throughEach((client) => client.getAgent(pool.id, 999_999));
    assert.deepEqual(notFound.shipped, notFound.extensionApi);
    assert.equal((notFound.shipped.answer as { error: { status: number } }).error.status, 404);

    const refused = await throughEach((client) => client.getAgentPools(), 'wrong-token');
    assert.deepEqual(refused.shipped, refused.extensionApi);
    assert.equal(refused.shipped.requests.length, 2, 'sent again once with a token asked for anew');

    sandbox.faults.set([{ route: '/agents', kind: 'malformedJson' }]);
    const malformed = await throughEach((client) => client.getAgents(pool.id));
    assert.deepEqual(malformed.shipped, malformed.extensionApi);
    assert.equal((malformed.shipped.answer as { error: { name: string } }).error.name, 'SyntaxError');

    sandbox.faults.set([{ route: '/agents', kind: 'reset' }]);
    // The extension API's client logs a dropped connection before it throws; the test's output need not show it.
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const dropped = await throughEach((client) => client.getAgents(pool.id));
      assert.deepEqual(dropped.shipped, dropped.extensionApi);
      assert.equal((dropped.shipped.answer as { error: { name: string } }).error.name, 'NetworkException');
    } finally {
      console.warn = warn;
    }
  });
});

/** The second page of a pool's job requests, one a page, through the token the first one carries. */
async function nextPage(client: TaskAgentCalls, poolId: number): Promise<unknown> {
  const first = (await client.getAgentRequests(poolId, 1)) as { continuationToken: string | null };
  assert.ok(first.continuationToken, 'the pool has more than one job request');
  return client.getAgentRequests(poolId, 1, first.continuationToken);
}

/** What a caller can tell of a failure: its name and message, and for a refusal its status and the service's error. */
function failure(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { thrown: error };
  const { status, serverError } = error as Error & { status?: unknown; serverError?: unknown };
  return { name: error.name, message: error.name === 'SyntaxError' ? 'not JSON' : error.message, status, serverError };
}

/** A value with each leaf replaced by its type. */
function shape(value: unknown): unknown {
  if (value instanceof Date) return 'Date';
  if (Array.isArray(value)) return value.map(shape);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)]));
  return value === null ? 'null' : typeof value;
}
