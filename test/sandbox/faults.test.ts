/** Fault injection, as clients notice it. */
import assert from 'node:assert/strict';
import { getPersonalAccessTokenHandler, WebApi } from 'azure-devops-node-api';
import { startSandbox, type Sandbox } from '../../sandbox';
import { FaultInjector } from '../../sandbox/faults';
import { ADMIN_PAT, call, ORG, tinyScenario } from './tiny-scenario';

describe('sandbox fault injection', () => {
  let sandbox: Sandbox;
  let apis: string;
  beforeEach(async () => {
    sandbox = await startSandbox({ scenario: tinyScenario() });
    apis = `${sandbox.orgUrl(ORG)}/_apis/distributedtask`;
  });
  afterEach(() => sandbox.stop());

  /** Resolves once the sandbox has logged `count` requests, so a test knows its request arrived. */
  const arrived = async (count: number) => {
    while (sandbox.requests.list().length < count) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  const timed = async <T>(action: () => Promise<T>): Promise<[T, number]> => {
    const started = performance.now();
    const result = await action();
    return [result, performance.now() - started];
  };

  it('delays matching requests by a fixed latency plus jitter, and only those', async () => {
    const rule = { route: '/pools/1/agents', kind: 'latency', latencyMs: 150, latencyJitterMs: 100 } as const;
    sandbox.faults.set([rule]);
    const [slow, slowMs] = await timed(() => call(`${apis}/pools/1/agents`));
    assert.equal(slow.status, 200, 'a latency fault still serves the request');
    // A busy machine only adds to a delay: the lower bound is the behaviour, the rest is the machine.
    assert.ok(slowMs >= 150, `took ${slowMs} ms`);
    const injector = new FaultInjector([rule]);
    for (let i = 0; i < 20; i++) {
      const { delayMs } = injector.decide(ORG, 'GET', `/${ORG}/_apis/distributedtask/pools/1/agents`);
      assert.ok(delayMs >= 150 && delayMs <= 250, `${delayMs} ms`);
    }
    assert.equal(injector.decide(ORG, 'GET', `/${ORG}/_apis/distributedtask/pools/3/agents`).delayMs, 0, 'another route is not delayed');
  });

  it('throttles the first 2 GETs of agents on pool 3 with 429, Retry-After and X-RateLimit headers', async () => {
    sandbox.faults.set([{ method: 'GET', route: '/pools/3/agents', kind: 'rateLimit', retryAfterSeconds: 1, times: 2 }]);
    const throttled = await call(`${apis}/pools/3/agents`);
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('retry-after'), '1');
    assert.equal(throttled.headers.get('x-ratelimit-remaining'), '0');
    assert.equal(throttled.headers.get('x-ratelimit-limit'), '200');
    assert.equal(throttled.headers.get('x-ratelimit-resource'), 'Core');
    assert.ok(Number(throttled.headers.get('x-ratelimit-reset')) >= Math.floor(Date.now() / 1000));
    assert.ok(throttled.headers.get('x-ratelimit-delay'));
    assert.match(throttled.json().message, /^TF400733: The request has been canceled: Request was blocked/);

    assert.equal((await call(`${apis}/pools/1/agents`)).status, 200, 'another pool is not throttled');
    assert.equal((await call(`${apis}/pools/3/agents`)).status, 429);
    assert.equal((await call(`${apis}/pools/3/agents`)).status, 200, 'the third GET gets through');
    assert.deepEqual(
      sandbox.requests.list().map((entry) => [entry.status, entry.fault]),
      [
        [429, 'rateLimit'],
        [200, undefined],
        [429, 'rateLimit'],
        [200, undefined],
      ],
    );
  });

  it('answers 500 and 503 with the service error body', async () => {
    sandbox.faults.set([
      { route: '/pools/1', kind: 'serverError', times: 1 },
      { route: '/pools/1', kind: 'serverError', status: 503 },
    ]);
    const internal = await call(`${apis}/pools/1`);
    assert.equal(internal.status, 500);
    assert.match(internal.json().message, /^TF400898: An Internal Error Occurred/);
    const unavailable = await call(`${apis}/pools/1`);
    assert.equal(unavailable.status, 503);
    assert.equal(unavailable.json().$id, '1');
  });

  it('resets the connection', async () => {
    sandbox.faults.set([{ route: '/pools', kind: 'reset' }]);
    await assert.rejects(call(`${apis}/pools`), (error: Error) => {
      assert.match(String((error.cause as Error | undefined)?.message ?? error.message), /socket|closed|reset/i);
      return true;
    });
    assert.deepEqual(
      sandbox.requests.list().map((entry) => [entry.status, entry.fault]),
      [[null, 'reset']],
    );
  });

  it('hangs until the client gives up, and stop() still closes at once', async () => {
    sandbox.faults.set([{ route: '/pools', kind: 'hang' }]);
    const [outcome, waitedMs] = await timed(() =>
      call(`${apis}/pools`, { signal: AbortSignal.timeout(200) }).then(
        () => 'answered',
        (error: Error) => error.name,
      ),
    );
    assert.equal(outcome, 'TimeoutError');
    assert.ok(waitedMs >= 190, `gave up after ${waitedMs} ms`);
    const pending = call(`${apis}/pools`).catch(() => 'dropped');
    await arrived(2);
    // It resolves with the request still hanging (a stop that waited for it would never end).
    await sandbox.stop();
    assert.equal(await pending, 'dropped');
  });

  it('stops promptly while a long latency is pending', async () => {
    sandbox.faults.set([{ kind: 'latency', latencyMs: 600_000 }]);
    const pending = call(`${apis}/pools`).catch(() => 'dropped');
    await arrived(1);
    // A stop that waited for the latency would outlast this test's time-out many times over.
    await sandbox.stop();
    assert.equal(await pending, 'dropped');
  });

  it('cuts the JSON body short, after the request took effect', async () => {
    sandbox.faults.set([{ method: 'PATCH', kind: 'malformedJson' }]);
    const response = await call(`${apis}/pools/1/agents/10?api-version=7.1`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 10, enabled: false }),
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.throws(() => response.json(), SyntaxError);
    assert.equal(sandbox.org(ORG).getAgent(1, 10)?.enabled, false);
  });

  it('answers the 203 sign-in page mid-session, which node reads as null', async () => {
    const api = await new WebApi(sandbox.orgUrl(ORG), getPersonalAccessTokenHandler(ADMIN_PAT)).getTaskAgentApi();
    assert.equal((await api.getAgents(1)).length, 2);
    sandbox.faults.set([{ route: '/agents', kind: 'signInPage', times: 1 }]);
    assert.equal(await api.getAgents(1), null);
    assert.equal((await api.getAgents(1)).length, 2);
  });

  it('scopes rules by organization and takes rules over HTTP with a route pattern', async () => {
    const put = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'PUT',
      body: JSON.stringify([
        { org: 'fabrikam', kind: 'serverError' },
        { org: 'CONTOSO', routeRegex: '/pools/\\d+/jobrequests$', kind: 'serverError', status: 503, times: 1 },
      ]),
    });
    assert.equal(put.status, 200);
    assert.deepEqual(
      (await put.json()).map((rule: { routeRegex?: string; remaining: number | null }) => [
        rule.routeRegex && new RegExp(rule.routeRegex).source,
        rule.remaining,
      ]),
      [
        [undefined, null],
        [new RegExp('/pools/\\d+/jobrequests$').source, 1],
      ],
    );
    assert.equal((await call(`${apis}/pools/1/agents`)).status, 200);
    assert.equal((await call(`${apis}/pools/1/jobrequests?$top=5`)).status, 503);
    assert.equal((await call(`${apis}/pools/1/jobrequests`)).status, 200);

    const invalid = await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'PUT', body: JSON.stringify([{ kind: 'gremlins' }]) });
    assert.equal(invalid.status, 400);
    assert.match((await invalid.json()).message, /kind must be one of/);
  });

  it('applies a rule with the given probability', async () => {
    sandbox.faults.set([
      { route: '/pools/1', kind: 'serverError', probability: 0 },
      { route: '/pools/3', kind: 'serverError', probability: 1 },
    ]);
    assert.equal((await call(`${apis}/pools/1`)).status, 200);
    assert.equal((await call(`${apis}/pools/3`)).status, 500);
  });
});
