/**
 * `keda-pool-guard keda -f`: a ScaledJob or ScaledObject manifest read as KEDA reads it (its trigger, its
 * TriggerAuthentication and Secret, its scaling strategy), counted against the sandbox's pool, and what
 * KEDA does now, with the arithmetic.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../cli/main';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { Scenario } from '../../sandbox/scenario-types';
import { assertCleanRun } from '../support/clean-output';
import { assertJsonOutputConforms } from '../support/report-schemas';
import { SECRETS } from '../support/tokens';
import { scaledJobYaml } from '../support/scaledjob-yaml';

const PAT = 'k'.repeat(52);
/** What the manifest's Secret holds: another token, which the command never uses nor prints. */
const MANIFEST_PAT = 'm'.repeat(52);

/** Pool 7, `linux-agents`: an offline placeholder and five queued jobs demanding `kubectl`, none taken yet. */
const SCENARIO: Scenario = {
  organizations: [
    {
      name: 'contoso',
      identities: [{ name: 'KEDA operator', pat: PAT, poolRoles: { '*': 'Reader' } }],
      projects: [],
      pools: [
        {
          id: 7,
          name: 'linux-agents',
          createdOn: '-30d',
          agents: [
            {
              id: 70,
              name: 'keda-placeholder',
              version: '4.248.0',
              status: 'offline',
              createdOn: '-2d',
              statusChangedOn: '-2d',
              systemCapabilities: { 'Agent.Version': '4.248.0', kubectl: '/usr/bin/kubectl' },
              userCapabilities: { 'KedaPoolGuard.Placeholder': 'true' },
            },
          ],
          jobRequests: [1, 2, 3, 4, 5].map((n) => ({
            requestId: 700 + n,
            demands: ['kubectl'],
            queueTime: `-${n}m`,
            definitionName: `app-${n}`,
          })),
        },
      ],
    },
  ],
};

interface Run {
  code: number;
  out: string;
  err: string;
}

