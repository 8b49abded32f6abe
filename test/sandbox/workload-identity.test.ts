import assert from 'node:assert/strict';
import { getBearerHandler, WebApi } from 'azure-devops-node-api';
import { startSandbox, type Sandbox } from '../../sandbox';
import { DEMO, SERVICE_PRINCIPAL } from '../support/tokens';

const PROJECT_ID = '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c';
const PLAN_ID = '0f3a1c52-7e4b-4d29-9a61-2b8c5d7e9f10';
const JOB_ID = '5d2e8b14-3c6a-4f97-b0e1-9a7c4d2f6b83';
const ADO_SCOPE = '499b84ac-1321-427f-aa17-267ca6975798/.default';

/** The claims of a JWT, read without checking it: what a test may look at. */
function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('sandbox: a service principal signs in with workload identity federation or a secret', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ scenario: 'demo' });
  });
  after(() => sandbox.stop());

  /** `System.OidcRequestUri`, as the agent hands it to a task. */
  const oidcRequestUri = () =>
    `${sandbox.orgUrl('demo')}/${PROJECT_ID}/_apis/distributedtask/hubs/build/plans/${PLAN_ID}/jobs/${JOB_ID}/oidctoken`;
  const oidcToken = async (connectionId: string): Promise<{ status: number; body: { oidcToken?: string; message?: string } }> => {
    const response = await fetch(`${oidcRequestUri()}?api-version=7.1&serviceConnectionId=${connectionId}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEMO.jobToken}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    return { status: response.status, body: (await response.json()) as { oidcToken?: string } };
  };
  const exchange = async (fields: Record<string, string>) => {
    const response = await fetch(`${sandbox.url}/${SERVICE_PRINCIPAL.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: SERVICE_PRINCIPAL.clientId, scope: ADO_SCOPE, ...fields }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const federated = async (connectionId: string) =>
    exchange({
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: (await oidcToken(connectionId)).body.oidcToken!,
    });

  it('issues the job an OIDC token for its service connection, as Microsoft’s node client asks for it', async () => {
    const raw = await oidcToken(SERVICE_PRINCIPAL.federatedConnection.id);
    assert.equal(raw.status, 200);
    const claims = claimsOf(raw.body.oidcToken!);
    assert.equal(claims.sub, 'sc://demo/demo/azure-keda-pools');
    assert.equal(claims.aud, 'api://AzureADTokenExchange');
    assert.equal(claims.iss, `https://vstoken.dev.azure.com/${sandbox.org('demo').id}`);

    const taskApi = await new WebApi(sandbox.orgUrl('demo'), getBearerHandler(DEMO.jobToken)).getTaskApi();
    const viaNode = await taskApi.createOidcToken({}, PROJECT_ID, 'build', PLAN_ID, JOB_ID, SERVICE_PRINCIPAL.federatedConnection.id);
    assert.equal(claimsOf(viaNode.oidcToken!).sub, 'sc://demo/demo/azure-keda-pools');

    const unknown = await oidcToken('00000000-0000-0000-0000-000000000000');
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.message!, /service connection '00000000-0000-0000-0000-000000000000' does not exist/);
  });

  it('exchanges the OIDC token at the tenant for an Azure DevOps token the organization accepts as the service principal', async () => {
    const { status, body } = await federated(SERVICE_PRINCIPAL.federatedConnection.id);
    assert.equal(status, 200);
    assert.equal(body.token_type, 'Bearer');
    const claims = claimsOf(String(body.access_token));
    assert.equal(claims.aud, '499b84ac-1321-427f-aa17-267ca6975798');
    assert.equal(claims.appid, SERVICE_PRINCIPAL.clientId);

    sandbox.requests.clear();
    const agentApi = await new WebApi(sandbox.orgUrl('demo'), getBearerHandler(String(body.access_token))).getTaskAgentApi();
    const pools = await agentApi.getAgentPools();
    assert.ok(
      pools.some((pool) => pool.name === 'keda-old-placeholder'),
      'Reader of every pool',
    );
    assert.ok(sandbox.requests.list().some((request) => request.identity === SERVICE_PRINCIPAL.name));
  });

  it('names the service principal when it lacks a pool role', async () => {
    const { body } = await exchange({ client_secret: SERVICE_PRINCIPAL.secret });
    const pool = sandbox.org('demo').findPoolByName('keda-old-placeholder')!;
    const response = await fetch(
      `${sandbox.orgUrl('demo')}/_apis/distributedtask/pools/${pool.id}/agents/${[...pool.agents.keys()][0]}?api-version=7.1`,
      {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${String(body.access_token)}`, 'X-TFS-FedAuthRedirect': 'Suppress' },
      },
    );
    assert.equal(response.status, 403);
    assert.match(
      ((await response.json()) as { message: string }).message,
      /^Access denied\. KEDA Pool Guard automation needs Manage permissions/,
    );
  });

  it('refuses, as Entra does, a federated token no credential of the application trusts', async () => {
    const { status, body } = await federated(SERVICE_PRINCIPAL.unfederatedConnection.id);
    assert.equal(status, 400);
    assert.equal(body.error, 'invalid_request');
    assert.deepEqual(body.error_codes, [70021]);
    assert.match(
      String(body.error_description),
      /^AADSTS70021: No matching federated identity record found .* Assertion Subject: 'sc:\/\/demo\/demo\/azure-unfederated'/,
    );
  });

  it('refuses a wrong secret, an unknown application, an unknown tenant and a scope that is not Azure DevOps', async () => {
    const wrong = await exchange({ client_secret: 'not-the-secret' });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body.error_codes, [7000215]);
    const stranger = await exchange({ client_id: '11111111-2222-4333-8444-555555555555', client_secret: SERVICE_PRINCIPAL.secret });
    assert.deepEqual(stranger.body.error_codes, [700016]);
    const scope = await exchange({ client_secret: SERVICE_PRINCIPAL.secret, scope: 'https://management.azure.com/.default' });
    assert.equal(scope.body.error, 'invalid_scope');
    const response = await fetch(`${sandbox.url}/00000000-1111-4222-8333-444444444444/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: SERVICE_PRINCIPAL.clientId,
        client_secret: 'x',
        scope: ADO_SCOPE,
      }),
    });
    assert.deepEqual(((await response.json()) as { error_codes: number[] }).error_codes, [90002]);
  });

  it('accepts no token it did not issue, nor one for another resource', async () => {
    const { body } = await exchange({ client_secret: SERVICE_PRINCIPAL.secret });
    const token = String(body.access_token);
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claimsOf(token), appid: '00000000-0000-0000-0000-000000000000' })).toString('base64url')}.${signature}`;
    const oidc = (await oidcToken(SERVICE_PRINCIPAL.federatedConnection.id)).body.oidcToken!;
    for (const presented of [forged, oidc]) {
      const response = await fetch(`${sandbox.orgUrl('demo')}/_apis/distributedtask/pools`, {
        headers: { Authorization: `Bearer ${presented}`, 'X-TFS-FedAuthRedirect': 'Suppress' },
      });
      assert.equal(response.status, 401);
    }
  });
});
