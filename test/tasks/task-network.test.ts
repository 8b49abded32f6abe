import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { builtTask } from '../support/built';
import { closedPort, startProxy, type TestProxy } from '../support/proxy';
import { certificateAuthority } from '../support/tls';
import { DEMO } from '../support/tokens';
import { runTask, type TaskRun } from './agent-run';

/** Resolves nowhere: the organization is reachable through the corporate proxy only. */
const ORG_HOST = 'dev.azure.invalid';
const PROXY_USER = 'svc-build';
const PROXY_PASSWORD = 'c0rp;pr0xy]pass%word';

describe('task KedaPoolGuard@1 behind a corporate proxy and a private certificate authority', function () {
  this.timeout(60_000);
  let taskDir: string;
  let sandbox: Sandbox;
  let proxy: TestProxy;
  let folder: string;
  let caFile: string;

  before(async () => {
    const authority = certificateAuthority('Contoso Root CA');
    folder = mkdtempSync(path.join(tmpdir(), 'kpg-ca-'));
    caFile = path.join(folder, 'contoso-root.pem');
    writeFileSync(caFile, authority.cert);
    [taskDir, sandbox] = await Promise.all([
      builtTask(),
      startSandbox({ scenario: 'demo', tls: authority.issue([ORG_HOST, '127.0.0.1']) }),
    ]);
    proxy = await startProxy({
      routes: { [`${ORG_HOST}:443`]: new URL(sandbox.url).host },
      credentials: { username: PROXY_USER, password: PROXY_PASSWORD },
    });
  });
  after(async () => {
    await Promise.all([sandbox?.stop(), proxy?.stop()]);
    rmSync(folder, { recursive: true, force: true });
  });

  /** The variables the agent sets for a task when it was configured with `--proxyurl ... --sslcacert ...`. */
  const agentProxy = (password = PROXY_PASSWORD) => ({
    variables: { 'Agent.ProxyUrl': proxy.url, 'Agent.ProxyUsername': PROXY_USER },
    secretVariables: { 'Agent.ProxyPassword': password },
  });
  const check = (
    extra: { variables?: Record<string, string>; secretVariables?: Record<string, string> },
    collectionUri = `https://${ORG_HOST}/demo/`,
  ) =>
    runTask({
      taskDir,
      inputs: { pools: 'keda-ready', demands: 'kubectl', timeoutSeconds: '20' },
      collectionUri,
      project: 'demo',
      jobToken: DEMO.jobToken,
      ...extra,
    });
  const issues = (run: TaskRun) => run.errors.join('\n');

  it('reaches the organization through the agent’s proxy, trusting the agent’s certificate authority', async () => {
    proxy.requests.length = 0;
    sandbox.requests.clear();
    const { variables, secretVariables } = agentProxy();
    const run = await check({ variables: { ...variables, 'Agent.CAInfo': caFile }, secretVariables });
    assert.equal(run.result, 'Succeeded', run.stdout);
    assert.equal(run.outputs.verdict, 'ready');
    assert.ok(proxy.requests.length > 0);
    assert.deepEqual(new Set(proxy.requests), new Set([`CONNECT ${ORG_HOST}:443`]), 'every connection went through the proxy');
    assert.ok(sandbox.requests.list().length > 0);
  });

  it('without the agent’s proxy, fails with a message that names the host and the proxy setting', async () => {
    const run = await check({ variables: { 'Agent.CAInfo': caFile } });
    assert.equal(run.result, 'Failed');
    assert.match(issues(run), /host name `dev\.azure\.invalid` does not resolve/);
    assert.match(run.stdout, /--proxyurl/);
  });

  it('without the agent’s certificate authority, fails with a message that names the certificate', async () => {
    const run = await check(agentProxy());
    assert.equal(run.result, 'Failed');
    assert.match(issues(run), /The TLS certificate of `dev\.azure\.invalid` is not trusted/);
    assert.match(run.stdout, /--sslcacert/);
  });

  it('says the proxy refused the credentials, and never prints the password', async () => {
    const { variables } = agentProxy();
    const wrong = 'not;the]password';
    const run = await check({ variables: { ...variables, 'Agent.CAInfo': caFile }, secretVariables: { 'Agent.ProxyPassword': wrong } });
    assert.equal(run.result, 'Failed');
    assert.match(
      issues(run),
      new RegExp(`The proxy \`${proxy.url.replace(/\./g, '\\.')}\` refused to connect to Azure DevOps \\(HTTP 407\\)`),
    );
    assert.match(run.stdout, /--proxyusername/);
  });

  it('says the proxy could not be reached when nothing answers at its address', async () => {
    const nowhere = `http://127.0.0.1:${await closedPort()}`;
    const run = await check({ variables: { 'Agent.ProxyUrl': nowhere, 'Agent.CAInfo': caFile } });
    assert.equal(run.result, 'Failed');
    assert.match(issues(run), new RegExp(`The proxy \`${nowhere.replace(/\./g, '\\.')}\` could not be reached`));
  });

  it('goes straight to a host on the agent’s bypass list', async () => {
    const nowhere = `http://127.0.0.1:${await closedPort()}`;
    const run = await check(
      { variables: { 'Agent.ProxyUrl': nowhere, 'Agent.ProxyBypassList': JSON.stringify(['127\\.0\\.0\\.1']), 'Agent.CAInfo': caFile } },
      `${sandbox.orgUrl('demo')}/`,
    );
    assert.equal(run.result, 'Succeeded', run.stdout);
  });

  it('names a certificate file it cannot read, and the agent setting it came from', async () => {
    const run = await check({ variables: { 'Agent.CAInfo': path.join(folder, 'missing.pem') } });
    assert.equal(run.result, 'Failed');
    assert.match(issues(run), /certificate file `.*missing\.pem` named by `Agent\.CAInfo` could not be read/);
  });
});
