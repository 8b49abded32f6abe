import { strict as assert } from 'node:assert';
import { goQueryEscape } from '../../../core/keda/go';
import { poolLookupUrl, queueRequestUrl, queueUrlForm } from '../../../core/keda/queue-url';
import { settingsOf, version } from './fixtures';

const URL = 'https://stub.example/org';

describe('core/keda queue and pool URLs', () => {
  describe('KEDA TestAzurePipelinesQueueURLTest (§11.6, pool id 1)', () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ parent: 'test-agent' }, 'all', `${URL}/_apis/distributedtask/pools/1/jobrequests`],
      [{ jobsToFetch: '1250' }, 'top', `${URL}/_apis/distributedtask/pools/1/jobrequests?$top=1250`],
      [{ fetchUnfinishedJobsOnly: 'true' }, 'unfinishedOnly', `${URL}/_apis/distributedtask/pools/1/jobrequests?completedRequestCount=0`],
      [
        { fetchUnfinishedJobsOnly: 'true', parent: 'test-agent' },
        'unfinishedOnly',
        `${URL}/_apis/distributedtask/pools/1/jobrequests?completedRequestCount=0`,
      ],
    ];
    for (const [metadata, form, url] of cases) {
      it(`${JSON.stringify(metadata)} → ${url}`, () => {
        const settings = settingsOf(metadata);
        assert.equal(queueUrlForm(settings), form);
        assert.equal(queueRequestUrl(URL, 1, settings), url);
      });
    }
  });

  it('asks for the default 250 with a literal $top', () => {
    assert.equal(queueRequestUrl(URL, 44, settingsOf({ demands: 'maven' })), `${URL}/_apis/distributedtask/pools/44/jobrequests?$top=250`);
  });

  it('ignores fetchUnfinishedJobsOnly on releases that do not know it', () => {
    assert.equal(queueUrlForm(settingsOf({ fetchUnfinishedJobsOnly: 'true' }, '2.17')), 'top');
  });

  it('builds the pool lookups, query-escaping the name from 2.12.1 on', () => {
    const v = version('2.20');
    assert.equal(poolLookupUrl(URL, { kind: 'id', id: 7 }, v), `${URL}/_apis/distributedtask/pools?poolID=7`);
    assert.equal(
      poolLookupUrl(URL, { kind: 'name', name: 'sample pool name' }, v),
      `${URL}/_apis/distributedtask/pools?poolName=sample+pool+name`,
    );
    assert.equal(poolLookupUrl(URL, { kind: 'name', name: 'a b' }, version('2.12.0')), `${URL}/_apis/distributedtask/pools?poolName=a b`);
  });

  it("escapes like Go's url.QueryEscape", () => {
    const cases: [string, string][] = [
      ['sample pool name', 'sample+pool+name'],
      ['A-z_0.9~', 'A-z_0.9~'],
      ["a&b=c/d?e#f+g!'()*", 'a%26b%3Dc%2Fd%3Fe%23f%2Bg%21%27%28%29%2A'],
      ['Pöol ✓', 'P%C3%B6ol+%E2%9C%93'],
      ['bad\uD800', 'bad%EF%BF%BD'],
    ];
    for (const [name, escaped] of cases) assert.equal(goQueryEscape(name), escaped, name);
  });
});
