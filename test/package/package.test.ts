import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { BUDGETS } from '../../scripts/budgets';
import { packageExtension } from '../../scripts/package';
import { startSandbox, type Sandbox } from '../../sandbox';
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

/** What the Marketplace reads (`extension.vsixmanifest`, XML). */
interface Listing {
  version: string;
  icon: string;
}

function listingOf(xml: string): Listing {
  const version = /<Identity [^>]*Version="([^"]+)"/.exec(xml)?.[1];
  const icon = /<Icon>([^<]+)<\/Icon>/.exec(xml)?.[1];
  assert.ok(version && icon, 'the vsixmanifest names a version and an icon');
  return { version, icon };
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', 'a PNG file');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the .vsix users install', function () {
  let vsix: string;
  let unpacked: string;
  let entries: string[];
  let manifest: Manifest;
  let listing: Listing;

  before(async () => {
    vsix = await packageExtension('dev');
    const zip = await JSZip.loadAsync(readFileSync(vsix));
    unpacked = mkdtempSync(path.join(tmpdir(), 'kpg-vsix-'));
    entries = Object.keys(zip.files).filter((name) => !zip.files[name].dir);
    for (const name of entries) {
      const target = path.join(unpacked, name);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, await zip.files[name].async('nodebuffer'));
    }
    manifest = JSON.parse(readFileSync(path.join(unpacked, 'extension.vsomanifest'), 'utf8')) as Manifest;
    listing = listingOf(readFileSync(path.join(unpacked, 'extension.vsixmanifest'), 'utf8'));
  });

  it(`stays within ${SIZE_BUDGET_BYTES / 1024 / 1024} MiB`, () => {
    const size = statSync(vsix).size;
    console.log(`      .vsix: ${(size / 1024).toFixed(0)} KiB`);
    assert.ok(size <= SIZE_BUDGET_BYTES, `${size} bytes`);
  });

  it('carries one version, the package.json one, in the manifest and the task', () => {
    const version = (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
    assert.equal(listing.version, version);
    const task = JSON.parse(readFileSync(path.join(unpacked, 'dist/tasks/KedaPoolGuardV1/task.json'), 'utf8'));
    assert.equal(`${task.version.Major}.${task.version.Minor}.${task.version.Patch}`, version);
  });

  it('asks only for the agent pool scopes', () => {
    assert.deepEqual([...manifest.scopes].sort(), ['vso.agentpools', 'vso.agentpools_manage']);
  });

  it('points every contribution at files the package holds', () => {
    const task = manifest.contributions.find((c) => c.type === 'ms.vss-distributed-task.task')!;
    const folder = String(task.properties.name);
    const taskJson = JSON.parse(readFileSync(path.join(unpacked, folder, 'task.json'), 'utf8'));
    for (const handler of Object.values(taskJson.execution) as Array<{ target: string }>) {
      assert.ok(entries.includes(`${folder}/${handler.target}`), `${folder}/${handler.target}`);
    }
    assert.ok(entries.includes(listing.icon));
    const input = taskJson.inputs.find((i: { name: string }) => i.name === 'connection');
    const endpoint = manifest.contributions.find((c) => c.type === 'ms.vss-endpoint.service-endpoint-type')!;
    assert.equal(input.type, `connectedService:${endpoint.properties.name}`, 'the connection input uses the contributed connection type');
  });

  it('ships icons of the declared sizes', () => {
    assert.deepEqual(pngSize(readFileSync(path.join(unpacked, listing.icon))), { width: 128, height: 128 });
    assert.deepEqual(pngSize(readFileSync(path.join(unpacked, 'dist/tasks/KedaPoolGuardV1/icon.png'))), { width: 32, height: 32 });
  });

  it('points the hub at a page it holds, with addressable assets and its icons', () => {
    const hub = manifest.contributions.find((c) => c.type === 'ms.vss-web.hub')!;
    assert.equal(hub.properties.name, 'KEDA pools');
    assert.ok(entries.includes(String(hub.properties.uri)), String(hub.properties.uri));
    const icons = hub.properties.icon as { light: string; dark: string };
    for (const icon of [icons.light, icons.dark])
      assert.deepEqual(pngSize(readFileSync(path.join(unpacked, icon))), { width: 16, height: 16 });
    const html = readFileSync(path.join(unpacked, String(hub.properties.uri)), 'utf8');
    for (const [, asset] of html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)) {
      assert.ok(!asset.startsWith('/') && !/^\w+:/.test(asset), `${asset} is relative`);
      assert.ok(entries.includes(path.posix.join(path.posix.dirname(String(hub.properties.uri)), asset)), `${asset} is in the package`);
    }
  });

  it('ships no node_modules, tests or sources', () => {
    const unwanted = entries.filter((name) => /(^|\/)node_modules\/|(^|\/)test\/|\.ts$|\.tsx$|\.map$/.test(name));
    assert.deepEqual(unwanted, []);
  });

  describe('the hub, served from the unpacked package in the test host', () => {
    let harness: HubHarness;
    before(async () => {
      harness = await startHubHarness({ scenario: 'demo', hubDir: path.join(unpacked, 'dist/hub') });
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
      await waitForList(hub, 7);
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
        taskDir: path.join(unpacked, 'dist/tasks/KedaPoolGuardV1'),
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
