/**
 * The hub's pasted manifest, in Node: which of its triggers poll the pool on the page, what the page says
 * about the others, and the input it refuses with a sentence rather than a crash.
 */
import assert from 'node:assert/strict';
import type { Pool } from '../../core/model/types';
import { parseManifestText } from '../../hub/src/model/manifest-yaml';
import { manifestOutcome, parseManifest, type ManifestContext, type PastedManifest } from '../../hub/src/model/keda-manifest';
import { text } from '../../hub/src/model/text';
// The KEDA tab's sentences, which the tab registers when it loads.
import '../../hub/src/keda-messages';

const POOL: Pool = { id: 10, name: 'keda-ready', isHosted: false, poolType: 'automation' };
const ORG = 'https://dev.azure.com/contoso';
const request = (requestId: number, demands: string[]) => ({ requestId, demands, queueTime: new Date() });
const CONTEXT: ManifestContext = {
  pool: POOL,
  requests: [1, 2, 3, 4, 5].map((n) => request(n, ['kubectl'])),
  organizationUrl: ORG,
  version: '2.21',
  runningJobs: '',
  pendingJobs: '',
};

/** A ScaledJob whose triggers take their credentials from `azp-auth` (not in the file), or the TriggerAuthentication named after `|`. */
function scaledJob(name: string, triggers: string[], extra = ''): string {
  return [
    'apiVersion: keda.sh/v1alpha1',
    'kind: ScaledJob',
    `metadata: { name: ${name} }`,
    'spec:',
    '  jobTargetRef: { template: { spec: { containers: [{ name: agent, image: azp }] } } }',
    '  maxReplicaCount: 10',
    ...(extra ? [extra] : []),
    '  triggers:',
    ...triggers.map((trigger) => {
      const [metadata, auth = 'azp-auth'] = trigger.split('|');
      return `    - { type: azure-pipelines, metadata: { ${metadata} }, authenticationRef: { name: ${auth} } }`;
    }),
  ].join('\n');
}

function outcome(yaml: string, context: Partial<ManifestContext> = {}): PastedManifest {
  const parsed = parseManifest(yaml, parseManifestText);
  assert.ok(parsed.ok, 'the YAML parses');
  return manifestOutcome(parsed.documents, { ...CONTEXT, ...context });
}

function read(result: PastedManifest) {
  assert.equal(result.kind, 'read', result.kind === 'invalid' ? text(result.message.key, result.message.params) : '');
  return result;
}

