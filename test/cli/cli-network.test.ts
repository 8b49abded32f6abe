import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { builtCli } from '../support/built';
import { cliProcess, type CliRun } from '../support/cli-run';
import { closedPort, startProxy, type TestProxy } from '../support/proxy';
import { certificateAuthority } from '../support/tls';
import { DEMO } from '../support/tokens';

/** Resolves nowhere: the organization is reachable through the proxy only. */
const ORG_HOST = 'dev.azure.invalid';
const PROXY_PASSWORD = 'p@ss:w0rd/for proxy';

describe('keda-pool-guard behind a proxy and a private certificate authority', function () {
  this.timeout(60_000);
  let cli: string;
  let sandbox: Sandbox;
  let proxy: TestProxy;
  let folder: string;
  let caFile: string;
  let otherCaFile: string;
  let nowhere: string;

  before(async () => {
    const authority = certificateAuthority('Contoso Root CA');
    folder = mkdtempSync(path.join(tmpdir(), 'kpg-ca-'));
    [caFile, otherCaFile] = [path.join(folder, 'contoso.pem'), path.join(folder, 'other.pem')];
    writeFileSync(caFile, authority.cert);
    writeFileSync(otherCaFile, certificateAuthority('Another CA').cert);
    [cli, sandbox] = await Promise.all([builtCli(), startSandbox({ scenario: 'demo', tls: authority.issue([ORG_HOST, '127.0.0.1']) })]);
    proxy = await startProxy({
      routes: { [`${ORG_HOST}:443`]: new URL(sandbox.url).host },
      credentials: { username: 'me', password: PROXY_PASSWORD },
    });
    nowhere = `http://127.0.0.1:${await closedPort()}`;
  });
  after(async () => {
    await Promise.all([sandbox?.stop(), proxy?.stop()]);
    rmSync(folder, { recursive: true, force: true });
  });

  const proxyWithCredentials = () => proxy.url.replace('://', `://me:${encodeURIComponent(PROXY_PASSWORD)}@`);
  const check = (env: NodeJS.ProcessEnv, flags: string[] = [], org = `https://${ORG_HOST}/demo`): Promise<CliRun> =>
    cliProcess(
      cli,
      ['check', '--org', org, '--pool', 'keda-ready', '--demand', 'kubectl', ...flags],
      { AZURE_DEVOPS_EXT_PAT: DEMO.readerPat, ...env },
      [PROXY_PASSWORD, encodeURIComponent(PROXY_PASSWORD)],
    );

  it('goes through HTTPS_PROXY, with its credentials, and trusts NODE_EXTRA_CA_CERTS', async () => {
    proxy.requests.length = 0;
    const result = await check({ HTTPS_PROXY: proxyWithCredentials(), NODE_EXTRA_CA_CERTS: caFile });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /keda-ready\s+ready/);
    assert.deepEqual(new Set(proxy.requests), new Set([`CONNECT ${ORG_HOST}:443`]));
  });

  it('takes --proxy over HTTPS_PROXY and --ca-file over NODE_EXTRA_CA_CERTS', async () => {
    const result = await check({ HTTPS_PROXY: nowhere, NODE_EXTRA_CA_CERTS: otherCaFile }, [
      '--proxy',
      proxyWithCredentials(),
      '--ca-file',
      caFile,
    ]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
  });

  it('goes straight to hosts in NO_PROXY, and --no-proxy replaces it', async () => {
    const direct = sandbox.orgUrl('demo');
    const env = { HTTPS_PROXY: nowhere, NO_PROXY: 'localhost,127.0.0.1', NODE_EXTRA_CA_CERTS: caFile };
    assert.equal((await check(env, [], direct)).code, 0);
    const overridden = await check(env, ['--no-proxy', 'localhost'], direct);
    assert.equal(overridden.code, 3);
    assert.match(overridden.stdout, new RegExp(`The proxy \`${nowhere.replace(/\./g, '\\.')}\` could not be reached`));
    assert.match(overridden.stdout, /HTTPS_PROXY/);
  });

  it('without a proxy, names the host it could not reach and the proxy variable', async () => {
    const result = await check({ NODE_EXTRA_CA_CERTS: caFile });
    assert.equal(result.code, 3);
    assert.match(result.stdout, /host name `dev\.azure\.invalid` does not resolve/);
    assert.match(result.stdout, /set `HTTPS_PROXY` or pass `--proxy <url>`/);
  });

  it('without the certificate authority, names the untrusted certificate and how to trust it', async () => {
    const result = await check({ HTTPS_PROXY: proxyWithCredentials() });
    assert.equal(result.code, 3);
    assert.match(result.stdout, /The TLS certificate of `dev\.azure\.invalid` is not trusted/);
    assert.match(result.stdout, /NODE_EXTRA_CA_CERTS/);
  });

  it('says the proxy refused, without printing its credentials', async () => {
    const result = await check({ HTTPS_PROXY: proxy.url.replace('://', '://me:wrong@'), NODE_EXTRA_CA_CERTS: caFile });
    assert.equal(result.code, 3);
    assert.match(result.stdout, /refused to connect to Azure DevOps \(HTTP 407\)/);
    assert.doesNotMatch(result.stdout + result.stderr, /wrong/);
  });

  it('refuses a proxy URL it cannot use, without repeating it', async () => {
    const result = await check({ HTTPS_PROXY: `socks5://me:${PROXY_PASSWORD}@proxy:1080` });
    assert.equal(result.code, 3);
    assert.match(result.stderr, /The proxy in `HTTPS_PROXY` is not an http or https URL/);
  });
});
