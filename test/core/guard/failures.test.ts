import assert from 'node:assert/strict';
import { AdoError, type AdoFailureKind } from '../../../core/ado/errors';
import {
  failureReport,
  jobTokenIdentities,
  missingPoolReport,
  repairFinding,
  unviewablePoolReport,
  type AccessContext,
} from '../../../core/guard/failures';
import { issueText } from '../../../core/guard/issues';
import { renderFinding } from '../../../core/model/render';

const JOB_TOKEN: AccessContext = { kind: 'jobToken', organization: 'contoso', project: 'web' };
const PAT: AccessContext = { kind: 'personalAccessToken', via: 'connection' };
const CLI: AccessContext = { kind: 'personalAccessToken', via: 'environment' };
const error = (kind: AdoFailureKind, status?: number, serviceMessage?: string, retryAfter?: number, endpoint?: string) =>
  new AdoError(kind, 'GET', '_apis/distributedtask/pools', status, serviceMessage, undefined, retryAfter, endpoint);

describe('guard: a pool that could not be read', () => {
  const cases: Array<[AdoFailureKind, number | undefined, string, RegExp]> = [
    ['unauthorized', 401, 'credentialsRejected', /did not accept the token/],
    ['forbidden', 403, 'accessDenied', /may not read pool/],
    ['notFound', 404, 'accessDenied', /may not read pool/],
    ['throttled', 429, 'throttled', /asked to wait 30 seconds/],
    ['timeout', undefined, 'timedOut', /did not answer in time/],
    ['malformed', 200, 'unexpectedAnswer', /was not the JSON/],
    ['redirected', 302, 'unexpectedAnswer', /organization URL/],
    ['unavailable', 503, 'serviceFailed', /HTTP 503/],
    ['badRequest', 400, 'serviceFailed', /HTTP 400/],
  ];
  for (const [kind, status, code, text] of cases) {
    it(`${kind} → ${code}, verdict unknown, with the cause and a fix`, () => {
      const report = failureReport('k8s', error(kind, status, 'service words', 30), { demands: ['kubectl'] }, JOB_TOKEN);
      assert.equal(report.verdict, 'unknown');
      assert.deepEqual(
        report.findings.map((f) => f.code),
        [code],
      );
      assert.deepEqual(report.demands, ['kubectl', 'Agent.Version -gtVersion 3.232.1']);
      const rendered = renderFinding(report.findings[0], 'text');
      assert.match(rendered, text);
      assert.match(rendered, /Fix:/);
    });
  }

  const network: Array<[AdoFailureKind, number | undefined, string, string, RegExp, RegExp]> = [
    ['proxyRefused', 407, 'http://proxy:3128', 'proxyRefused', /proxy `http:\/\/proxy:3128` refused .* \(HTTP 407\)/, /--proxyusername/],
    [
      'proxyUnreachable',
      undefined,
      'http://proxy:3128',
      'proxyUnreachable',
      /proxy `http:\/\/proxy:3128` could not be reached/,
      /`\.proxy` file/,
    ],
    [
      'untrustedCertificate',
      undefined,
      'dev.azure.com',
      'certificateUntrusted',
      /certificate of `dev\.azure\.com` is not trusted/,
      /--sslcacert/,
    ],
    ['hostNotFound', undefined, 'dev.azure.com', 'hostNotFound', /host name `dev\.azure\.com` does not resolve/, /--proxyurl/],
    ['connectionRefused', undefined, 'dev.azure.com', 'connectionRefused', /connection to `dev\.azure\.com` was refused/, /--proxyurl/],
  ];
  for (const [cause, status, endpoint, code, text, taskFix] of network) {
    it(`${cause} → ${code}, naming ${endpoint}, with the agent's setting to fix in the task and the variable on the command line`, () => {
      const failed = error(cause, status, undefined, undefined, endpoint);
      const inTask = renderFinding(failureReport('k8s', failed, { demands: [] }, JOB_TOKEN).findings[0], 'text');
      assert.match(inTask, text);
      assert.match(inTask, taskFix);
      const onCommandLine = renderFinding(failureReport('k8s', failed, { demands: [] }, CLI).findings[0], 'text');
      assert.match(onCommandLine, text);
      assert.match(onCommandLine, /HTTPS_PROXY|NODE_EXTRA_CA_CERTS/);
      assert.doesNotMatch(onCommandLine, /config\.sh/);
    });
  }

  it('names both build service identities a job token may act as, and the Reader role', () => {
    assert.deepEqual(jobTokenIdentities(JOB_TOKEN), ['web Build Service (contoso)', 'Project Collection Build Service (contoso)']);
    const text = renderFinding(failureReport('k8s', error('forbidden', 403), { demands: [] }, JOB_TOKEN).findings[0], 'text');
    assert.match(text, /`web Build Service \(contoso\)`, `Project Collection Build Service \(contoso\)`/);
    assert.match(text, /Reader role on pool `k8s`/);
  });

  it('says the organization does not exist when its pool list answers 404, and nothing about the pool', () => {
    const report = failureReport('k8s', error('notFound', 404), { demands: [] }, JOB_TOKEN, 'organization');
    assert.equal(report.verdict, 'unknown');
    const text = renderFinding(report.findings[0], 'text');
    assert.match(text, /leads to no Azure DevOps organization/);
    assert.match(text, /Check the organization URL/);
    assert.doesNotMatch(text, /Reader role|agent/i);
  });

  it('puts the identity and the Reader role first for a pool the job token cannot find, then the spelling', () => {
    const report = missingPoolReport('k8s', { demands: [] }, JOB_TOKEN);
    assert.equal(report.verdict, 'unknown');
    const [found] = report.findings;
    assert.deepEqual(
      found.guidance.map((step) => step.key),
      ['fix.grantReaderToBuildService', 'fix.checkPoolName'],
    );
    assert.match(issueText(found), /Reader role on pool `k8s`.*`web Build Service \(contoso\)`/);
    assert.deepEqual(
      missingPoolReport('k8s', { demands: [] }, PAT).findings[0].guidance.map((step) => step.key),
      ['fix.checkPoolName', 'fix.grantReaderToPatOwner'],
    );
  });

  it('judges nothing about a pool the identity may not view: unknown, with the Reader role and whom to give it', () => {
    const report = unviewablePoolReport('keda-ready', { demands: ['kubectl'] }, { kind: 'portalUser' });
    assert.equal(report.verdict, 'unknown');
    assert.equal(report.demands[0], 'kubectl');
    assert.deepEqual(
      report.findings.map((f) => [f.code, f.severity, f.guidance.map((step) => step.key)]),
      [['accessDenied', 'error', ['fix.grantReaderToUser']]],
    );
    const text = renderFinding(report.findings[0], 'text');
    assert.match(text, /may not read pool `?keda-ready`? or its agents/);
    assert.match(text, /give you the Reader role on pool `?keda-ready`?/);
    assert.doesNotMatch(text, /no agent|blocked|registered/i);
    assert.match(issueText(unviewablePoolReport('k8s', { demands: [] }, JOB_TOKEN).findings[0]), /`web Build Service \(contoso\)`/);
  });

  it('tells the owner of a personal access token what to renew', () => {
    const text = renderFinding(failureReport('k8s', error('unauthorized', 401), { demands: [] }, PAT).findings[0], 'text');
    assert.match(text, /Create a new personal access token with the Agent Pools \(read & manage\) scope/);
  });
});

describe('guard: what repair did', () => {
  it('reports a registration, a name already taken, a refusal and a failure', () => {
    const registered = repairFinding('k8s', { kind: 'registered', agent: { id: 1, name: 'keda-placeholder', version: '4.248.0' } }, PAT);
    assert.equal(registered.code, 'placeholderRegistered');
    assert.equal(registered.severity, 'info');
    assert.equal(repairFinding('k8s', { kind: 'alreadyRegistered', name: 'keda-placeholder' }, PAT).code, 'placeholderNameTaken');

    const denied = repairFinding(
      'k8s',
      { kind: 'refused', error: error('forbidden', 403, 'Access denied. X needs Manage permissions') },
      JOB_TOKEN,
    );
    assert.equal(denied.code, 'repairDenied');
    assert.match(renderFinding(denied, 'text'), /`connection` input/);
    assert.match(renderFinding(denied, 'text'), /Access denied\. X needs Manage permissions/);

    const failed = repairFinding('k8s', { kind: 'refused', error: error('unavailable', 503) }, PAT);
    assert.equal(failed.code, 'repairFailed');
    assert.equal(failed.severity, 'error');
  });
});
