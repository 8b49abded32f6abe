import type { GuardResult } from '../core/guard/run';
import type { SweepResult } from '../core/guard/sweep';
import { sweepHeading, sweepRows } from '../core/guard/sweep-report';
import { agentStatus } from '../core/guard/summary';
import type { Leftovers } from '../core/model/sweep';
import { isJudged, type PoolCounts } from '../core/model/verdict';
import { planText } from '../core/guard/plan-lines';
import { poolKindLine } from '../core/guard/report';
import { singleLine } from '../core/model/plaintext';
import { renderFinding } from '../core/model/render';
import { text } from './text';

/** Columns padded to their widest cell; untrusted names are flattened to one line first. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = [header, ...rows].map((row) => row.map(singleLine));
  const widths = header.map((_, column) => Math.max(...cells.map((row) => [...row[column]].length)));
  return cells
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** What cannot be said of a pool whose agents were not read. */
const UNSEEN = '—';

/** The pools as a table, each pool's kind and findings; for `repair` (and its dry run), the plan of each pool read. */
export function renderPoolTable(result: GuardResult, withPlans = false): string {
  const header = [...text('cli.columns').split('|'), text('cli.column.leftovers')];
  const rows = result.pools.map(({ name, report }) => {
    const judged = isJudged(report) ? report : undefined;
    const counts = judged?.counts;
    const count = (key: keyof PoolCounts) => (counts ? String(counts[key]) : UNSEEN);
    return [
      name,
      text(`verdict.${report.verdict}`),
      judged ? text(`poolKind.${judged.kind.kind}`) : UNSEEN,
      count('registered'),
      count('online'),
      count('placeholder'),
      count('keda'),
      count('stale'),
      judged ? text(`placeholderState.${judged.placeholder.state}`) : UNSEEN,
      judged && counts ? leftoversCell(judged.leftovers) : UNSEEN,
    ];
  });
  const kinds = result.pools.flatMap(({ name, report }) =>
    isJudged(report) ? [`${singleLine(name)}: ${poolKindLine(report.kind, 'text')}`] : [],
  );
  const findings = result.pools.flatMap(({ name, report }) =>
    report.findings.map((finding) => `${singleLine(name)}: ${renderFinding(finding, 'text')}`),
  );
  const plans = withPlans
    ? result.pools.flatMap(({ name, report, plan }) => (isJudged(report) ? [planText(name, plan ?? report.repair)] : []))
    : [];
  return [renderTable(header, rows), kinds.join('\n'), ...plans, ...findings].filter((part) => part !== '').join('\n\n');
}

function leftoversCell({ count, oldestOfflineMs }: Leftovers): string {
  return oldestOfflineMs === undefined ? String(count) : text('cli.cell.leftovers', { count, oldestMs: oldestOfflineMs });
}

/** Per pool what the sweep did, a table of its agents with the reasons, then its findings. */
export function renderSweepTables(result: SweepResult): string {
  return result.pools
    .map((pool) => {
      const rows = sweepRows(pool, 'text').map(({ agent, kind, action, why }) => [
        agent.name,
        text(`sweep.action.${action}`),
        text(`kind.${kind}`),
        agentStatus(agent, text),
        why,
      ]);
      const table = rows.length > 0 ? [renderTable(text('sweep.columns').split('|'), rows)] : [];
      const findings = pool.findings.map((finding) => renderFinding(finding, 'text'));
      return [sweepHeading(pool, result.dryRun, 'text'), ...table, ...findings].join('\n\n');
    })
    .join('\n\n');
}
