/**
 * Issue 13, done when: for each case, the command line and the built task do what the plan says, and a
 * second `repair` is a no-op. The hub's side of the same table: test/hub/hub-repair.test.ts.
 */
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox';
import { builtTask } from '../support/built';
import { cliInProcess } from '../support/cli-run';
import { agentsOf, arrangeRepairCases, REPAIR_CASES, type RepairCase } from '../support/repair-cases';
import { ADMIN_CONNECTION_ID, DEMO } from '../support/tokens';
import { runTask } from '../tasks/agent-run';

interface PoolResult {
  name: string;
  verdict: string;
  repair: string;
  repairPlan: { action: string; reasons: string[] };
}

/** What one `repair` of a case showed: the pool's report, and the text the user reads. */
interface Repaired {
  pool: PoolResult;
  text: string;
}

/** A second repair finds the first one's work done: nothing left in the pools it acted on, the same refusal elsewhere. */
function secondPlan(c: RepairCase): { action: string; reasons: string[] } {
  return c.plan === 'refused' ? { action: c.plan, reasons: c.reasons } : { action: 'nothing', reasons: ['current'] };
}

function describeFace(face: string, repair: (sandbox: Sandbox, c: RepairCase) => Promise<Repaired>): void {
  describe(`repair through ${face}: the plan for each case, and a second repair changes nothing`, () => {
    let sandbox: Sandbox;
    before(async () => {
      sandbox = await startSandbox({ scenario: 'demo' });
      arrangeRepairCases(sandbox.org('demo'));
    });
    after(() => sandbox.stop());

    for (const c of REPAIR_CASES) {
      it(`${c.name} (${c.pool}): ${c.plan}`, async () => {
        const first = await repair(sandbox, c);
        assert.deepEqual(first.pool.repairPlan, { action: c.plan, reasons: c.reasons, ...nameOf(first.pool) }, first.text);
        assert.equal(first.pool.repair, c.repair, first.text);
        assert.equal(first.pool.verdict, c.verdict, first.text);
        assert.match(first.text.replaceAll('`', ''), c.says);

        const before = agentsOf(sandbox.org('demo'), c.pool);
        const second = await repair(sandbox, c);
        assert.deepEqual({ ...second.pool.repairPlan, name: undefined }, { ...secondPlan(c), name: undefined }, second.text);
        assert.equal(second.pool.repair, 'notDone', second.text);
        assert.deepEqual(agentsOf(sandbox.org('demo'), c.pool), before, 'the second repair changed the pool');
      });
    }
  });
}

/** The plan's agent name as reported, which the table does not repeat. */
function nameOf(pool: PoolResult): { name?: string } {
  const { name } = pool.repairPlan as { name?: string };
  return name === undefined ? {} : { name };
}

describeFace('the command line', async (sandbox, c) => {
  const args = ['repair', '--org', sandbox.orgUrl('demo'), '--pool', c.pool, '--demand', c.demands];
  const env = { AZURE_DEVOPS_EXT_PAT: DEMO.adminPat };
  const planned = await cliInProcess([...args, '--dry-run'], env);
  const repaired = await cliInProcess([...args, '--json'], env);
  return { pool: JSON.parse(repaired.stdout).pools[0], text: planned.stdout };
});

let taskDir: string | undefined;
describeFace('the built task', async (sandbox, c) => {
  taskDir ??= await builtTask();
  const run = await runTask({
    taskDir,
    inputs: { action: 'repair', pools: c.pool, demands: c.demands, connection: ADMIN_CONNECTION_ID, timeoutSeconds: '30' },
    collectionUri: `${sandbox.orgUrl('demo')}/`,
    project: 'demo',
    connection: { id: ADMIN_CONNECTION_ID, url: sandbox.orgUrl('demo'), token: DEMO.adminPat },
  });
  return { pool: JSON.parse(run.outputs.report).pools[0], text: run.stdout };
});
