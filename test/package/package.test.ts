import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { BUDGETS } from '../../scripts/budgets';
import { CONFIGS, packageExtensions, variantTaskId, type Config } from '../../scripts/package';
import { endpointTypeHeaders, runServerTask, startSandbox, type Sandbox, type ServerTaskJson } from '../../sandbox';
import { DEMO_POOLS } from '../support/demo-pools';
import { startHubHarness, waitForList, type HubHarness } from '../support/hub-browser';
import { runTask } from '../tasks/agent-run';
import { BUILD_SERVICE_TOKEN, DEMANDS, GATE_ORG, GATE_POOLS, gateScenario } from '../tasks/gate-scenario';

/**
 * The packaging refuses a .vsix past its budget (1 MiB: the hub, the task, the listing's screenshots and
 * the icon fonts cut down to the hub's icons); this checks what it wrote.
 */
const SIZE_BUDGET_BYTES = BUDGETS.vsix.bytes;

/** What the host reads of the contributions (`extension.vsomanifest`). */
interface Manifest {
  scopes: string[];
  contributions: Array<{ id: string; type: string; properties: Record<string, unknown> }>;
}

interface TaskJson extends ServerTaskJson {
  id: string;
  name: string;
  friendlyName: string;
  version: { Major: number; Minor: number; Patch: number };
  runsOn: string[];
  execution: Record<string, { target: string }>;
  inputs: Array<{ name: string; type: string }>;
}

const GATE_FOLDER = 'dist/tasks/KedaPoolGateV1';

/** A .vsix unpacked into a temporary folder, with what the host and the Marketplace read of it. */
interface Unpacked {
  vsix: string;
  folder: string;
  entries: string[];
  manifest: Manifest;
  listing: Listing;
  /** The pipeline task, run by an agent. */
  task: TaskJson;
  /** The agentless gate, run by the service. */
  gate: TaskJson;
}

async function unpack(vsix: string): Promise<Unpacked> {
  const zip = await JSZip.loadAsync(readFileSync(vsix));
  const folder = mkdtempSync(path.join(tmpdir(), 'kpg-vsix-'));
  const entries = Object.keys(zip.files).filter((name) => !zip.files[name].dir);
  for (const name of entries) {
    const target = path.join(folder, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, await zip.files[name].async('nodebuffer'));
  }
  const manifest = JSON.parse(readFileSync(path.join(folder, 'extension.vsomanifest'), 'utf8')) as Manifest;
  const taskFolders = manifest.contributions.filter((c) => c.type === 'ms.vss-distributed-task.task').map((c) => String(c.properties.name));
  const taskIn = (taskFolder: string) => JSON.parse(readFileSync(path.join(folder, taskFolder, 'task.json'), 'utf8')) as TaskJson;
  assert.deepEqual(taskFolders, ['dist/tasks/KedaPoolGuardV1', GATE_FOLDER], 'the package contributes both tasks');
  return {
    vsix,
    folder,
    entries,
    manifest,
    listing: listingOf(readFileSync(path.join(folder, 'extension.vsixmanifest'), 'utf8')),
    task: taskIn(taskFolders[0]),
    gate: taskIn(GATE_FOLDER),
  };
}

const packages: Partial<Record<Config, Promise<Unpacked>>> = {};
let packaged: Promise<Record<Config, string>> | undefined;

/** Both packages, built once for every suite below. */
function unpacked(config: Config): Promise<Unpacked> {
  packaged ??= packageExtensions();
  return (packages[config] ??= packaged.then((vsixes) => unpack(vsixes[config])));
}

/** What the Marketplace reads (`extension.vsixmanifest`, XML). */
interface Listing {
  version: string;
  icon: string;
  /** `Microsoft.VisualStudio.Services.*` properties, by their name without that prefix. */
  properties: Record<string, string>;
  /** Asset types, e.g. `Content.Changelog`, and the file each points to. */
  assets: Record<string, string>;
}

function listingOf(xml: string): Listing {
  const version = /<Identity [^>]*Version="([^"]+)"/.exec(xml)?.[1];
  const icon = /<Icon>([^<]+)<\/Icon>/.exec(xml)?.[1];
  assert.ok(version && icon, 'the vsixmanifest names a version and an icon');
  const prefix = 'Microsoft.VisualStudio.Services.';
  const properties = Object.fromEntries(
    [...xml.matchAll(/<Property Id="([^"]+)" Value="([^"]*)"/g)].map(([, id, value]) => [id.replace(prefix, ''), value]),
  );
  const assets = Object.fromEntries(
    [...xml.matchAll(/<Asset Type="([^"]+)"[^>]* Path="([^"]+)"/g)].map(([, type, file]) => [type.replace(prefix, ''), file]),
  );
  return { version, icon, properties, assets };
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', 'a PNG file');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

