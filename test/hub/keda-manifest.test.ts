/**
 * The KEDA tab's pasted manifest in a real browser against the sandbox: the same decision, findings and
 * arithmetic as `keda-pool-guard keda -f` prints for the same manifest against the same pool; a trigger
 * for another pool named rather than counted; bad input answered with a sentence; nothing pasted sent
 * anywhere; and the field, the button and the messages usable by keyboard and screen reader in both themes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { runCli } from '../../cli/main';
import { audit, describeViolations } from '../support/axe';
import { DEMO_POOLS } from '../support/demo-pools';
import { startHubHarness, waitForList, type HubHarness } from '../support/hub-browser';
import { focusedControl } from '../support/keyboard';
import { DEMO } from '../support/tokens';
import { scaledJobYaml } from '../support/scaledjob-yaml';

const id = (name: string) => `[id="__bolt-${name}"]`;
const POOL = 'keda-ready';
/** A name found nowhere but in the pasted text: a request carrying it would carry the manifest. */
const SCALED_JOB = 'azp-agent-pasted';

/** keda-ready's trigger for the kubectl jobs; its TriggerAuthentication lives in the cluster, not in the file. */
const MANIFEST = scaledJobYaml({
  name: SCALED_JOB,
  pool: POOL,
  strategy: 'accurate',
  metadata: '        demands: kubectl',
  authentication: 'pipeline-auth',
});