describe('cli: keda -f, a manifest as KEDA reads it', () => {
  let sandbox: Sandbox;
  let dir: string;
  before(async () => {
    sandbox = await startSandbox({ scenario: SCENARIO });
    dir = mkdtempSync(path.join(tmpdir(), 'kpg-manifest-'));
  });
  after(() => sandbox.stop());

  const org = () => sandbox.orgUrl('contoso');

  async function keda(args: string[], stdin?: string): Promise<Run> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['keda', ...args], {
      env: { AZURE_DEVOPS_EXT_PAT: PAT },
      out: (text) => out.push(text),
      err: (text) => err.push(text),
      stdin: stdin === undefined ? undefined : () => Promise.resolve(stdin),
    });
    const run = { code, out: out.join('\n'), err: err.join('\n') };
    assertCleanRun({ stdout: run.out, stderr: run.err }, [...SECRETS, PAT, MANIFEST_PAT]);
    assertJsonOutputConforms(run.out);
    return run;
  }

  function manifestFile(name: string, text: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  /** A Secret, the TriggerAuthentication reading it, and a ScaledJob whose trigger names both. */
  function scaledJob(spec: { strategy?: string; extra?: string; metadata?: string; auth?: boolean } = {}): string {
    const auth = spec.auth ?? true;
    return [
      ...(auth
        ? [
            `apiVersion: v1\nkind: Secret\nmetadata:\n  name: azp\nstringData:\n  organizationURL: ${org()}\n  personalAccessToken: ${MANIFEST_PAT}\n`,
            'apiVersion: keda.sh/v1alpha1\nkind: TriggerAuthentication\nmetadata:\n  name: azp-auth\nspec:\n  secretTargetRef:\n' +
              '    - { parameter: organizationURL, name: azp, key: organizationURL }\n' +
              '    - { parameter: personalAccessToken, name: azp, key: personalAccessToken }\n',
          ]
        : []),
      scaledJobYaml({
        pool: 'linux-agents',
        strategy: spec.strategy,
        spec: spec.extra,
        metadata: spec.metadata,
        authentication: auth ? 'azp-auth' : undefined,
      }),
    ].join('---\n');
  }

  describe('a ScaledJob with 5 queued jobs, target 2, maximum 10, 1 running Job', () => {
    it('default: 2 Jobs to create, with the arithmetic', async () => {
      const file = manifestFile('default.yaml', scaledJob({ strategy: 'default' }));
      const { code, out, err } = await keda(['-f', file, '--running-jobs', '1']);
      assert.equal(err, '');
      assert.equal(code, 0, out);
      assert.match(out, /^ScaledJob `azp-agent`, trigger 0 \(azure-pipelines\)$/m);
      assert.match(out, /^Pool `linux-agents` \(id 7\) as a KEDA 2\.21 trigger sees it$/m);
      assert.match(out, /^Queue length: 5 \(metric `s0-azure-pipelines-7`\)\.$/m);
      const decision = out.slice(out.indexOf('What KEDA 2.21 does now with ScaledJob `azp-agent`:'));
      assert.deepEqual(decision.split('\n').slice(1, 6), [
        '  maxScale = ceil(min(queue length 5 ÷ target 2, max 10)) = 3.',
        '  scaleTo = ceil(queue length 5) = 5.',
        '  Jobs of this ScaledJob in the cluster: 1 running, 0 of them pending, as given.',
        '  default strategy: maxScale 3 − running 1 = 2.',
        '  Jobs to create now: min(scaleTo 5, 2) = 2.',
      ]);
    });

    it('accurate with 1 pending Job: 2 Jobs to create', async () => {
      const file = manifestFile('accurate.yaml', scaledJob({ strategy: 'accurate' }));
      // 2.20 leaves in-flight jobs out of the count, which is what `accurate` expects (2.21 counts them: a warning).
      const { code, out } = await keda(['-f', file, '--keda-version', '2.20.2', '--running-jobs', '1', '--pending-jobs', '1']);
      assert.equal(code, 0, out);
      assert.match(
        out,
        /^ {2}accurate strategy: maxScale 3 \+ running 1 − pending 1 = 3 is not above max 10, so maxScale 3 − pending 1 = 2\.$/m,
      );
      assert.match(out, /^ {2}Jobs to create now: min\(scaleTo 5, 2\) = 2\.$/m);
    });

    it('reads the manifest from standard input with -f -, and says the Jobs were taken as none', async () => {
      const { code, out } = await keda(['-f', '-'], scaledJob());
      assert.equal(code, 0, out);
      assert.match(out, /^ {2}Jobs of this ScaledJob in the cluster taken as 0 running, 0 pending: count them with `kubectl get jobs/m);
      assert.match(out, /^ {2}Jobs to create now: min\(scaleTo 5, 3\) = 3\.$/m);
    });

    it('prints the decision in the JSON too', async () => {
      const file = manifestFile('json.yaml', scaledJob({ strategy: 'default' }));
      const { code, out } = await keda(['-f', file, '--running-jobs', '1', '--json']);
      assert.equal(code, 0);
      const report = JSON.parse(out);
      assert.equal(report.schemaVersion, 1);
      const [scaler] = report.scalers;
      assert.deepEqual(
        [scaler.kind, scaler.name, scaler.triggers[0].pool, scaler.triggers[0].queueLength],
        ['ScaledJob', 'azp-agent', 'linux-agents', 5],
      );
      assert.deepEqual(
        [
          scaler.decision.kind,
          scaler.decision.strategy,
          scaler.decision.maxScale,
          scaler.decision.effectiveMaxScale,
          scaler.decision.jobsToCreate,
        ],
        ['jobs', 'default', 3, 2, 2],
      );
      assert.equal(scaler.decision.lines.at(-1), 'Jobs to create now: min(scaleTo 5, 2) = 2.');
    });
  });

  describe('by KEDA release', () => {
    it('custom without a deduction: KEDA 2.20.1 cannot scale it (exit 3), 2.20.2 deducts nothing', async () => {
      const file = manifestFile(
        'custom.yaml',
        scaledJob({ extra: '  scalingStrategy:\n    strategy: custom\n    customScalingRunningJobPercentage: "0.5"' }),
      );
      const before = await keda(['-f', file, '--keda-version', '2.20.1', '--running-jobs', '2']);
      assert.equal(before.code, 3);
      assert.match(before.out, /^ {2}KEDA cannot scale this ScaledJob \(see the error below\)\.$/m);
      assert.match(
        before.out,
        /^Error: The `custom` strategy is selected but `customScalingQueueLengthDeduction` is not set: KEDA 2\.20\.1 reads it without checking and panics/m,
      );
      const after = await keda(['-f', file, '--keda-version', '2.20.2', '--running-jobs', '2']);
      assert.equal(after.code, 0, after.out);
      assert.match(after.out, /^ {2}custom strategy: min\(maxScale 3 − deduction 0 − int\(running 2 × 0\.5\), max 10\) = 2\.$/m);
    });

    it('`strategy: default` is refused by the CRD of 2.20.0 and 2.20.1, accepted before and from 2.20.2', async () => {
      const file = manifestFile('default-crd.yaml', scaledJob({ strategy: 'default' }));
      const refused = await keda(['-f', file, '--keda-version', '2.20.1']);
      assert.equal(refused.code, 3);
      assert.match(
        refused.out,
        /^Error: KEDA 2\.20\.1’s ScaledJob definition accepts `scalingStrategy\.strategy` only as one of `custom`, `accurate`, `eager`/m,
      );
      assert.equal((await keda(['-f', file, '--keda-version', '2.19'])).code, 0);
    });

    it('organizationURL in the trigger metadata: read from 2.18.1, missing with 2.18.0’s own text before', async () => {
      const metadata = `        organizationURL: ${org()}\n        personalAccessTokenFromEnv: AZP_TOKEN`;
      const file = manifestFile(
        'metadata-url.yaml',
        scaledJob({ auth: false, metadata }).replace(
          'containers: [{ name: agent, image: "azp-agent:4.248.0" }]',
          'containers: [{ name: agent, image: x, env: [{ name: AZP_TOKEN, value: t }] }]',
        ),
      );
      const read = await keda(['-f', file, '--keda-version', '2.18.1']);
      assert.equal(read.code, 0, read.out + read.err);
      assert.match(read.out, /^Queue length: 5 /m);
      const missing = await keda(['-f', file, '--keda-version', '2.18.0', '--org', org()]);
      assert.equal(missing.code, 3);
      assert.match(missing.err, /^KEDA rejects this trigger: it has no organization URL\./m);
      assert.match(missing.err, /missing required parameter "organizationURL" in \[resolvedEnv authParams\]/);
    });

    it('poolID: polled as given from 2.17, the id of the probe’s answer (the sandbox’s list: 0) up to 2.16', async () => {
      const file = manifestFile('pool-id.yaml', scaledJob().replace('poolName: linux-agents', 'poolID: "7"'));
      const typed = await keda(['-f', file, '--keda-version', '2.17']);
      assert.equal(typed.code, 0, typed.out + typed.err);
      assert.match(typed.out, /^Pool `pool 7` \(id 7\) as a KEDA 2\.17 trigger sees it$/m);
      const legacy = await keda(['-f', file, '--keda-version', '2.16.1']);
      assert.equal(legacy.code, 3);
      assert.match(
        legacy.err,
        /^KEDA 2\.16\.1 polls pool 0, not 7: up to 2\.16 it takes the id to poll from the answer to `http:\/\/[^`]*\/pools\?poolID=7`/m,
      );
    });
  });

  describe('a ScaledObject', () => {
    it('gives the replicas the HPA follows, also while inactive above minReplicaCount 0', async () => {
      const manifest = scaledJob()
        .replace('kind: ScaledJob', 'kind: ScaledObject')
        .replace(/ {2}jobTargetRef:[\s\S]*?containers: \[[^\n]*\]\n/, '  scaleTargetRef:\n    name: azp-agents\n  minReplicaCount: 1\n')
        .replace('targetPipelinesQueueLength: "2"', 'targetPipelinesQueueLength: "2"\n        activationTargetPipelinesQueueLength: "9"');
      const { code, out } = await keda(['-f', manifestFile('scaled-object.yaml', manifest)]);
      assert.equal(code, 0, out);
      assert.match(out, /^What KEDA 2\.21 and its HPA do now with ScaledObject `azp-agent`:$/m);
      assert.match(
        out,
        /^ {2}Replicas: no trigger is active, but minReplicaCount 1 keeps the HPA, which follows ceil\(queue length 5 ÷ target 2\) = 3 within \[1, 10\]: 3\.$/m,
      );
    });
  });

  describe('what it refuses', () => {
    it('a flag that says what the manifest says', async () => {
      const file = manifestFile('conflict.yaml', scaledJob());
      for (const [flag, value] of [
        ['--demands', 'kubectl'],
        ['--pool', 'linux-agents'],
        ['--strategy', 'eager'],
      ]) {
        const { code, err } = await keda(['-f', file, flag, value]);
        assert.equal(code, 3);
        assert.equal(
          err,
          `Option \`${flag}\` sets what the manifest given with \`-f\` already says. Remove \`${flag}\`, or change the manifest.`,
        );
      }
    });

    it('--org that is not the manifest’s organization', async () => {
      const { code, err } = await keda(['-f', manifestFile('org.yaml', scaledJob()), '--org', 'https://dev.azure.com/other']);
      assert.equal(code, 3);
      assert.match(err, /^The manifest’s organization URL `http:\/\/127\.0\.0\.1:\d+\/contoso` is not `https:\/\/dev\.azure\.com\/other`/);
    });

    it('asks for --org when the organization is in a Secret the file lacks, and counts with it', async () => {
      const manifest = scaledJob().split('---\n').slice(1).join('---\n');
      const file = manifestFile('no-secret.yaml', manifest);
      const missing = await keda(['-f', file]);
      assert.equal(missing.code, 3);
      assert.equal(
        missing.err,
        'The manifest takes the organization URL from a value not in the file (Secret azp, key organizationURL). Give it with `--org`, or add that value to the file.',
      );
      const given = await keda(['-f', file, '--org', org()]);
      assert.equal(given.code, 0, given.out + given.err);
      assert.match(given.out, /^Queue length: 5 /m);
    });

    it('a value Kubernetes refuses: an unquoted number in the trigger metadata', async () => {
      const file = manifestFile('unquoted.yaml', scaledJob().replace('targetPipelinesQueueLength: "2"', 'targetPipelinesQueueLength: 2'));
      const { code, out } = await keda(['-f', file]);
      assert.equal(code, 3);
      assert.match(
        out,
        /^Error: `azp-agent`: `triggers\[0\]\.metadata\.targetPipelinesQueueLength` is `2` without quotes, so Kubernetes refuses the object/m,
      );
    });

    it('a file that is not YAML, or holds no ScaledJob, in one line', async () => {
      const broken = await keda(['-f', manifestFile('broken.yaml', 'kind: ScaledJob\nspec: [1,\n')]);
      assert.equal(broken.code, 3);
      assert.match(broken.err, /^The manifest `[^`]*broken\.yaml` is not valid YAML at line \d+, column \d+: /);
      assert.equal(broken.err.split('\n').length, 1);
      const none = await keda(['-f', manifestFile('deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n')]);
      assert.equal(none.code, 3);
      assert.match(none.out, /^Error: The file holds no ScaledJob and no ScaledObject/);
      const absent = await keda(['-f', path.join(dir, 'absent.yaml')]);
      assert.match(absent.err, /^The manifest `[^`]*absent\.yaml` cannot be read \(no such file\)\./);
    });
  });
});
