/** The hub's pure modules, in Node: what the page shows is decided here, the components only lay it out. */
import assert from 'node:assert/strict';
import { formatMessage } from '../../core/model/render';
import type { Pool, PoolSnapshot, Queue } from '../../core/model/types';
import { parseInlineMarkdown } from '../../hub/src/model/inline-markdown';
import { triggerCoverage, triggerOutcome } from '../../hub/src/model/keda-view';
import { initialRow, judgedRow, poolsOfQueues, visibleRows, type PoolRow } from '../../hub/src/model/pool-rows';
import { DEFAULT_HUB_SETTINGS, poolSettings, readHubSettings } from '../../hub/src/model/settings';
import { markdown } from '../../hub/src/model/text';

describe('hub model: inline Markdown back to text and code', () => {
  const values = [
    '<img src=x onerror=alert(1)>',
    'a`b``c',
    '`leading',
    'trailing`',
    '  two spaces',
    'back\\slash',
    '**bold** _it_ [l](u)',
    '',
  ];
  for (const value of values) {
    it(`gives back ${JSON.stringify(value)} exactly, as code and as text`, () => {
      const asCode = parseInlineMarkdown(formatMessage('detail.agentUnmet', { agent: value, unmet: ['kubectl'] }, 'markdown'));
      assert.equal(asCode[0].text, 'Agent ');
      assert.deepEqual(asCode[1], { code: true, text: value === '' ? ' ' : value });
      const asText = parseInlineMarkdown(
        formatMessage('finding.serviceFailed.why', {}, 'markdown') + markdown('hub.toggle.done', { agent: 'x', state: value }),
      );
      assert.ok(
        asText
          .filter((s) => !s.code)
          .map((s) => s.text)
          .join('')
          .endsWith(`is now ${value}.`),
      );
    });
  }

  it('keeps an unmatched backtick as text', () => {
    assert.deepEqual(parseInlineMarkdown('a ` b'), [{ code: false, text: 'a ` b' }]);
  });
});

describe('hub model: settings as stored', () => {
  it('falls back to the defaults for anything of the wrong shape', () => {
    assert.deepEqual(readHubSettings(null), DEFAULT_HUB_SETTINGS);
    assert.deepEqual(readHubSettings('nonsense'), DEFAULT_HUB_SETTINGS);
    const read = readHubSettings({
      placeholderName: 'template',
      staleAfterHours: -3,
      placeholderPatterns: [1, 2],
      pools: {
        '10': {
          demands: ['kubectl'],
          minAgentVersion: '4.0.0',
          triggers: [{ name: 'a', kedaVersion: '2.20', metadata: { demands: 'kubectl', bad: 3 } }, { name: '' }],
        },
        notAnId: { demands: ['x'] },
      },
    });
    assert.equal(read.placeholderName, 'template');
    assert.equal(read.staleAfterHours, DEFAULT_HUB_SETTINGS.staleAfterHours);
    assert.deepEqual(read.placeholderPatterns, DEFAULT_HUB_SETTINGS.placeholderPatterns);
    assert.deepEqual(read.pools, {
      '10': {
        demands: ['kubectl'],
        minAgentVersion: '4.0.0',
        triggers: [{ name: 'a', kedaVersion: '2.20', metadata: { demands: 'kubectl' } }],
      },
    });
  });

  it('judges a pool with the settings the task would get', () => {
    const settings = readHubSettings({
      placeholderName: 'tpl',
      markerCapability: 'Marker',
      pools: { '7': { demands: ['helm'], triggers: [] } },
    });
    const judged = poolSettings(settings, 7, 'https://dev.azure.com/contoso');
    assert.deepEqual(
      [judged.demands, judged.rules.placeholderName, judged.rules.markerCapability, judged.organizationUrl],
      [['helm'], 'tpl', 'Marker', 'https://dev.azure.com/contoso'],
    );
    assert.deepEqual(poolSettings(settings, 8, '').demands, [], 'a pool without settings: the implicit agent version only');
  });
});

const pool = (id: number, name: string, isHosted = false): Pool => ({ id, name, isHosted, poolType: 'automation' });
const queue = (id: number, p: Pool): Queue => ({ id, name: `q${id}`, pool: { id: p.id, name: p.name, isHosted: p.isHosted } });

