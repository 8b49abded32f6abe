/**
 * Issue 13 in the hub: for each case of the table the task and the command line follow
 * (test/faces/repair-cases.test.ts), the placeholder button shows the same plan, acts as it says after a
 * confirmation, and has nothing left to do afterwards; where the plan refuses, it is off and says why.
 */
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { DEMO_POOLS } from '../support/demo-pools';
import { startHubHarness, waitForList, type HubHarness } from '../support/hub-browser';
import { agentsOf, arrangeRepairCases, REPAIR_CASES } from '../support/repair-cases';

/** azure-devops-ui prefixes the ids it is given, so that they cannot clash with the portal's. */
const id = (name: string) => `[id="__bolt-${name}"]`;

describe('hub: the placeholder button follows the repair plan', function () {
  let harness: HubHarness;
  let page: Page;
  let hub: Frame;

  before(async () => {
    harness = await startHubHarness({ scenario: 'demo' });
    arrangeRepairCases(harness.sandbox.org('demo'));
    page = await harness.browser.newPage();
    hub = await harness.open(page, { org: 'demo', project: 'demo' });
    await waitForList(hub, DEMO_POOLS.length);
  });
  after(() => harness?.stop());
  afterEach(async () => {
    if ((await hub.locator('.kpg-confirm').count()) > 0) await hub.locator(id('kpg-confirm-cancel')).click();
    if ((await hub.locator('[data-pool-panel]').count()) > 0) await closePanel();
  });

  async function openPool(pool: string): Promise<void> {
    await hub.locator(`[data-pool="${pool}"][data-field="pool"]`).click();
    await hub.locator(`[data-pool-panel="${pool}"]`).waitFor();
  }

  async function closePanel(): Promise<void> {
    await hub.locator('.kpg-pool-panel').getByRole('button', { name: 'Close', exact: true }).click();
    await hub.locator('[data-pool-panel]').waitFor({ state: 'detached' });
  }

  const writes = () => harness.sandbox.requests.list().filter((entry) => entry.method !== 'GET' && entry.method !== 'OPTIONS');
  const button = () => hub.locator(id('kpg-register-placeholder'));
  const note = () => hub.locator('[data-pool-panel] .kpg-action-note').innerText();

  for (const c of REPAIR_CASES) {
    it(`${c.name} (${c.pool}): ${c.plan === 'refused' ? 'off, and says why' : `${c.plan}, then nothing left`}`, async () => {
      await openPool(c.pool);
      await hub.locator(`[data-pool-panel] [data-plan="${c.plan}"]`).waitFor();
      assert.match(await note(), c.says);
      harness.sandbox.requests.clear();
      if (c.plan === 'refused') {
        assert.equal(await button().isDisabled(), true);
        assert.deepEqual(writes(), []);
        return;
      }
      const agents = agentsOf(harness.sandbox.org('demo'), c.pool);
      assert.equal(await button().innerText(), c.plan === 'refresh' ? 'Refresh placeholder' : 'Register placeholder');
      await button().click();
      const dialog = await hub.locator('.kpg-confirm').innerText();
      assert.match(dialog, new RegExp(`${c.plan === 'refresh' ? 'Refresh' : 'Register a'} placeholder .*in pool ${c.pool}\\?`));
      assert.deepEqual(agentsOf(harness.sandbox.org('demo'), c.pool), agents, 'nothing changes before the confirmation');
      await hub.locator(id('kpg-confirm-ok')).click();
      await hub
        .locator(`[data-notice="success"] [data-finding="${c.plan === 'refresh' ? 'placeholderRefreshed' : 'placeholderRegistered'}"]`)
        .waitFor();
      await hub.locator(`[data-pool-panel] .kpg-summary [data-verdict="${c.verdict}"]`).waitFor();
      await hub.locator('[data-pool-panel] [data-plan="nothing"]').waitFor();
      assert.equal(await button().isDisabled(), true, 'nothing left to repair');
      assert.notEqual(writes().length, 0);
    });
  }

  it('refreshes in place: the same agent, its new version, a stand-in named in the confirmation, gone afterwards', async () => {
    // The outdated placeholder was refreshed above; make it outdated again, as an agent left for a year is.
    const org = harness.sandbox.org('demo');
    const pool = org.findPoolByName('keda-old-placeholder')!;
    const placeholder = org.findAgentByName(pool.id, 'keda-placeholder')!;
    org.updateAgent(pool.id, placeholder.id, { version: '2.210.1' });
    await hub.getByRole('button', { name: 'Refresh', exact: true }).click();
    await waitForList(hub, DEMO_POOLS.length);
    await openPool('keda-old-placeholder');
    await hub.locator('[data-pool-panel] [data-plan="refresh"]').waitFor();
    await button().click();
    const dialog = await hub.locator('.kpg-confirm').innerText();
    assert.match(dialog, /agent version 2\.210\.1 becomes 4\.248\.0/);
    assert.match(dialog, /Its agent version is below the jobs’ minimum/);
    assert.match(dialog, /keda-placeholder-refreshing stands in for the jobs/);
    await hub.locator(id('kpg-confirm-ok')).click();
    await hub.locator('[data-notice="success"] [data-finding="placeholderRefreshed"]').waitFor();
    assert.deepEqual(
      org.listAgents(pool.id).map((agent) => [agent.id, agent.name, agent.version]),
      [[placeholder.id, 'keda-placeholder', '4.248.0']],
    );
  });
});