for (const config of CONFIGS) {
  describe(`the ${config} .vsix users install`, function () {
    this.timeout(180_000);
    let extension: Unpacked;
    const file = (name: string) => path.join(extension.folder, name);
    const contribution = (type: string) => extension.manifest.contributions.find((c) => c.type === type)!;

    before(async () => {
      extension = await unpacked(config);
    });

    it(`stays within ${SIZE_BUDGET_BYTES / 1024 / 1024} MiB`, () => {
      const size = statSync(extension.vsix).size;
      console.log(`      .vsix: ${(size / 1024).toFixed(0)} KiB`);
      assert.ok(size <= SIZE_BUDGET_BYTES, `${size} bytes`);
    });

    it('carries one version, the package.json one, in the manifest and both tasks', () => {
      const version = (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
      assert.equal(extension.listing.version, version);
      for (const task of [extension.task, extension.gate]) {
        const { Major, Minor, Patch } = task.version;
        assert.equal(`${Major}.${Minor}.${Patch}`, version);
      }
    });

    it('lists support, the privacy policy, Q&A and the changelog on the Marketplace', () => {
      const { properties, assets } = extension.listing;
      assert.match(properties['Links.Support'], /SUPPORT\.md$/);
      assert.match(properties['Links.Privacypolicy'], /PRIVACY\.md$/);
      assert.equal(properties.EnableMarketplaceQnA, 'true');
      assert.match(properties.CustomerQnALink, /^https:\/\//);
      assert.equal(assets['Content.Changelog'], 'CHANGELOG.md');
      assert.ok(extension.entries.includes('CHANGELOG.md'), 'the changelog ships in the package');
    });

    it('asks only for the agent pool scopes, and Build (read & execute) for the pool check', () => {
      assert.deepEqual([...extension.manifest.scopes].sort(), ['vso.agentpools', 'vso.agentpools_manage', 'vso.build_execute']);
    });

    it('points every contribution at files the package holds', () => {
      const folder = String(contribution('ms.vss-distributed-task.task').properties.name);
      for (const handler of Object.values(extension.task.execution)) {
        assert.ok(extension.entries.includes(`${folder}/${handler.target}`), `${folder}/${handler.target}`);
      }
      assert.ok(extension.entries.includes(extension.listing.icon));
      const endpoint = contribution('ms.vss-endpoint.service-endpoint-type');
      for (const task of [extension.task, extension.gate]) {
        const input = task.inputs.find((i) => i.name === 'connection')!;
        assert.equal(
          input.type,
          `connectedService:${String(endpoint.properties.name)}`,
          `${task.name} uses the contributed connection type`,
        );
      }
      assert.deepEqual(extension.gate.runsOn, ['Server', 'ServerGate'], 'the gate runs in agentless jobs and as a release gate');
      assert.ok(extension.entries.includes(`${GATE_FOLDER}/task.json`));
    });

    it('ships icons of the declared sizes', () => {
      assert.deepEqual(pngSize(readFileSync(file(extension.listing.icon))), { width: 128, height: 128 });
      assert.deepEqual(pngSize(readFileSync(file('dist/tasks/KedaPoolGuardV1/icon.png'))), { width: 32, height: 32 });
      assert.deepEqual(pngSize(readFileSync(file(`${GATE_FOLDER}/icon.png`))), { width: 32, height: 32 });
    });

    it('points the hub at a page it holds, with addressable assets and its icons', () => {
      const hub = contribution('ms.vss-web.hub');
      assert.match(String(hub.properties.name), /^KEDA pools/);
      assert.ok(extension.entries.includes(String(hub.properties.uri)), String(hub.properties.uri));
      const icons = hub.properties.icon as { light: string; dark: string };
      for (const icon of [icons.light, icons.dark]) assert.deepEqual(pngSize(readFileSync(file(icon))), { width: 16, height: 16 });
      const html = readFileSync(file(String(hub.properties.uri)), 'utf8');
      for (const [, asset] of html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)) {
        assert.ok(!asset.startsWith('/') && !/^\w+:/.test(asset), `${asset} is relative`);
        assert.ok(
          extension.entries.includes(path.posix.join(path.posix.dirname(String(hub.properties.uri)), asset)),
          `${asset} is in the package`,
        );
      }
    });

    it('ships no node_modules, tests or sources, and the task’s source map beside its bundle', () => {
      const unwanted = extension.entries.filter((name) => /(^|\/)node_modules\/|(^|\/)test\/|\.ts$|\.tsx$|\.map$/.test(name));
      assert.deepEqual(unwanted, ['dist/tasks/KedaPoolGuardV1/task.js.map']);
    });

    describe('the hub, served from the unpacked package in the test host', () => {
      let harness: HubHarness;
      before(async () => {
        harness = await startHubHarness({ scenario: 'demo', hubDir: file('dist/hub') });
      });
      after(() => harness?.stop());

      it('loads its scripts, styles and fonts by relative paths and lists the pools', async () => {
        const page = await harness.browser.newPage();
        const failed: string[] = [];
        page.on('requestfailed', (request) => failed.push(request.url()));
        page.on('response', (response) => {
          if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
        });
        const hub = await harness.open(page, { org: 'demo', project: 'demo' });
        await waitForList(hub, DEMO_POOLS.length);
        assert.deepEqual(failed, []);
        assert.ok(await hub.locator('text=keda-ready').first().isVisible());
        await page.close();
      });
    });

    describe('the task, run from the unpacked package', () => {
      let sandbox: Sandbox;
      before(async () => {
        sandbox = await startSandbox({ scenario: 'demo' });
      });
      after(() => sandbox.stop());

      it('checks a pool as the agent runs it', async () => {
        const run = await runTask({
          taskDir: file('dist/tasks/KedaPoolGuardV1'),
          inputs: { pools: 'keda-ready', demands: 'kubectl' },
          collectionUri: sandbox.orgUrl('demo'),
          project: 'demo',
          jobToken: 'demo-build-service-token',
        });
        assert.equal(run.result, 'Succeeded', run.stdout);
        assert.equal(run.outputs.verdict, 'ready');
        assert.match(run.summary ?? '', /Pool `keda-ready`/);
      });
    });

    describe("the gate's task.json from the package, run as Azure Pipelines runs a server task", () => {
      let sandbox: Sandbox;
      before(async () => {
        sandbox = await startSandbox({ scenario: gateScenario() });
      });
      after(() => sandbox.stop());

      const cases: [pool: string, result: 'succeeded' | 'failed', calls: number][] = [
        [GATE_POOLS.ready, 'succeeded', 2],
        [GATE_POOLS.empty, 'failed', 2],
        [GATE_POOLS.unfit, 'failed', 2],
        [GATE_POOLS.hidden, 'failed', 1],
      ];
      for (const [pool, result, calls] of cases) {
        it(`${result === 'succeeded' ? 'passes' : 'fails'} for ${pool} in ${calls} call${calls > 1 ? 's' : ''}, naming the pool and the demands`, async () => {
          const outcome = await runServerTask({
            task: extension.gate,
            inputs: { pool, demands: DEMANDS.join(',') },
            variables: { 'system.teamFoundationCollectionUri': `${sandbox.orgUrl(GATE_ORG)}/`, 'system.accessToken': BUILD_SERVICE_TOKEN },
            endpointTypes: endpointTypeHeaders(extension.manifest),
          });
          assert.equal(outcome.result, result, outcome.message);
          assert.equal(outcome.requests.length, calls);
          assert.ok(outcome.displayName.includes(pool) && outcome.displayName.includes(DEMANDS.join(',')), outcome.displayName);
          if (result === 'failed') assert.ok(outcome.message.startsWith(outcome.displayName), outcome.message);
        });
      }
    });
  });
}

describe('the dev and release packages, side by side in one organization', function () {
  this.timeout(180_000);
  let release: Unpacked;
  let dev: Unpacked;
  before(async () => {
    [release, dev] = await Promise.all([unpacked('release'), unpacked('dev')]);
  });
  const connectionType = (extension: Unpacked) =>
    String(extension.manifest.contributions.find((c) => c.type === 'ms.vss-endpoint.service-endpoint-type')!.properties.name);

  const tasks = (extension: Unpacked) => [extension.task, extension.gate];

  it('differ in task ids, task names, friendly names and connection type, which an organization holds once each', () => {
    assert.deepEqual(
      tasks(release).map((task) => [task.id, task.name]),
      [
        ['9b2e8399-8e49-4f08-adc0-517dd72e30b4', 'KedaPoolGuard'],
        ['ff7fc2e4-e98e-4acb-81a3-b0908d76646d', 'KedaPoolGate'],
      ],
    );
    assert.equal(connectionType(release), 'keda-pool-guard-ado');
    assert.notEqual(connectionType(dev), connectionType(release));
    const every = [...tasks(release), ...tasks(dev)];
    for (const member of ['id', 'name', 'friendlyName'] as const) {
      assert.equal(new Set(every.map((task) => task[member])).size, every.length, `four different ${member}s`);
    }
    for (const task of tasks(dev)) {
      assert.match(task.name, /^[A-Za-z0-9-]+$/, 'a name tfx and YAML accept');
      assert.ok(task.friendlyName.length <= 40, 'tfx limits friendly names to 40 characters');
    }
  });

  it('derive the dev task ids from the release ones: the same on every build', () => {
    for (const [index, task] of tasks(dev).entries()) {
      assert.equal(task.id, variantTaskId(tasks(release)[index].id, 'keda-pool-guard-dev'));
      assert.match(task.id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('differ in nothing else of the tasks', () => {
    const rest = ({ id: _id, name: _name, friendlyName: _friendly, inputs, ...other }: TaskJson) => ({
      ...other,
      inputs: inputs.map((input) => ({
        ...input,
        type: input.type.replace(/^connectedService:keda-pool-guard-ado(-dev)?$/, 'connection'),
      })),
    });
    for (const [index, task] of tasks(dev).entries()) assert.deepEqual(rest(task), rest(tasks(release)[index]));
  });
});
