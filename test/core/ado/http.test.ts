import assert from 'node:assert/strict';
import { RestAdoClient } from '../../../core/ado/client';
import { AdoError } from '../../../core/ado/errors';
import { HttpClient } from '../../../core/ado/http';
import { Transport, TransportRequest, TransportResponse } from '../../../core/ado/transport';
import { TestClock } from '../../support/clock';

/** A transport that answers from a script and records what it was asked. */
function scripted(...answers: Array<(Partial<TransportResponse> & { headers?: Record<string, string> }) | 'reset'>) {
  const seen: TransportRequest[] = [];
  const transport: Transport = async (request) => {
    seen.push(request);
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)];
    if (answer === 'reset') throw new TypeError('fetch failed');
    const headers = Object.fromEntries(Object.entries(answer.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    return { status: answer.status ?? 200, text: answer.text ?? '', header: (name) => headers[name.toLowerCase()] ?? null };
  };
  return { transport, seen };
}

function client(transport: Transport, budgetMs = 10_000, maxAttempts?: number, clock = new TestClock()) {
  return new HttpClient({
    orgUrl: 'https://dev.azure.com/contoso/',
    credentials: { kind: 'pat', token: 'secret-pat' },
    transport,
    deadline: clock.now() + budgetMs,
    maxAttempts,
    clock,
  });
}

/** A service that never answers: the request ends only when the client gives up on it, on its clock. */
const silent = (clock: TestClock) => (request: TransportRequest) => {
  const never = new Promise<TransportResponse>((_, reject) => request.signal.addEventListener('abort', () => reject(new Error('aborted'))));
  clock.expireNextTimeout();
  return never;
};

