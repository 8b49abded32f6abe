import { strict as assert } from 'node:assert';
import { classificationRules, classifyAgents, DEFAULT_CLASSIFICATION_RULES, type AgentKind } from '../../../core/model/classify';
import { renderReason } from '../../../core/model/render';
import type { Agent } from '../../../core/model/types';
import { hoursAgo, kedaAgent, NOW, placeholderAgent, staticAgent } from './fixtures';

function classifyOne(agent: Agent, rules = DEFAULT_CLASSIFICATION_RULES, lastCompletedRequestIncluded = false) {
  const [classified] = classifyAgents([agent], rules, { now: NOW, lastCompletedRequestIncluded });
  return { kind: classified.kind, reasons: classified.reasons.map((reason) => reason.code), classified };
}

describe('classify: agent kinds with reasons', () => {
  const bare = (name: string, extra: Partial<Agent> = {}): Agent => ({
    id: 1,
    name,
    version: '3.240.1',
    enabled: true,
    status: 'offline',
    ...extra,
  });

  const table: { name: string; agent: Agent; kind: AgentKind; reasons: string[] }[] = [
    {
      name: 'KEDA pod name and Kubernetes environment',
      agent: kedaAgent('dotnet60-scaledjob-5dsgc-pkqvm'),
      kind: 'keda',
      reasons: ['podName', 'kubernetesCapability'],
    },
    {
      name: 'KEDA pod name alone (capabilities not read)',
      agent: bare('dotnet60-scaledjob-zgqnp-8h4z4', { status: 'online' }),
      kind: 'keda',
      reasons: ['podName'],
    },
    {
      name: 'Kubernetes environment alone (custom AZP_AGENT_NAME)',
      agent: kedaAgent('builder-42'),
      kind: 'keda',
      reasons: ['kubernetesCapability'],
    },
    {
      name: 'a pod suffix with letters Kubernetes never generates',
      agent: bare('build-agent-00001-aeiou'),
      kind: 'static',
      reasons: ['noKedaEvidence'],
    },
    {
      name: 'KEDA’s template convention',
      agent: placeholderAgent('dotnet60-keda-template'),
      kind: 'placeholder',
      reasons: ['namePattern'],
    },
    { name: 'Container Apps tutorial name', agent: bare('placeholder-agent'), kind: 'placeholder', reasons: ['namePattern'] },
    { name: 'dummy-DoNotDelete', agent: bare('dummy-DoNotDelete'), kind: 'placeholder', reasons: ['namePattern'] },
    { name: 'dontdelete-…', agent: bare('keep-DontDelete-linux'), kind: 'placeholder', reasons: ['namePattern'] },
    {
      name: 'the marker capability, whatever the name',
      agent: bare('linux-sj-bcdfg-hjklm', { userCapabilities: { 'kedapoolguard.placeholder': 'true' } }),
      kind: 'placeholder',
      reasons: ['markerCapability'],
    },
    {
      name: 'a template registered from a KEDA pod is still a placeholder',
      agent: kedaAgent('golang-template', { status: 'offline', statusChangedOn: hoursAgo(24 * 90) }),
      kind: 'placeholder',
      reasons: ['namePattern'],
    },
    {
      name: 'an online placeholder stays a placeholder',
      agent: placeholderAgent('x-template', { status: 'online' }),
      kind: 'placeholder',
      reasons: ['namePattern'],
    },
    { name: 'a VM agent', agent: staticAgent('WinBldBox-3_Service2'), kind: 'static', reasons: ['noKedaEvidence'] },
    {
      name: 'a KEDA agent offline for 3 days',
      agent: kedaAgent('linux-sj-bcdfg-hjklm', {
        status: 'offline',
        statusChangedOn: hoursAgo(72),
        lastCompletedRequest: { requestId: 1, demands: [] },
      }),
      kind: 'stale',
      reasons: ['offlineFor', 'podName', 'kubernetesCapability'],
    },
    {
      name: 'a KEDA agent offline 23 hours is not stale yet',
      agent: kedaAgent('linux-sj-bcdfg-hjklm', { status: 'offline', statusChangedOn: hoursAgo(23) }),
      kind: 'keda',
      reasons: ['podName', 'kubernetesCapability'],
    },
    {
      name: 'stale by createdOn when the status never changed',
      agent: kedaAgent('linux-sj-bcdfg-hjklm', { status: 'offline', statusChangedOn: undefined, createdOn: hoursAgo(30) }),
      kind: 'stale',
      reasons: ['offlineFor', 'podName', 'kubernetesCapability'],
    },
    {
      name: 'an online KEDA agent is never stale',
      agent: kedaAgent('linux-sj-bcdfg-hjklm', { status: 'online', statusChangedOn: hoursAgo(500) }),
      kind: 'keda',
      reasons: ['podName', 'kubernetesCapability'],
    },
  ];
  for (const row of table) {
    it(`${row.name} → ${row.kind}`, () => {
      const { kind, reasons } = classifyOne(row.agent);
      assert.equal(kind, row.kind);
      assert.deepEqual(reasons, row.reasons);
    });
  }

  it('says "offline and never ran a job" only when the last completed request was read', () => {
    const agent = kedaAgent('linux-sj-bcdfg-hjklm', { status: 'offline', statusChangedOn: hoursAgo(50) });
    assert.deepEqual(classifyOne(agent, DEFAULT_CLASSIFICATION_RULES, true).reasons, [
      'offlineFor',
      'neverRanJob',
      'podName',
      'kubernetesCapability',
    ]);
    assert.deepEqual(classifyOne(agent, DEFAULT_CLASSIFICATION_RULES, false).reasons, ['offlineFor', 'podName', 'kubernetesCapability']);
  });

  it('follows per-pool rules: configured name, own patterns, own marker, own threshold', () => {
    const rules = classificationRules({
      placeholderName: 'Java-Seed',
      placeholderPatterns: ['seed-*'],
      markerCapability: 'acme.keep',
      staleAfterHours: 1,
      kedaNamePattern: '^ci-(?<scaledJob>[a-z]+)-\\d+$',
      kubernetesCapabilities: [],
    });
    assert.deepEqual(classifyOne(bare('java-seed'), rules).reasons, ['configuredName']);
    assert.deepEqual(classifyOne(bare('SEED-node'), rules).reasons, ['namePattern']);
    assert.deepEqual(classifyOne(bare('x-template'), rules).kind, 'static');
    assert.deepEqual(classifyOne(bare('vm', { systemCapabilities: { 'ACME.KEEP': '' } }), rules).reasons, ['markerCapability']);
    assert.deepEqual(classifyOne(bare('ci-java-17', { statusChangedOn: hoursAgo(2) }), rules).kind, 'stale');
    assert.deepEqual(classifyOne(kedaAgent('builder-42'), rules).kind, 'static');
  });

  it('renders its reasons for people', () => {
    const stale = classifyOne(
      kedaAgent('dotnet60-scaledjob-5dsgc-pkqvm', { status: 'offline', statusChangedOn: hoursAgo(73) }),
      DEFAULT_CLASSIFICATION_RULES,
      true,
    );
    assert.deepEqual(
      stale.classified.reasons.map((reason) => renderReason(reason, 'text')),
      [
        'offline for 3 days',
        'offline and never ran a job',
        'name matches the Kubernetes pod pattern `<scaledjob>-xxxxx-xxxxx` (ScaledJob `dotnet60-scaledjob`)',
        'has capability `KUBERNETES_SERVICE_HOST`, so it ran in a Kubernetes pod',
      ],
    );
    const placeholder = classifyOne(bare('dummy-DoNotDelete', { userCapabilities: { 'KedaPoolGuard.Placeholder': '1' } }));
    assert.deepEqual(
      placeholder.classified.reasons.map((reason) => renderReason(reason, 'markdown')),
      ['carries the placeholder marker capability `KedaPoolGuard.Placeholder`', 'name matches the placeholder pattern `dummy*`'],
    );
  });
});
