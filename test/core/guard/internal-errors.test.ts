/**
 * Issue 19, item 2: a bug of ours is not a fault of the service. A `TypeError` inside a reader during
 * `repair` is reported as an internal error, never as a malformed answer, and never makes the client
 * undo (delete) the agent it registered.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { PortAnswer } from '../../../core/ado/registration';
import { ISSUES_URL, describeError, isInternalError } from '../../../core/guard/errors';
import { runGuard } from '../../../core/guard/run';
import { taskText } from '../../../tasks/KedaPoolGuardV1/text';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { BOTH_CLIENTS, withChangedAnswers } from '../../support/clients';

const ADMIN = 'demo-admin-token';
const STACK_FRAME = /^\s*at \S/m;

/** An answer whose reading fails as a reader with a bug does: a `TypeError` on the first member it reads. */
function unreadable(answer: PortAnswer): PortAnswer {
  const body = new Proxy(answer.body as object, {
    get(_target, member) {
      // Not a promise: resolving the call looks for `then` before any reader runs.
      if (member === 'then') return undefined;
      throw new TypeError(`Cannot read properties of undefined (reading '${String(member)}')`);
    },
  });
  return { ...answer, body };
}

describe('an internal error during repair', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ scenario: 'demo' });
  });
  after(() => sandbox?.stop());
  beforeEach(() => {
    // Each case starts from the empty pool that `repair` registers a placeholder in.
    const pool = sandbox.org('demo').findPoolByName('keda-empty')!;
    for (const agent of sandbox.org('demo').listAgents(pool.id)) sandbox.org('demo').deleteAgent(pool.id, agent.id);
    sandbox.requests.clear();
  });

  const cases = BOTH_CLIENTS.flatMap((kind) => (['postAgent', 'putUserCapabilities'] as const).map((call) => ({ kind, call })));
  for (const [index, { kind, call }] of cases.entries()) {
    const answer = call === 'postAgent' ? 'the registration' : 'setting the user capabilities';
    it(`${kind.name}: a TypeError reading the answer to ${answer} deletes nothing and is a bug of ours`, async () => {
      const pool = sandbox.org('demo').findPoolByName('keda-empty')!;
      const placeholderName = `placeholder-${index}`;
      const error = await runGuard(withChangedAnswers(kind.connect(sandbox, 'demo', ADMIN), call, unreadable), {
        pools: ['keda-empty'],
        demands: ['kubectl'],
        action: 'repair',
        failOn: 'blocked',
        requireOnlineAgent: false,
        placeholderName,
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
      assert.ok(sandbox.org('demo').findAgentByName(pool.id, placeholderName), 'the registered agent is still there');

      assert.ok(isInternalError(error));
      const message = describeError(error, 'task.internalError', (key, params) => taskText(key, params, 'text'));
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
