/** The service's queueing rule and demand semantics, through the control endpoint and the state API. */
import assert from 'node:assert/strict';
import { startSandbox, type OrgEvent, type Sandbox } from '../../sandbox';
import { call, ORG, tinyScenario } from './tiny-scenario';

describe('sandbox queueing rule', () => {
  let sandbox: Sandbox;
  const queue = (job: object) => fetch(`${sandbox.url}/_sandbox/${ORG}/jobs`, { method: 'POST', body: JSON.stringify(job) });
  const unfinished = async (poolId: number) =>
    (await call(`${sandbox.orgUrl(ORG)}/_apis/distributedtask/pools/${poolId}/jobrequests?completedRequestCount=0`)).json().value;

  beforeEach(async () => {
    sandbox = await startSandbox({ scenario: tinyScenario() });
  });
  afterEach(() => sandbox.stop());

  it('fails a job at once on a pool without agents, naming the implicit Agent.Version demand', async () => {
    const response = await queue({ pool: 'empty', demands: [] });
    assert.equal(response.status, 422);
    assert.equal(
      (await response.json()).message,
      'No agent found in pool empty which satisfies the specified demands: Agent.Version -gtVersion 2.218.1',
    );
    assert.deepEqual(await unfinished(2), [], 'a refused job leaves no job request');
  });

  // The three forms of the refusal: DistributedTaskResourceServiceHelper.ConstructUnmatchedDemandsError
  // (Azure DevOps Server 2022, decompiled in mjwrona/decompiled).
  it('fails a job one of whose demands every agent fails, naming that demand', async () => {
    const response = await queue({ pool: 'keda', demands: ['kubectl', 'helm'], minAgentVersion: '3.232.1' });
    assert.equal(response.status, 422);
    assert.equal(
      (await response.json()).message,
      'No agent found in pool keda which satisfies the following demand: helm. All demands: kubectl, helm, Agent.Version -gtVersion 3.232.1',
    );
  });

  it('fails a job whose demands each agent fails one of, naming the pair', async () => {
    const outcome = sandbox.org(ORG).queueJob('keda', ['KUBERNETES_SERVICE_HOST', 'KedaPoolGuard.Placeholder']);
    assert.deepEqual(outcome, {
      ok: false,
      message:
        'No agent found in pool keda satisfies both of the following demands: KUBERNETES_SERVICE_HOST, KedaPoolGuard.Placeholder. ' +
        'All demands: KUBERNETES_SERVICE_HOST, KedaPoolGuard.Placeholder, Agent.Version -gtVersion 2.218.1',
    });
  });

  it('fails a job whose demands no agent meets otherwise, listing every demand', async () => {
    const org = sandbox.org(ORG);
    org.registerAgent(1, {
      name: 'third',
      version: '4.248.0',
      systemCapabilities: { KUBERNETES_SERVICE_HOST: '10.0.0.1' },
      userCapabilities: { 'KedaPoolGuard.Placeholder': 'true' },
    });
    const outcome = org.queueJob('keda', ['kubectl', 'KUBERNETES_SERVICE_HOST', 'KedaPoolGuard.Placeholder']);
    assert.deepEqual(outcome, {
      ok: false,
      message:
        'No agent found in pool keda which satisfies the specified demands: ' +
        'kubectl, KUBERNETES_SERVICE_HOST, KedaPoolGuard.Placeholder, Agent.Version -gtVersion 2.218.1',
    });
  });

  it('refuses a job with a text that is not a demand, as pipeline validation does', async () => {
    const response = await queue({ pool: 'keda', demands: ['java -Equals 17'] });
    assert.equal(response.status, 422);
    assert.equal(
      (await response.json()).message,
      "Invalid demand 'java -Equals 17'. The demand should be in the format '<NAME>' to test existence, and '<NAME> -equals <VALUE>' to test for a specific value. For example, 'VISUALSTUDIO' or 'agent.os -equals Windows_NT'.",
    );
  });

  it('keeps the highest agent version minimum, last, and drops repeated demands', () => {
    const outcome = sandbox
      .org(ORG)
      .queueJob('keda', ['Agent.Version -gtVersion 4.0', 'KUBECTL', 'kubectl', 'agent.version -gtVersion 3.9'], {
        minAgentVersion: '3.240.1',
      });
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.request.demands, ['KUBECTL', 'Agent.Version -gtVersion 4.0']);
  });

  it('lets a job wait when every capable agent is only older than the minimum: the service asks them to update', async () => {
    const response = await queue({ pool: 'static', demands: ['java -equals 17'], minAgentVersion: '4.0.0' });
    assert.equal(response.status, 201);
    // The agents waiting for an update are not among the matched ones (KEDA's `parent` reads those).
    const [request] = await unfinished(3);
    assert.deepEqual(request.matchedAgents, []);
  });

  it('refuses that job when the pool does not allow agent updates, in the service’s words', async () => {
    await sandbox.stop();
    const scenario = tinyScenario();
    scenario.organizations[0].pools.find((pool) => pool.name === 'static')!.autoUpdate = false;
    sandbox = await startSandbox({ scenario });
    const response = await queue({ pool: 'static', demands: ['java -equals 17'], minAgentVersion: '4.0.0' });
    assert.equal(response.status, 422);
    assert.match((await response.json()).message, /^The pool static doesn't allow agent updates\. Agent version 4\.0\.0 is required/);
  });

  it('fails a job that an agent misses a capability of, whatever its version', async () => {
    const response = await queue({ pool: 'static', demands: ['gpu'], minAgentVersion: '4.0.0' });
    assert.equal(response.status, 422);
  });

  it('lets a job wait for an offline matching agent, which matchedAgents lists', async () => {
    const org = sandbox.org(ORG);
    org.deleteAgent(1, 11);
    const response = await queue({ pool: 'keda', demands: ['KEDAPOOLGUARD.placeholder -equals TRUE'] });
    assert.equal(response.status, 201);
    const created = await response.json();
    assert.deepEqual(created.demands, ['KEDAPOOLGUARD.placeholder -equals TRUE', 'Agent.Version -gtVersion 2.218.1']);
    assert.equal(created.result, undefined);
    assert.equal(created.assignTime, undefined);

    const waiting = (await unfinished(1)).find((request: { requestId: number }) => request.requestId === created.requestId);
    assert.deepEqual(
      waiting.matchedAgents.map((agent: { name: string; status: string }) => [agent.name, agent.status]),
      [['keda-placeholder', 'offline']],
    );
    assert.deepEqual(
      org.pendingRequests(1).map((request) => request.requestId),
      [102, 103, created.requestId],
    );
  });

  it('lets a job wait when the only matching agent is disabled', async () => {
    const org = sandbox.org(ORG);
    org.updateAgent(3, 30, { enabled: false });
    const response = await queue({ pool: 'STATIC', demands: ['java'] });
    assert.equal(response.status, 201);
    assert.equal(org.pendingRequests(3).length, 1);
  });

  it('runs the job lifecycle through the state API and shows it to clients', async () => {
    const org = sandbox.org(ORG);
    const events: OrgEvent['type'][] = [];
    org.onChange((event) => events.push(event.type));
    const outcome = org.queueJob('keda', ['kubectl'], { definitionName: 'deploy' });
    assert.ok(outcome.ok);
    const { requestId } = outcome.request;
    org.finishRequest(1, 101, 'succeeded');
    org.assignRequest(1, requestId, 11);

    const agents = `${sandbox.orgUrl(ORG)}/_apis/distributedtask/pools/1/agents/11?includeAssignedRequest=true&includeLastCompletedRequest=true`;
    const busy = (await call(agents)).json();
    assert.equal(busy.assignedRequest.requestId, requestId);
    assert.equal(busy.assignedRequest.definition.name, 'deploy');
    assert.equal(busy.lastCompletedRequest.requestId, 101);

    org.finishRequest(1, requestId, 'failed');
    const idle = (await call(agents)).json();
    assert.equal(idle.assignedRequest, undefined);
    assert.deepEqual([idle.lastCompletedRequest.requestId, idle.lastCompletedRequest.result], [requestId, 'failed']);
    await Promise.resolve();
    assert.deepEqual(events, ['jobQueued', 'jobFinished', 'jobAssigned', 'jobFinished']);
  });

  it('shows the state and the request log over HTTP, leaving control calls out of the log', async () => {
    assert.equal((await queue({ pool: 'keda', demands: ['kubectl'] })).status, 201);
    assert.equal((await unfinished(1)).length, 4);
    const state = await (await fetch(`${sandbox.url}/_sandbox/state/${ORG}`)).json();
    const keda = state.pools.find((pool: { name: string }) => pool.name === 'keda');
    assert.deepEqual(
      keda.jobRequests.map((request: { requestId: number }) => request.requestId),
      [100, 101, 102, 103, 104],
    );
    assert.equal(keda.agents[0].userCapabilities['KedaPoolGuard.Placeholder'], 'true');

    const log = await (await fetch(`${sandbox.url}/_sandbox/requests`)).json();
    assert.deepEqual(
      log.map((entry: { method: string; url: string; status: number }) => [entry.method, entry.url, entry.status]),
      [['GET', '/contoso/_apis/distributedtask/pools/1/jobrequests?completedRequestCount=0', 200]],
    );
    assert.equal((await fetch(`${sandbox.url}/_sandbox/requests`, { method: 'DELETE' })).status, 204);
    assert.deepEqual(sandbox.requests.list(), []);
    assert.equal((await fetch(`${sandbox.url}/_sandbox/state/fabrikam`)).status, 404);
  });

  it('abandons the running job of an agent that is deleted', async () => {
    const org = sandbox.org(ORG);
    org.deleteAgent(1, 11);
    const request = org.getRequest(1, 101);
    assert.equal(request?.result, 'abandoned');
    assert.equal(request?.reservedAgent?.name, 'keda-scaledjob-x7k2p-9qzrt', 'history keeps the agent it ran on');
  });
});