/** The command line's text with its code spans as the page shows them: as text. */
const plain = (text: string) => text.replace(/`/g, '');

interface CliFinding {
  severity: string;
  message: string;
}

describe('hub: a pasted manifest in the KEDA tab', function () {
  let harness: HubHarness;
  let page: Page;
  let hub: Frame;
  let caFile: string;
  const sent: string[] = [];

  before(async () => {
    harness = await startHubHarness({ scenario: 'demo', viewport: { width: 1366, height: 768 } });
    page = await harness.browser.newPage();
    page.on('request', (request) => sent.push(`${request.method()} ${request.url()} ${request.postData() ?? ''}`));
    caFile = path.join(mkdtempSync(path.join(tmpdir(), 'kpg-manifest-ca-')), 'sandbox.pem');
    writeFileSync(caFile, harness.certificate);
  });
  after(() => harness?.stop());

  async function openKedaTab(theme: 'light' | 'dark' = 'light') {
    hub = await harness.open(page, { org: 'demo', project: 'demo', theme });
    await waitForList(hub, DEMO_POOLS.length);
    await hub.locator(`[data-pool="${POOL}"][data-field="pool"]`).click();
    await hub.locator(`[data-pool-panel="${POOL}"]`).waitFor();
    await hub.locator(id('tab-keda')).click();
    await hub.locator('[role="tabpanel"][data-tab="keda"]').waitFor();
    return hub.locator(`[data-pool-panel="${POOL}"]`);
  }

  async function apply(manifest: string) {
    const panel = hub.locator(`[data-pool-panel="${POOL}"]`);
    await panel.locator(id('kpg-manifest-text')).fill(manifest);
    await panel.locator(id('kpg-manifest-apply')).click();
    await panel.locator('.kpg-manifest-status:not([data-manifest="reading"]):not([data-manifest="idle"])').waitFor();
    return panel.locator('.kpg-manifest');
  }

  async function keda(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['keda', '--org', harness.sandbox.orgUrl('demo'), '--ca-file', caFile, ...args], {
      env: { AZURE_DEVOPS_EXT_PAT: DEMO.readerPat },
      out: (text) => out.push(text),
      err: (text) => err.push(text),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  /** Each finding the list shows, as the command line writes it: `severity: sentence`. */
  const findings = (list: ReturnType<Frame['locator']>) =>
    list.evaluateAll((items) => items.map((item) => `${item.getAttribute('data-severity')}: ${(item as HTMLElement).innerText.trim()}`));
  const asCli = (items: readonly CliFinding[]) => items.map((finding) => `${finding.severity}: ${plain(finding.message)}`);

  it('shows the decision, the arithmetic and the findings keda -f prints for the same manifest and pool', async () => {
    const panel = await openKedaTab();
    await panel.locator(id('kpg-trigger-version')).fill('2.99.0');
    await panel.locator(id('kpg-scaledjob-runningJobs')).fill('1');
    await panel.locator(id('kpg-scaledjob-pendingJobs')).fill('1');
    const before = sent.length;
    const section = await apply(MANIFEST);
    const scaler = section.locator(`.kpg-manifest-scaler[data-scaler="${SCALED_JOB}"]`);
    const decision = scaler.locator('.kpg-keda-decision');
    await decision.waitFor();
    assert.ok(
      sent.slice(before).every((request) => !request.includes(SCALED_JOB)),
      `nothing pasted leaves the page:\n${sent.slice(before).join('\n')}`,
    );

    const file = path.join(path.dirname(caFile), 'scaledjob.yaml');
    writeFileSync(file, MANIFEST);
    const cliArgs = ['-f', file, '--keda-version', '2.99.0', '--running-jobs', '1', '--pending-jobs', '1'];
    const [json, text] = [await keda([...cliArgs, '--json']), await keda(cliArgs)];
    assert.equal(text.code, json.code);
    const report = JSON.parse(json.out) as {
      scalers: {
        findings: CliFinding[];
        triggers: { queueLength: number; findings: CliFinding[]; jobs: { requestId: number; counted: boolean }[] }[];
        decision: { jobsToCreate: number; lines: string[]; findings: CliFinding[] };
      }[];
    };
    const [cli] = report.scalers;
    const [trigger] = cli.triggers;

    // The version newer than modelled, the TriggerAuthentication not in the file: said by both.
    assert.match(text.err, /^Warning: KEDA 2\.99\.0 is newer than/m);
    assert.deepEqual(await findings(section.locator(':scope > .kpg-keda-findings > li')), [
      `warning: ${plain(text.err.split('\n')[0].replace(/^Warning: /, ''))}`,
    ]);
    assert.deepEqual(await findings(scaler.locator(':scope > .kpg-keda-findings > li')), asCli(cli.findings));
    assert.ok(
      cli.findings.some((finding) => finding.message.includes('pipeline-auth')),
      'the unresolved TriggerAuthentication is named',
    );

    // The trigger: its queue, the jobs it counts, what it reveals.
    const counted = scaler.locator('.kpg-manifest-trigger[data-trigger-index="0"] .kpg-keda-result');
    assert.equal(await counted.getAttribute('data-queue-length'), String(trigger.queueLength));
    assert.equal(trigger.queueLength, 3);
    const countedIds = await counted
      .locator('tr[data-counted="true"]')
      .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-request'))));
    assert.deepEqual(
      countedIds,
      trigger.jobs.filter((job) => job.counted).map((job) => job.requestId),
    );
    assert.deepEqual(await findings(counted.locator(':scope > .kpg-keda-findings > li')), asCli(trigger.findings));
    const heading = await scaler.locator('.kpg-manifest-trigger h4').innerText();
    assert.ok(plain(text.out).split('\n').includes(heading), `the trigger's heading ${heading} is the command line's`);

    // The decision: same heading, same arithmetic line by line, same findings, same number.
    assert.equal(await decision.getAttribute('data-jobs-to-create'), String(cli.decision.jobsToCreate));
    const lines = await decision.locator(':scope > ul:not(.kpg-keda-findings) > li').allInnerTexts();
    assert.deepEqual(lines, cli.decision.lines.map(plain));
    assert.match(lines.at(-1)!, /^Jobs to create now: /);
    const printed = plain(text.out).split('\n');
    assert.ok(printed.includes(await decision.locator('p').first().innerText()), 'the heading is the one keda -f prints');
    for (const line of lines) assert.ok(printed.includes(`  ${line}`), `keda -f prints ${line}`);
    assert.deepEqual(await findings(decision.locator('.kpg-keda-findings > li')), asCli(cli.decision.findings));
    assert.match(await section.locator('[role="status"]').innerText(), /Manifest read: 1 azure-pipelines trigger\(s\) poll keda-ready\./);
  });

  it('names a trigger on another pool instead of counting it, and decides nothing without it', async () => {
    await openKedaTab();
    const list = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      ...MANIFEST.replace('        demands: kubectl\n', '')
        .split('\n')
        .map((line, index) => (index === 0 ? `  - ${line}` : `    ${line}`)),
      '        - type: azure-pipelines',
      '          metadata: { poolName: static-linux }',
      '          authenticationRef: { name: pipeline-auth }',
    ].join('\n');
    const section = await apply(list);
    const other = section.locator('.kpg-manifest-trigger[data-trigger-index="1"] [data-keda="elsewhere"]');
    assert.match(
      await other.innerText(),
      /^Trigger 1 of azp-agent-pasted polls pool static-linux, not keda-ready: .*Open the KEDA tab of static-linux/,
    );
    assert.equal(await section.locator('.kpg-manifest-trigger[data-trigger-index="0"] [data-keda="counted"]').count(), 1);
    assert.equal(await section.locator('.kpg-keda-decision').count(), 0);
    assert.match(await section.locator('[data-decision="elsewhere"]').innerText(), /Run keda-pool-guard keda -f on the manifest/);

    await apply(MANIFEST.replace(`poolName: ${POOL}`, 'poolName: static-linux'));
    assert.match(await section.locator('[role="status"]').innerText(), /^None of the manifest’s azure-pipelines triggers polls keda-ready/);
  });

  it('answers bad input with a sentence: nothing pasted, not YAML (with the line), no ScaledJob', async () => {
    await openKedaTab();
    const status = () => hub.locator('.kpg-manifest [role="status"]').innerText();
    await apply('');
    assert.match(await status(), /^Paste a ScaledJob or ScaledObject manifest in the field first\.$/);
    await apply('kind: ScaledJob\nspec:\n  triggers: [\n');
    assert.match(
      await status(),
      /^The manifest is not valid YAML at line 4, column 1: .+\. Correct it as kubectl apply --dry-run=client -f would need it\.$/,
    );
    await apply('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\n');
    assert.match(
      await hub.locator('.kpg-manifest [data-severity="error"]').innerText(),
      /^The file holds no ScaledJob and no ScaledObject/,
    );
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`is usable by keyboard and screen reader in the ${theme} theme: the field, the button, the result and the messages`, async () => {
      const panel = await openKedaTab(theme);
      // The field is found by its role and its label, as a screen reader announces it.
      await hub.getByRole('textbox', { name: 'ScaledJob or ScaledObject manifest (YAML)', exact: true }).focus();
      assert.match(await focusedControl(hub), /^textarea\|/);
      await page.keyboard.insertText(MANIFEST);
      await page.keyboard.press('Tab');
      assert.equal(await focusedControl(hub), 'button|button|Show what KEDA does with it');
      await page.keyboard.press('Enter');
      await panel.locator('.kpg-manifest .kpg-keda-decision').waitFor();
      assert.equal(await panel.locator('.kpg-manifest [role="status"]').getAttribute('data-manifest'), 'parsed');
      const blocking = (state: string) =>
        audit(hub).then((violations) => {
          const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          assert.deepEqual(serious, [], `${state}:\n${describeViolations(serious)}`);
        });
      await blocking('the pasted manifest and its decision');
      await apply('kind: [');
      await blocking('a manifest that is not YAML');
      await apply(MANIFEST.replace(`poolName: ${POOL}`, 'poolName: static-linux'));
      await panel.locator('.kpg-manifest [data-keda="elsewhere"]').waitFor();
      await blocking('a manifest whose trigger polls another pool');
    });
  }
});
