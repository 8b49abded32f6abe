/**
 * The published JSON Schemas (`schemas/`): valid schemas, each document the command line prints for the demo
 * organization conforms to its own, and a document that breaks the contract is caught. The rest of the suite
 * holds every `--json` and every task `report` it produces to them (`test/support/report-schemas.ts`).
 */
import assert from 'node:assert/strict';
import { REPORT_SCHEMA_VERSION } from '../../core/guard/report';
import { startSandbox, type Sandbox } from '../../sandbox';
import { cliInProcess } from '../support/cli-run';
import { DEMO_POOLS } from '../support/demo-pools';
import { reportKind, schemaErrors, schemaOf, type ReportKind } from '../support/report-schemas';
import { DEMO } from '../support/tokens';

describe('the JSON Schemas of --json and the task’s report', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ scenario: 'demo' });
  });
  after(() => sandbox.stop());

  const env = () => ({ AZURE_DEVOPS_EXT_PAT: DEMO.readerPat });
  const pools = DEMO_POOLS.flatMap(({ pool }) => ['--pool', pool]);
  async function json(args: string[], kind: ReportKind): Promise<unknown> {
    // `cliInProcess` holds the output to its schema already; here the kind is checked too.
    const run = await cliInProcess([...args, '--org', sandbox.orgUrl('demo'), '--json'], env());
    const document: unknown = JSON.parse(run.stdout);
    assert.equal(reportKind(document), kind);
    assert.deepEqual(schemaErrors(document, kind), []);
    return document;
  }

  it('are schemas of the documents’ version', () => {
    for (const kind of ['guard', 'sweep', 'keda', 'gate'] as const) {
      const schema = schemaOf(kind) as { properties: { schemaVersion: { const: number } } };
      assert.equal(schema.properties.schemaVersion.const, REPORT_SCHEMA_VERSION, kind);
    }
  });

  it('describe check and repair --dry-run over every demo pool, each kind and verdict', async () => {
    const check = (await json(['check', ...pools, '--demand', 'kubectl'], 'guard')) as { pools: { verdict: string }[] };
    assert.equal(check.pools.length, DEMO_POOLS.length);
    await json(['repair', '--dry-run', ...pools, '--demand', 'kubectl'], 'guard');
  });

  it('describe a sweep with its agents, and a pool that could not be read', async () => {
    const sweep = (await json(['sweep', ...pools, '--pool', 'no-such-pool'], 'sweep')) as { pools: { id: number | null }[] };
    assert.equal(sweep.pools.at(-1)?.id, null);
  });

  it('describe the KEDA view of flags', async () => {
    await json(['keda', '--pool', 'keda-ready', '--demands', 'kubectl', '--strategy', 'accurate', '--running-jobs', '1'], 'keda');
  });

  it('describe the pool check of every demo pool, and a pool without a queue in the project', async () => {
    const gate = (await json(['gate', 'show', '--project', 'demo', ...pools, '--pool', 'no-such-pool'], 'gate')) as {
      errored: boolean;
      pools: { name: string; outcome: string }[];
    };
    assert.equal(gate.errored, true);
    // The reader's token sees the queues of the KEDA pools only.
    assert.deepEqual(
      gate.pools.map(({ name, outcome }) => [name, outcome]),
      [...DEMO_POOLS.map(({ pool }) => [pool, pool.startsWith('keda-') ? 'shown' : 'failed']), ['no-such-pool', 'failed']],
    );
  });

  it('catch a document that breaks the contract', async () => {
    const check = (await json(['check', '--pool', 'keda-ready', '--demand', 'kubectl'], 'guard')) as Record<string, unknown>;
    const { schemaVersion, ...unversioned } = check;
    assert.equal(schemaVersion, REPORT_SCHEMA_VERSION);
    assert.match(schemaErrors(unversioned, 'guard').join('\n'), /must have required property 'schemaVersion'/);
    assert.match(schemaErrors({ ...check, verdict: 'fine' }, 'guard').join('\n'), /\/verdict must be equal to one of the allowed values/);
    assert.match(schemaErrors({ ...check, renamed: true }, 'guard').join('\n'), /must NOT have additional properties/);
  });
});
