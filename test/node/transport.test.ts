import assert from 'node:assert/strict';
import { refusedOrganizationUrl } from '../support/unreachable';
import { RestAdoClient } from '../../core/ado/client';
import { AdoError } from '../../core/ado/errors';
import { parseNoProxy, type ProxySettings } from '../../core/ado/proxy';
import { nodeTransport, type NetworkSettings } from '../../node/transport';
import { startSandbox, type Sandbox } from '../../sandbox';
import { closedPort, startProxy, type TestProxy } from '../support/proxy';
import { certificateAuthority, type CertificateAuthority } from '../support/tls';
import { DEMO } from '../support/tokens';

/** The organization's host as the agent knows it: it resolves nowhere, only the proxy maps it. */
const ORG_HOST = 'dev.azure.invalid';

describe('the Node transport: proxies and certificates', function () {
  this.timeout(30_000);
  let authority: CertificateAuthority;
  let plain: Sandbox;
  let secure: Sandbox;
  let proxy: TestProxy;
  let guarded: TestProxy;

  before(async () => {
    authority = certificateAuthority();
    [plain, secure] = await Promise.all([
      startSandbox({ scenario: 'demo' }),
      startSandbox({ scenario: 'demo', tls: authority.issue([ORG_HOST, '127.0.0.1']) }),
    ]);
    const routes = { [`${ORG_HOST}:80`]: new URL(plain.url).host, [`${ORG_HOST}:443`]: new URL(secure.url).host };
    [proxy, guarded] = await Promise.all([
      startProxy({ routes }),
      startProxy({ routes, credentials: { username: 'builder', password: 'pr0xy pass:word' } }),
    ]);
  });
  after(() => Promise.all([plain, secure, proxy, guarded].map((server) => server?.stop())));

  const client = (orgUrl: string, network: NetworkSettings, maxAttempts?: number) =>
    new RestAdoClient({
      orgUrl,
      credentials: { kind: 'pat', token: DEMO.adminPat },
      timeoutMs: 15_000,
      transport: nodeTransport(network),
      maxAttempts,
    });
  const through = (url: string, extra: Partial<ProxySettings> = {}): ProxySettings => ({
    http: { url },
    https: { url },
    bypass: [],
    ...extra,
  });
  const noTls = { certificateAuthorities: [] };
  const failure = async (call: Promise<unknown>): Promise<AdoError> => {
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof AdoError, `expected an AdoError, got ${String(error)}`);
    return error;
  };

  it('reaches an organization only the proxy can resolve', async () => {
    proxy.requests.length = 0;
    const pools = await client(`http://${ORG_HOST}/demo`, { proxy: through(proxy.url), tls: noTls }).listPools();
    assert.ok(pools.some((pool) => pool.name === 'keda-ready'));
    assert.deepEqual(proxy.requests, [`CONNECT ${ORG_HOST}:80`]);
  });

  it('sends the proxy its Basic credentials, and keeps them from the organization', async () => {
    guarded.requests.length = 0;
    plain.requests.clear();
    const settings = through(guarded.url);
    const withCredentials: ProxySettings = { ...settings, http: { url: guarded.url, username: 'builder', password: 'pr0xy pass:word' } };
    await client(`http://${ORG_HOST}/demo`, { proxy: withCredentials, tls: noTls }).listPools();
    assert.deepEqual(guarded.requests, [`CONNECT ${ORG_HOST}:80`]);
    assert.deepEqual(
      plain.requests.list().map((request) => request.authScheme),
      ['Basic'],
      'the organization sees its own credentials only',
    );
  });

  it('says the proxy refused, with its answer, when its credentials are missing or wrong', async () => {
    for (const http of [{ url: guarded.url }, { url: guarded.url, username: 'builder', password: 'wrong' }]) {
      const error = await failure(client(`http://${ORG_HOST}/demo`, { proxy: { http, bypass: [] }, tls: noTls }).listPools());
      assert.equal(error.kind, 'proxyRefused');
      assert.equal(error.status, 407);
      assert.equal(error.endpoint, guarded.url);
    }
  });

  it('says the proxy could not be reached when nothing listens at its address', async () => {
    const nowhere = `http://127.0.0.1:${await closedPort()}`;
    const error = await failure(client(`http://${ORG_HOST}/demo`, { proxy: through(nowhere), tls: noTls }).listPools());
    assert.equal(error.kind, 'proxyUnreachable');
    assert.equal(error.endpoint, nowhere);
  });

  it('says the host name does not resolve without the proxy (it resolves only through it)', async () => {
    const error = await failure(client(`http://${ORG_HOST}/demo`, { tls: noTls }).listPools());
    assert.equal(error.kind, 'hostNotFound');
    assert.equal(error.endpoint, ORG_HOST);
  });

  it('says the connection was refused when nothing listens at the host', async () => {
    const url = new URL(await refusedOrganizationUrl());
    const host = url.host;
    const error = await failure(client(url.href, { tls: noTls }).listPools());
    assert.equal(error.kind, 'connectionRefused');
    assert.equal(error.endpoint, host);
  });

  it('goes straight to a host on the bypass list, past a proxy that would refuse', async () => {
    const nowhere = `http://127.0.0.1:${await closedPort()}`;
    const orgUrl = plain.orgUrl('demo');
    const agentStyle = through(nowhere, { bypass: [{ kind: 'urlPattern', pattern: /127\.0\.0\.1/i }] });
    const environmentStyle = through(nowhere, { bypass: parseNoProxy('localhost, 127.0.0.1') });
    for (const settings of [agentStyle, environmentStyle])
      assert.ok((await client(orgUrl, { proxy: settings, tls: noTls }).listPools()).length > 0);
    const error = await failure(client(orgUrl, { proxy: through(nowhere, { bypass: parseNoProxy('localhost') }), tls: noTls }).listPools());
    assert.equal(error.kind, 'proxyUnreachable', 'a host off the list still goes through the proxy');
  });

  it('trusts a private certificate authority it is given, through the tunnel', async () => {
    const orgUrl = `https://${ORG_HOST}/demo`;
    proxy.requests.length = 0;
    const pools = await client(orgUrl, { proxy: through(proxy.url), tls: { certificateAuthorities: [authority.cert] } }).listPools();
    assert.ok(pools.length > 0);
    assert.deepEqual(proxy.requests, [`CONNECT ${ORG_HOST}:443`]);
    const error = await failure(client(orgUrl, { proxy: through(proxy.url), tls: noTls }).listPools());
    assert.equal(error.kind, 'untrustedCertificate');
    assert.equal(error.endpoint, ORG_HOST);
  });

  it('presents a client certificate to a server that asks for one', async () => {
    const clients = certificateAuthority('Client CA');
    const mutual = await startSandbox({
      scenario: 'demo',
      tls: { ...authority.issue(['127.0.0.1']), ca: clients.cert, requestCert: true },
    });
    try {
      const tls = { certificateAuthorities: [authority.cert] };
      const pools = await client(mutual.orgUrl('demo'), { tls: { ...tls, clientCertificate: clients.issue(['build-agent']) } }).listPools();
      assert.ok(pools.length > 0);
      // Under TLS 1.3 the server refuses the missing certificate after the handshake, by closing: a dropped connection.
      const error = await failure(client(mutual.orgUrl('demo'), { tls }, 1).listPools());
      assert.equal(error.kind, 'unavailable');
    } finally {
      await mutual.stop();
    }
  });
});
