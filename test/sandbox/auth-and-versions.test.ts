/** Authentication, per-pool roles and api-version rules, as a raw HTTP client meets them. */
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox';
import { ADMIN_PAT, basic, BUILD_SERVICE_BEARER, call, ORG, READER_PAT, tinyScenario } from './tiny-scenario';

const SERVICE_ERROR_MEMBERS = ['$id', 'innerException', 'message', 'typeName', 'typeKey', 'errorCode', 'eventId'];

describe('sandbox authentication and permissions', () => {
  let sandbox: Sandbox;
  let pools: string;
  beforeEach(async () => {
    sandbox = await startSandbox({ scenario: tinyScenario() });
    pools = `${sandbox.orgUrl(ORG)}/_apis/distributedtask/pools`;
  });
  afterEach(() => sandbox.stop());

  it('answers a bad token with 401 TF400813 and WWW-Authenticate when sign-in redirects are suppressed', async () => {
    const response = await call(pools, { headers: { Authorization: basic('wrong'), 'X-TFS-FedAuthRedirect': 'Suppress' } });
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /Basic realm="http:\/\/127\.0\.0\.1:\d+\/contoso\/"/);
    const body = response.json();
    assert.deepEqual(Object.keys(body), SERVICE_ERROR_MEMBERS);
    assert.equal(body.message, "TF400813: The user '' is not authorized to access this resource.");
    assert.equal(body.typeKey, 'UnauthorizedRequestException');

    const anonymous = await call(pools, { headers: { Authorization: '', 'X-TFS-FedAuthRedirect': 'suppress' } });
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.json().message, /anonymous access/);
  });

  it('answers a bad token with the 203 HTML sign-in page when redirects are not suppressed (KEDA)', async () => {
    const response = await call(pools, { headers: { Authorization: basic('wrong') } });
    assert.equal(response.status, 203);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.throws(() => response.json(), SyntaxError);
  });

  it('accepts Basic with any user name and Bearer, and logs who called', async () => {
    const withUser = `Basic ${Buffer.from(`someone@contoso.com:${ADMIN_PAT}`).toString('base64')}`;
    assert.equal((await call(pools, { headers: { Authorization: withUser } })).status, 200);
    assert.equal((await call(pools, { headers: { Authorization: `Bearer ${BUILD_SERVICE_BEARER}` } })).status, 200);
    assert.deepEqual(
      sandbox.requests.list().map((entry) => [entry.authScheme, entry.identity]),
      [
        ['Basic', 'Contoso Admin'],
        ['Bearer', 'Project Collection Build Service (contoso)'],
      ],
    );
  });

  // What its pool-scoped routes answer for such a pool: hidden-pool.test.ts.
  it('leaves pools without a role out of lists and answers 404 for them', async () => {
    const reader = { Authorization: basic(READER_PAT) };
    assert.deepEqual(
      (await call(pools, { headers: reader })).json().value.map((pool: { name: string }) => pool.name),
      ['keda', 'empty', 'big'],
    );
    const hidden = await call(`${pools}/3`, { headers: reader });
    assert.equal(hidden.status, 404);
    assert.equal(hidden.json().message, 'No agent pool found with identifier 3.');
    assert.equal((await call(`${pools}/1/jobrequests`, { headers: reader })).status, 200, 'Reader reads job requests');
  });

  it('filters pools by actionFilter instead of refusing', async () => {
    const buildService = { Authorization: `Bearer ${BUILD_SERVICE_BEARER}` };
    const names = async (query: string) =>
      (await call(`${pools}?${query}`, { headers: buildService })).json().value.map((pool: { name: string }) => pool.name);
    assert.deepEqual(await names('actionFilter=use'), ['keda']);
    assert.deepEqual(await names('actionFilter=2'), []);
  });

  it('refuses a Reader write with 403 and the full service error', async () => {
    const response = await call(`${pools}/1/agents/10?api-version=7.1`, {
      method: 'PATCH',
      headers: { Authorization: basic(READER_PAT), 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 10, enabled: false }),
    });
    assert.equal(response.status, 403);
    assert.deepEqual(response.json(), {
      $id: '1',
      innerException: null,
      message:
        'Access denied. Pool Reader needs Manage permissions to perform the action. For more information, contact the Azure DevOps Server administrator.',
      typeName: 'Microsoft.TeamFoundation.DistributedTask.WebApi.AccessDeniedException, Microsoft.TeamFoundation.DistributedTask.WebApi',
      typeKey: 'AccessDeniedException',
      errorCode: 0,
      eventId: 3000,
    });
    assert.equal(sandbox.org(ORG).getAgent(1, 10)?.enabled, true);
  });

  it('answers 409 to a second agent of the same name, whatever its casing', async () => {
    const response = await call(`${pools}/1/agents`, {
      method: 'POST',
      headers: { Accept: 'application/json; api-version=7.1', 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'KEDA-placeholder', version: '4.248.0' }),
    });
    assert.equal(response.status, 409);
    assert.equal(response.json().typeKey, 'TaskAgentExistsException');
    // TaskResources.AgentExists (Azure DevOps Server 2022, decompiled in mjwrona/decompiled).
    assert.equal(response.json().message, 'Pool keda already contains an agent with name KEDA-placeholder.');
  });
});

