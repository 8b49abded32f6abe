import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox';
import { builtTask } from '../support/built';
import { ADMIN_CONNECTION_ID, DEMO } from '../support/tokens';
import { runTask, type AgentJob, type TaskRun } from './agent-run';

describe('task KedaPoolGuard@1 with action: sweep, built and run as the agent runs it', function () {
  let taskDir: string;
  let sandbox: Sandbox;
  before(async () => {
    taskDir = await builtTask();
  });
  beforeEach(async () => {
    sandbox = await startSandbox({ scenario: 'demo' });
  });
  afterEach(() => sandbox.stop());

  const sweep = (inputs: Record<string, string>, extra: Partial<AgentJob> = {}): Promise<TaskRun> =>
    runTask({
      taskDir,
      inputs: { action: 'sweep', pools: 'keda-leftovers', demands: 'kubectl', timeoutSeconds: '20', ...inputs },
      collectionUri: sandbox.orgUrl('demo') + '/',
      project: 'demo',
      jobToken: DEMO.jobToken,
      ...extra,
    });
  const asAdministrator = (): Partial<AgentJob> => ({
    connection: { id: ADMIN_CONNECTION_ID, url: sandbox.orgUrl('demo'), token: DEMO.adminPat },
  });
  const agentsLeft = () => [...sandbox.org('demo').findPoolByName('keda-leftovers')!.agents.values()].map((agent) => agent.name);

  it('is a dry run unless told otherwise: it lists what it would delete and why it keeps the rest', async () => {
    const run = await sweep({});
    assert.equal(run.result, 'Succeeded', run.stdout);
    assert.equal(run.outputs.sweptAgents, '0');
    assert.equal(agentsLeft().length, 6);
    const report = JSON.parse(run.outputs.report);
    assert.equal(report.dryRun, true);
    assert.equal(report.wouldDelete, 5);
    assert.deepEqual(report.pools[0].counts, { kept: 1, deleted: 0, wouldDelete: 5, skipped: 0, failed: 0, notAttempted: 0 });
    assert.equal(report.pools[0].agents, undefined, 'the output variable leaves the agent list to the summary and the log');
    assert.match(run.summary ?? '', /^### KEDA Pool Guard sweep \(dry run\): 5 would be deleted/);
    assert.match(
      run.summary ?? '',
      /\| `build-scaledjob-f6npj-x4ztm` \| kept \| stale \| offline \| kept as the last agent that satisfies/,
    );
    assert.match(run.summary ?? '', /\| `build-scaledjob-q2wkz-7lt4d` \| would delete \| stale \| offline \| offline for 40 days/);
    assert.match(run.stdout, /would delete: `build-scaledjob-q2wkz-7lt4d`: offline for 40 days/);
    assert.equal(run.errors.length + run.warnings.length, 0, [...run.errors, ...run.warnings].join('\n'));
  });

  it('deletes with dryRun false and an Administrator’s connection, keeping the last matching agent', async () => {
    const run = await sweep({ dryRun: 'false' }, asAdministrator());
    assert.equal(run.result, 'Succeeded', run.stdout);
    assert.equal(run.outputs.sweptAgents, '5');
    assert.deepEqual(agentsLeft(), ['build-scaledjob-f6npj-x4ztm']);
    assert.match(run.summary ?? '', /^### KEDA Pool Guard sweep: 5 deleted/);
    assert.match(run.summary ?? '', /\| `build-scaledjob-q2wkz-7lt4d` \| deleted \|/);
    assert.match(run.stdout, /Deleted 5 leftover agent\(s\)/);
  });

  it('keeps the placeholder, online and busy agents, and honours staleAfterHours', async () => {
    const run = await sweep({ pools: 'keda-ready', dryRun: 'false', staleAfterHours: '1.9' }, asAdministrator());
    assert.equal(run.result, 'Succeeded', run.stdout);
    assert.equal(run.outputs.sweptAgents, '2');
    const left = [...sandbox.org('demo').findPoolByName('keda-ready')!.agents.values()].map((agent) => agent.name).sort();
    assert.deepEqual(left, [
      'azdevops-scaledjob-5dsgc-pkqvm',
      'azdevops-scaledjob-wr65c-ff2cv',
      'azdevops-scaledjob-x7k2p-9qzrt',
      'keda-placeholder',
    ]);
    assert.match(
      run.summary ?? '',
      /\| `azdevops-scaledjob-wr65c-ff2cv` \| kept \| KEDA \| offline \| offline for 105 minutes, not longer than 114 minutes/,
    );
  });

  it('explains a refusal with the job token: the Administrator role, or the connection input', async () => {
    const run = await sweep({ dryRun: 'false' });
    assert.equal(run.result, 'Failed');
    assert.equal(run.outputs.sweptAgents, '0');
    assert.equal(agentsLeft().length, 6);
    assert.ok(
      run.errors.some((e) => /may not delete agents in pool `keda-leftovers`/.test(e) && /`connection` input/.test(e)),
      run.errors.join('\n'),
    );
    assert.match(run.stdout, /`demo Build Service \(demo\)`, `Project Collection Build Service \(demo\)`/);
    assert.match(run.summary ?? '', /not deleted \| stale \| offline \| Azure DevOps refused the deletion/);
  });

  const badInputs: Array<[string, Record<string, string>, RegExp]> = [
    ['a mistyped dryRun', { dryRun: 'flase' }, /Dry run `flase` is neither `true` nor `false`/],
    ['a zero staleAfterHours', { staleAfterHours: '0' }, /Stale after `0` hours is not a number of hours above 0 and at most 8760/],
    ['a staleAfterHours with a unit', { staleAfterHours: '2d' }, /Stale after `2d` hours is not a number/],
  ];
  for (const [name, inputs, message] of badInputs) {
    it(`fails on ${name} with one message, deleting nothing`, async () => {
      const run = await sweep({ ...inputs }, asAdministrator());
      assert.equal(run.result, 'Failed');
      assert.equal(run.errors.length, 1, run.errors.join('\n'));
      assert.match(run.errors[0], message);
      assert.equal(agentsLeft().length, 6);
    });
  }
});