describe('hub model: the pools list', () => {
  it('lists each pool behind the queues once, Microsoft-hosted ones last, with the pool records where readable', () => {
    const [a, b, hosted] = [pool(1, 'b-pool'), pool(2, 'A-pool'), pool(3, 'Azure Pipelines', true)];
    const managed: Pool = { ...pool(2, 'A-pool'), agentCloudId: 7 };
    const listed = poolsOfQueues([queue(1, hosted), queue(2, a), queue(3, b), queue(4, a)], [managed]);
    assert.deepEqual(
      listed.map((p) => p.name),
      ['A-pool', 'b-pool', 'Azure Pipelines'],
    );
    assert.equal(listed[0].agentCloudId, 7, 'the record tells a Managed DevOps Pool apart; a queue’s reference cannot');
  });

  it('filters by name and verdict, sorts, keeps hosted pools last and rows still loading after judged ones', () => {
    const snapshot = (p: Pool, agents: PoolSnapshot['agents']): PoolSnapshot => ({
      pool: p,
      agents,
      jobRequests: [],
      takenAt: new Date('2026-01-01T00:00:00Z'),
    });
    const settings = poolSettings(DEFAULT_HUB_SETTINGS, 0, '');
    const empty = pool(1, 'empty');
    const ready = pool(2, 'ready');
    const placeholder = {
      id: 1,
      name: 'keda-placeholder',
      version: '4.248.0',
      enabled: true,
      status: 'offline' as const,
      userCapabilities: { 'KedaPoolGuard.Placeholder': 'true' },
    };
    const hosted = pool(4, 'hosted', true);
    const rows: PoolRow[] = [
      judgedRow(hosted, snapshot(hosted, []), settings),
      judgedRow(ready, snapshot(ready, [placeholder]), settings),
      initialRow(pool(3, 'loading')),
      judgedRow(empty, snapshot(empty, []), settings),
    ];
    const names = (shown: PoolRow[]) => shown.map((row) => row.pool.name);
    assert.deepEqual(names(visibleRows(rows, { name: '', verdicts: [] }, { key: 'verdict', descending: false })), [
      'empty',
      'ready',
      'loading',
      'hosted',
    ]);
    assert.deepEqual(names(visibleRows(rows, { name: '', verdicts: [] }, { key: 'verdict', descending: true })), [
      'ready',
      'empty',
      'loading',
      'hosted',
    ]);
    assert.deepEqual(names(visibleRows(rows, { name: 'E', verdicts: ['ready'] }, { key: 'name', descending: false })), ['ready', 'hosted']);
  });

  it('reports demands that do not parse on the row, instead of failing the list', () => {
    const p = pool(1, 'p');
    const row = judgedRow(
      p,
      { pool: p, agents: [], jobRequests: [], takenAt: new Date() },
      { ...poolSettings(DEFAULT_HUB_SETTINGS, 1, ''), demands: ['java -like 17'] },
    );
    assert.equal(row.state, 'misconfigured');
    assert.match(row.state === 'misconfigured' ? row.problem : '', /Demand `java -like 17` is not valid/);
  });
});

describe('hub model: the KEDA view', () => {
  const p = pool(10, 'keda');
  const request = (requestId: number, demands: string[]) => ({
    requestId,
    demands: [...demands, 'Agent.Version -gtVersion 3.232.1'],
    queueTime: new Date(),
  });
  const requests = [request(1, ['kubectl']), request(2, ['kubectl', 'helm'])];
  const trigger = (metadata: Record<string, string>, kedaVersion = '2.21') => ({ name: 'sj', metadata, kedaVersion });

  it('counts with this pool as poolName', () => {
    const outcome = triggerOutcome(p, trigger({ demands: 'kubectl' }), requests, 'https://dev.azure.com/contoso');
    assert.equal(outcome.kind, 'counted');
    if (outcome.kind !== 'counted') return;
    assert.equal(outcome.view.queueLength, 1);
    assert.equal(outcome.view.url, 'https://dev.azure.com/contoso/_apis/distributedtask/pools/10/jobrequests?$top=250');
  });

  it('says why KEDA would refuse the trigger, or why the version is not understood', () => {
    const rejected = triggerOutcome(p, trigger({ parent: 'x', jobsToFetch: '10' }), requests, '');
    assert.equal(rejected.kind === 'rejected' && rejected.errors[0].code, 'bothJobsToFetchAndParent');
    const unusable = triggerOutcome(p, trigger({}, 'latest'), requests, '');
    assert.equal(unusable.kind === 'unusable' && unusable.message.key, 'keda.usage.versionUnreadable');
  });

  it('finds the waiting jobs no saved trigger counts', () => {
    const coverage = triggerCoverage(p, [trigger({ demands: 'kubectl,helm', requireAllDemands: 'true' })], requests, '');
    assert.deepEqual(
      coverage.uncounted.map((u) => u.request.requestId),
      [1],
    );
    assert.deepEqual(
      coverage.findings.map((f) => f.code),
      ['jobsNoTriggerCounts'],
    );
  });
});
