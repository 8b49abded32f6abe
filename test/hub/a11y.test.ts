/**
 * The hub for keyboard and screen-reader users (issue 21), in the light and the dark theme: axe-core audits
 * every state of the page inside the hub's frame, and a keyboard walk goes from the page load to a pool's
 * panel, each of its tabs, a confirmation and the settings and back with real key presses, checking at
 * every stop that focus is visible.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { audit, describeViolations } from '../support/axe';
import { DEMO_POOLS } from '../support/demo-pools';
import { statusIconContrast } from '../support/contrast';
import { startHubHarness, waitForList, type HubHarness } from '../support/hub-browser';
import {
  cycleFrom,
  focusControl,
  focusedControl,
  focusIndication,
  pressEach,
  tabbableControls,
  TOP_LAYER,
  type Control,
} from '../support/keyboard';

/** How many demo pools have the verdict: the verdict switches say it. */
const countOf = (verdict: string) => DEMO_POOLS.filter((pool) => pool.verdict === verdict).length;
const SCREENSHOTS = path.join(__dirname, '..', '..', 'test-artifacts', 'screenshots');
const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number];
const TABS = ['findings', 'agents', 'jobs', 'keda', 'scaling', 'check', 'settings'] as const;
type TabId = (typeof TABS)[number];

/** The rules the audit of issue 21 found broken: none may come back, whatever impact axe gives them. */
const ISSUE_RULES = new Set(['aria-required-attr', 'aria-allowed-attr', 'color-contrast', 'landmark-one-main', 'region', 'heading-order']);

/** azure-devops-ui prefixes the ids it is given, so that they cannot clash with the portal's. */
const id = (name: string) => `[id="__bolt-${name}"]`;

