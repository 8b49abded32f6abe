import type { PoolKind } from '../../../core/model/pool-kind';
import { strict as assert } from 'node:assert';
import { ENGLISH } from '../../../core/messages';
import { KEDA_VIEW_MESSAGES } from '../../../core/keda/view-messages';
import { OPTION_MESSAGES } from '../../../core/option-messages';
import type { AgentKind } from '../../../core/model/classify';
import { finding, line, type Verdict } from '../../../core/model/findings';
import { formatDuration, formatMessage, renderFinding } from '../../../core/model/render';
import { evaluatePool, type PlaceholderState } from '../../../core/model/verdict';
import { outsideCode } from '../../support/markdown';
import { hoursAgo, kedaAgent, placeholderAgent, settingsOf, snapshotOf } from './fixtures';

describe('render: templates', () => {
  for (const [key, template] of Object.entries({ ...ENGLISH, ...KEDA_VIEW_MESSAGES, ...OPTION_MESSAGES })) {
    it(`${key} is well formed`, () => {
      for (const [, , kind] of template.matchAll(/\{(\w+)(?::(\w+))?\}/g)) {
        assert.ok(kind === undefined || kind === 'code' || kind === 'duration' || kind === 'seconds', `unknown kind ${kind}`);
      }
      assert.equal((template.match(/`/g) ?? []).length % 2, 0, 'unbalanced backticks');
      // A parameter inside a template's own code span would be Markdown-escaped into visible backslashes.
      for (const span of template.match(/`[^`]*`/g) ?? []) assert.doesNotMatch(span, /\{\w+(:\w+)?\}/, span);
    });
  }

  it('fills named parameters in any order a translation chooses', () => {
    const german = { 'finding.poolEmpty': 'Im Pool {pool:code} ist kein Agent registriert.' };
    const empty = finding('poolEmpty', { pool: 'k8s' }, []);
    assert.match(renderFinding(empty, 'text', german), /^Error: Im Pool `k8s` ist kein Agent registriert\.$/m);
    assert.match(renderFinding(empty, 'text'), /^Error: Agent pool `k8s` has no registered agent/m);
  });

  it('shortens long lists', () => {
    const names = Array.from({ length: 13 }, (_, i) => `a${i}`);
    assert.match(
      formatMessage('finding.placeholderOnline', { placeholders: names }, 'text'),
      /^Placeholder `a0`, (`a\d+`, ){8}`a9` and 3 more is online/,
    );
  });

  const durations: [number, string][] = [
    [10_000, 'less than a minute'],
    [60_000, '1 minute'],
    [119 * 60_000, '119 minutes'],
    [2 * 3_600_000, '2 hours'],
    [47.9 * 3_600_000, '47 hours'],
    [72 * 3_600_000, '3 days'],
  ];
  for (const [ms, words] of durations) it(`says ${words}`, () => assert.equal(formatDuration(ms), words));

  it('renders a finding as text: summary, why, evidence, numbered fixes with indented commands', () => {
    const f = finding(
      'placeholderOnline',
      { placeholders: ['t'] },
      [line('fix.stopPlaceholder', { placeholders: ['t'], pool: 'p' }, { language: 'sh', text: 'kubectl scale deploy/t --replicas=0' })],
      [line('detail.agentUnmet', { agent: 'x', unmet: ['helm'] })],
    );
    assert.deepEqual(
      renderFinding(f, 'text')
        .split('\n')
        .map((row) => row.slice(0, 18)),
      ['Warning: Placehold', 'Why: A placeholder', '  - Agent `x` fail', 'Fix:', '  1. Stop the agen', '     kubectl scale'],
    );
  });
});

describe('render: hostile names stay inert', () => {
  const hostilePool = 'pool](https://evil.example)<img src=x onerror=alert(1)>\n##vso[task.setvariable variable=x]1';
  const hostileAgent = 'a`b``c<script>x</script>![i](https://evil.example/p.png)';
  const hostileDemand = 'tool|`x`|<b>*bold*</b>';
  const report = evaluatePool(
    snapshotOf(
      [
        kedaAgent(hostileAgent),
        placeholderAgent(`${hostileAgent}-template`, { status: 'online' }),
        ...Array.from({ length: 12 }, (_, i) =>
          kedaAgent(`linux-sj-bcdfg-${'bcdfghjklmnp'[i]}bbbb`, { status: 'offline', statusChangedOn: hoursAgo(90) }),
        ),
      ],
      [],
      hostilePool,
    ),
    settingsOf({ demands: [hostileDemand] }, { parent: hostileAgent.toUpperCase() }),
  );

  it('produces findings that mention the hostile values', () => {
    assert.deepEqual(report.findings.map((f) => f.code).sort(), [
      'demandsUnsatisfiable',
      'placeholderOnline',
      'placeholderUnmarked',
      'staleAgents',
    ]);
  });

  for (const format of ['markdown', 'text'] as const) {
    it(`keeps every value on its line, with no logging command anywhere in a line, in ${format}`, () => {
      for (const f of report.findings) {
        const rendered = renderFinding(f, format);
        // The agent takes `##vso[` for a command wherever it appears in a line.
        assert.ok(!rendered.split('\n').some((row) => row.includes('##vso[')), rendered);
      }
    });
  }

  it('leaves no link, image or HTML outside code in Markdown', () => {
    for (const f of report.findings) {
      const markup = outsideCode(renderFinding(f, 'markdown'));
      assert.doesNotMatch(markup, /<(img|script|b)\b|\]\(|!\[/i, markup);
    }
  });

  it('quotes hostile names in commands so they stay one YAML scalar or one shell argument', () => {
    const rendered = report.findings.map((f) => renderFinding(f, 'text')).join('\n');
    // The logging command prefix is defused (`##vso\[`, the backslash JSON-escaped in the YAML scalar).
    assert.ok(
      rendered.includes('pools: "pool](https://evil.example)<img src=x onerror=alert(1)> ##vso\\\\[task.setvariable variable=x]1"'),
      rendered,
    );
    const empty = evaluatePool(snapshotOf([], [], "it's $(pwd) `x`"), settingsOf({ kedaScaled: true }));
    const command = empty.findings.map((f) => renderFinding(f, 'text')).join('\n');
    assert.ok(command.includes(`--pool 'it'\\''s $(pwd) \`x\`' --agent`), command);
  });
});

describe('render: model vocabulary', () => {
  it('names every verdict, agent kind and placeholder state', () => {
    const keys = [
      ...(['ready', 'atRisk', 'blocked', 'unknown'] satisfies Verdict[]).map((v) => `verdict.${v}` as const),
      ...(['placeholder', 'keda', 'static', 'stale'] satisfies AgentKind[]).map((k) => `kind.${k}` as const),
      ...(['keda', 'static', 'hosted', 'azureProvisioned'] satisfies PoolKind[]).map((k) => `poolKind.${k}` as const),
      ...(
        ['presentOffline', 'presentOnline', 'disabled', 'missing', 'drifted', 'notApplicable', 'unknown'] satisfies PlaceholderState[]
      ).map((s) => `placeholderState.${s}` as const),
    ];
    for (const key of keys) assert.ok(formatMessage(key, {}, 'text').length > 0, key);
  });
});
