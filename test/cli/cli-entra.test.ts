import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { builtCli } from '../support/built';
import { cliProcess, type CliRun } from '../support/cli-run';
import { SERVICE_PRINCIPAL } from '../support/tokens';

const RESOURCE = '499b84ac-1321-427f-aa17-267ca6975798';

describe('keda-pool-guard with a Microsoft Entra token instead of a personal access token', function () {
  this.timeout(60_000);
  let cli: string;
  let sandbox: Sandbox;
  let folder: string;
  let token: string;

  before(async () => {
    [cli, sandbox] = await Promise.all([builtCli(), startSandbox({ scenario: 'demo' })]);
    folder = mkdtempSync(path.join(tmpdir(), 'kpg-az-'));
    // The demo's service principal signs in with its secret, as `az login --service-principal` would.
    const response = await fetch(`${sandbox.url}/${SERVICE_PRINCIPAL.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: SERVICE_PRINCIPAL.clientId,
        client_secret: SERVICE_PRINCIPAL.secret,
        scope: `${RESOURCE}/.default`,
      }),
    });
    token = ((await response.json()) as { access_token: string }).access_token;
  });
  after(async () => {
    await sandbox?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  /**
   * A stand-in for the Azure CLI, alone on PATH (shell built-ins only): it answers `account get-access-token --resource <Azure DevOps>`
   * as `az` does (JSON with `accessToken`), or fails as `az` does before `az login`.
   */
  const fakeAz = (name: string, signedIn: boolean): string => {
    const bin = path.join(folder, name);
    mkdirSync(bin, { recursive: true });
    const answer = JSON.stringify({
      accessToken: token,
      expiresOn: '2030-01-01 00:00:00.000000',
      tenant: SERVICE_PRINCIPAL.tenantId,
      tokenType: 'Bearer',
    });
    const script = signedIn
      ? `if [ "$*" = "account get-access-token --resource ${RESOURCE} --output json" ]; then echo '${answer}'; else echo "ERROR: unexpected arguments: $*" >&2; exit 2; fi`
      : `echo "ERROR: Please run 'az login' to setup account." >&2; exit 1`;
    writeFileSync(path.join(bin, 'az'), `#!/bin/sh\n${script}\n`);
    chmodSync(path.join(bin, 'az'), 0o755);
    return bin;
  };
  const repair = (env: NodeJS.ProcessEnv, flags: string[] = []): Promise<CliRun> =>
    cliProcess(cli, ['repair', '--org', sandbox.orgUrl('demo'), '--pool', 'keda-empty', '--demand', 'kubectl', '--json', ...flags], env);

  it('registers a placeholder with AZURE_DEVOPS_EXT_TOKEN, as the identity the token was issued to', async () => {
    sandbox.requests.clear();
    const result = await repair({ AZURE_DEVOPS_EXT_TOKEN: token });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(JSON.parse(result.stdout).pools[0].repair, 'registered');
    const registration = sandbox.requests.list().find((request) => request.method === 'POST');
    assert.equal(registration?.authScheme, 'Bearer');
    assert.equal(registration?.identity, SERVICE_PRINCIPAL.name);
  });

  it('asks the Azure CLI for the token with --token-from-az', async () => {
    const result = await cliProcess(
      cli,
      ['check', '--org', sandbox.orgUrl('demo'), '--pool', 'keda-ready', '--demand', 'kubectl', '--token-from-az'],
      {
        PATH: fakeAz('signed-in', true),
        AZURE_DEVOPS_EXT_PAT: 'not-used-when-a-flag-asks-for-az',
      },
    );
    assert.equal(result.code, 0, result.stdout + result.stderr);
  });

  it('says what the Azure CLI answered when it is not signed in, and what to do when it is missing', async () => {
    const signedOut = await repair({ PATH: fakeAz('signed-out', false) }, ['--token-from-az']);
    assert.equal(signedOut.code, 3);
    assert.match(
      signedOut.stderr,
      /`az account get-access-token` failed: ERROR: Please run 'az login' to setup account\. Sign in with `az login`/,
    );
    const missing = await repair({ PATH: path.join(folder, 'empty') }, ['--token-from-az']);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /`--token-from-az` needs the Azure CLI, and `az` was not found/);
  });

  it('names the token’s identity and the role when it may not register agents', async () => {
    const result = await cliProcess(
      cli,
      ['repair', '--org', sandbox.orgUrl('demo'), '--pool', 'keda-old-placeholder', '--demand', 'kubectl'],
      {
        AZURE_DEVOPS_EXT_TOKEN: token,
      },
    );
    assert.equal(result.code, 3);
    assert.match(result.stdout, /Give the identity the token was issued to .* the Administrator role on pool `keda-old-placeholder`/);
    assert.match(result.stdout, /KEDA Pool Guard automation needs Manage permissions/);
  });
});
