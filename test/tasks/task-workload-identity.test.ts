import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { builtTask } from '../support/built';
import { startProxy, type TestProxy } from '../support/proxy';
import { certificateAuthority } from '../support/tls';
import { DEMO, SERVICE_PRINCIPAL } from '../support/tokens';
import { runTask, type AzureConnection, type TaskRun } from './agent-run';

/** Both resolve nowhere: the corporate proxy maps them to the sandbox, which plays Azure DevOps and Entra. */
const ORG_HOST = 'dev.azure.invalid';
const LOGIN_HOST = 'login.microsoftonline.invalid';
const PROJECT_ID = '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c';
const OIDC_REQUEST_URI = `https://${ORG_HOST}/demo/${PROJECT_ID}/_apis/distributedtask/hubs/build/plans/0f3a1c52-7e4b-4d29-9a61-2b8c5d7e9f10/jobs/5d2e8b14-3c6a-4f97-b0e1-9a7c4d2f6b83/oidctoken`;

describe('task KedaPoolGuard@1 with an Azure Resource Manager connection, no personal access token', function () {
  this.timeout(60_000);
  let taskDir: string;
  let sandbox: Sandbox;
  let proxy: TestProxy;
  let folder: string;
  let caFile: string;

  before(async () => {
    const authority = certificateAuthority('Contoso Root CA');
    folder = mkdtempSync(path.join(tmpdir(), 'kpg-wif-'));
    caFile = path.join(folder, 'contoso-root.pem');
    writeFileSync(caFile, authority.cert);
    [taskDir, sandbox] = await Promise.all([builtTask(), startSandbox({ scenario: 'demo', tls: authority.issue([ORG_HOST, LOGIN_HOST]) })]);
    const sandboxHost = new URL(sandbox.url).host;
    proxy = await startProxy({ routes: { [`${ORG_HOST}:443`]: sandboxHost, [`${LOGIN_HOST}:443`]: sandboxHost } });
  });
  after(async () => {
    await Promise.all([sandbox?.stop(), proxy?.stop()]);
    rmSync(folder, { recursive: true, force: true });
  });

  const federated = (connection: { id: string } = SERVICE_PRINCIPAL.federatedConnection): AzureConnection => ({
    id: connection.id,
    scheme: 'WorkloadIdentityFederation',
    parameters: { serviceprincipalid: SERVICE_PRINCIPAL.clientId, tenantid: SERVICE_PRINCIPAL.tenantId },
    data: { activeDirectoryAuthority: `https://${LOGIN_HOST}/` },
  });
  const withSecret = (secret: string): AzureConnection => ({
    id: '4a8c2e61-9d3b-4f70-a5e2-c1b9d8f7e063',
    scheme: 'ServicePrincipal',
    parameters: {
      serviceprincipalid: SERVICE_PRINCIPAL.clientId,
      tenantid: SERVICE_PRINCIPAL.tenantId,
      authenticationType: 'spnKey',
      serviceprincipalkey: secret,
    },
    data: { activeDirectoryAuthority: `https://${LOGIN_HOST}/` },
  });
  const run = (inputs: Record<string, string>, azureConnection: AzureConnection, secrets: string[] = []): Promise<TaskRun> =>
    runTask({
      secrets,
      taskDir,
      inputs: { demands: 'kubectl', timeoutSeconds: '30', ...inputs },
      collectionUri: `https://${ORG_HOST}/demo/`,
      project: 'demo',
      jobToken: DEMO.jobToken,
      azureConnection,
      variables: { 'System.OidcRequestUri': OIDC_REQUEST_URI, 'Agent.ProxyUrl': proxy.url, 'Agent.CAInfo': caFile },
    });
  const issues = (taskRun: TaskRun) => taskRun.errors.join('\n');

  it('registers a placeholder as the service principal, signed in through the job’s OIDC token and Entra', async () => {
    sandbox.requests.clear();
    const repaired = await run({ pools: 'keda-empty', action: 'repair' }, federated());
    assert.equal(repaired.result, 'Succeeded', repaired.stdout);
    assert.equal(JSON.parse(repaired.outputs.report).pools[0].repair, 'registered');
    const log = sandbox.requests.list();
    assert.ok(
      log.some(
        (request) => request.method === 'POST' && request.url.includes('/oidctoken?') && request.identity === 'demo Build Service (demo)',
      ),
    );
    assert.ok(log.some((request) => request.url === `/${SERVICE_PRINCIPAL.tenantId}/oauth2/v2.0/token` && request.status === 200));
    const registration = log.find((request) => request.method === 'POST' && request.url.includes('/agents'));
    assert.equal(registration?.identity, SERVICE_PRINCIPAL.name, 'the placeholder was registered by the service principal');
    assert.ok(proxy.requests.includes(`CONNECT ${LOGIN_HOST}:443`), 'Entra was reached through the proxy');
    assert.match(repaired.stdout, /##vso\[task\.setsecret\]eyJ/, 'the tokens it obtained are masked');
  });

  it('signs in with the connection’s client secret too', async () => {
    const checked = await run({ pools: 'keda-ready' }, withSecret(SERVICE_PRINCIPAL.secret));
    assert.equal(checked.result, 'Succeeded', checked.stdout);
  });

  it('names the service principal and the Administrator role when it may not register agents', async () => {
    const refused = await run({ pools: 'keda-old-placeholder', action: 'repair' }, federated());
    assert.equal(refused.result, 'Failed');
    assert.match(issues(refused), /may not register agents in pool `keda-old-placeholder`/);
    assert.match(
      refused.stdout,
      new RegExp(`service principal \`${SERVICE_PRINCIPAL.clientId}\`.*Administrator role on pool \`keda-old-placeholder\``),
    );
    assert.match(
      refused.stdout,
      /Access denied\. KEDA Pool Guard automation needs Manage permissions/,
      'Azure DevOps’ own words name it too',
    );
  });

  it('says which federated credential to add when the application trusts no such connection', async () => {
    const refused = await run({ pools: 'keda-ready' }, federated(SERVICE_PRINCIPAL.unfederatedConnection));
    assert.equal(refused.result, 'Failed');
    const issuer = `https://vstoken.dev.azure.com/${sandbox.org('demo').id}`;
    assert.match(issues(refused), /found no federated credential of application `7c1e4b9a-2d3f-4e8a-b6c5-0a9f8e7d6c41`/);
    assert.ok(issues(refused).includes(`issuer \`${issuer}\`, subject \`sc://demo/demo/azure-unfederated\``), issues(refused));
  });

  it('says the client secret was refused, and never prints it', async () => {
    // `runTask` fails the test wherever the secret appears but in the agent's secret registration.
    const refused = await run({ pools: 'keda-ready' }, withSecret('a-wrong-secret-value'), ['a-wrong-secret-value']);
    assert.equal(refused.result, 'Failed');
    assert.match(issues(refused), /did not accept the client secret of application .*AADSTS7000215/);
  });

  it('refuses both connections at once, and a connection without its ids', async () => {
    const both = await runTask({
      taskDir,
      inputs: { pools: 'keda-ready' },
      collectionUri: `https://${ORG_HOST}/demo/`,
      jobToken: DEMO.jobToken,
      connection: { id: 'a1b2', url: `https://${ORG_HOST}/demo`, token: DEMO.adminPat },
      azureConnection: federated(),
    });
    assert.match(issues(both), /Both `connection` and `azureConnection` are set/);
    const incomplete = await run({ pools: 'keda-ready' }, { ...federated(), parameters: { tenantid: SERVICE_PRINCIPAL.tenantId } });
    assert.match(issues(incomplete), /names no service principal \(client\) id or no tenant id/);
  });
});
