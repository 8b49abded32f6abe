import { strict as assert } from 'node:assert';
import { parseDemands, withImplicitAgentVersion } from '../../../core/model/demands';
import { busyAgentIds, decideQueueing } from '../../../core/model/queueing';
import type { Agent } from '../../../core/model/types';
import { kedaAgent, placeholderAgent, snapshotOf, staticAgent } from './fixtures';

const demandsOf = (lines: string[], min = '3.232.1') => withImplicitAgentVersion(parseDemands(lines), min);
const names = (agents: Agent[]) => agents.map((agent) => agent.name);

describe('queueing: will a job queue?', () => {
  const idle = kedaAgent('linux-sj-bcdfg-hjklm');
  const busy = kedaAgent('linux-sj-bcdfg-npqrs');
  const offline = placeholderAgent('linux-template');
  const disabled = staticAgent('old-vm', { enabled: false, status: 'offline' });
  const windows = staticAgent('win-01', {}, { 'Agent.OS': 'Windows_NT' });
  const busyIds = new Set([busy.id]);

  const table: { name: string; agents: Agent[]; demands: string[]; expect: 'failsAtOnce' | Record<string, string[]> }[] = [
    { name: 'an empty pool fails every job at once', agents: [], demands: [], expect: 'failsAtOnce' },
    { name: 'no agent has the capability', agents: [idle, offline], demands: ['gpu'], expect: 'failsAtOnce' },
    { name: 'only an agent of another OS', agents: [windows], demands: ['Agent.OS -equals Linux'], expect: 'failsAtOnce' },
    {
      name: 'an offline placeholder alone makes the job wait',
      agents: [offline],
      demands: ['helm'],
      expect: { online: [], offline: ['linux-template'], disabled: [], runnableNow: [] },
    },
    {
      name: 'a disabled agent alone makes the job wait',
      agents: [disabled],
      demands: ['helm'],
      expect: { online: [], offline: [], disabled: ['old-vm'], runnableNow: [] },
    },
    {
      name: 'a busy online agent makes it wait; an idle one could run it now',
      agents: [busy, idle, offline, disabled],
      demands: ['helm'],
      expect: {
        online: ['linux-sj-bcdfg-npqrs', 'linux-sj-bcdfg-hjklm'],
        offline: ['linux-template'],
        disabled: ['old-vm'],
        runnableNow: ['linux-sj-bcdfg-hjklm'],
      },
    },
  ];
  for (const row of table) {
    it(row.name, () => {
      const decision = decideQueueing({ name: 'k8s-linux' }, row.agents, demandsOf(row.demands), busyIds);
      if (row.expect === 'failsAtOnce') return assert.equal(decision.outcome, 'failsAtOnce');
      assert.equal(decision.outcome, 'waits');
      if (decision.outcome !== 'waits') return;
      for (const [key, expected] of Object.entries(row.expect)) {
        assert.deepEqual(names(decision[key as 'online' | 'offline' | 'disabled' | 'runnableNow']), expected, key);
      }
    });
  }

  it('fails at once in the service’s own words: the demand every agent fails, a pair, or all of them', () => {
    const old = placeholderAgent('keda-template', { version: '2.210.1' }, { 'Agent.Version': '2.210.1' });
    const pool = { name: 'keda-demo' };
    assert.deepEqual(decideQueueing(pool, [old], demandsOf(['kubectl', 'java -equals 17'], '2.163.1')), {
      outcome: 'failsAtOnce',
      serviceMessage:
        'No agent found in pool keda-demo which satisfies the following demand: java. All demands: kubectl, java -equals 17, Agent.Version -gtVersion 2.163.1',
    });
    const java = staticAgent('vm-java', {}, { java: '17' });
    const gpu = staticAgent('vm-gpu', {}, { gpu: 'a100' });
    assert.deepEqual(decideQueueing(pool, [java, gpu], demandsOf(['java', 'gpu'])), {
      outcome: 'failsAtOnce',
      serviceMessage:
        'No agent found in pool keda-demo satisfies both of the following demands: java, gpu. All demands: java, gpu, Agent.Version -gtVersion 3.232.1',
    });
    // The KEDA blog's message, for a pool with no agent at all.
    assert.deepEqual(decideQueueing(pool, [], demandsOf([], '2.163.1')), {
      outcome: 'failsAtOnce',
      serviceMessage: 'No agent found in pool keda-demo which satisfies the specified demands: Agent.Version -gtVersion 2.163.1',
    });
  });

  it('lets a job wait for agents that miss only the version minimum, which the service asks to update, unless the pool forbids updates', () => {
    const old = placeholderAgent('keda-template', { version: '2.210.1' }, { 'Agent.Version': '2.210.1' });
    const tooOld = decideQueueing({ name: 'keda-demo' }, [old], demandsOf(['helm'], '3.232.1'));
    assert.equal(tooOld.outcome, 'waits');
    assert.deepEqual(tooOld.outcome === 'waits' && [names(tooOld.awaitingUpdate), tooOld.offline], [['keda-template'], []]);
    assert.deepEqual(decideQueueing({ name: 'keda-demo', autoUpdate: false }, [old], demandsOf(['helm'], '3.232.1')), {
      outcome: 'failsAtOnce',
      serviceMessage:
        "The pool keda-demo doesn't allow agent updates. Agent version 3.232.1 is required and no agents with that version are registered. An administrator can alter this by visiting the pool's Settings page at the organization level.",
    });
    // Missing anything else as well, or a legacy 1.x agent: no update helps.
    assert.equal(decideQueueing({ name: 'keda-demo' }, [old], demandsOf(['gpu'], '3.232.1')).outcome, 'failsAtOnce');
    const legacy = staticAgent('vm-legacy', { version: '1.105.7' }, { 'Agent.Version': '1.105.7' });
    assert.equal(decideQueueing({ name: 'keda-demo' }, [legacy], demandsOf(['helm'], '3.232.1')).outcome, 'failsAtOnce');
  });

  it('knows busy agents from their assigned request or from a running request that reserved them', () => {
    const assigned = kedaAgent('linux-sj-bcdfg-xxxxx', { assignedRequest: { requestId: 1, demands: [] } });
    const reserved = kedaAgent('linux-sj-bcdfg-zzzzz');
    const snapshot = snapshotOf(
      [assigned, reserved, idle],
      [
        { requestId: 2, demands: [], assignTime: new Date(), reservedAgent: { id: reserved.id, name: reserved.name } },
        { requestId: 3, demands: [], result: 'succeeded', reservedAgent: { id: idle.id, name: idle.name } },
      ],
    );
    assert.deepEqual([...busyAgentIds(snapshot)].sort(), [assigned.id, reserved.id].sort());
  });
});
