import assert from 'node:assert/strict';
import { servedSystemCapabilities } from '../../sandbox/capabilities';
import { startSandbox } from '../../sandbox/index';
import { startKedaLoop, type KedaLoop, type ScaledJobConfig } from '../../sandbox/keda-loop';
import type { ScenarioOrganization } from '../../sandbox/scenario-types';
import { OrgState, type StoredAgent } from '../../sandbox/state';
import { DEMO } from '../support/tokens';

const POD_NAME = /^azdevops-scaledjob-[bcdfghjklmnpqrstvwxz2456789]{5}-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

function organization(pools: ScenarioOrganization['pools'], clock?: () => Date): OrgState {
  return new OrgState({ name: 'contoso', identities: [], projects: [{ name: 'web', queues: { keda: 'keda' } }], pools }, clock);
}

/** The seed article's pool: KEDA scales from zero and nothing is registered; its time is `clock`'s, if given. */
const emptyKedaPool = (clock?: () => Date) => organization([{ name: 'keda', agents: [] }], clock);

/** A time a test moves by hand, in ms since the epoch, and the clock the organization reads it with. */
function handClock() {
  const time = { now: Date.parse('2024-05-01T12:00:00Z') };
  return { time, clock: () => new Date(time.now) };
}

function registerPlaceholder(org: OrgState, capabilities: Record<string, string> = { kubectl: '/usr/local/bin/kubectl' }): StoredAgent {
  const pool = org.findPoolByName('keda')!;
  return org.registerAgent(pool.id, {
    name: 'keda-placeholder',
    version: '4.248.0',
    status: 'offline',
    systemCapabilities: { 'Agent.Version': '4.248.0', ...capabilities },
    userCapabilities: { 'KedaPoolGuard.Placeholder': 'true' },
  });
}

const scaledJob = (extra: Partial<ScaledJobConfig> = {}): ScaledJobConfig => ({
  org: 'contoso',
  name: 'azdevops-scaledjob',
  trigger: { poolName: 'keda', demands: 'kubectl' },
  jobDurationMs: 0,
  deregisterShare: 0,
  ...extra,
});

const agentsOf = (org: OrgState) => org.listAgents(org.findPoolByName('keda')!.id);
const pods = (org: OrgState) => agentsOf(org).filter((agent) => agent.name !== 'keda-placeholder');

