import { strict as assert } from 'node:assert';
import { HttpAnswer, resolvePool } from '../../../core/keda/pool';
import { parseScalingMetadata, parseTrigger } from '../../../core/keda/trigger';
import type { TriggerConfig, TriggerSources } from '../../../core/keda/types';
import { codes, rendered, version } from './fixtures';

const STUB = 'https://stub.example/org';
const resolvedEnv = { AZP_URL: STUB, AZP_TOKEN: 'sample' };
const fromEnv = { organizationURLFromEnv: 'AZP_URL', personalAccessTokenFromEnv: 'AZP_TOKEN' };

/** KEDA's `TestParseAzurePipelinesMetadata` stub: 401 for a PAT ending in a newline, else one pool. */
function stub(config: TriggerConfig): HttpAnswer {
  const token = config.auth.kind === 'personalAccessToken' ? config.auth.token : '';
  return token.endsWith('\n') ? { status: 401, body: '' } : { status: 200, body: '{"count":1,"value":[{"id":1}]}' };
}

/** Parsing plus the pool lookup against the stub: what `NewAzurePipelinesScaler` concludes. */
function build(sources: TriggerSources, at = '2.20.1') {
  const parsed = parseTrigger(sources, version(at));
  if (!parsed.ok) return parsed;
  const pool = resolvePool(parsed.value.organizationUrl, parsed.value.settings.pool, stub(parsed.value), version(at));
  return pool.ok ? parsed : { ok: false as const, errors: [pool.error], kedaLog: pool.kedaLog, findings: parsed.findings };
}

