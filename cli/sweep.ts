/**
 * `keda-pool-guard sweep`: each pool's leftover KEDA agents, only listed unless `--yes` is given. Exit
 * codes as `check`'s: 0 nothing wrong, 1 a pool changed during the sweep and was left as it was, 3 an
 * error (a pool could not be read, or deleting was refused or failed).
 */
import type { AdoClient } from '../core/ado/client';
import type { AccessContext } from '../core/guard/failures';
import * as inputs from '../core/guard/inputs';
import { runSweep, type SweepResult } from '../core/guard/sweep';
import { sweepReportJson } from '../core/guard/sweep-report';
import { inertJson } from '../core/model/plaintext';
import { EXIT, type CliIo } from './io';
import { renderSweepTables } from './table';

/** The flags `sweep` reads, as `main.ts` declares them. */
export interface SweepFlags {
  demand?: string[];
  'min-agent-version'?: string;
  'placeholder-name'?: string;
  parent?: string;
  'keda-scaled'?: boolean;
  'older-than'?: string;
  yes?: boolean;
  json?: boolean;
}

export async function runSweepCommand(
  client: AdoClient,
  pools: readonly string[],
  flags: SweepFlags,
  io: CliIo,
  access: AccessContext,
): Promise<number> {
  const result = await runSweep(client, {
    pools,
    demands: inputs.parseDemandLines((flags.demand ?? []).join('\n')),
    minAgentVersion: inputs.parseMinAgentVersion(flags['min-agent-version']),
    placeholderName: inputs.parsePlaceholderName(flags['placeholder-name'] ?? flags.parent ?? ''),
    parent: inputs.parseParent(flags.parent),
    kedaScaled: flags['keda-scaled'] ?? false,
    staleAfterHours: inputs.parseOlderThan(flags['older-than'] ?? ''),
    dryRun: flags.yes !== true,
    access,
  });
  io.out(flags.json ? inertJson(sweepReportJson(result, { agents: true }), 2) : renderSweepTables(result));
  return sweepExitCode(result);
}

function sweepExitCode(result: SweepResult): number {
  if (result.errored) return EXIT.error;
  const warned = result.pools.some((pool) => pool.findings.some((finding) => finding.severity === 'warning'));
  return warned ? EXIT.atRisk : EXIT.ready;
}
