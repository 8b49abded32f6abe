import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { BUDGETS } from '../../scripts/budgets';
import { CONFIGS, packageExtensions, variantTaskId, type Config } from '../../scripts/package';
import { startSandbox, type Sandbox } from '../../sandbox';
import { DEMO_POOLS } from '../support/demo-pools';
import { startHubHarness, waitForList, type HubHarness } from '../support/hub-browser';
import { runTask } from '../tasks/agent-run';

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

interface TaskJson {
  id: string;
  name: string;
  friendlyName: string;
  version: { Major: number; Minor: number; Patch: number };
  execution: Record<string, { target: string }>;
  inputs: Array<{ name: string; type: string }>;
}

/** A .vsix unpacked into a temporary folder, with what the host and the Marketplace read of it. */
interface Unpacked {
  vsix: string;
  folder: string;
  entries: string[];
  manifest: Manifest;
  listing: Listing;
  task: TaskJson;
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
  const taskFolder = String(manifest.contributions.find((c) => c.type === 'ms.vss-distributed-task.task')!.properties.name);
  return {
    vsix,
    folder,
    entries,
    manifest,
    listing: listingOf(readFileSync(path.join(folder, 'extension.vsixmanifest'), 'utf8')),
    task: JSON.parse(readFileSync(path.join(folder, taskFolder, 'task.json'), 'utf8')) as TaskJson,
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

    it('carries one version, the package.json one, in the manifest and the task', () => {
      const version = (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
      assert.equal(extension.listing.version, version);
      const { Major, Minor, Patch } = extension.task.version;
      assert.equal(`${Major}.${Minor}.${Patch}`, version);
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

    it('asks only for the agent pool scopes', () => {
      assert.deepEqual([...extension.manifest.scopes].sort(), ['vso.agentpools', 'vso.agentpools_manage']);
    });

    it('points every contribution at files the package holds', () => {
      const folder = String(contribution('ms.vss-distributed-task.task').properties.name);
      for (const handler of Object.values(extension.task.execution)) {
        assert.ok(extension.entries.includes(`${folder}/${handler.target}`), `${folder}/${handler.target}`);
      }
      assert.ok(extension.entries.includes(extension.listing.icon));
      const input = extension.task.inputs.find((i) => i.name === 'connection')!;
      const endpoint = contribution('ms.vss-endpoint.service-endpoint-type');
      assert.equal(
        input.type,
        `connectedService:${String(endpoint.properties.name)}`,
        'the connection input uses the contributed connection type',
      );
    });

    it('ships icons of the declared sizes', () => {
      assert.deepEqual(pngSize(readFileSync(file(extension.listing.icon))), { width: 128, height: 128 });
      assert.deepEqual(pngSize(readFileSync(file('dist/tasks/KedaPoolGuardV1/icon.png'))), { width: 32, height: 32 });
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

  it('differ in task id, task name, friendly name and connection type, which an organization holds once each', () => {
    assert.equal(release.task.id, '9b2e8399-8e49-4f08-adc0-517dd72e30b4');
    assert.equal(release.task.name, 'KedaPoolGuard');
    assert.equal(connectionType(release), 'keda-pool-guard-ado');
    assert.notEqual(dev.task.id, release.task.id);
    assert.notEqual(dev.task.name, release.task.name);
    assert.notEqual(dev.task.friendlyName, release.task.friendlyName);
    assert.notEqual(connectionType(dev), connectionType(release));
    assert.match(dev.task.name, /^[A-Za-z0-9-]+$/, 'a name tfx and YAML accept');
    assert.ok(dev.task.friendlyName.length <= 40, 'tfx limits friendly names to 40 characters');
  });

  it('derive the dev task id from the release one: the same on every build', () => {
    assert.equal(dev.task.id, variantTaskId(release.task.id, 'keda-pool-guard-dev'));
    assert.match(dev.task.id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('differ in nothing else of the task', () => {
    const rest = ({ id: _id, name: _name, friendlyName: _friendly, inputs, ...other }: TaskJson) => ({
      ...other,
      inputs: inputs.map((input) => ({
        ...input,
        type: input.type.replace(/^connectedService:keda-pool-guard-ado(-dev)?$/, 'connection'),
      })),
    });
    assert.deepEqual(rest(dev.task), rest(release.task));
  });
});
