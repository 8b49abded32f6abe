/**
 * The hub in a real browser: the built hub, framed by the sandbox's test host page (which answers the
 * SDK's handshake and host services as the portal does), in Debian's headless Chromium driven by
 * playwright-core. The sandbox speaks HTTP/2 over TLS, as dev.azure.com does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { startSandbox, type FaultRule, type Sandbox } from '../../sandbox';
import { hostPagePath, hubHostMount, type HostPageOptions, type HubHostMount } from '../../sandbox/host/mount';
import { buildHub } from '../../scripts/build';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium';
import type { SandboxWorkerData } from './sandbox-worker';
import { selfSignedCertificate } from './tls';

/**
 * The name the browser reaches the sandbox by: the host resolver sends it to the sandbox's port, so the
 * page's origin, and the organization URL in the commands the hub shows, read as they do in the portal.
 */
export const PORTAL_ORIGIN = 'https://dev.azure.com';
const BROWSER_ARGS = [
  ...CHROMIUM_ARGS,
  // The network service in the browser process: one process less to schedule on a small test machine.
  '--enable-features=NetworkServiceInProcess2',
];

export interface BrowserHarness {
  browser: BrowserContext;
  /** Loads the host page with the hub inside and waits until the hub told the host it rendered. */
  open(page: Page, options: Partial<HostPageOptions>): Promise<Frame>;
  /** Loads the host page and waits until the hub told the host how its load went: `ok`, or `failed` and why. */
  visit(page: Page, options: Partial<HostPageOptions>): Promise<{ loaded: string; error?: string }>;
  stop(): Promise<void>;
}

/** The sandbox in this process, so tests can change its state, faults and stored settings directly. */
export interface HubHarness extends BrowserHarness {
  sandbox: Sandbox;
  host: HubHostMount;
  /** The PEM certificate the sandbox serves, for a client beside the browser (the command line's `--ca-file`). */
  certificate: string;
}

interface HarnessOptions {
  scenario: string;
  /** A built hub to serve instead of building one, e.g. the one unpacked from the .vsix. */
  hubDir?: string;
  faults?: FaultRule[];
  viewport?: { width: number; height: number };
}

let built: Promise<string> | undefined;

/** The hub is built once per test run, into a directory of its own that goes when the run ends. */
function builtHub(): Promise<string> {
  if (!built) {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpg-hub-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    built = buildHub(dir);
  }
  return built;
}

export async function startHubHarness(options: HarnessOptions): Promise<HubHarness> {
  const host = hubHostMount(options.hubDir ?? (await builtHub()));
  const tls = selfSignedCertificate();
  const sandbox = await startSandbox({ scenario: options.scenario, faults: options.faults, mounts: [host], tls });
  const browser = await withBrowser(sandbox.url, options, () => sandbox.stop());
  return { ...browser, sandbox, host, certificate: tls.cert };
}

/**
 * For timing the page: the sandbox serves from a worker thread, so the browser driver's traffic (an event
 * per request the page makes) is not handled on the thread that answers those requests.
 */
export async function startTimedHubHarness(options: HarnessOptions): Promise<BrowserHarness> {
  const data: SandboxWorkerData = {
    scenario: options.scenario,
    faults: options.faults ?? [],
    hubDir: await builtHub(),
    tls: selfSignedCertificate(),
  };
  // Worker threads do not inherit the test runner's TypeScript loader; it is loaded first.
  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(path.join(__dirname, 'sandbox-worker.ts'))});`, {
    eval: true,
    workerData: data,
  });
  const answer = await new Promise<{ url?: string; error?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  if (!answer.url) {
    await worker.terminate();
    throw new Error(`The sandbox did not start in its worker: ${answer.error}`);
  }
  const stopWorker = async () => {
    const stopped = new Promise((resolve) => worker.once('message', resolve));
    worker.postMessage('stop');
    await stopped;
    await worker.terminate();
  };
  return withBrowser(answer.url, options, stopWorker);
}

async function withBrowser(sandboxUrl: string, options: HarnessOptions, stopServer: () => Promise<void>): Promise<BrowserHarness> {
  const profile = mkdtempSync(path.join(tmpdir(), 'kpg-chromium-'));
  const url = PORTAL_ORIGIN;
  let browser: BrowserContext;
  try {
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: [...BROWSER_ARGS, `--host-resolver-rules=MAP ${new URL(PORTAL_ORIGIN).hostname} ${new URL(sandboxUrl).host}`],
      ignoreHTTPSErrors: true,
      viewport: options.viewport ?? { width: 1400, height: 900 },
    });
  } catch (error) {
    await stopServer();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
  const visit: BrowserHarness['visit'] = async (page, pageOptions) => {
    const org = pageOptions.org ?? options.scenario;
    await page.goto(
      url +
        hostPagePath({
          org,
          project: pageOptions.project ?? org,
          token: pageOptions.token ?? 'demo-admin-token',
          theme: pageOptions.theme,
          failService: pageOptions.failService,
          callTimeoutMs: pageOptions.callTimeoutMs,
        }),
    );
    await page.waitForSelector('body[data-loaded]');
    return {
      loaded: (await page.getAttribute('body', 'data-loaded')) ?? '',
      error: (await page.getAttribute('body', 'data-load-error')) ?? undefined,
    };
  };
  return {
    browser,
    visit,
    async open(page, pageOptions) {
      const { loaded, error } = await visit(page, pageOptions);
      if (loaded !== 'ok') throw new Error(`The hub did not load: ${error}`);
      return hubFrame(page);
    },
    async stop() {
      await browser.close();
      await stopServer();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function hubFrame(page: Page): Frame {
  const frame = page.frames().find((candidate) => new URL(candidate.url()).pathname.startsWith('/_host/hub/'));
  if (!frame) throw new Error('The host page has no hub frame.');
  return frame;
}

/** Waits until every pool of the list has its data (or its failure). */
export async function waitForList(hub: Frame, pools: number, timeoutMs = 30_000): Promise<void> {
  await hub.waitForSelector(`.kpg-progress[data-checked="${pools}"][data-total="${pools}"]`, { timeout: timeoutMs });
}
