/**
 * The hub on an organization the size of a busy enterprise (the sandbox's `large`: 300 pools, 20,000 agents)
 * with 50 ms of latency on every REST call: every pool's row arrives with its verdict, and none fails.
 *
 * How fast is a goal, not a test of behaviour: `npm run bench:hub` measures it, and `npm run test:long`
 * (`KPG_LONG=1`) also holds the goals, first rows within a second of the page load and the whole list
 * within three, on a machine quiet enough to judge them.
 */
import assert from 'node:assert/strict';
import { startTimedHubHarness, waitForList, type BrowserHarness } from '../support/hub-browser';
import { measureHubLoad, median, type HubLoad } from '../support/hub-load';
import { LONG } from '../support/long';

const POOLS = 300;
const LATENCY_MS = 50;
const FIRST_ROW_GOAL_MS = 1000;
const FULL_LIST_GOAL_MS = 3000;
/** Loads measured in the long run; the median is judged, so that one hiccup does not decide. */
const RUNS = 3;
const PAGE = { org: 'large', project: 'large', token: 'large-build-service-token' };

describe(`hub: ${POOLS} pools with ${LATENCY_MS} ms of latency per request`, function () {
  let harness: BrowserHarness;

  before(async () => {
    harness = await startTimedHubHarness({ scenario: 'large', faults: [{ kind: 'latency', latencyMs: LATENCY_MS }] });
  });
  after(() => harness?.stop());

  it('shows every pool with its verdict, none failed', async () => {
    const page = await harness.browser.newPage();
    const hub = await harness.open(page, PAGE);
    await waitForList(hub, POOLS, 90_000);
    const verdicts = await hub
      .locator('[data-field="verdict"] [data-verdict]')
      .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-verdict')));
    assert.ok(verdicts.length > 0, 'rows on screen');
    assert.deepEqual(
      verdicts.filter((verdict) => verdict === 'loading'),
      [],
      'every row on screen has its verdict',
    );
    assert.doesNotMatch(await hub.locator('.kpg-content').innerText(), /failed while reading|did not answer in time/);
  });

  if (LONG)
    it(`shows the first rows within ${FIRST_ROW_GOAL_MS} ms and every pool within ${FULL_LIST_GOAL_MS} ms of the page load`, async () => {
      const page = await harness.browser.newPage();
      // The first load warms the sandbox up (its JIT, the host page's script); it is not the hub's time.
      await waitForList(await harness.open(page, PAGE), POOLS, 90_000);
      const runs: HubLoad[] = [];
      for (let run = 0; run < RUNS; run++) runs.push(await measureHubLoad(harness, page, PAGE));
      const result = { firstRowMs: median(runs.map((r) => r.firstRowMs)), fullListMs: median(runs.map((r) => r.fullListMs)) };
      console.log(
        `      pools list, ${LATENCY_MS} ms latency: first row ${result.firstRowMs} ms, full list ${result.fullListMs} ms ` +
          `(median of ${runs.map((r) => `${r.firstRowMs}/${r.fullListMs}`).join(', ')})`,
      );
      assert.ok(result.firstRowMs <= FIRST_ROW_GOAL_MS, `first row after ${result.firstRowMs} ms`);
      assert.ok(result.fullListMs <= FULL_LIST_GOAL_MS, `full list after ${result.fullListMs} ms`);
    });
});