describe('sandbox KEDA loop', () => {
  let loop: KedaLoop | undefined;
  afterEach(async () => {
    await loop?.stop();
    loop = undefined;
  });

  it("replays the seed's story: an empty pool fails the job, a placeholder makes it wait, KEDA runs it", async () => {
    const org = emptyKedaPool();
    const refused = org.queueJob('keda', ['kubectl']);
    assert.deepEqual(refused, {
      ok: false,
      message: 'No agent found in pool keda which satisfies the specified demands: kubectl, Agent.Version -gtVersion 2.218.1',
    });

    registerPlaceholder(org);
    const queued = org.queueJob('keda', ['kubectl']);
    assert.ok(queued.ok);
    const { requestId, poolId } = queued.request;
    assert.equal(org.getRequest(poolId, requestId)?.assignTime, undefined, 'the job waits');

    loop = startKedaLoop(org, [scaledJob()], { autoRun: false });
    await loop.tick();
    const [pod] = pods(org);
    assert.match(pod.name, POD_NAME);
    assert.equal(pod.status, 'online');
    assert.equal(pod.systemCapabilities.KUBERNETES_SERVICE_HOST, '10.0.0.1');
    assert.equal(pod.systemCapabilities.HOSTNAME, pod.name);
    assert.equal(servedSystemCapabilities(pod)['Agent.Name'], pod.name);
    const running = org.getRequest(poolId, requestId)!;
    assert.equal(running.reservedAgent, pod);
    assert.equal(pod.assignedRequest, running);
    assert.equal(running.result, undefined);

    await loop.tick();
    assert.equal(running.result, 'succeeded');
    assert.ok(running.finishTime);
    assert.equal(pod.status, 'offline');
    assert.equal(pod.assignedRequest, undefined);
    assert.deepEqual(
      agentsOf(org).map((agent) => [agent.name, agent.status]),
      [
        ['keda-placeholder', 'offline'],
        [pod.name, 'offline'],
      ],
      'with deregisterShare 0 the --once agent stays registered, offline',
    );
  });

  it('removes the agent on exit when every pod deregisters', async () => {
    const org = emptyKedaPool();
    registerPlaceholder(org);
    assert.ok(org.queueJob('keda', ['kubectl']).ok);
    loop = startKedaLoop(org, [scaledJob({ deregisterShare: 1 })], { autoRun: false });
    await loop.tick();
    assert.equal(pods(org).length, 1);
    await loop.tick();
    assert.deepEqual(
      agentsOf(org).map((agent) => agent.name),
      ['keda-placeholder'],
    );
    assert.equal(org.listRequests(org.findPoolByName('keda')!.id)[0].result, 'succeeded');
  });

  it('starts one pod per waiting job, bounded by maxReplicaCount, and no more while they run', async () => {
    const org = emptyKedaPool();
    registerPlaceholder(org);
    for (let i = 0; i < 5; i++) assert.ok(org.queueJob('keda', ['kubectl']).ok);
    let clock = 0;
    loop = startKedaLoop(org, [scaledJob({ maxReplicaCount: 3, jobDurationMs: 1_000 })], { autoRun: false, now: () => clock });
    await loop.tick();
    assert.equal(pods(org).length, 3);
    await loop.tick();
    assert.equal(pods(org).length, 3, 'three pods still run their jobs');

    clock = 1_000;
    await loop.tick();
    const poolId = org.findPoolByName('keda')!.id;
    assert.equal(org.listRequests(poolId).filter((request) => request.result === 'succeeded').length, 3);
    assert.equal(pods(org).filter((agent) => agent.status === 'online').length, 2, 'two new pods for the two jobs left');
    assert.equal(org.pendingRequests(poolId).length, 0);
  });

  it('starts pods that take their configured time to register, and agents that take theirs to receive the job', async () => {
    const { time, clock } = handClock();
    const org = emptyKedaPool(clock);
    registerPlaceholder(org);
    const queued = org.queueJob('keda', ['kubectl']);
    assert.ok(queued.ok);
    const request = queued.request;
    loop = startKedaLoop(org, [scaledJob({ podStartupMs: 12_000, agentStartMs: 3_000, jobDurationMs: 20_000 })], {
      autoRun: false,
      now: () => time.now,
    });
    const at = async (ms: number) => {
      time.now = request.queueTime.getTime() + ms;
      await loop!.tick();
    };

    await at(0);
    assert.deepEqual(pods(org), [], 'KEDA created the pod; its agent has not registered yet');
    await at(11_999);
    assert.deepEqual(pods(org), []);
    await at(12_000);
    const [pod] = pods(org);
    assert.equal(pod.status, 'online');
    assert.equal(pod.createdOn.getTime() - request.queueTime.getTime(), 12_000);
    assert.equal(request.assignTime!.getTime() - request.queueTime.getTime(), 12_000, 'the wait for an agent');
    assert.equal(request.reservedAgent, pod);
    assert.equal(request.receiveTime, undefined, 'assigned, not yet received');
    await at(14_000);
    assert.equal(pods(org).length, 1, 'a job assigned and not yet received starts no second pod');
    assert.equal(request.receiveTime, undefined);
    await at(15_000);
    assert.equal(request.receiveTime!.getTime() - request.assignTime!.getTime(), 3_000, 'the agent’s start');
    assert.ok(request.lockedUntil);
    await at(34_999);
    assert.equal(request.result, undefined);
    await at(35_000);
    assert.equal(request.result, 'succeeded', 'the job ran its 20 s after the agent received it');
    assert.equal(pods(org).length, 1, 'no pod was started for nothing');
  });

  it('on its own timers, registers the pod, assigns, receives and finishes the job in that order', async () => {
    const org = emptyKedaPool();
    registerPlaceholder(org);
    const events: string[] = [];
    const finished = new Promise<void>((resolve) =>
      org.onChange((event) => {
        if (event.type !== 'agentUpdated') events.push(event.type);
        if (event.type === 'jobFinished') resolve();
      }),
    );
    assert.ok(org.queueJob('keda', ['kubectl']).ok);
    loop = startKedaLoop(org, [scaledJob({ pollingIntervalMs: 60_000, podStartupMs: 20, agentStartMs: 10, jobDurationMs: 5 })]);
    await finished;
    assert.deepEqual(events, ['jobQueued', 'agentRegistered', 'jobAssigned', 'jobReceived', 'jobFinished']);
  });

  it('takes jobs already waiting when it starts for jobs KEDA has been starting pods for since they were queued', async () => {
    const { time, clock } = handClock();
    const org = emptyKedaPool(clock);
    registerPlaceholder(org);
    const queued = org.queueJob('keda', ['kubectl']);
    assert.ok(queued.ok);
    time.now += 5_000;
    loop = startKedaLoop(org, [scaledJob({ podStartupMs: 12_000 })], { autoRun: false, now: () => time.now });
    await loop.tick();
    assert.deepEqual(pods(org), [], 'the pod has been starting for 5 s');
    time.now += 7_000;
    await loop.tick();
    assert.equal(queued.request.assignTime!.getTime() - queued.request.queueTime.getTime(), 12_000);
    const later = org.queueJob('keda', ['kubectl']);
    assert.ok(later.ok);
    await loop.tick();
    time.now += 12_000;
    await loop.tick();
    assert.equal(later.request.assignTime!.getTime() - later.request.queueTime.getTime(), 12_000, 'later pods start when KEDA polls');
  });

  it('refuses a negative start-up time', () => {
    assert.throws(() => startKedaLoop(emptyKedaPool(), [scaledJob({ podStartupMs: -1 })], { autoRun: false }), /podStartupMs/);
  });

  it('counts only the jobs its trigger matches, with KEDA whole-string demand rules', async () => {
    const org = emptyKedaPool();
    registerPlaceholder(org, { kubectl: 'yes', helm: 'yes' });
    assert.ok(org.queueJob('keda', ['kubectl', 'helm']).ok);
    loop = startKedaLoop(org, [scaledJob({ trigger: { poolName: 'keda', demands: 'kubectl' } })], { autoRun: false });
    await loop.tick();
    assert.equal(pods(org).length, 0, 'job demands {kubectl, helm} are not a subset of the trigger demands {kubectl}');
  });

  it('counts jobs whose matchedAgents include the parent template', async () => {
    const org = emptyKedaPool();
    registerPlaceholder(org);
    assert.ok(org.queueJob('keda', ['kubectl']).ok);
    const config = scaledJob({ trigger: { poolName: 'keda', parent: 'keda-placeholder' } });
    loop = startKedaLoop(org, [config], { autoRun: false });
    await loop.tick();
    assert.equal(pods(org).length, 1);
    await loop.stop();

    const other = emptyKedaPool();
    registerPlaceholder(other);
    assert.ok(other.queueJob('keda', ['kubectl']).ok);
    loop = startKedaLoop(other, [scaledJob({ trigger: { poolName: 'keda', parent: 'someone-else-template' } })], { autoRun: false });
    await loop.tick();
    assert.equal(pods(other).length, 0);
  });

  it('waits with an idle pod when the pod cannot satisfy the job it was started for', async () => {
    const org = emptyKedaPool();
    registerPlaceholder(org, { kubectl: 'yes', java: '17' });
    assert.ok(org.queueJob('keda', ['java']).ok);
    // The trigger has no demands, so it counts the job; the image has no java, so the service never gives it the job.
    loop = startKedaLoop(org, [scaledJob({ trigger: { poolName: 'keda' } })], { autoRun: false });
    await loop.tick();
    await loop.tick();
    assert.equal(pods(org).length, 1, 'the idle pod stands in for the job, so KEDA starts no second one');
    assert.equal(pods(org)[0].assignedRequest, undefined);
  });

  it('names pods from its seed, so runs replay identically', async () => {
    const names = async (seed: number) => {
      const org = emptyKedaPool();
      registerPlaceholder(org);
      for (let i = 0; i < 3; i++) org.queueJob('keda', ['kubectl']);
      const run = startKedaLoop(org, [scaledJob({ seed })], { autoRun: false });
      await run.tick();
      await run.stop();
      return pods(org).map((agent) => agent.name);
    };
    assert.deepEqual(await names(7), await names(7));
    assert.notDeepEqual(await names(7), await names(8));
  });

  it('finishes the jobs of its pods that were already running when it started', async () => {
    const org = organization([
      {
        name: 'keda',
        agents: [{ name: 'azdevops-scaledjob-x7k2p-9qzrt', version: '4.248.0', status: 'online', systemCapabilities: { kubectl: 'yes' } }],
        jobRequests: [{ demands: ['kubectl'], queueTime: '-5m', receiveTime: '-5m', agent: 'azdevops-scaledjob-x7k2p-9qzrt' }],
      },
    ]);
    loop = startKedaLoop(org, [scaledJob()], { autoRun: false });
    await loop.tick();
    const [request] = org.listRequests(org.findPoolByName('keda')!.id);
    assert.equal(request.result, 'succeeded');
    assert.equal(request.reservedAgent?.status, 'offline');
  });

  it('fails like KEDA when the trigger names an unknown pool', () => {
    assert.throws(
      () => startKedaLoop(emptyKedaPool(), [scaledJob({ trigger: { poolName: 'nope' } })], { autoRun: false }),
      /agent pool with name `nope` not found/,
    );
  });

  it('runs on its own timers, gives an idle pod a new job without waiting for a poll, and leaves no timer behind', async () => {
    const org = emptyKedaPool();
    registerPlaceholder(org, { kubectl: 'yes', java: '17' });
    await new Promise(setImmediate); // mocha arms its own test timer once the test has returned its promise
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout' || kind === 'Immediate').length;
    const before = timers();
    const next = (type: string) => new Promise<void>((resolve) => org.onChange((event) => event.type === type && resolve()));

    const registered = next('agentRegistered');
    // Counted by a trigger without demands, but the pod's image has no java: the pod starts and idles.
    assert.ok(org.queueJob('keda', ['java']).ok);
    loop = startKedaLoop(org, [
      scaledJob({ trigger: { poolName: 'keda' }, pollingIntervalMs: 60_000, jobDurationMs: 10, deregisterShare: 1 }),
    ]);
    await registered;

    const finished = next('jobFinished');
    const queued = org.queueJob('keda', ['kubectl']);
    assert.ok(queued.ok);
    await finished;
    assert.equal(queued.request.result, 'succeeded', 'run long before the next poll, 60 s away');
    await loop.stop();
    loop = undefined;
    assert.equal(timers(), before);
  });
});

