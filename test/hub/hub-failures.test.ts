/**
 * Issue 19, item 3: the hub never hangs silently. Bugs of ours are planted in the page (a `fetch` that
 * resolves to something that is not a response, so the portal's REST client fails inside itself with a
 * TypeError; a browser API that throws while the page renders), and the host is made to refuse a service
 * the page needs to boot. Each shows on the page, says how to report it, and recovers on a retry.
 */
import assert from 'node:assert/strict';
import type { ConsoleMessage, Frame, Page } from 'playwright-core';
import { DEMO_POOLS } from '../support/demo-pools';
import { hubFrame, startHubHarness, waitForList, type HubHarness } from '../support/hub-browser';

const POOL_COUNT = DEMO_POOLS.length;
const INTERNAL_ERROR =
  /stopped on an error in its own code \(TypeError: .+\).+report it at https:\/\/github\.com\/keda-pool-guard\/keda-pool-guard\/issues/;

/** An init script (a string: the test runner's transpiler would add helpers the page does not have) for the hub's frame only. */
function inHubFrame(body: string): string {
  return `(() => { if (!location.pathname.startsWith('/_host/hub/')) return; ${body} })();`;
}

/** The next `times` requests of `method` to a URL matching `url` resolve to a plain object instead of a response. */
function brokenFetch(url: RegExp, { method = 'GET', times = 1 } = {}): string {
  return inHubFrame(`
    const pattern = new RegExp(${JSON.stringify(url.source)});
    let left = ${times};
    const fetch = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const target = typeof input === 'string' ? input : input.url;
      const verb = ((init && init.method) || 'GET').toUpperCase();
      if (left > 0 && verb === ${JSON.stringify(method)} && pattern.test(target)) {
        left--;
        return Promise.resolve({});
      }
      return fetch(input, init);
    };`);
}

describe('hub: failures of its own show on the page', function () {
  let harness: HubHarness;
  let page: Page;
  let hub: Frame;
  let consoleErrors: string[];

  before(async () => {
    harness = await startHubHarness({ scenario: 'demo' });
  });
  after(() => harness?.stop());
  afterEach(() => page?.close());

  /** A page of its own, with `script` planted before any of the hub's code runs. */
  async function newPage(script: string): Promise<Page> {
    page = await harness.browser.newPage();
    consoleErrors = [];
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.addInitScript({ content: script });
    return page;
  }

  const poolId = (name: string) => harness.sandbox.org('demo').findPoolByName(name)!.id;
  const cell = (pool: string, field: string) => hub.locator(`[data-pool="${pool}"][data-field="${field}"]`);
  const verdictOf = (pool: string) => cell(pool, 'verdict').locator('[data-verdict]').getAttribute('data-verdict');
  const refresh = () => hub.getByRole('button', { name: 'Refresh', exact: true }).click();

  it('a TypeError reading one pool fails that row only, with no verdict; the other pools load, and Refresh recovers it', async () => {
    await newPage(brokenFetch(new RegExp(`/pools/${poolId('keda-missing-capability')}/jobrequests`)));
    hub = await harness.open(page, { org: 'demo', project: 'demo' });
    await waitForList(hub, POOL_COUNT);
    assert.equal(await verdictOf('keda-missing-capability'), 'internalError');
    const row = await cell('keda-missing-capability', 'verdict').innerText();
    assert.match(row, /^not checked/);
    assert.match(row.replace(/\s+/g, ' '), INTERNAL_ERROR);
    assert.equal(await verdictOf('keda-ready'), 'ready');
    assert.equal(await verdictOf('keda-empty'), 'blocked');
    assert.ok(
      consoleErrors.some((text) => /TypeError/.test(text)),
      `the console holds the details the message sends the user to:\n${consoleErrors.join('\n')}`,
    );

    await refresh();
    await waitForList(hub, POOL_COUNT);
    assert.equal(await verdictOf('keda-missing-capability'), 'atRisk');
  });

  it('a TypeError listing the project’s pools shows the failure with a retry, instead of a list that never fills', async () => {
    await newPage(brokenFetch(/\/_apis\/distributedtask\/queues/));
    hub = await harness.open(page, { org: 'demo', project: 'demo' });
    const failure = hub.locator('.kpg-list-failed');
    await failure.waitFor();
    const shown = (await failure.innerText()).replace(/\s+/g, ' ');
    assert.match(shown, /The agent pools of this project could not be listed/);
    assert.match(shown, INTERNAL_ERROR);

    await failure.getByRole('button', { name: 'Refresh' }).click();
    await waitForList(hub, POOL_COUNT);
    assert.equal(await verdictOf('keda-ready'), 'ready');
  });

  it('an error thrown while the page renders shows a failure panel, not a blank page, and Refresh renders it again', async () => {
    // The page marks when its first pool is on screen; the first such mark throws.
    await newPage(
      inHubFrame(`
        const mark = performance.mark.bind(performance);
        let thrown = false;
        performance.mark = (name, options) => {
          if (!thrown && name === 'kpg:first-pool') {
            thrown = true;
            throw new TypeError('performance.mark is broken');
          }
          return mark(name, options);
        };`),
    );
    hub = await harness.open(page, { org: 'demo', project: 'demo' });
    const crashed = hub.locator('.kpg-crashed');
    await crashed.waitFor();
    const shown = (await crashed.innerText()).replace(/\s+/g, ' ');
    assert.match(shown, /The page stopped on an error/);
    assert.match(shown, /stopped on an error in its own code \(TypeError: performance\.mark is broken\)/);
    assert.equal(await page.getAttribute('body', 'data-loaded'), 'ok', 'the portal heard once that the page loaded');

    await crashed.getByRole('button', { name: 'Refresh' }).click();
    await waitForList(hub, POOL_COUNT);
    assert.equal(await verdictOf('keda-ready'), 'ready');
  });

  it('a bug of ours while registering a placeholder shows as such in the pool’s panel, and registers nothing', async () => {
    await newPage(brokenFetch(new RegExp(`/pools/${poolId('keda-empty')}/agents$`), { method: 'POST' }));
    hub = await harness.open(page, { org: 'demo', project: 'demo' });
    await waitForList(hub, POOL_COUNT);
    await cell('keda-empty', 'pool').click();
    await hub.locator('[data-pool-panel="keda-empty"]').waitFor();
    await hub.locator('[id="__bolt-kpg-register-placeholder"]').click();
    await hub.locator('[id="__bolt-kpg-confirm-ok"]').click();
    const notice = hub.locator('[data-notice="error"]');
    await notice.waitFor();
    assert.match((await notice.innerText()).replace(/\s+/g, ' '), INTERNAL_ERROR);
    assert.deepEqual(harness.sandbox.org('demo').listAgents(poolId('keda-empty')), []);
  });

  it('a page that cannot boot says so, and tells the portal it failed instead of leaving its spinner up', async () => {
    page = await harness.browser.newPage();
    const { loaded, error } = await harness.visit(page, { org: 'demo', project: 'demo', failService: 'ms.vss-features.location-service' });
    assert.equal(loaded, 'failed');
    assert.match(error ?? '', /cannot provide the service ms\.vss-features\.location-service/);
    await hubFrame(page).getByText('The page could not connect to Azure DevOps').waitFor();
  });
});