describe('core/keda trigger parsing', () => {
  describe('KEDA TestParseAzurePipelinesMetadata (§11.2)', () => {
    const cases: { name: string; sources: TriggerSources; ok: boolean; error?: string }[] = [
      { name: 'empty', sources: { metadata: {}, resolvedEnv }, ok: false, error: 'organizationUrlMissing' },
      {
        name: 'all properly formed',
        sources: { metadata: { ...fromEnv, poolID: '1', targetPipelinesQueueLength: '1', jobsToFetch: '300' }, resolvedEnv },
        ok: true,
      },
      {
        name: 'using triggerAuthentication',
        sources: {
          metadata: { poolID: '1', targetPipelinesQueueLength: '1' },
          authParams: { organizationURL: STUB, personalAccessToken: 'sample' },
          resolvedEnv,
        },
        ok: true,
      },
      {
        name: 'using triggerAuthentication with personalAccessToken terminating in newline',
        sources: {
          metadata: { poolID: '1', targetPipelinesQueueLength: '1' },
          authParams: { organizationURL: STUB, personalAccessToken: 'sample\n' },
          resolvedEnv,
        },
        ok: true,
      },
      {
        name: 'missing organizationURL',
        sources: {
          metadata: { organizationURLFromEnv: '', personalAccessTokenFromEnv: 'sample', poolID: '1', targetPipelinesQueueLength: '1' },
          resolvedEnv,
        },
        ok: false,
        error: 'organizationUrlMissing',
      },
      {
        name: 'missing personalAccessToken',
        sources: { metadata: { organizationURLFromEnv: 'AZP_URL', poolID: '1', targetPipelinesQueueLength: '1' }, resolvedEnv },
        ok: false,
        error: 'credentialsMissing',
      },
      {
        name: 'missing poolID',
        sources: { metadata: { ...fromEnv, poolID: '', targetPipelinesQueueLength: '1' }, resolvedEnv },
        ok: false,
        error: 'poolMissing',
      },
      {
        name: 'malformed activationTargetPipelinesQueueLength',
        sources: {
          metadata: { ...fromEnv, poolID: '1', targetPipelinesQueueLength: '1', activationTargetPipelinesQueueLength: 'A' },
          resolvedEnv,
        },
        ok: false,
        error: 'invalidInteger',
      },
      {
        name: 'malformed jobsToFetch',
        sources: { metadata: { ...fromEnv, poolID: '1', targetPipelinesQueueLength: '1', jobsToFetch: 'test' }, resolvedEnv },
        ok: false,
        error: 'invalidInteger',
      },
      {
        name: 'malformed fetchUnfinishedJobsOnly',
        sources: { metadata: { ...fromEnv, poolID: '1', targetPipelinesQueueLength: '1', fetchUnfinishedJobsOnly: 'test' }, resolvedEnv },
        ok: false,
        error: 'invalidBoolean',
      },
      {
        name: 'jobsToFetch and fetchUnfinishedJobsOnly given',
        sources: { metadata: { ...fromEnv, poolID: '1', fetchUnfinishedJobsOnly: 'true', jobsToFetch: '42' }, resolvedEnv },
        ok: false,
        error: 'bothJobsToFetchAndFetchUnfinished',
      },
      {
        name: 'jobsToFetch and parent given',
        sources: { metadata: { ...fromEnv, poolID: '1', parent: 'test-agent', jobsToFetch: '42' }, resolvedEnv },
        ok: false,
        error: 'bothJobsToFetchAndParent',
      },
      {
        name: 'parent and fetchUnfinishedJobsOnly given',
        sources: { metadata: { ...fromEnv, poolID: '1', fetchUnfinishedJobsOnly: 'true', parent: 'test-agent' }, resolvedEnv },
        ok: true,
      },
    ];

    for (const c of cases) {
      it(`${c.name} → ${c.ok ? 'ok' : c.error}`, () => {
        const result = build(c.sources);
        assert.equal(result.ok, c.ok, result.ok ? 'unexpectedly accepted' : result.kedaLog);
        if (!result.ok) {
          assert.equal(result.errors[0].code, c.error);
          result.errors.forEach(rendered);
        }
      });
    }

    it('strips one trailing newline from the PAT (the stub would answer 401 otherwise)', () => {
      const result = parseTrigger(cases[3].sources, version('2.20.1'));
      assert.ok(result.ok);
      assert.deepEqual(result.value.auth, { kind: 'personalAccessToken', token: 'sample' });
    });
  });

  describe("KEDA's error texts", () => {
    const base = { ...fromEnv, poolID: '1' };

    it('joins typed-config errors in struct order under both prefixes', () => {
      const result = parseTrigger({ metadata: { ...base, jobsToFetch: 'test', requireAllDemands: 'yes' }, resolvedEnv }, version('2.20'));
      assert.ok(!result.ok);
      assert.equal(
        result.kedaLog,
        'error parsing azure Pipelines metadata: error parsing azure pipeline metadata: ' +
          'unable to set param "jobsToFetch" value "test": unable to unmarshal to field type int64\n' +
          'unable to set param "requireAllDemands" value "yes": unable to parse boolean value "yes": strconv.ParseBool: parsing "yes": invalid syntax',
      );
      assert.deepEqual(result.errors[1].params, { key: 'requireAllDemands', value: 'yes' });
    });

    it('reports a missing URL together with the organization-name text, as Validate() still runs', () => {
      const result = parseTrigger({ metadata: { poolID: '1' } }, version('2.20'));
      assert.ok(!result.ok);
      assert.deepEqual(codes(result.errors), ['organizationUrlMissing']);
      assert.equal(
        result.kedaLog,
        'error parsing azure Pipelines metadata: error parsing azure pipeline metadata: missing required parameter "organizationURL" in [resolvedEnv authParams triggerMetadata]\nfailed to extract organization name from organizationURL',
      );
    });

    it('fails an organization URL with a trailing slash', () => {
      const resolved = { U: 'https://dev.azure.com/contoso/', AZP_TOKEN: 'x' };
      const result = parseTrigger({ metadata: { ...base, organizationURLFromEnv: 'U' }, resolvedEnv: resolved }, version('2.20'));
      assert.ok(!result.ok);
      assert.equal(result.errors[0].code, 'organizationNameMissing');
      assert.match(result.kedaLog, /failed to extract organization name from organizationURL$/);
      assert.match(rendered(result.errors[0]), /URL `https:\/\/dev\.azure\.com\/contoso\/` ends with/);
    });

    it('takes the organization name from the last segment, on-premises collections included', () => {
      const resolved = { U: ' https://tfs.local/tfs/DefaultCollection ', AZP_TOKEN: 'x' };
      const result = parseTrigger({ metadata: { ...base, organizationURLFromEnv: 'U' }, resolvedEnv: resolved }, version('2.20'));
      assert.ok(result.ok);
      assert.equal(result.value.organizationUrl, 'https://tfs.local/tfs/DefaultCollection');
      assert.equal(result.value.organizationName, 'DefaultCollection');
    });

    it('rejects the pair of exclusive keys on the raw values, even "false" or blanks', () => {
      for (const fetchUnfinishedJobsOnly of ['false', '  ']) {
        const result = parseScalingMetadata({ poolID: '1', jobsToFetch: '10', fetchUnfinishedJobsOnly }, version('2.18'));
        assert.ok(!result.ok);
        assert.equal(
          result.kedaLog,
          'error parsing azure Pipelines metadata: cannot specify both jobsToFetch and fetchUnfinishedJobsOnly at the same time',
        );
      }
      const parent = parseScalingMetadata({ poolID: '1', jobsToFetch: '10', parent: ' ' }, version('2.18'));
      assert.ok(!parent.ok);
      assert.equal(parent.errors[0].code, 'bothJobsToFetchAndParent');
    });

    it('has no exclusive-key checks before 2.18 (jobsToFetch next to parent is only ignored)', () => {
      const result = parseScalingMetadata({ poolID: '1', jobsToFetch: '10', parent: 'tpl' }, version('2.17'));
      assert.ok(result.ok);
      assert.ok(codes(result.findings).includes('jobsToFetchIgnoredWithParent'));
    });
  });

  describe('credentials and organization URL sources', () => {
    const metadata = { poolID: '1' };

    it('prefers the env var, then the TriggerAuthentication, then the metadata for the URL', () => {
      const all = {
        metadata: { ...metadata, organizationURLFromEnv: 'U', organizationURL: 'https://m/meta' },
        authParams: { organizationURL: 'https://a/auth', personalAccessToken: 'p' },
      };
      const withEnv = parseTrigger({ ...all, resolvedEnv: { U: 'https://e/env' } }, version('2.20'));
      const withAuth = parseTrigger({ ...all, resolvedEnv: { U: '  ' } }, version('2.20'));
      const withMeta = parseTrigger({ ...all, authParams: { personalAccessToken: 'p' } }, version('2.20'));
      assert.deepEqual(
        [withEnv, withAuth, withMeta].map((r) => (r.ok ? r.value.organizationName : r.kedaLog)),
        ['env', 'auth', 'meta'],
      );
    });

    it('uses the TriggerAuthentication PAT before the env var, untrimmed but for one newline', () => {
      const result = parseTrigger(
        { metadata: { ...metadata, ...fromEnv }, authParams: { personalAccessToken: ' tok\n\n' }, resolvedEnv },
        version('2.20'),
      );
      assert.ok(result.ok);
      assert.deepEqual(result.value.auth, { kind: 'personalAccessToken', token: ' tok\n' });
    });

    it('sends an empty token when the named env var is missing, and says so', () => {
      const result = parseTrigger(
        { metadata: { ...metadata, ...fromEnv, personalAccessTokenFromEnv: 'NOPE' }, resolvedEnv },
        version('2.20'),
      );
      assert.ok(result.ok);
      assert.deepEqual(result.value.auth, { kind: 'personalAccessToken', token: '' });
      assert.ok(codes(result.findings).includes('emptyPersonalAccessToken'));
    });

    it('accepts workload identity and rejects other pod identity providers', () => {
      const sources = { metadata: { ...metadata, organizationURLFromEnv: 'AZP_URL' }, resolvedEnv };
      const workload = parseTrigger({ ...sources, podIdentityProvider: 'azure-workload' }, version('2.20'));
      const none = parseTrigger({ ...sources, podIdentityProvider: 'none' }, version('2.20'));
      const other = parseTrigger({ ...sources, podIdentityProvider: 'azure' }, version('2.20'));
      assert.ok(workload.ok);
      assert.deepEqual(workload.value.auth, { kind: 'workloadIdentity' });
      assert.ok(!none.ok && none.errors[0].code === 'credentialsMissing');
      assert.ok(!other.ok);
      assert.equal(other.kedaLog, 'error parsing azure Pipelines metadata: pod identity azure not supported for azure pipelines');
    });
  });

  describe('typed values', () => {
    const parse = (metadata: Record<string, string>, at = '2.21') => parseScalingMetadata({ poolID: '1', ...metadata }, version(at));

    it('applies the defaults', () => {
      const result = parse({});
      assert.ok(result.ok);
      assert.deepEqual(result.value, {
        pool: { kind: 'id', id: 1 },
        parent: '',
        demands: '',
        requireAllDemands: false,
        requireAllDemandsAndIgnoreOthers: false,
        caseInsensitiveDemandsProcessing: false,
        jobsToFetch: 250,
        fetchUnfinishedJobsOnly: false,
        targetPipelinesQueueLength: 1,
        activationTargetPipelinesQueueLength: 0,
        scaleOnInFlight: true,
      });
    });

    it('trims every value and treats blanks as absent', () => {
      const result = parse({ demands: '  maven, docker  ', parent: '   ', targetPipelinesQueueLength: ' 3 ' });
      assert.ok(result.ok);
      assert.equal(result.value.demands, 'maven, docker');
      assert.equal(result.value.parent, '');
      assert.equal(result.value.targetPipelinesQueueLength, 3);
    });

    it('reads booleans as strconv.ParseBool', () => {
      const spellings = [
        ['1', true],
        ['t', true],
        ['TRUE', true],
        ['True', true],
        ['0', false],
        ['F', false],
        ['False', false],
      ] as const;
      for (const [text, value] of spellings) {
        const result = parse({ requireAllDemands: text });
        assert.ok(result.ok, text);
        assert.equal(result.value.requireAllDemands, value, text);
      }
      for (const text of ['yes', 'tRUE', 'on', '2']) assert.ok(!parse({ requireAllDemands: text }).ok, text);
    });

    it('reads integers as JSON integer literals', () => {
      for (const [text, value] of [
        ['0', 0],
        ['-5', -5],
        ['1250', 1250],
      ] as const) {
        const result = parse({ jobsToFetch: text });
        assert.ok(result.ok, text);
        assert.equal(result.value.jobsToFetch, value);
      }
      for (const text of ['+1', '01', '1.0', '1e3', '"5"', '99999999999999999999']) assert.ok(!parse({ jobsToFetch: text }).ok, text);
    });

    it('lets poolName win over poolID, and treats poolID 0 as absent', () => {
      const both = parse({ poolName: 'linux', poolID: '7' });
      assert.ok(both.ok);
      assert.deepEqual(both.value.pool, { kind: 'name', name: 'linux' });
      assert.ok(codes(both.findings).includes('poolNameWinsOverPoolId'));
      const zero = parseScalingMetadata({ poolID: '0' }, version('2.21'));
      assert.ok(!zero.ok);
      assert.equal(zero.kedaLog, 'error parsing azure Pipelines metadata: no poolName or poolID given');
    });

    it('flags keys KEDA does not read, and wrong case', () => {
      const result = parse({ poolId: '2', demand: 'maven' });
      assert.ok(result.ok);
      assert.deepEqual(
        result.findings.map((f) => [f.code, f.params]),
        [
          ['metadataKeyCaseMismatch', { key: 'poolId', expected: 'poolID' }],
          ['unknownMetadataKey', { key: 'demand' }],
        ],
      );
    });
  });

  describe('keys a release does not know', () => {
    const cases: { key: string; value: string; at: string; ignored: boolean; code?: string }[] = [
      { key: 'requireAllDemandsAndIgnoreOthers', value: 'true', at: '2.16.1', ignored: true, code: 'keyNotSupportedByVersion' },
      { key: 'requireAllDemandsAndIgnoreOthers', value: 'true', at: '2.17', ignored: false },
      { key: 'fetchUnfinishedJobsOnly', value: 'true', at: '2.17.2', ignored: true, code: 'keyNotSupportedByVersion' },
      { key: 'caseInsensitiveDemandsProcessing', value: 'true', at: '2.17', ignored: true, code: 'keyNotSupportedByVersion' },
      { key: 'caseInsensitiveDemandsProcessing', value: 'true', at: '2.18.0', ignored: false },
      { key: 'scaleOnInFlight', value: 'false', at: '2.19', ignored: true, code: 'scaleOnInFlightIgnoredUpTo219' },
      { key: 'scaleOnInFlight', value: 'false', at: '2.20.1', ignored: true, code: 'scaleOnInFlightIgnoredV220' },
      { key: 'scaleOnInFlight', value: 'false', at: '2.21.0', ignored: false },
    ];
    for (const c of cases) {
      it(`${c.key} on ${c.at}: ${c.ignored ? 'ignored' : 'read'}`, () => {
        const result = parseScalingMetadata({ poolID: '1', demands: 'x', [c.key]: c.value }, version(c.at));
        assert.ok(result.ok);
        const own = result.findings.filter((f) => f.code === c.code);
        assert.equal(own.length, c.ignored ? 1 : 0);
        own.forEach(rendered);
        const read = (result.value as unknown as Record<string, boolean>)[c.key];
        assert.equal(read, c.ignored ? c.key === 'scaleOnInFlight' : c.value === 'true');
      });
    }

    it('does not validate a value it ignores', () => {
      assert.ok(parseScalingMetadata({ poolID: '1', fetchUnfinishedJobsOnly: 'maybe' }, version('2.17')).ok);
    });
  });
});