describe('sandbox KEDA loop through startSandbox and the control endpoint', () => {
  const DEMO_ADMIN_PAT = DEMO.adminPat;
  const ADMIN = `Basic ${Buffer.from(`:${DEMO_ADMIN_PAT}`).toString('base64')}`;

  it("replays the seed's story on the demo's empty pool", async () => {
    const sandbox = await startSandbox({
      scenario: 'demo',
      keda: [
        {
          org: 'demo',
          name: 'azdevops-scaledjob',
          trigger: { poolName: 'keda-empty', demands: 'kubectl' },
          jobDurationMs: 0,
          deregisterShare: 0,
        },
      ],
      kedaOptions: { autoRun: false },
    });
    try {
      const poolId = sandbox.org('demo').findPoolByName('keda-empty')!.id;
      const api = `${sandbox.orgUrl('demo')}/_apis/distributedtask/pools/${poolId}`;
      const get = async (path: string) => (await (await fetch(`${api}/${path}`, { headers: { Authorization: ADMIN } })).json()).value;
      const queue = () =>
        fetch(`${sandbox.url}/_sandbox/demo/jobs`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ pool: 'keda-empty', demands: ['kubectl'] }),
        });

      const refused = await queue();
      assert.equal(refused.status, 422);
      assert.match(
        (await refused.json()).message,
        /^No agent found in pool keda-empty which satisfies the specified demands: kubectl, Agent\.Version -gtVersion /,
      );

      const placeholder = await fetch(`${api}/agents`, {
        method: 'POST',
        headers: { Authorization: ADMIN, 'Content-Type': 'application/json', Accept: 'application/json;api-version=7.1' },
        body: JSON.stringify({ name: 'keda-placeholder', version: '4.248.0', systemCapabilities: { kubectl: '/usr/local/bin/kubectl' } }),
      });
      assert.equal(placeholder.status, 200);
      const waiting = await queue();
      assert.equal(waiting.status, 201);
      const { requestId } = await waiting.json();

      await sandbox.keda!.tick();
      const [running] = await get('jobrequests?completedRequestCount=0');
      assert.equal(running.requestId, requestId);
      assert.match(running.reservedAgent.name, POD_NAME);
      assert.equal(running.result, undefined);

      await sandbox.keda!.tick();
      const [finished] = await get('jobrequests?$top=1');
      assert.deepEqual([finished.requestId, finished.result], [requestId, 'succeeded']);
      const agents = await get('agents?includeCapabilities=true');
      assert.deepEqual(
        agents.map((agent: { name: string; status: string }) => [agent.name, agent.status]),
        [
          ['keda-placeholder', 'offline'],
          [running.reservedAgent.name, 'offline'],
        ],
      );
      assert.equal(agents[1].systemCapabilities.KUBERNETES_SERVICE_HOST, '10.0.0.1');
    } finally {
      await sandbox.stop();
    }
  });
});
