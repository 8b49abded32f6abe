import { strict as assert } from 'node:assert';
import { resolvePool } from '../../../core/keda/pool';
import { parseTrigger } from '../../../core/keda/trigger';
import { rendered, version } from './fixtures';

const STUB = 'https://stub.example/org';
const ONE_POOL = '{"count":1,"value":[{"id":1}]}';

function resolve(metadata: Record<string, string>, status: number, body: string, at = '2.20.1') {
  const parsed = parseTrigger({ metadata, authParams: { organizationURL: STUB, personalAccessToken: 'PAT' } }, version(at));
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.kedaLog);
  return resolvePool(parsed.value.organizationUrl, parsed.value.settings.pool, { status, body }, version(at));
}

describe('core/keda pool resolution', () => {
  describe('KEDA TestValidateAzurePipelinesPool (§11.3)', () => {
    const cases: { metadata: Record<string, string>; query: string; status: number; body: string; ok: boolean; error?: string }[] = [
      { metadata: { poolID: '1' }, query: 'poolID=1', status: 200, body: ONE_POOL, ok: true },
      { metadata: { poolID: '1' }, query: 'poolID=1', status: 404, body: '{}', ok: false, error: 'poolIdProbeFailed' },
      { metadata: { poolName: 'sample' }, query: 'poolName=sample', status: 200, body: ONE_POOL, ok: true },
      {
        metadata: { poolName: 'sample' },
        query: 'poolName=sample',
        status: 200,
        body: '{"count":2,"value":[{"id":1},{"id":2}]}',
        ok: false,
        error: 'poolNameAmbiguous',
      },
      {
        metadata: { poolName: 'sample' },
        query: 'poolName=sample',
        status: 200,
        body: '{"count":0,"value":[]}',
        ok: false,
        error: 'poolNameNotFound',
      },
      { metadata: { poolName: 'sample', poolID: '1' }, query: 'poolName=sample', status: 200, body: ONE_POOL, ok: true },
      { metadata: { poolName: 'sample pool name' }, query: 'poolName=sample+pool+name', status: 200, body: ONE_POOL, ok: true },
    ];
    for (const c of cases) {
      it(`${JSON.stringify(c.metadata)}, HTTP ${c.status} ${c.body} → ${c.ok ? 'ok' : c.error}`, () => {
        const result = resolve(c.metadata, c.status, c.body);
        assert.equal(result.url, `${STUB}/_apis/distributedtask/pools?${c.query}`);
        assert.equal(result.ok, c.ok);
        if (result.ok) assert.equal(result.poolId, 1);
        else {
          assert.equal(result.error.code, c.error);
          rendered(result.error);
        }
      });
    }
  });

  it("words errors as KEDA's log does", () => {
    const cases: [Record<string, string>, number, string, string][] = [
      [
        { poolID: '1' },
        404,
        '{}',
        `agent pool with id \`1\` not found: the Azure DevOps REST API returned error. urlString: ${STUB}/_apis/distributedtask/pools?poolID=1 status: 404 response: {}`,
      ],
      [
        { poolName: 'sample' },
        401,
        'denied',
        `the Azure DevOps REST API returned error. urlString: ${STUB}/_apis/distributedtask/pools?poolName=sample status: 401 response: denied`,
      ],
      [{ poolName: 'sample' }, 200, '{"value":[]}', 'agent pool with name `sample` not found'],
      [{ poolName: 'sample' }, 200, '{"value":[{"id":3},{"id":4}]}', 'found 2 agent pool with name `sample`'],
    ];
    for (const [metadata, status, body, text] of cases) {
      const result = resolve(metadata, status, body);
      assert.ok(!result.ok);
      assert.equal(result.kedaLog, `error parsing azure Pipelines metadata: ${text}`);
    }
  });

  it('reads the pool id from the name lookup', () => {
    const result = resolve({ poolName: 'linux' }, 200, '{"count":1,"value":[{"id":44,"name":"linux"}]}');
    assert.deepEqual(result, { ok: true, url: `${STUB}/_apis/distributedtask/pools?poolName=linux`, poolId: 44 });
  });

  it('keeps its own id after a successful probe, whatever the body says', () => {
    const result = resolve({ poolID: '12' }, 200, '{"id":99}');
    assert.ok(result.ok);
    assert.equal(result.poolId, 12);
  });

  it('fails on bodies Go cannot decode into the response struct', () => {
    const cases: [number, string, string][] = [
      [203, '<html>Sign in</html>', "invalid character '<' looking for beginning of value"],
      [200, '', 'unexpected end of JSON input'],
      [200, '[{"id":1}]', 'json: cannot unmarshal array into Go value of type scalers.azurePipelinesPoolNameResponse'],
      [200, '{"value":[{"id":"x"}]}', ''],
      [200, '{"value":', ''],
    ];
    for (const [status, body, goText] of cases) {
      const result = resolve({ poolName: 'sample' }, status, body);
      assert.ok(!result.ok, body);
      assert.equal(result.error.code, 'poolResponseUnreadable');
      assert.equal(result.error.kedaText, goText, body);
      rendered(result.error);
    }
    const probe = resolve({ poolID: '1' }, 200, '[]');
    assert.ok(!probe.ok);
    assert.equal(probe.error.kedaText, 'json: cannot unmarshal array into Go value of type scalers.azurePipelinesPoolIDResponse');
  });

  it('treats a body without a list, or with null entries, as Go does', () => {
    assert.equal(resolve({ poolName: 'sample' }, 200, 'null').ok, false);
    const nullEntry = resolve({ poolName: 'sample' }, 200, '{"value":[null]}');
    assert.deepEqual(nullEntry.ok && nullEntry.poolId, 0);
  });
});
