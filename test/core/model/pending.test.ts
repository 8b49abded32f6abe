import { strict as assert } from 'node:assert';
import { isQueued } from '../../../core/model/pending';
import { renderFinding } from '../../../core/model/render';
import type { Agent, JobRequest } from '../../../core/model/types';
import { evaluatePool } from '../../../core/model/verdict';
import { hoursAgo, kedaAgent, minutesAgo, placeholderAgent, queuedJob, settingsOf, snapshotOf, staticAgent } from './fixtures';

const template = placeholderAgent('linux-template', { userCapabilities: { 'KedaPoolGuard.Placeholder': 'true' } }, { gpu: 'a100' });
const oldKeda = (extra: Partial<Agent> = {}) =>
  kedaAgent('linux-sj-bcdfg-hjklm', { createdOn: hoursAgo(3), status: 'offline', statusChangedOn: hoursAgo(2), ...extra });

/** The signs a stuck-jobs finding gives, as message keys, and its fixes. */
function diagnose(agents: Agent[], jobs: JobRequest[], parent?: string) {
  const report = evaluatePool(snapshotOf(agents, jobs), settingsOf({ demands: [] }, parent ? { parent } : {}));
  const stuck = report.findings.find((f) => f.code === 'jobsStuck');
  return {
    report,
    signs: stuck?.details.map((d) => d.key) ?? [],
    fixes: stuck?.guidance.map((g) => g.key) ?? [],
    text: stuck ? renderFinding(stuck, 'text') : '',
  };
}

describe('pending: jobs waiting with nothing scaling', () => {
  it('blames KEDA itself when nothing points at a trigger', () => {
    const { signs, fixes, text } = diagnose([template, oldKeda()], [queuedJob(1, ['helm', 'Agent.Version -gtVersion 3.232.1'], 30)]);
    assert.deepEqual(signs, ['sign.kedaSilent']);
    assert.deepEqual(fixes, ['fix.checkKedaScaler']);
    assert.match(text, /the oldest for 30 minutes/);
    assert.match(text, /expired or was revoked/);
  });

  it('points at the trigger’s demands when no KEDA agent ever fitted the jobs', () => {
    const { signs, fixes, text } = diagnose([template, oldKeda()], [queuedJob(1, ['gpu', 'Agent.Version -gtVersion 3.232.1'], 30)]);
    assert.deepEqual(signs, ['sign.noKedaAgentFits', 'sign.lastKedaRegistration']);
    assert.deepEqual(fixes, ['fix.checkTriggerDemands']);
    assert.match(text, /No KEDA agent seen in this pool satisfies `gpu`/);
  });

  it('points at KEDA’s parent when the jobs’ matched agents lack it', () => {
    const matchedAgents = [
      { id: 1, name: 'linux-template' },
      { id: 2, name: 'vm-1' },
    ];
    const { signs, fixes, text } = diagnose(
      [template, oldKeda(), staticAgent('vm-1', { status: 'offline' })],
      [queuedJob(1, ['helm'], 30, { matchedAgents: [matchedAgents[1]] }), queuedJob(2, ['helm'], 30, { matchedAgents })],
      'linux-template',
    );
    assert.deepEqual(signs, ['sign.parentNotMatched', 'sign.lastKedaRegistration']);
    assert.deepEqual(fixes, ['fix.checkParent']);
    assert.match(text, /1 of these jobs do not list `linux-template` among their matched agents/);
  });

  it('says when KEDA agents are all busy: capacity rather than an outage', () => {
    const busy = oldKeda({ status: 'online', assignedRequest: { requestId: 9, demands: [] } });
    const { signs, fixes } = diagnose([template, busy], [queuedJob(1, ['helm'], 30)]);
    assert.deepEqual(signs, ['sign.kedaSilent', 'sign.kedaBusy']);
    assert.deepEqual(fixes, ['fix.checkKedaScaler', 'fix.raiseMaxReplicas']);
  });

  it('says when no KEDA agent is registered at all', () => {
    const { signs, fixes, text } = diagnose([template], [queuedJob(1, ['helm'], 30)]);
    assert.deepEqual(signs, ['sign.noKedaAgents']);
    assert.deepEqual(fixes, ['fix.checkTriggerPool']);
    assert.match(text, /`poolID` `7`, the organization pool id/);
  });

  it('counts only queued jobs; stuck are those older than the threshold with no KEDA agent registered since', () => {
    const { report } = diagnose(
      [template, kedaAgent('linux-sj-npqrs-tvwxz', { createdOn: minutesAgo(20) })],
      [
        queuedJob(1, ['helm'], 60),
        queuedJob(2, ['helm'], 15),
        queuedJob(3, ['helm'], 90, { assignTime: minutesAgo(1), reservedAgent: { id: 1, name: 'x' } }),
        queuedJob(4, ['helm'], 90, { result: 'succeeded' }),
      ],
    );
    // Job 1 (60 min) saw a KEDA agent register 20 minutes ago; job 2 (15 min) did not.
    assert.deepEqual(report.pending, { count: 2, oldestAgeMs: 60 * 60_000, stuck: 1 });
  });

  it('tells queued requests from assigned, running and finished ones', () => {
    assert.equal(isQueued({ requestId: 1, demands: [] }), true);
    assert.equal(isQueued({ requestId: 1, demands: [], assignTime: new Date() }), false);
    assert.equal(isQueued({ requestId: 1, demands: [], receiveTime: new Date() }), false);
    assert.equal(isQueued({ requestId: 1, demands: [], result: 'failed' }), false);
  });

  it('survives a job request whose demands do not parse', () => {
    const { signs } = diagnose([template, oldKeda()], [queuedJob(1, ['helm', 'bad demand here'], 30)]);
    assert.deepEqual(signs, ['sign.kedaSilent']);
  });
});
