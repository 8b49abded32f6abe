/**
 * The hub on an organization the size of a busy enterprise (the sandbox's `large`: 300 pools, 20,000 agents)
 * with 50 ms of latency on every REST call: the first rows must show within a second of the page load, the
 * whole list within three.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { hubFrame, startTimedHubHarness, waitForList, type BrowserHarness } from '../support/hub-browser';
import { measureHubLoad, median, type HubLoad } from '../support/hub-load';
import { LONG } from '../support/long';

/**
 * The goals hold on a quiet machine (measured 0.34-0.43 s and 2.45-2.7 s); `npm test` also runs on
 * shared two-core CI machines, where the same page took up to 3.5 s, so there it fails only past twice
 * the goal, which still catches a regression such as a lost concurrency limit (about 7 s). The full run
 * (`npm run test:long`) and `npm run bench:hub` hold the goals themselves.
 */
const TOLERANCE = LONG ? 1 : 2;
const FIRST_ROW_BUDGET_MS = 1000 * TOLERANCE;
const FULL_LIST_BUDGET_MS = 3000 * TOLERANCE;
const LATENCY_MS = 50;
/** Loads measured; the median is judged, so that one hiccup of a shared test machine does not decide. */
const RUNS = 3;
const PAGE = { org: 'large', project: 'large', token: 'large-build-service-token' };

describe('hub: 300 pools with 50 ms of latency per request', function () {
  this.timeout(120_000);
  let harness: BrowserHarness;

  before(async () => {
    harness = await startTimedHubHarness({ scenario: 'large', faults: [{ kind: 'latency', latencyMs: LATENCY_MS }] });
  });
  after(() => harness?.stop());

  it(`shows the first rows within ${FIRST_ROW_BUDGET_MS} ms and every pool within ${FULL_LIST_BUDGET_MS} ms of the page load`, async () => {
    const page = await harness.browser.newPage();
    // The first load warms the sandbox up (its JIT, the host page's script); it is not the hub's time.
    await waitForList(await harness.open(page, PAGE), 300);
    const runs: HubLoad[] = [];
    for (let run = 0; run < RUNS; run++) runs.push(await measureHubLoad(harness, page, PAGE));
    const result = { firstRowMs: median(runs.map((r) => r.firstRowMs)), fullListMs: median(runs.map((r) => r.fullListMs)) };
    console.log(
      `      pools list, ${LATENCY_MS} ms latency: first row ${result.firstRowMs} ms, full list ${result.fullListMs} ms ` +
        `(median of ${runs.map((r) => `${r.firstRowMs}/${r.fullListMs}`).join(', ')})`,
    );
    const artifacts = path.resolve(__dirname, '..', '..', 'test-artifacts');
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(
      path.join(artifacts, 'hub-load.json'),
      JSON.stringify({ latencyMs: LATENCY_MS, pools: 300, runs, median: result }, null, 2) + '\n',
    );
    assert.equal(await hubFrame(page).locator('.kpg-progress').getAttribute('data-checked'), '300');
    assert.ok(result.firstRowMs <= FIRST_ROW_BUDGET_MS, `first row after ${result.firstRowMs} ms`);
    assert.ok(result.fullListMs <= FULL_LIST_BUDGET_MS, `full list after ${result.fullListMs} ms`);
  });
});
