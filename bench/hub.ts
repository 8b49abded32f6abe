/**
 * The hub's pools list on the sandbox's `large` organization (300 pools, 20,000 agents), in headless
 * Chromium, from the page load to the first row and to the whole list, with 0 and 50 ms of latency on
 * every REST call; the bytes one load of the list transfers, in all and per pool, and its requests per
 * pool; also the bundle's size. Medians of warm loads (the first load of each series warms the sandbox
 * up). The sandbox runs on the same machine as the browser, so its own work is in these times; in the
 * portal the service's is not. Writes bench/results/hub.json. Run: `npm run bench:hub`.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Request } from 'playwright-core';
import { buildHub } from '../scripts/build';
import { startTimedHubHarness, waitForList } from '../test/support/hub-browser';
import { measureHubLoad, median } from '../test/support/hub-load';

const ROUNDS = 5;
const LATENCIES_MS = [0, 50];
const PAGE = { org: 'large', project: 'large', token: 'large-build-service-token' };

async function series(latencyMs: number) {
  const harness = await startTimedHubHarness({ scenario: 'large', faults: latencyMs > 0 ? [{ kind: 'latency', latencyMs }] : [] });
  try {
    const page = await harness.browser.newPage();
    await waitForList(await harness.open(page, PAGE), 300);
    const runs = [];
    for (let round = 0; round < ROUNDS; round++) runs.push(await measureHubLoad(harness, page, PAGE));
    return { latencyMs, firstRowMs: median(runs.map((r) => r.firstRowMs)), fullListMs: median(runs.map((r) => r.fullListMs)), runs };
  } finally {
    await harness.stop();
  }
}

const POOL_ROUTE = /\/_apis\/distributedtask\/pools\/(\d+)\//;

/**
 * One load of the list, every REST call the page makes counted as the browser saw it: the bytes received
 * (headers and body, as sent: the sandbox does not compress), the JSON bodies, and the same bodies
 * gzipped (level 6), as the service would send them to a browser that accepts gzip.
 */
async function transfer() {
  const harness = await startTimedHubHarness({ scenario: 'large' });
  try {
    const page = await harness.browser.newPage();
    const finished: Array<Promise<{ url: string; received: number; json: number; gzipped: number }>> = [];
    page.on('requestfinished', (request: Request) => {
      if (!request.url().includes('/_apis/')) return;
      finished.push(
        (async () => {
          const [sizes, response] = await Promise.all([request.sizes(), request.response()]);
          const body = (await response?.body()) ?? Buffer.alloc(0);
          return {
            url: request.url(),
            received: sizes.responseHeadersSize + sizes.responseBodySize,
            json: body.length,
            gzipped: gzipSync(body, { level: 6 }).length,
          };
        })(),
      );
    });
    await waitForList(await harness.open(page, PAGE), 300, 120_000);
    const calls = await Promise.all(finished);
    const perPool = calls.filter((call) => POOL_ROUTE.test(call.url));
    const pools = new Set(perPool.map((call) => POOL_ROUTE.exec(call.url)![1])).size;
    const sum = (list: typeof calls, key: 'received' | 'json' | 'gzipped') => list.reduce((total, call) => total + call[key], 0);
    return {
      requests: calls.length,
      poolsRead: pools,
      requestsPerPool: perPool.length / pools,
      bytesReceived: sum(calls, 'received'),
      jsonBytes: sum(calls, 'json'),
      gzippedJsonBytes: sum(calls, 'gzipped'),
      bytesReceivedPerPool: Math.round(sum(perPool, 'received') / pools),
      jsonBytesPerPool: Math.round(sum(perPool, 'json') / pools),
      gzippedJsonBytesPerPool: Math.round(sum(perPool, 'gzipped') / pools),
    };
  } finally {
    await harness.stop();
  }
}

/** Bytes the browser downloads for the page itself, fonts aside (they load only when an icon shows). */
function bundleBytes(hubDir: string): Record<string, number> {
  return Object.fromEntries(
    readdirSync(hubDir)
      .filter((file) => /\.(js|css|html)$/.test(file))
      .map((file) => [file, statSync(path.join(hubDir, file)).size]),
  );
}

async function main(): Promise<void> {
  const results = [];
  for (const latency of LATENCIES_MS) results.push(await series(latency));
  const bytes = await transfer();
  const hubDir = await buildHub(mkdtempSync(path.join(tmpdir(), 'kpg-hub-bench-')));
  const sizes = bundleBytes(hubDir);
  rmSync(hubDir, { recursive: true, force: true });
  console.log('Pools list of 300 pools, from page load (median of %d warm loads):', ROUNDS);
  for (const r of results)
    console.log(`  ${String(r.latencyMs).padStart(3)} ms latency: first row ${r.firstRowMs} ms, full list ${r.fullListMs} ms`);
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  const kb = (n: number) => `${(n / 1e3).toFixed(1)} kB`;
  console.log(
    `One load of the list: ${bytes.requests} requests, ${bytes.requestsPerPool} per pool for ${bytes.poolsRead} pools; ` +
      `${mb(bytes.bytesReceived)} received (${kb(bytes.bytesReceivedPerPool)} per pool), ` +
      `${mb(bytes.jsonBytes)} of JSON, ${mb(bytes.gzippedJsonBytes)} gzipped (${kb(bytes.gzippedJsonBytesPerPool)} per pool)`,
  );
  console.log(
    'Bundle:',
    Object.entries(sizes)
      .map(([file, bytes]) => `${file} ${(bytes / 1024).toFixed(0)} KiB`)
      .join(', '),
  );
  const out = path.join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, 'hub.json'),
    JSON.stringify(
      { when: new Date().toISOString(), rounds: ROUNDS, pools: 300, loads: results, transfer: bytes, bundleBytes: sizes },
      null,
      2,
    ) + '\n',
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
