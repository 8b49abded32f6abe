/**
 * "Guard this pool before every stage" in the hub, in headless Chromium against the sandbox's `demo`
 * organization: the pool check of the project's queue, installed and removed by a pool Administrator
 * through the checks REST API, shown to a Reader, and not offered where Azure provides the agents.
 */
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { DEMO_POOLS } from '../support/demo-pools';
import { startHubHarness, waitForList, type HubHarness } from '../support/hub-browser';

const id = (name: string) => `[id="__bolt-${name}"]`;

describe('hub: guard a pool before every stage', function () {
  this.timeout(60_000);
  let harness: HubHarness;
  let page: Page;
  let hub: Frame;

  before(async () => {
    harness = await startHubHarness({ scenario: 'demo' });
    page = await harness.browser.newPage();
  });
  after(() => harness?.stop());

  async function openCheckTab(pool: string, token?: string): Promise<Frame> {
    hub = await harness.open(page, { org: 'demo', project: 'demo', ...(token ? { token } : {}) });
    await waitForList(hub, DEMO_POOLS.length);
    await hub.locator(`[data-pool="${pool}"][data-field="pool"]`).click();
    await hub.locator(`[data-pool-panel="${pool}"]`).waitFor();
    await hub.locator(id('tab-check')).click();
    return hub;
  }

  const checksOn = (pool: string) => {
    const org = harness.sandbox.org('demo');
    const project = org.findProject('demo')!;
    const queue = project.queues.find((candidate) => candidate.name === pool)!;
    return org.checks.on(project.id, 'queue', String(queue.id));
  };

  it('installs the check on the queue for an Administrator, after a confirmation, and removes it again', async () => {
    await openCheckTab('keda-empty');
    const section = hub.locator('.kpg-pool-check');
    await hub.locator('[data-pool-check="shown"]').waitFor();
    assert.match(await section.innerText(), /Queue keda-empty of project demo has no KEDA Pool Guard check\./);
    await section.getByText('Or guard the pipeline itself, without a check').click();
    assert.match(
      await section.locator('.kpg-pool-check-gate pre').innerText(),
      /^- job: kedaPoolGate\n {2}pool: server\n/,
      'the agentless gate, as the other way',
    );

    await hub.locator(id('kpg-pool-check-connection')).fill('azure-devops-pools');
    await hub.locator(id('kpg-pool-check-install')).click();
    assert.match(
      await hub.locator('.kpg-confirm').innerText(),
      /until an agent is registered in it\. The check calls with the connection azure-devops-pools/,
    );
    await hub.locator(id('kpg-confirm-ok')).click();
    await hub.locator('.kpg-pool-check-done').waitFor();
    assert.match(
      await hub.locator('.kpg-pool-check-done').innerText(),
      /^Installed the check KEDA Pool Guard: pool keda-empty has a registered agent on queue keda-empty/,
    );
    const [check] = checksOn('keda-empty');
    assert.equal(check.settings.inputs.connectedServiceName, 'azure-devops-pools');
    assert.equal(
      check.settings.inputs.urlSuffix,
      `/_apis/distributedtask/pools/${harness.sandbox.org('demo').findPoolByName('keda-empty')!.id}/agents?api-version=7.1`,
    );
    assert.match(
      await hub.locator('.kpg-pool-check-state').innerText(),
      /has the check KEDA Pool Guard: pool keda-empty has a registered agent \(id \d+\)/,
    );

    await hub.locator(id('kpg-pool-check-remove')).click();
    await hub.locator(id('kpg-confirm-ok')).click();
    await hub
      .locator('.kpg-pool-check-done')
      .getByText(/^Removed the check/)
      .waitFor();
    assert.deepEqual(checksOn('keda-empty'), []);
  });

  it('says what a missing connection name means, and installs nothing', async () => {
    await openCheckTab('keda-ready');
    await hub.locator('[data-pool-check="shown"]').waitFor();
    await hub.locator(id('kpg-pool-check-install')).click();
    await hub.locator(id('kpg-confirm-ok')).click();
    await hub.locator('[data-pool-check="failed"]').waitFor();
    assert.match(
      await hub.locator('.kpg-pool-check-failure').innerText(),
      /Name the Generic service connection the check calls Azure DevOps with/,
    );
    assert.deepEqual(checksOn('keda-ready'), []);
  });

  it('shows a Reader the check but not the buttons to change it', async () => {
    await openCheckTab('keda-ready', 'demo-reader-token');
    await hub.locator('[data-pool-check="shown"]').waitFor();
    await hub.locator('.kpg-permission-denied').waitFor();
    assert.equal(await hub.locator(id('kpg-pool-check-install')).isDisabled(), true);
  });

  it('offers no check for a pool Azure provides the agents of', async () => {
    await openCheckTab('vmss-linux');
    assert.match(await hub.locator('.kpg-pool-check').innerText(), /^Pool vmss-linux needs no check: it is Azure-provisioned/);
    assert.equal(await hub.locator(id('kpg-pool-check-install')).count(), 0);
  });
});