async function failure(promise: Promise<unknown>): Promise<AdoError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AdoError, `expected AdoError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('core/ado HttpClient', () => {
  it('sends the version in Accept, Basic auth with an empty user, and suppresses sign-in redirects', async () => {
    const { transport, seen } = scripted({ text: '{"count":0,"value":[]}' });
    await client(transport).json('GET', '_apis/distributedtask/pools');
    const [request] = seen;
    assert.equal(request.url, 'https://dev.azure.com/contoso/_apis/distributedtask/pools');
    assert.equal(request.headers.Accept, 'application/json;api-version=7.1');
    assert.equal(request.headers.Authorization, `Basic ${Buffer.from(':secret-pat').toString('base64')}`);
    assert.equal(request.headers['X-TFS-FedAuthRedirect'], 'Suppress');
  });

  it('honours Retry-After on 429 and then succeeds', async () => {
    const { transport, seen } = scripted({ status: 429, headers: { 'Retry-After': '1' } }, { text: '[]' });
    const clock = new TestClock();
    await client(transport, 10_000, undefined, clock).json('GET', 'x');
    assert.equal(seen.length, 2);
    assert.deepEqual(clock.sleeps, [1000], 'waited the second the service asked for');
  });

  it('gives up on throttling when Retry-After reaches past the time budget, without waiting', async () => {
    const { transport, seen } = scripted({ status: 429, headers: { 'Retry-After': '30' }, text: '{"message":"TF400733: blocked"}' });
    const clock = new TestClock();
    const error = await failure(client(transport, 5_000, undefined, clock).json('GET', 'x'));
    assert.equal(error.kind, 'throttled');
    assert.equal(error.retryAfterSeconds, 30);
    assert.equal(seen.length, 1);
    assert.deepEqual(clock.sleeps, []);
  });

  it('retries outages a bounded number of times', async () => {
    const { transport, seen } = scripted({ status: 503 });
    const error = await failure(client(transport, 30_000, 3).json('GET', 'x'));
    assert.equal(error.kind, 'unavailable');
    assert.equal(seen.length, 3);
  });

  it('retries a dropped connection', async () => {
    const { transport, seen } = scripted('reset', { text: '{"value":[]}' });
    await client(transport).json('GET', 'x');
    assert.equal(seen.length, 2);
  });

  it('maps each refusal to its cause, with the service message and no retry', async () => {
    const cases: Array<[number, string]> = [
      [401, 'unauthorized'],
      [403, 'forbidden'],
      [404, 'notFound'],
      [409, 'conflict'],
      [400, 'badRequest'],
      [302, 'redirected'],
    ];
    for (const [status, kind] of cases) {
      const { transport, seen } = scripted({ status, text: '{"$id":"1","message":"service says no","typeKey":"SomeException"}' });
      const error = await failure(client(transport).json('POST', 'x', {}));
      assert.equal(error.kind, kind, `HTTP ${status}`);
      assert.equal(error.serviceMessage, 'service says no');
      assert.equal(error.typeKey, 'SomeException');
      assert.equal(seen.length, 1, `HTTP ${status} is not retried`);
    }
  });

  it('reads the 203 sign-in page as rejected credentials', async () => {
    const { transport } = scripted({ status: 203, headers: { 'Content-Type': 'text/html' }, text: '<html>Sign in</html>' });
    assert.equal((await failure(client(transport).json('GET', 'x'))).kind, 'unauthorized');
  });

  it('reports a body that is not JSON as malformed', async () => {
    const { transport } = scripted({ text: '{"count": 1, "value": [' });
    assert.equal((await failure(client(transport).json('GET', 'x'))).kind, 'malformed');
  });

  it('stops a silent service at the deadline, and does not try again', async () => {
    const seen: TransportRequest[] = [];
    const clock = new TestClock();
    const error = await failure(client((request) => (seen.push(request), silent(clock)(request)), 300, undefined, clock).json('GET', 'x'));
    assert.equal(error.kind, 'timeout');
    assert.equal(seen.length, 1);
    assert.equal(clock.elapsed(), 300, 'cut exactly at the deadline');
  });

  it("reports the service's failure, not a time-out, when the budget runs out while trying again", async () => {
    for (const [first, cause] of [
      [{ status: 503 }, 'unavailable'],
      [{ status: 429, headers: { 'Retry-After': '1' } }, 'throttled'],
    ] as const) {
      const seen: TransportRequest[] = [];
      const { transport } = scripted(first);
      const clock = new TestClock();
      // The retry meets a silent service, which the deadline cuts.
      const error = await failure(
        client(
          (request) => (seen.push(request), seen.length === 1 ? transport(request) : silent(clock)(request)),
          1_200,
          undefined,
          clock,
        ).json('GET', 'x'),
      );
      assert.equal(error.kind, cause);
      assert.equal(seen.length, 2);
    }
  });

  it('never puts the token in an error message', async () => {
    const { transport } = scripted({ status: 401, text: '{"message":"TF400813: The user is not authorized"}' });
    const error = await failure(client(transport).json('GET', 'x'));
    assert.ok(!error.message.includes('secret-pat'));
    assert.ok(!JSON.stringify(error).includes('secret-pat'));
  });
});

describe('core/ado RestAdoClient paging', () => {
  it('follows x-ms-continuationtoken until the service sends none', async () => {
    const pages = [
      { text: '{"count":1,"value":[{"id":1,"name":"a"}]}', headers: { 'x-MS-ContinuationToken': 'next page' } },
      { text: '{"count":1,"value":[{"id":2,"name":"b"}]}' },
    ];
    const { transport, seen } = scripted(...pages);
    const pools = await new RestAdoClient({
      orgUrl: 'https://dev.azure.com/contoso',
      credentials: { kind: 'pat', token: 't' },
      timeoutMs: 5_000,
      transport,
    }).listPools();
    assert.deepEqual(
      pools.map((p) => p.name),
      ['a', 'b'],
    );
    assert.equal(seen[1].url, 'https://dev.azure.com/contoso/_apis/distributedtask/pools?continuationToken=next%20page');
  });
});
