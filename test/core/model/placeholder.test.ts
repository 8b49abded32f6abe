import { strict as assert } from 'node:assert';
import { classificationRules, classifyAgents, DEFAULT_CLASSIFICATION_RULES, type ClassificationRules } from '../../../core/model/classify';
import { parseDemands, withImplicitAgentVersion } from '../../../core/model/demands';
import { capabilitiesLacking, draftPlaceholder } from '../../../core/model/placeholder';
import type { Capabilities, PoolSnapshot } from '../../../core/model/types';
import { hoursAgo, kedaAgent, minutesAgo, placeholderAgent, snapshotOf, staticAgent } from './fixtures';

/** The placeholder drafted for a pool as it is, with the task's settings. */
function proposePlaceholder(
  snapshot: PoolSnapshot,
  options: { name?: string; demands: string[]; minAgentVersion?: string; userCapabilities?: Capabilities; rules?: ClassificationRules },
) {
  const rules = options.rules ?? DEFAULT_CLASSIFICATION_RULES;
  const classified = classifyAgents(snapshot.agents, rules, { now: snapshot.takenAt });
  const demands = withImplicitAgentVersion(parseDemands(options.demands), options.minAgentVersion);
  return draftPlaceholder(classified, demands, rules, options);
}

describe('placeholder: what repair registers', () => {
  const older = kedaAgent(
    'linux-sj-bcdfg-hjklm',
    { createdOn: hoursAgo(5), version: '3.239.0' },
    { 'Agent.Version': '3.239.0', oldtool: 'x' },
  );
  const newest = kedaAgent('linux-sj-npqrs-tvwxz', { createdOn: minutesAgo(5) }, { jdk: '/opt/jdk' });
  const snapshot = snapshotOf([older, newest, staticAgent('vm-1', { createdOn: minutesAgo(1) })]);

  it('copies the newest KEDA agent, minus what names its pod, and marks itself', () => {
    const proposal = proposePlaceholder(snapshot, { demands: ['helm', 'jdk'] });
    assert.equal(proposal.name, 'linux-sj-template');
    assert.equal(proposal.basedOn, 'linux-sj-npqrs-tvwxz');
    assert.equal(proposal.version, '3.240.1');
    assert.deepEqual(proposal.systemCapabilities, {
      'Agent.Name': 'linux-sj-template',
      'Agent.Version': '3.240.1',
      'Agent.OS': 'Linux',
      KUBERNETES_SERVICE_HOST: '10.0.0.1',
      KUBERNETES_PORT_443_TCP: 'tcp://10.0.0.1:443',
      REDIS_SERVICE_HOST: '10.0.0.9',
      helm: '/usr/local/bin/helm',
      kubectl: '/usr/local/bin/kubectl',
      jdk: '/opt/jdk',
    });
    assert.deepEqual(proposal.userCapabilities, { 'KedaPoolGuard.Placeholder': 'true' });
    assert.deepEqual(proposal.unmetDemands, []);
  });

  it('raises its version to the jobs’ minimum', () => {
    const proposal = proposePlaceholder(snapshot, { name: 'p', demands: [], minAgentVersion: '4.250.0' });
    assert.equal(proposal.version, '4.250.0');
    assert.equal(proposal.systemCapabilities['Agent.Version'], '4.250.0');
  });

  it('uses KEDA’s parent when the rules name one', () => {
    const proposal = proposePlaceholder(snapshot, { demands: [], rules: classificationRules({ placeholderName: 'linux-keda-template' }) });
    assert.equal(proposal.name, 'linux-keda-template');
    assert.equal(proposal.systemCapabilities['Agent.Name'], 'linux-keda-template');
  });

  it('does not claim what the KEDA agents lack, and says so', () => {
    const proposal = proposePlaceholder(snapshot, { name: 'p', demands: ['gpu', 'Agent.OS -equals Windows_NT', 'helm'] });
    assert.deepEqual(proposal.unmetDemands, ['gpu', 'Agent.OS -equals Windows_NT']);
    assert.equal(proposal.userCapabilities.gpu, undefined);
  });

  it('claims them when the caller vouches for them as user capabilities', () => {
    const proposal = proposePlaceholder(snapshot, { name: 'p', demands: ['gpu'], userCapabilities: { gpu: 'nvidia' } });
    assert.deepEqual(proposal.unmetDemands, []);
    assert.deepEqual(proposal.userCapabilities, { gpu: 'nvidia', 'KedaPoolGuard.Placeholder': 'true' });
  });

  it('claims every demand in a pool where no KEDA agent was ever seen, except conflicting ones', () => {
    const proposal = proposePlaceholder(snapshotOf([]), {
      demands: ['helm', 'java -equals 17', 'java -equals 21', 'node -gtVersion 20.0'],
    });
    assert.equal(proposal.name, 'kedapoolguard-placeholder');
    assert.equal(proposal.basedOn, undefined);
    assert.equal(proposal.version, '3.232.1');
    assert.deepEqual(proposal.systemCapabilities, { 'Agent.Name': 'kedapoolguard-placeholder', 'Agent.Version': '3.232.1' });
    assert.deepEqual(proposal.userCapabilities, { 'KedaPoolGuard.Placeholder': 'true', helm: 'true', java: '17', node: '20.0' });
    assert.deepEqual(proposal.unmetDemands, ['java -equals 21']);
  });
});

describe('placeholder: drift', () => {
  it('reports capabilities the KEDA agents have and the placeholder lacks, ignoring per-pod and cluster ones', () => {
    const reference = kedaAgent(
      'linux-sj-npqrs-tvwxz',
      {},
      {
        jdk: '/opt/jdk',
        COMPUTERNAME: 'LINUX-SJ',
        AZP_AGENT_NAME: 'linux-sj-npqrs-tvwxz',
        KUBERNETES_SERVICE_PORT_HTTPS: '443',
        API_PORT_8080_TCP_ADDR: '10.0.0.3',
        API_SERVICE_PORT: '8080',
      },
    );
    const placeholder = placeholderAgent('linux-template', {
      systemCapabilities: {
        'Agent.Name': 'linux-template',
        'Agent.Version': '3.240.1',
        'Agent.OS': 'Linux',
        kubectl: '/usr/local/bin/kubectl',
      },
      userCapabilities: { Helm: 'added by hand' },
    });
    assert.deepEqual(capabilitiesLacking(placeholder, reference), ['jdk']);
  });
});
