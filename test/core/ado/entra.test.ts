import assert from 'node:assert/strict';
import { signedIn, SignInError, type ServicePrincipalSignIn } from '../../../core/ado/entra';
import { TransportError, type Transport, type TransportRequest } from '../../../core/ado/transport';
import { describeError } from '../../../core/guard/errors';
import { taskText } from '../../../tasks/KedaPoolGuardV1/text';

const SIGN_IN: ServicePrincipalSignIn = {
  authorityUrl: 'https://login.microsoftonline.com',
  tenantId: 'contoso-tenant',
  clientId: 'app-id',
  connection: 'azure-pools',
  proof: { kind: 'secret', secret: 's3cret' },
};
const answer =
  (status: number, body: unknown): Transport =>
  async () => ({ status, header: () => null, text: JSON.stringify(body) });
const options = (transport: Transport, masked: string[] = []) => ({
  transport,
  deadline: Date.now() + 5_000,
  userAgent: 'KedaPoolGuard/test',
  mask: (secret: string) => void masked.push(secret),
});
const failure = async (transport: Transport): Promise<SignInError> => {
  const error = await signedIn({ kind: 'servicePrincipal', signIn: SIGN_IN }, options(transport)).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof SignInError, String(error));
  return error;
};

describe('entra: a service principal signs in to Azure DevOps', () => {
  it('asks the tenant for an Azure DevOps token with the client credentials grant, and masks what it gets', async () => {
    const sent: TransportRequest[] = [];
    const masked: string[] = [];
    const transport: Transport = async (request) => {
      sent.push(request);
      return { status: 200, header: () => null, text: JSON.stringify({ token_type: 'Bearer', access_token: 'the-token' }) };
    };
    assert.deepEqual(await signedIn({ kind: 'servicePrincipal', signIn: SIGN_IN }, options(transport, masked)), {
      kind: 'bearer',
      token: 'the-token',
    });
    assert.equal(sent[0].url, 'https://login.microsoftonline.com/contoso-tenant/oauth2/v2.0/token');
    assert.equal(sent[0].headers['User-Agent'], 'KedaPoolGuard/test');
    assert.deepEqual(Object.fromEntries(new URLSearchParams(sent[0].body)), {
      client_id: 'app-id',
      scope: '499b84ac-1321-427f-aa17-267ca6975798/.default',
      grant_type: 'client_credentials',
      client_secret: 's3cret',
    });
    assert.deepEqual(masked, ['the-token']);
  });

  it('leaves a personal access token or a bearer token as it is', async () => {
    const untouched: Transport = () => assert.fail('no request');
    assert.deepEqual(await signedIn({ kind: 'pat', token: 'p' }, options(untouched)), { kind: 'pat', token: 'p' });
  });

  it('turns Entra’s refusals into what to do, with its first line and never its trace lines', async () => {
    const entra = (code: number, text: string) => ({
      error: 'invalid_client',
      error_description: `AADSTS${code}: ${text}\r\nTrace ID: 1\r\nCorrelation ID: 2\r\nTimestamp: 3`,
      error_codes: [code],
    });
    const notFound = await failure(answer(400, entra(700016, 'Application with identifier app-id was not found.')));
    assert.equal(notFound.key, 'signIn.applicationNotFound');
    const other = describeError(
      await failure(answer(400, entra(50058, 'A silent sign-in request was sent.'))),
      'task.internalError',
      (key, params) => taskText(key, params, 'text'),
    );
    assert.match(
      other,
      /refused to sign in application `app-id` of service connection `azure-pools` \(HTTP 400: AADSTS50058: A silent sign-in request was sent\.\)/,
    );
    assert.doesNotMatch(other, /Trace ID/);
    assert.equal((await failure(answer(502, '<html>bad gateway</html>'))).key, 'signIn.entraRefused');
    assert.equal((await failure(answer(200, { token_type: 'Bearer' }))).key, 'signIn.entraRefused', 'a 200 without a token is no sign-in');
  });

  it('says which part of the network path failed, or that no answer came', async () => {
    const throwing =
      (error: Error): Transport =>
      () =>
        Promise.reject(error);
    const proxy = await failure(throwing(new TransportError('proxyRefused', 'http://proxy:3128', 407)));
    assert.equal(proxy.key, 'signIn.proxyRefused');
    assert.match(
      describeError(proxy, 'task.internalError', (key, params) => taskText(key, params, 'text')),
      /The proxy `http:\/\/proxy:3128` refused the sign-in of application `app-id` \(HTTP 407\)/,
    );
    assert.equal(
      (await failure(throwing(new TransportError('untrustedCertificate', 'login.microsoftonline.com')))).key,
      'signIn.untrustedCertificate',
    );
    const dropped = await failure(throwing(new Error('socket hang up')));
    assert.match(
      describeError(dropped, 'task.internalError', (key, params) => taskText(key, params, 'text')),
      /^`login\.microsoftonline\.com` did not answer in time, or dropped the connection/,
    );
  });

  it('asks Azure DevOps for the job’s OIDC token first, with the job token, and says when it refuses', async () => {
    const sent: TransportRequest[] = [];
    const refusing: Transport = async (request) => {
      sent.push(request);
      return {
        status: 400,
        header: () => 'application/json',
        text: JSON.stringify({ message: 'Connection not authorized.', typeKey: 'ArgumentException' }),
      };
    };
    const federated: ServicePrincipalSignIn = {
      ...SIGN_IN,
      proof: {
        kind: 'federated',
        oidcRequestUri: 'https://dev.azure.com/contoso/p1/_apis/distributedtask/hubs/build/plans/x/jobs/y/oidctoken',
        serviceConnectionId: 'sc-1',
        jobToken: 'job',
      },
    };
    const error = await signedIn({ kind: 'servicePrincipal', signIn: federated }, options(refusing)).catch((e: unknown) => e);
    assert.ok(error instanceof SignInError);
    assert.match(
      describeError(error, 'task.internalError', (key, params) => taskText(key, params, 'text')),
      /gave this job no OIDC token for service connection `azure-pools` \(HTTP 400: Connection not authorized\.\)/,
    );
    assert.equal(sent[0].method, 'POST');
    assert.equal(
      sent[0].url,
      'https://dev.azure.com/contoso/p1/_apis/distributedtask/hubs/build/plans/x/jobs/y/oidctoken?serviceConnectionId=sc-1',
    );
    assert.equal(sent[0].headers.Authorization, 'Bearer job');
    assert.match(sent[0].headers.Accept, /api-version=7\.1/);
  });
});
