/**
 * `keda-pool-guard sweep`: each pool's leftover KEDA agents, only listed unless `--yes` is given. Exit
 * codes as `check`'s: 0 nothing wrong, 1 a pool changed during the sweep and was left as it was, 3 an
 * error (a pool could not be read, or deleting was refused or failed).
 */
import type { AdoClient } from '../core/ado/client';
import type { AccessContext } from '../core/guard/failures';
import { runSweep, type SweepResult } from '../core/guard/sweep';
import { sweepReportJson } from '../core/guard/sweep-report';
import { inertJson } from '../core/model/plaintext';
import { placeholderOptions, type CommandLine } from './args';
import { EXIT, type CliIo } from './io';
import { renderSweepTables } from './table';

export async function runSweepCommand(
  client: AdoClient,
  pools: readonly string[],
  args: CommandLine,
  io: CliIo,
  access: AccessContext,
): Promise<number> {
  const result = await runSweep(client, {
    pools,
    demands: args.read('demands'),
    minAgentVersion: args.read('minAgentVersion'),
    ...placeholderOptions(args),
    kedaScaled: args.read('kedaScaled'),
    staleAfterHours: args.read('olderThan'),
    dryRun: !args.read('yes'),
    access,
  });
  io.out(args.read('json') ? inertJson(sweepReportJson(result, { agents: true }), 2) : renderSweepTables(result));
  return sweepExitCode(result);
}

function sweepExitCode(result: SweepResult): number {
  if (result.errored) return EXIT.error;
  const warned = result.pools.some((pool) => pool.findings.some((finding) => finding.severity === 'warning'));
  return warned ? EXIT.atRisk : EXIT.ready;
}
