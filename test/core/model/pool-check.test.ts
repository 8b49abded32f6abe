import assert from 'node:assert/strict';
import { readCheckConfiguration } from '../../../core/ado/checks';
import { parsePoolCheckSettings } from '../../../core/guard/pool-check-inputs';
import { InputError } from '../../../core/guard/inputs';
import {
  agentQuery,
  checkMatchesPlan,
  gateJobYaml,
  planPoolCheck,
  readPoolCheck,
  type PoolCheckSettings,
} from '../../../core/model/pool-check';
import type { Pool } from '../../../core/model/types';

const pool = (extra: Partial<Pool> = {}): Pool => ({ id: 12, name: 'k8s-linux', isHosted: false, poolType: 'automation', ...extra });
const settings: PoolCheckSettings = {
  demands: ['kubectl', 'Agent.OS -equals Linux'],
  connection: 'ado',
  timeoutMinutes: 60,
  retryMinutes: 6,
};

describe('the pool check', () => {
  it('asks for the agent version minimum only where the pool does not update its agents', () => {
    assert.deepEqual(agentQuery(pool(), settings.demands), { demands: ['kubectl', 'Agent.OS -equals Linux'], countsVersion: false });
    assert.deepEqual(agentQuery(pool({ autoUpdate: true }), ['kubectl']).demands, ['kubectl']);
    assert.deepEqual(agentQuery(pool({ autoUpdate: false }), ['kubectl']), {
      demands: ['kubectl', 'Agent.Version -gtVersion 3.232.1'],
      countsVersion: true,
    });
    assert.deepEqual(agentQuery(pool({ autoUpdate: false }), ['Agent.Version -gtVersion 3.240.0'], '3.250.0').demands, [
      'Agent.Version -gtVersion 3.250.0',
    ]);
  });

  it('is not needed where Azure provides the agents: hosted, scale set and Managed DevOps pools', () => {
    for (const provided of [pool({ isHosted: true }), pool({ options: ['elasticPool'] }), pool({ agentCloudId: 3 })]) {
      assert.equal(planPoolCheck(provided, 7, settings).kind, 'notNeeded');
    }
  });

  it('reads back the check it plans, and tells a check of the same demands apart from one that differs', () => {
    const plan = planPoolCheck(pool({ autoUpdate: false }), 7, settings);
    assert.ok(plan.kind === 'install');
    const sent = plan.body as { settings: object; resource: object; timeout: number };
    const installed = readPoolCheck(readCheckConfiguration({ id: 5, ...sent }));
    assert.deepEqual(installed, {
      id: 5,
      displayName: 'KEDA Pool Guard: pool k8s-linux has an agent for kubectl, Agent.OS -equals Linux, Agent.Version -gtVersion 3.232.1',
      poolId: 12,
      demands: ['kubectl', 'Agent.OS -equals Linux', 'Agent.Version -gtVersion 3.232.1'],
      minAgentVersion: '3.232.1',
      connection: 'ado',
      timeoutMinutes: 60,
      retryMinutes: 6,
    });
    assert.equal(checkMatchesPlan(installed!, plan, settings), true);
    assert.equal(checkMatchesPlan(installed!, plan, { ...settings, connection: 'other' }), false);
    const fewer = planPoolCheck(pool({ autoUpdate: false }), 7, { ...settings, demands: ['kubectl'] });
    assert.ok(fewer.kind === 'install');
    assert.equal(checkMatchesPlan(installed!, fewer, settings), false);
  });

  it('is recognized by what it does, not by its name: another Invoke REST API check is not ours', () => {
    const check = (inputs: Record<string, string>, task = '9c3e8943-130d-4c78-ac63-8af81df62dfb') =>
      readPoolCheck(
        readCheckConfiguration({
          id: 1,
          resource: { type: 'queue', id: '7' },
          settings: { displayName: 'KEDA Pool Guard: renamed by hand', definitionRef: { id: task, version: '1.220.0' }, inputs },
        }),
      );
    const ours = {
      method: 'GET',
      urlSuffix: '/_apis/distributedtask/pools/12/agents?api-version=7.1',
      successCriteria: "gt(count(root['value']), 0)",
    };
    assert.equal(check(ours)?.poolId, 12);
    assert.deepEqual(check(ours)?.demands, []);
    assert.equal(check({ ...ours, urlSuffix: '/_apis/build/builds' }), undefined);
    assert.equal(check({ ...ours, successCriteria: "eq(root['status'], 'ok')" }), undefined);
    assert.equal(check(ours, '537fdb7a-a601-4537-aa70-92645a2b5ce4'), undefined, 'an Azure Function check');
  });

  it('gives the agentless gate as a pool: server job, quoting what YAML would read otherwise', () => {
    assert.equal(
      gateJobYaml('k8s-linux', ['kubectl', 'Agent.OS -equals Linux', 'Agent.Version -gtVersion 3.240.0']),
      [
        '- job: kedaPoolGate',
        '  pool: server',
        '  steps:',
        '    - task: KedaPoolGate@1',
        '      inputs:',
        '        pool: k8s-linux',
        '        demands: kubectl,Agent.OS -equals Linux',
        "        minimumAgentVersion: '3.240.0'",
      ].join('\n'),
    );
    assert.match(gateJobYaml('Team: Linux #1', []), /pool: 'Team: Linux #1'$/);
    assert.match(gateJobYaml('true', []), /pool: 'true'$/);
  });

  it('takes settings Azure DevOps accepts: a connection, whole minutes, at most ten evaluations', () => {
    const names = { connection: '--connection', timeoutMinutes: '--timeout-minutes', retryMinutes: '--retry-minutes' };
    assert.deepEqual(parsePoolCheckSettings({ demands: [], connection: ' ado ', names }), {
      demands: [],
      minAgentVersion: undefined,
      connection: 'ado',
      timeoutMinutes: 60,
      retryMinutes: 6,
    });
    assert.equal(
      parsePoolCheckSettings({ demands: [], connection: 'ado', timeoutMinutes: '600', retryMinutes: '0', names }).retryMinutes,
      0,
    );
    const refusal = (input: Partial<Parameters<typeof parsePoolCheckSettings>[0]>) => {
      try {
        parsePoolCheckSettings({ demands: [], connection: 'ado', names, ...input });
      } catch (error) {
        return error instanceof InputError ? error.key : error;
      }
      return undefined;
    };
    assert.equal(refusal({ connection: '' }), 'poolCheck.connectionMissing');
    assert.equal(refusal({ timeoutMinutes: '0' }), 'poolCheck.badMinutes');
    assert.equal(refusal({ retryMinutes: '1.5' }), 'poolCheck.badMinutes');
    assert.equal(refusal({ timeoutMinutes: '61' }), 'poolCheck.tooManyEvaluations');
  });
});
