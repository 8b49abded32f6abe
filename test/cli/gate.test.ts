/**
 * `keda-pool-guard gate install|show|remove`: the pool check on a project's queue, written through the
 * checks REST API of the sandbox, and what a stage then meets.
 */
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox';
import { cliInProcess, type CliRun } from '../support/cli-run';
import { ADMIN_PAT, BUILD_SERVICE_TOKEN, GATE_ORG, GATE_POOLS, GATE_PROJECT, gateScenario, READER_PAT } from '../tasks/gate-scenario';

describe('keda-pool-guard gate', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox({ scenario: gateScenario() });
  });
  afterEach(() => sandbox.stop());

  const gate = (action: string, pool: string, args: string[] = [], pat = ADMIN_PAT): Promise<CliRun> =>
    cliInProcess(['gate', action, '--org', sandbox.orgUrl(GATE_ORG), '--project', GATE_PROJECT, '--pool', pool, ...args], {
      AZURE_DEVOPS_EXT_PAT: pat,
    });
  const install = (pool: string, args: string[] = ['--demand', 'kubectl'], pat?: string) =>
    gate('install', pool, ['--connection', 'azure-devops-pools', ...args], pat);
  const checksOn = (pool: string) => {
    const org = sandbox.org(GATE_ORG);
    const project = org.findProject(GATE_PROJECT)!;
    const queue = project.queues.find((candidate) => candidate.name === pool)!;
    return org.checks.on(project.id, 'queue', String(queue.id));
  };
  const stage = (pool: string) =>
    sandbox.startStage(GATE_ORG, {
      project: GATE_PROJECT,
      pool,
      demands: ['kubectl'],
      minAgentVersion: '3.232.1',
      accessToken: BUILD_SERVICE_TOKEN,
    });

  it('install adds an Invoke REST API check on the queue asking the agents route for the demands, and says what it needs', async () => {
    const run = await install(GATE_POOLS.ready);
    assert.equal(run.code, 0, run.stderr);
    const [check] = checksOn(GATE_POOLS.ready);
    const poolId = sandbox.org(GATE_ORG).findPoolByName(GATE_POOLS.ready)!.id;
    assert.equal(check.settings.definitionRef.id, '9c3e8943-130d-4c78-ac63-8af81df62dfb');
    assert.deepEqual(check.settings.inputs, {
      connectedServiceNameSelector: 'connectedServiceName',
      connectedServiceName: 'azure-devops-pools',
      method: 'GET',
      headers: '{"Content-Type":"application/json"}',
      urlSuffix: `/_apis/distributedtask/pools/${poolId}/agents?demands=kubectl&api-version=7.1`,
      waitForCompletion: 'false',
      successCriteria: "gt(count(root['value']), 0)",
    });
    assert.equal(check.settings.displayName, `KEDA Pool Guard: pool ${GATE_POOLS.ready} has an agent for kubectl`);
    assert.deepEqual([check.settings.retryInterval, check.timeout], [6, 60]);
    assert.match(run.stdout, /^Installed the check `KEDA Pool Guard: pool k8s-ready has an agent for kubectl` on queue `k8s-ready`/);
    assert.match(run.stdout, /evaluated again every 6 minutes and fails after 60 minutes/);
    assert.match(run.stdout, /the minimum agent version is not asked for/);
    assert.match(run.stdout, /Generic service connection `azure-devops-pools` of project `web`, which must exist before a stage runs/);
    assert.ok(run.stdout.includes(`server URL \`${sandbox.orgUrl(GATE_ORG)}\``), run.stdout);
  });

  it('asks for the minimum agent version only in a pool that does not update its agents', async () => {
    assert.equal((await install(GATE_POOLS.oldFrozen)).code, 0);
    assert.match(checksOn(GATE_POOLS.oldFrozen)[0].settings.inputs.urlSuffix, /demands=kubectl,Agent\.Version%20-gtVersion%203\.232\.1&/);
    const run = await install(GATE_POOLS.oldUpdatable, ['--demand', 'kubectl', '--min-agent-version', '3.240.0']);
    assert.doesNotMatch(checksOn(GATE_POOLS.oldUpdatable)[0].settings.inputs.urlSuffix, /Agent\.Version/);
    assert.match(run.stdout, /asks an agent older than the jobs need to update/);
  });

  it('installing again changes nothing; with other settings it replaces the check, never leaving the queue unguarded', async () => {
    await install(GATE_POOLS.ready);
    const [first] = checksOn(GATE_POOLS.ready);
    const again = await install(GATE_POOLS.ready);
    assert.match(again.stdout, /already has this check: .* \(id \d+\)\. Nothing changed\./);
    assert.deepEqual(
      checksOn(GATE_POOLS.ready).map((check) => check.id),
      [first.id],
    );
    const other = await install(GATE_POOLS.ready, ['--demand', 'kubectl', '--demand', 'Agent.OS -equals Linux', '--retry-minutes', '10']);
    assert.equal(other.code, 0, other.stderr);
    const [replacement] = checksOn(GATE_POOLS.ready);
    assert.equal(checksOn(GATE_POOLS.ready).length, 1);
    assert.notEqual(replacement.id, first.id);
    assert.match(other.stdout, new RegExp(`Replaced the KEDA Pool Guard check of queue \`k8s-ready\` \\(id ${first.id}\\)`));
  });

  it('show prints the check and the agentless gate as YAML; remove deletes it', async () => {
    await install(GATE_POOLS.ready);
    const shown = await gate('show', GATE_POOLS.ready, ['--demand', 'kubectl']);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(
      shown.stdout,
      /has the check `KEDA Pool Guard: pool k8s-ready has an agent for kubectl` \(id \d+\): it asks pool \d+ for an agent satisfying `kubectl`/,
    );
    assert.ok(
      shown.stdout.includes(
        '- job: kedaPoolGate\n  pool: server\n  steps:\n    - task: KedaPoolGate@1\n      inputs:\n        pool: k8s-ready\n        demands: kubectl',
      ),
    );
    const removed = await gate('remove', GATE_POOLS.ready);
    assert.match(removed.stdout, /^Removed the check .* from queue `k8s-ready`/);
    assert.deepEqual(checksOn(GATE_POOLS.ready), []);
    assert.match((await gate('show', GATE_POOLS.ready)).stdout, /^Queue `k8s-ready` of project `web` has no KEDA Pool Guard check\./);
  });

  it('--json gives the result as data', async () => {
    const run = await install(GATE_POOLS.ready, ['--demand', 'kubectl', '--json']);
    const report = JSON.parse(run.stdout);
    assert.deepEqual([report.action, report.gate, report.errored], ['gate', 'install', false]);
    assert.equal(report.pools[0].outcome, 'installed');
    assert.deepEqual(report.pools[0].checks[0].demands, ['kubectl']);
    const removed = JSON.parse((await gate('remove', GATE_POOLS.ready, ['--json'])).stdout);
    assert.deepEqual(
      removed.pools.map((pool: { outcome: string; checks: unknown[]; changed: { id: number }[] }) => [
        pool.outcome,
        pool.checks,
        pool.changed.map((c) => c.id),
      ]),
      [['removed', [], [report.pools[0].checks[0].id]]],
    );
  });

  it('installs nothing on a pool Azure provides agents to, and says why', async () => {
    const run = await install(GATE_POOLS.scaleSet);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Pool `vmss-linux` needs no check: it is Azure-provisioned, so Azure starts or provides its agents/);
    assert.deepEqual(checksOn(GATE_POOLS.scaleSet), []);
  });

  it('refuses without a connection, names the role a refusal lacks, and the pool it cannot find', async () => {
    const noConnection = await gate('install', GATE_POOLS.ready, ['--demand', 'kubectl']);
    assert.equal(noConnection.code, 3);
    assert.match(noConnection.stderr, /Name the Generic service connection the check calls Azure DevOps with \(`--connection`\)/);
    const denied = await install(GATE_POOLS.ready, ['--demand', 'kubectl'], READER_PAT);
    assert.equal(denied.code, 3);
    assert.match(denied.stderr, /needs the Administrator role on that queue: .*Project settings → Agent pools → k8s-ready → Security/);
    const missing = await install('no-such-pool');
    assert.match(missing.stderr, /Project `web` has no agent queue for pool `no-such-pool`/);
    const tooOften = await install(GATE_POOLS.ready, ['--timeout-minutes', '120', '--retry-minutes', '5']);
    assert.match(
      tooOften.stderr,
      /would run more than 10 times, which Azure DevOps refuses\. Raise the retry interval to at least 12 minutes/,
    );
    assert.match(
      (await gate('uninstall', GATE_POOLS.ready)).stderr,
      /`gate` does not know `uninstall`: use `gate install`, `gate show`, `gate remove`\./,
    );
  });

  it('refuses a command line without --project or --pool, or an install without its connection, before asking for a token', async () => {
    const org = ['--org', sandbox.orgUrl(GATE_ORG), '--pool', GATE_POOLS.ready];
    const noProject = await cliInProcess(['gate', 'show', ...org], {});
    assert.deepEqual(
      [noProject.code, noProject.stderr.trim()],
      [3, 'Option `--project` is required. Run `keda-pool-guard gate --help` for the options.'],
    );
    const noConnection = await cliInProcess(['gate', 'install', '--project', GATE_PROJECT, ...org], {});
    assert.match(noConnection.stderr, /\(`--connection`\)/);
    const noPool = await cliInProcess(['gate', 'show', '--project', GATE_PROJECT, '--org', sandbox.orgUrl(GATE_ORG)], {});
    assert.match(noPool.stderr, /^Option `--pool` is required\./);
    assert.deepEqual(sandbox.requests.list(), []);
  });

  it('holds back a stage that uses a pool no agent of which can take its jobs, until one is registered', async () => {
    await install(GATE_POOLS.empty);
    const run = await stage(GATE_POOLS.empty);
    assert.equal(run.status, 'waiting');
    assert.equal(run.jobRequest, undefined);
    sandbox.org(GATE_ORG).registerAgent(sandbox.org(GATE_ORG).findPoolByName(GATE_POOLS.empty)!.id, {
      name: 'keda-placeholder',
      version: '4.248.0',
      systemCapabilities: { kubectl: '/usr/bin/kubectl' },
    });
    await run.evaluate();
    assert.equal(run.status, 'queued', run.message);
    await install(GATE_POOLS.ready);
    assert.equal((await stage(GATE_POOLS.ready)).status, 'queued');
  });

  it('names the connection by its id as well, as the portal’s check editor stores it', async () => {
    const run = await gate('install', GATE_POOLS.ready, ['--demand', 'kubectl', '--connection', '5d0c2f7e-3b1a-4c8e-9f2d-6a7b8c9d0e1f']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(checksOn(GATE_POOLS.ready)[0].settings.inputs.connectedServiceName, '5d0c2f7e-3b1a-4c8e-9f2d-6a7b8c9d0e1f');
    assert.equal((await stage(GATE_POOLS.ready)).status, 'queued');
  });
});