describe('sandbox api-version rules', () => {
  let sandbox: Sandbox;
  let agents: string;
  const register = (name: string, headers: Record<string, string>, query = '') =>
    call(`${agents}${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ name, version: '4.248.0' }),
    });

  beforeEach(async () => {
    sandbox = await startSandbox({ scenario: tinyScenario() });
    agents = `${sandbox.orgUrl(ORG)}/_apis/distributedtask/pools/2/agents`;
  });
  afterEach(() => sandbox.stop());

  it('refuses a write without a version with the exact message, and accepts a GET without one', async () => {
    const response = await register('a', {});
    assert.equal(response.status, 400);
    assert.equal(response.json().typeKey, 'VssVersionNotSpecifiedException');
    assert.equal(
      response.json().message,
      'No api-version was supplied for the "POST" request. The version must be supplied either as part of the Accept header (e.g. "application/json; api-version=1.0") or as a query parameter (e.g. "?api-version=1.0").',
    );
    assert.equal((await call(agents)).status, 200);
    assert.equal(sandbox.org(ORG).listAgents(2).length, 0);
  });

  it('reads the version from the query or from Accept among other options, with or without a space', async () => {
    assert.equal((await register('q', {}, '?api-version=7.1')).status, 200);
    assert.equal((await register('a', { Accept: 'application/json; api-version=7.2-preview.1; excludeUrls=true' })).status, 200);
    assert.equal((await register('b', { Accept: 'application/json;excludeUrls=true;api-version=7.0' })).status, 200);
    assert.deepEqual(
      sandbox
        .org(ORG)
        .listAgents(2)
        .map((agent) => agent.name),
      ['q', 'a', 'b'],
    );
  });

  it('refuses a preview version without -preview, a version too new and a malformed one', async () => {
    const preview = await register('x', {}, '?api-version=7.2');
    assert.deepEqual([preview.status, preview.json().typeKey], [400, 'VssInvalidPreviewVersionException']);
    assert.equal(
      preview.json().message,
      'The requested version "7.2" of the resource is under preview. The -preview flag must be supplied in the api-version for such requests. For example: "7.2-preview"',
    );
    const tooNew = await call(`${agents}?api-version=8.0-preview.1`);
    assert.deepEqual([tooNew.status, tooNew.json().typeKey], [400, 'VssVersionOutOfRangeException']);
    const malformed = await call(`${agents}?api-version=latest`);
    assert.deepEqual([malformed.status, malformed.json().typeKey], [400, 'VssInvalidApiVersionException']);
  });
});
