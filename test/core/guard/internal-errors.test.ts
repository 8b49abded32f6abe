/**
 * Issue 19, item 2: a bug of ours is not a fault of the service. A `TypeError` inside a reader during
 * `repair` is reported as an internal error, never as a malformed answer, and never makes the client
 * undo (delete) the agent it registered.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AdoClient } from '../../../core/ado/client';
import { ISSUES_URL, describeError, isInternalError } from '../../../core/guard/errors';
import { runGuard } from '../../../core/guard/run';
import { startSandbox, type Sandbox } from '../../../sandbox';

type ClientModule = typeof import('../../../hub/src/services/browser-ado-client');
type TaskAgentModule = typeof import('azure-devops-extension-api/TaskAgent');

const ADMIN = 'demo-admin-token';
const STACK_FRAME = /^\s*at \S/m;

/** An answer whose reading fails as a reader with a bug does: a `TypeError` on the first member it reads. */
function unreadable(answer: object): object {
  return new Proxy(answer, {
    get(_target, member) {
      // Not a promise: resolving the call looks for `then` before any reader runs.
      if (member === 'then') return undefined;
      throw new TypeError(`Cannot read properties of undefined (reading '${String(member)}')`);
    },
  });
}

describe('an internal error during repair', () => {
  let sandbox: Sandbox;
  let clientWithBug: (call: 'addAgent' | 'updateAgentUserCapabilities') => AdoClient;

  before(async () => {
    // The client's fetch polyfill looks at `self`, so the modules load after this line.
    Object.assign(globalThis, { self: globalThis });
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { BrowserAdoClient } = require('../../../hub/src/services/browser-ado-client') as ClientModule;
    const { TaskAgentRestClient } = require('azure-devops-extension-api/TaskAgent') as TaskAgentModule;
    /* eslint-enable @typescript-eslint/no-require-imports */
    sandbox = await startSandbox({ scenario: 'demo' });
    const options = {
      rootPath: `${sandbox.orgUrl('demo')}/`,
      authTokenProvider: { getAuthorizationHeader: async () => `Bearer ${ADMIN}` },
    };
    clientWithBug = (call) => {
      const rest = new TaskAgentRestClient(options);
      const send = rest[call].bind(rest) as (...args: unknown[]) => Promise<object>;
      Object.assign(rest, { [call]: async (...args: unknown[]) => unreadable(await send(...args)) });
      return new BrowserAdoClient(rest);
    };
  });
  after(() => sandbox?.stop());
  beforeEach(() => sandbox.requests.clear());

  for (const call of ['addAgent', 'updateAgentUserCapabilities'] as const) {
    const answer = call === 'addAgent' ? 'the registration' : 'setting the user capabilities';
    it(`while reading the answer to ${answer}: deletes nothing and says it is a bug of ours`, async () => {
      const pool = sandbox.org('demo').findPoolByName('keda-empty')!;
      const error = await runGuard(clientWithBug(call), {
        pools: ['keda-empty'],
        demands: ['kubectl'],
        action: 'repair',
        failOn: 'blocked',
        requireOnlineAgent: false,
        placeholderName: `placeholder-${call}`,
        placeholderCapabilities: {},
        organizationUrl: sandbox.orgUrl('demo'),
        access: { kind: 'personalAccessToken', via: 'connection' },
      }).then(
        () => assert.fail('the run went on as if the answer had been read'),
        (e: unknown) => e,
      );

      assert.ok(error instanceof TypeError, String(error));
      const deletes = sandbox.requests.list().filter((request) => request.method === 'DELETE');
      assert.deepEqual(deletes, [], 'the agent just registered was deleted');
      assert.ok(sandbox.org('demo').findAgentByName(pool.id, `placeholder-${call}`), 'the registered agent is still there');

      assert.ok(isInternalError(error));
      const message = describeError(error, 'task.internalError');
      assert.match(message, /error in its own code \(`TypeError: Cannot read properties of undefined \(reading 'id'\)`\)/);
      assert.match(message, /report it at `https:\/\/github\.com\/keda-pool-guard\/keda-pool-guard\/issues` with the debug log/);
      assert.doesNotMatch(message, /organization URL|malformed|not the JSON/);
      assert.doesNotMatch(message, STACK_FRAME);
    });
  }

  it('sends reports where the extension’s manifest does', () => {
    const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'vss-extension.json'), 'utf8'));
    assert.equal(ISSUES_URL, manifest.links.issues.uri);
  });
});
