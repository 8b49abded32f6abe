/**
 * What the service answers for things that do not exist: an organization, a pool id, and KEDA's
 * `pools?poolID=` probe; plus the client side of a host that does not resolve and a refused connection
 * (`test/support/unreachable.ts`). Sources and confidence: sandbox/README.md.
 */
import assert from 'node:assert/strict';
import { getPersonalAccessTokenHandler, WebApi } from 'azure-devops-node-api';
import { startSandbox, type Sandbox } from '../../sandbox';
import { missingOrganizationUrl, refusedOrganizationUrl, UNRESOLVABLE_ORGANIZATION_URL } from '../support/unreachable';
import { ADMIN_PAT, call, ORG, tinyScenario } from './tiny-scenario';

describe('sandbox answers for what does not exist', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    const scenario = tinyScenario();
    scenario.organizations[0].pools.push({ id: 7, name: 'deployment-targets', poolType: 'deployment', agents: [] });
    sandbox = await startSandbox({ scenario });
  });
  afterEach(() => sandbox.stop());

  it('answers a missing organization as dev.azure.com does: 404 in plain text, before authentication', async () => {
    const org = missingOrganizationUrl(sandbox);
    for (const [method, path, headers] of [
      ['OPTIONS', '/_apis/Location', { 'X-TFS-FedAuthRedirect': 'Suppress' }],
      ['GET', '/_apis/distributedtask/pools', {}],
      ['GET', '/_apis/distributedtask/pools', { Authorization: '' }],
    ] as const) {
      const response = await call(`${org}${path}`, { method, headers });
      assert.equal(response.status, 404, `${method} ${path}`);
      assert.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8');
      assert.equal(response.headers.get('x-tfs-serviceerror'), 'The%20resource%20cannot%20be%20found.');
      assert.equal(response.text, 'The resource cannot be found.');
    }
  });

  // The message microsoft/azure-devops-mcp docs/TROUBLESHOOTING.md gives for "Incorrect Organization Name".
  it('makes azure-devops-node-api fail discovery as users of a mistyped organization report', async () => {
    const api = new WebApi(missingOrganizationUrl(sandbox), getPersonalAccessTokenHandler(ADMIN_PAT)).getTaskAgentApi();
    await assert.rejects(api, /^Error: Failed to find api location for area: Location id: e81700f7-3be2-46de-8624-2eb35882fcaa$/);
  });

  it("answers KEDA's pools?poolID= probe with the whole list of automation pools, even for an unknown id", async () => {
    const pools = `${sandbox.orgUrl(ORG)}/_apis/distributedtask/pools`;
    const keda = { Authorization: `Basic ${Buffer.from(`:${ADMIN_PAT}`).toString('base64')}` };
    for (const id of [1, 99]) {
      const response = await call(`${pools}?poolID=${id}`, { headers: keda });
      assert.equal(response.status, 200);
      assert.deepEqual(
        response.json().value.map((pool: { id: number }) => pool.id),
        [1, 2, 3, 4],
      );
    }
    assert.deepEqual(
      (await call(`${pools}?poolType=deployment`)).json().value.map((pool: { name: string }) => pool.name),
      ['deployment-targets'],
    );
    assert.deepEqual(
      (await call(`${pools}?poolIds=7,1`)).json().value.map((pool: { id: number }) => pool.id),
      [1, 7],
      'poolIds selects by id alone',
    );
  });

  it('answers 404 for a pool id that does not exist on every pool-scoped route', async () => {
    const pool = `${sandbox.orgUrl(ORG)}/_apis/distributedtask/pools/99`;
    const write = { Accept: 'application/json;api-version=7.1', 'Content-Type': 'application/json' };
    const agent = JSON.stringify({ id: 1, name: 'agent', version: '4.248.0' });
    const routes: [string, string, string?][] = [
      ['GET', ''],
      ['GET', '/agents'],
      ['GET', '/agents?demands=kubectl'],
      ['GET', '/agents/1'],
      ['POST', '/agents', agent],
      ['PUT', '/agents/1', agent],
      ['PATCH', '/agents/1', agent],
      ['DELETE', '/agents/1'],
      ['PUT', '/agents/1/usercapabilities', '{}'],
      ['GET', '/jobrequests'],
      ['GET', '/jobrequests?$top=10'],
      ['GET', '/jobrequests/1'],
    ];
    for (const [method, path, body] of routes) {
      const response = await call(`${pool}${path}`, { method, headers: write, body });
      assert.deepEqual(
        [response.status, response.json().typeKey, response.json().message],
        [404, 'TaskAgentPoolNotFoundException', 'No agent pool found with identifier 99.'],
        `${method} ${path}`,
      );
    }
    const permission = await call(`${pool}/permissions/2`);
    assert.deepEqual([permission.status, permission.json()], [200, false], 'the permission probe grants nothing');
  });
});

describe('unreachable organizations (client side)', () => {
  it('fails to resolve an .invalid host at once', async () => {
    await assert.rejects(
      fetch(`${UNRESOLVABLE_ORGANIZATION_URL}/_apis/distributedtask/pools`),
      (error: Error & { cause?: { code?: string } }) => {
        assert.equal(error.cause?.code, 'ENOTFOUND');
        return true;
      },
    );
  });

  it('has the connection refused on a port nothing listens on', async () => {
    await assert.rejects(
      fetch(`${await refusedOrganizationUrl()}/_apis/distributedtask/pools`),
      (error: Error & { cause?: { code?: string } }) => {
        assert.equal(error.cause?.code, 'ECONNREFUSED');
        return true;
      },
    );
  });
});