describe('hub model: a pasted manifest', () => {
  it('counts the trigger on this pool and decides as keda -f does: 5 queued, target 2, max 10, 1 running → 2 Jobs', () => {
    const result = read(outcome(scaledJob('azp', ['poolName: KEDA-Ready, targetPipelinesQueueLength: "2"']), { runningJobs: '1' }));
    const [scaler] = result.scalers;
    assert.equal(result.onThisPool, 1);
    assert.equal(scaler.triggers[0].kind, 'counted', 'Azure DevOps matches the pool name without regard to case');
    assert.equal(scaler.decision?.kind, 'jobs');
    assert.equal(scaler.decision?.kind === 'jobs' && scaler.decision.view.decision.jobsToCreate, 2);
  });

  it('names a trigger polling another pool, id or organization, and shows no decision computed without it', () => {
    const result = read(
      outcome(
        scaledJob('azp', ['poolName: keda-ready', 'poolName: static-linux', 'poolID: "11"', 'poolName: keda-ready|fabrikam-auth']) +
          '\n---\napiVersion: keda.sh/v1alpha1\nkind: TriggerAuthentication\nmetadata: { name: fabrikam-auth }\nspec:\n  secretTargetRef:\n' +
          '    - { parameter: organizationURL, name: fabrikam, key: url }\n' +
          '    - { parameter: personalAccessToken, name: fabrikam, key: pat }\n' +
          '---\napiVersion: v1\nkind: Secret\nmetadata: { name: fabrikam }\nstringData: { url: "https://dev.azure.com/fabrikam", pat: fabrikam-token }\n',
      ),
    );
    const [scaler] = result.scalers;
    assert.deepEqual(
      scaler.triggers.map((trigger) => trigger.kind),
      ['counted', 'elsewhere', 'elsewhere', 'elsewhere'],
    );
    const messages = scaler.triggers.flatMap((trigger) =>
      trigger.kind === 'elsewhere' ? [text(trigger.message.key, trigger.message.params)] : [],
    );
    assert.match(messages[0], /^Trigger 1 of `azp` polls pool `static-linux`, not `keda-ready`/);
    assert.match(messages[1], /^Trigger 2 of `azp` polls the pool with id 11, not `keda-ready` \(id 10\)/);
    assert.match(
      messages[2],
      /^Trigger 3 of `azp` polls organization `https:\/\/dev.azure.com\/fabrikam`, not `https:\/\/dev.azure.com\/contoso`/,
    );
    assert.equal(scaler.decision, undefined);
    assert.match(text(scaler.noDecision!.key, scaler.noDecision!.params), /some poll another pool than `keda-ready`/);
  });

  it('counts a trigger whose poolID is this pool (2.17 and later), and names a poolID KEDA 2.16 would look up', () => {
    assert.equal(read(outcome(scaledJob('azp', ['poolID: "10"']))).scalers[0].triggers[0].kind, 'counted');
    const old = read(outcome(scaledJob('azp', ['poolID: "10"']), { version: '2.16.1' })).scalers[0].triggers[0];
    assert.equal(old.kind, 'elsewhere');
    assert.match(
      old.kind === 'elsewhere' ? text(old.message.key, old.message.params) : '',
      /KEDA 2\.16\.1 polls the pool whose id Azure DevOps answers/,
    );
  });

  it('says when no trigger polls this pool', () => {
    assert.equal(read(outcome(scaledJob('azp', ['poolName: other']))).onThisPool, 0);
  });

  it('reads a `kubectl get -o yaml` List, and gives a ScaledObject its replicas', () => {
    const list = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: keda.sh/v1alpha1',
      '    kind: ScaledObject',
      '    metadata: { name: azp-deployment }',
      '    spec:',
      '      scaleTargetRef: { name: azp }',
      '      minReplicaCount: 1',
      '      triggers:',
      '        - type: azure-pipelines',
      '          metadata: { poolName: keda-ready, targetPipelinesQueueLength: "2" }',
      '          authenticationRef: { name: azp-auth }',
    ].join('\n');
    const [scaler] = read(outcome(list)).scalers;
    assert.equal(scaler.decision?.kind === 'replicas' && scaler.decision.view.replicas?.replicas, 3);
  });

  it('refuses what it cannot read with a sentence: empty, not YAML (with its line), bad counts, two ScaledJobs with Jobs, a bad version', () => {
    const refusal = (yaml: string) => {
      const parsed = parseManifest(yaml, parseManifestText);
      assert.ok(!parsed.ok);
      return text(parsed.message.key, parsed.message.params);
    };
    assert.match(refusal('  \n'), /^Paste a ScaledJob or ScaledObject manifest/);
    assert.match(refusal('kind: ScaledJob\nspec:\n  triggers: [\n'), /^The manifest is not valid YAML at line 4, column 1: /);
    const invalid = (result: PastedManifest) => (result.kind === 'invalid' ? text(result.message.key, result.message.params) : result.kind);
    const one = scaledJob('a', ['poolName: keda-ready']);
    assert.match(invalid(outcome(one, { runningJobs: 'two' })), /two/);
    assert.match(invalid(outcome(`${one}\n---\n${scaledJob('b', ['poolName: keda-ready'])}`, { runningJobs: '1' })), /has 2 ScaledJobs/);
    assert.match(invalid(outcome(one, { version: 'latest' })), /latest/);
  });

  it('says a file without a ScaledJob or ScaledObject has none', () => {
    const [scaler] = read(outcome('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n')).scalers;
    assert.deepEqual(
      scaler.plan.findings.map((finding) => finding.code),
      ['manifestNoScaler'],
    );
  });
});
