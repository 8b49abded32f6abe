/** How startSandbox finds its scenario, and how a seed's relative times and ids come out. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../../sandbox';
import { OrgState } from '../../sandbox/state';
import type { Scenario } from '../../sandbox/scenario-types';

const minimal = (name: string): Scenario => ({
  organizations: [{ name, identities: [], projects: [], pools: [{ name: 'p', agents: [] }] }],
});

describe('sandbox scenario loading', () => {
  let directory: string;
  before(() => {
    directory = mkdtempSync(join(tmpdir(), 'sandbox-scenarios-'));
  });
  after(() => rmSync(directory, { recursive: true, force: true }));

  it('loads a JSON file and a TypeScript generator by path', async () => {
    const jsonFile = join(directory, 'one.json');
    writeFileSync(jsonFile, JSON.stringify(minimal('from-json')));
    const tsFile = join(directory, 'two.ts');
    writeFileSync(tsFile, `export default function generate() { return ${JSON.stringify(minimal('from-ts'))}; }\n`);

    for (const [file, org] of [
      [jsonFile, 'from-json'],
      [tsFile, 'from-ts'],
    ]) {
      const sandbox = await startSandbox({ scenario: file });
      assert.deepEqual([...sandbox.state.keys()], [org]);
      assert.equal(sandbox.orgUrl(org.toUpperCase()), `${sandbox.url}/${org}`);
      await sandbox.stop();
    }
  });

  it('finds a named scenario in sandbox/scenarios and names what it looked for when missing', async () => {
    const demo = await startSandbox({ scenario: 'demo' });
    assert.ok(demo.state.size > 0);
    await demo.stop();
    await assert.rejects(
      startSandbox({ scenario: 'no-such-scenario' }),
      /Scenario "no-such-scenario" not found \(looked for .*no-such-scenario\.json, .*no-such-scenario\.ts\)/,
    );
  });

  it('resolves relative times against load time and assigns ids around the given ones', () => {
    const loadedAt = new Date('2025-01-10T12:00:00Z');
    const org = new OrgState(
      {
        name: 'o',
        identities: [],
        projects: [{ name: 'web', queues: { q: 'b', r: 'a' }, queueIds: { r: 3 } }],
        pools: [
          { name: 'a', agents: [{ name: 'x', version: '1.0', status: 'offline', createdOn: '-2d', statusChangedOn: '-1m+30s' }] },
          {
            id: 5,
            name: 'b',
            createdOn: '2024-12-24T00:00:00Z',
            agents: [{ id: 7, name: 'y', version: '1.0', status: 'online', createdOn: '-15m' }],
          },
        ],
      },
      () => loadedAt,
    );
    assert.deepEqual(
      org.listPools().map((pool) => [pool.id, pool.name]),
      [
        [5, 'b'],
        [6, 'a'],
      ],
    );
    const [x] = org.listAgents(6);
    assert.equal(x.id, 8, 'agent ids are organization-wide and follow the highest given one');
    assert.equal(x.createdOn.toISOString(), '2025-01-08T12:00:00.000Z');
    assert.equal(x.statusChangedOn?.toISOString(), '2025-01-10T11:59:30.000Z');
    assert.equal(org.listAgents(5)[0].createdOn.toISOString(), '2025-01-10T11:45:00.000Z');
    assert.equal(org.getPool(5)?.createdOn.toISOString(), '2024-12-24T00:00:00.000Z');
    assert.deepEqual(
      org.listProjects()[0].queues.map((queue) => [queue.name, queue.id, queue.pool.name]),
      [
        ['q', 4, 'b'],
        ['r', 3, 'a'],
      ],
    );
    assert.match(org.listProjects()[0].id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(
      new OrgState({ name: 'o', identities: [], projects: [{ name: 'web', queues: {} }], pools: [] }).listProjects()[0].id,
      org.listProjects()[0].id,
      'project ids are stable',
    );
    assert.throws(
      () => new OrgState({ name: 'o', identities: [], projects: [], pools: [{ name: 'p', createdOn: 'yesterday', agents: [] }] }),
      /"yesterday" is neither an ISO time nor an offset/,
    );
  });
});