describe('hub: keyboard and screen-reader use', function () {
  this.timeout(300_000);
  let harness: HubHarness;
  let page: Page;
  let hub: Frame;

  before(async () => {
    harness = await startHubHarness({ scenario: 'demo', viewport: { width: 1366, height: 768 } });
    page = await harness.browser.newPage();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(() => harness?.stop());

  async function load(theme: Theme): Promise<void> {
    hub = await harness.open(page, { org: 'demo', project: 'demo', theme });
    await waitForList(hub, DEMO_POOLS.length);
  }

  const poolName = (pool: string) =>
    hub.locator(`[data-pool="${pool}"][data-field="pool"]`).getByRole('button', { name: pool, exact: true });
  const layers = () => hub.locator(TOP_LAYER).count();
  const shoot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, name), animations: 'disabled' });

  /**
   * What would stop a screen-reader or keyboard user: axe's serious and critical findings and the rules of
   * issue 21; and status icons under WCAG's 3:1 for non-text contrast, which axe does not measure.
   */
  async function assertAccessible(state: string): Promise<void> {
    const blocking = (await audit(hub)).filter((v) => v.impact === 'serious' || v.impact === 'critical' || ISSUE_RULES.has(v.rule));
    assert.deepEqual(blocking, [], `${state}:\n${describeViolations(blocking)}`);
    const faint = (await statusIconContrast(hub)).filter(({ ratio }) => ratio < 3);
    assert.deepEqual(faint, [], `${state}: status icons under 3:1 against their background`);
  }

  async function selectTab(tab: TabId): Promise<void> {
    await hub.locator(id(`tab-${tab}`)).click();
    await tabShown(tab);
  }

  /**
   * The tab's panel, done loading: the Scaling tab reads the day's job requests before it shows them, the
   * pool check the queue's checks.
   */
  async function tabShown(tab: TabId): Promise<void> {
    await hub.locator(`[role="tabpanel"][data-tab="${tab}"]:not(:has([data-pool-check="loading"]))`).waitFor();
    if (tab === 'scaling') await hub.locator('[data-scaling]').waitFor();
  }

  /** Escape closes the topmost panel or dialog, and focus lands on a control again. */
  async function escape(where: string): Promise<void> {
    const before = await layers();
    await page.keyboard.press('Escape');
    await hub
      .waitForFunction((count) => document.querySelectorAll('[role="dialog"]').length < count, before)
      .catch(() => assert.fail(`${where}: Escape left the panel or dialog open`));
    // azure-devops-ui gives focus back once the layer is gone, on a later turn of the page's event loop.
    await hub
      .waitForFunction(() => document.activeElement !== null && document.activeElement !== document.body)
      .catch(() => assert.fail(`${where}: after Escape nothing has focus`));
  }

  /** The focused control shows an indication about as long as a ring around it. */
  async function assertFocusVisible(where: string): Promise<void> {
    const { changed, ring } = await focusIndication(page, hub);
    assert.ok(
      changed >= ring / 2,
      `${where}: focus on ${await focusedControl(hub)} changes ${changed} pixels; a ring around it has ${ring}`,
    );
  }

  /** Presses Tab `presses` times, checking each time that the focus shows; returns what got focus. */
  async function tabShowingFocus(presses: number, where: string, scope?: string): Promise<Control[]> {
    const visited: Control[] = [];
    for (let press = 0; press < presses; press++) {
      visited.push(...(await pressEach(page, hub, 1, scope)));
      await assertFocusVisible(`${where}, ${visited.at(-1)}`);
    }
    return visited;
  }

  /**
   * Tab goes through every control of the topmost panel or dialog in order, each visibly focused, and comes
   * back to where it started; Shift+Tab goes the same way back. Returns the controls.
   */
  async function assertTabCycle(where: string): Promise<Control[]> {
    const controls = await tabbableControls(hub, TOP_LAYER);
    const start = await focusedControl(hub, TOP_LAYER);
    // From the panel's own start (not a control), the first Tab reaches its first control.
    const forward = controls.includes(start) ? cycleFrom(controls, start) : [...controls, controls[0]];
    const visited = await tabShowingFocus(forward.length, where, TOP_LAYER);
    assert.deepEqual(visited, forward, `${where}: Tab visits every control once and comes back`);
    const back = await pressEach(page, hub, controls.length, TOP_LAYER, 'Shift+Tab');
    assert.deepEqual(back, cycleFrom([...controls].reverse(), visited.at(-1)!), `${where}: Shift+Tab goes back the same way`);
    return controls;
  }

  /**
   * Escape from a control of each kind (a button, a tab, a field, a checkbox...) in a panel or dialog closes it
   * and gives focus back to the control that opened it; `open` opens it again (by keyboard) for the next one.
   * Kinds already tried in `tried` (shared by a panel's tabs) are skipped: the key is handled once for the layer.
   */
  async function assertEscapeFromEachKind(
    where: string,
    open: () => Promise<void>,
    opener: Control,
    tried = new Set<string>(),
  ): Promise<void> {
    const controls = await tabbableControls(hub, TOP_LAYER);
    const kind = (control: Control) => control.split('|').slice(0, 2).join('|');
    const indexes: number[] = [];
    controls.forEach((control, index) => {
      if (tried.has(kind(control))) return;
      tried.add(kind(control));
      indexes.push(index);
    });
    for (const [turn, index] of indexes.entries()) {
      if (turn > 0) await open();
      const control = await focusControl(hub, TOP_LAYER, index);
      const before = await layers();
      await escape(`${where}, ${control}`);
      assert.equal(await layers(), before - 1, `${where}: Escape from ${control} closes only the topmost layer`);
      assert.equal(await focusedControl(hub), opener, `${where}: Escape from ${control} gives focus back to ${opener}`);
    }
    if (indexes.length === 0) await escape(where);
  }

  /** The pool's panel once its actions are settled: while the user's role is being checked, they are off. */
  const panelReady = (pool: string) => hub.locator(`[data-pool-panel="${pool}"]:not([data-permission="checking"])`).waitFor();

  /** The pool's panel, opened by keyboard from its name, on a tab chosen by keyboard. */
  async function openByKeyboard(pool: string, tab: TabId): Promise<void> {
    await poolName(pool).focus();
    await page.keyboard.press('Enter');
    await panelReady(pool);
    await hub.locator(id(`tab-${tab}`)).focus();
    await page.keyboard.press('Enter');
    await tabShown(tab);
  }

  for (const theme of THEMES) {
    describe(`in the ${theme} theme`, () => {
      it('has no serious or critical axe violation in any state: the list, each tab of a pool, the settings, each confirmation', async () => {
        await load(theme);
        await assertAccessible('the list');
        // A row reads the pool's name (a button), then its verdict once, then the reason.
        const row = await hub
          .getByRole('row')
          .filter({ has: poolName('keda-empty') })
          .ariaSnapshot();
        assert.match(row, /button "keda-empty"/);
        assert.match(row, /^- row "keda-empty KEDA-scaled blocked Agent pool keda-empty has no registered agent/, row);
        await hub.locator('[data-verdict-toggle="blocked"]').click();
        await hub.locator('[role="switch"][aria-checked="true"]').waitFor();
        await assertAccessible('the list with a verdict switch on');
        await hub.locator('[data-verdict-toggle="blocked"]').click();

        // keda-leftovers offers every action (register, clean up, disable); keda-ready has jobs to list and count.
        for (const [pool, tabs] of [
          ['keda-leftovers', TABS],
          ['keda-ready', ['jobs', 'keda']],
        ] as const) {
          await poolName(pool).click();
          await panelReady(pool);
          for (const tab of tabs) {
            await selectTab(tab);
            await assertAccessible(`pool ${pool}, tab ${tab}`);
          }
          await escape(`the panel of ${pool}`);
        }

        await poolName('keda-leftovers').click();
        await panelReady('keda-leftovers');
        await hub.locator(id('kpg-register-placeholder')).click();
        await hub.locator('.kpg-confirm').waitFor();
        await assertAccessible('the confirmation to register a placeholder');
        await escape('the confirmation to register a placeholder');
        await hub.locator(id('kpg-sweep')).click();
        await hub.locator('.kpg-confirm [data-action="wouldDelete"]').first().waitFor();
        await hub.locator('.kpg-sweep-kept summary').click();
        await assertAccessible('the confirmation to clean up leftovers, with the kept agents shown');
        await escape('the confirmation to clean up leftovers');
        await selectTab('agents');
        await hub.locator('tr[data-agent]').first().getByRole('button', { name: 'Disable' }).click();
        await hub.locator('.kpg-confirm').waitFor();
        await assertAccessible('the confirmation to disable an agent');
        await escape('the confirmation to disable an agent');
        await escape('the panel of keda-leftovers');

        await hub.getByRole('button', { name: 'Settings', exact: true }).click();
        await hub.locator('[data-settings-panel]').waitFor();
        await assertAccessible('the settings panel');
        await escape('the settings panel');
      });

      it('works by keyboard alone: from the page load to a pool, its tabs, a confirmation and the settings, focus always shown', async () => {
        await load(theme);
        // The first Tab comes from the portal into the frame; its stop shows the ring at once.
        assert.deepEqual(await tabShowingFocus(1, 'the page'), ['button|button|Refresh']);
        await shoot(`keyboard-refresh-${theme}.png`);
        const toolbar = await tabShowingFocus(5, 'the page');
        assert.deepEqual(toolbar, [
          'button|button|Settings',
          'input||Filter by pool name',
          `button|switch|blocked: ${countOf('blocked')}`,
          `button|switch|at risk: ${countOf('atRisk')}`,
          `button|switch|ready: ${countOf('ready')}`,
        ]);

        // Space and Enter toggle a verdict switch, and the list follows.
        const readySwitch = hub.getByRole('switch', { name: `ready: ${countOf('ready')}` });
        await page.keyboard.press('Space');
        assert.equal(await readySwitch.getAttribute('aria-checked'), 'true');
        assert.equal(await hub.locator('[data-field="pool"]').count(), countOf('ready'), 'only the ready pools are listed');
        await shoot(`keyboard-switch-${theme}.png`);
        await page.keyboard.press('Enter');
        assert.equal(await readySwitch.getAttribute('aria-checked'), 'false');
        assert.equal(await hub.locator('[data-field="pool"]').count(), DEMO_POOLS.length);

        // The sortable column headers, then every pool by its name, each visibly focused.
        const rest = await tabShowingFocus((await tabbableControls(hub, '[role="main"]')).length - toolbar.length - 1, 'the page');
        const headers = rest.filter((control) => control.startsWith('th|columnheader|'));
        assert.ok(headers.length > 0, 'the columns sort by keyboard');
        const pools = await hub.locator('[data-field="pool"]').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-pool')));
        assert.deepEqual(
          rest.slice(headers.length),
          pools.map((pool) => `button|button|${pool}`),
          'after the headers, Tab reaches each pool by its name',
        );
        await poolName('keda-empty').focus();
        await shoot(`keyboard-pool-${theme}.png`);

        // Enter opens the pool; Tab cycles through its panel; the arrow keys, Home and End move between its tabs.
        await page.keyboard.press('Enter');
        await panelReady('keda-empty');
        const controls = await assertTabCycle('the panel of keda-empty');
        assert.ok(controls.includes('button|button|Close'));
        await hub.locator('[role="tab"][aria-selected="true"]').focus();
        for (const [key, tab] of [
          ['ArrowRight', 'agents'],
          ['End', 'settings'],
          ['ArrowLeft', 'check'],
          ['Home', 'findings'],
          ['ArrowRight', 'agents'],
          ['ArrowRight', 'jobs'],
        ] as const) {
          await page.keyboard.press(key);
          assert.equal(await hub.evaluate(() => document.activeElement?.id), `__bolt-tab-${tab}`, `${key} moves to the ${tab} tab`);
        }
        await page.keyboard.press('Enter');
        const tabPanel = hub.locator('[role="tabpanel"]');
        assert.equal(await tabPanel.getAttribute('data-tab'), 'jobs');
        assert.equal(await tabPanel.getAttribute('aria-labelledby'), '__bolt-tab-jobs', 'the tab panel is named by its tab');
        await assertFocusVisible('the Jobs tab');
        await shoot(`keyboard-tabs-${theme}.png`);
        for (const tab of TABS) {
          await hub.locator(id(`tab-${tab}`)).focus();
          await page.keyboard.press('Enter');
          await tabShown(tab);
          await assertTabCycle(`the ${tab} tab of keda-empty`);
        }
        await escape('the panel of keda-empty');

        // Escape from any control of the panel, on any tab, closes it and returns to the pool's name.
        const tried = new Set<string>();
        for (const tab of TABS) {
          const open = () => openByKeyboard('keda-empty', tab);
          await open();
          await assertEscapeFromEachKind(`the ${tab} tab of keda-empty`, open, 'button|button|keda-empty', tried);
        }
        assert.ok(
          ['button|button', 'div|tab', 'div|tabpanel', 'input|', 'textarea|', 'div|checkbox'].every((kind) => tried.has(kind)),
          [...tried].join(', '),
        );

        // A confirmation keeps Tab inside; Escape closes it alone and returns to the button that opened it.
        await openByKeyboard('keda-empty', 'findings');
        const openConfirmation = async () => {
          await hub.locator(id('kpg-register-placeholder')).focus();
          await page.keyboard.press('Enter');
          await hub.locator('.kpg-confirm').waitFor();
        };
        await openConfirmation();
        await assertTabCycle('the confirmation to register a placeholder');
        await shoot(`keyboard-dialog-${theme}.png`);
        await assertEscapeFromEachKind('the confirmation', openConfirmation, 'button|button|Register placeholder');
        await escape('the panel of keda-empty');
        assert.equal(await focusedControl(hub), 'button|button|keda-empty');

        // The settings panel, the same way.
        const openSettings = async () => {
          await hub.getByRole('button', { name: 'Settings', exact: true }).focus();
          await page.keyboard.press('Enter');
          await hub.locator('[data-settings-panel]').waitFor();
        };
        await openSettings();
        await assertTabCycle('the settings panel');
        await assertEscapeFromEachKind('the settings panel', openSettings, 'button|button|Settings');
      });
    });
  }
});
