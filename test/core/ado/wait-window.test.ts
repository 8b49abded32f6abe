import assert from 'node:assert/strict';
import { readPoolSnapshot } from '../../../core/ado/snapshots';
import { JOB_REQUEST_PAGE_MAX, readDayOfRequests, readWaitWindow } from '../../../core/ado/wait-window';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { BOTH_CLIENTS } from '../../support/clients';
import { ADMIN_BEARER, ORG, tinyScenario } from '../../sandbox/tiny-scenario';

/** Pool `big` holds a job a minute over the last 1,200 minutes, the newest a minute ago. */
const BIG_POOL = 4;
const JOBS = 1200;

describe('core/ado the window of requests the waits are measured over', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ scenario: tinyScenario(JOBS) });
  });
  after(() => sandbox.stop());
  beforeEach(() => sandbox.requests.clear());

  const pages = () => sandbox.requests.list().filter((request) => /\/jobrequests\?.*\$top=/.test(decodeURIComponent(request.url)));
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

  for (const kind of BOTH_CLIENTS) {
    describe(kind.name, () => {
      it('stops at 500 requests, in pages of at most 200 followed by their continuation token', async () => {
        const requests = await readWaitWindow(kind.connect(sandbox, ORG, ADMIN_BEARER), BIG_POOL, { since: hoursAgo(24) });
        assert.equal(requests.length, 500);
        assert.equal(new Set(requests.map((r) => r.requestId)).size, 500, 'no request twice');
        const ids = requests.map((r) => r.requestId);
        assert.deepEqual(
          ids,
          [...ids].sort((a, b) => b - a),
          'newest first',
        );
        assert.equal(ids[0], 1000 + JOBS - 1);
        assert.deepEqual(
          pages().map((request) => new URL(request.url, 'http://x').searchParams.get('$top')),
          [String(JOB_REQUEST_PAGE_MAX), String(JOB_REQUEST_PAGE_MAX), '100'],
        );
      });

      it('stops at the page that reaches back before the window', async () => {
        const requests = await readWaitWindow(kind.connect(sandbox, ORG, ADMIN_BEARER), BIG_POOL, {
          since: hoursAgo(5),
          maxRequests: 2000,
        });
        assert.equal(pages().length, 2, 'five hours of a job a minute are in the first two pages');
        assert.equal(requests.length, 400);
      });
    });
  }

  it('reads the day’s requests into a snapshot when asked, and takes the history from them', async () => {
    const client = BOTH_CLIENTS[0].connect(sandbox, ORG, ADMIN_BEARER);
    const pool = (await client.listPools('big'))[0];
    const snapshot = await readPoolSnapshot(client, pool, undefined, { waitWindow: readDayOfRequests });
    assert.equal(snapshot.waitWindow?.length, 500);
    assert.deepEqual(
      snapshot.history?.map((r) => r.requestId),
      snapshot.waitWindow?.slice(0, 25).map((r) => r.requestId),
    );
    sandbox.requests.clear();
    const plain = await readPoolSnapshot(client, pool);
    assert.equal(plain.waitWindow, undefined);
    assert.equal(plain.history?.length, 25);
    assert.deepEqual(
      pages().map((request) => new URL(request.url, 'http://x').searchParams.get('$top')),
      ['25'],
      'without the window, one small page',
    );
  });
});
