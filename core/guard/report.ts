import type { Finding } from '../model/findings';
import { formatMessage, type Translation } from '../model/render';
import type { PoolCounts } from '../model/verdict';
import type { GuardResult } from './run';

/**
 * The machine-readable result: the task's `report` output and the CLI's `--json`. Field names are a
 * contract with users' pipelines; add to them, never rename.
 */
export interface GuardReportJson {
  verdict: GuardResult['verdict'];
  errored: boolean;
  totals: Pick<PoolCounts, 'registered' | 'online' | 'placeholder' | 'keda'>;
  pools: Array<{
    name: string;
    id: number | null;
    verdict: GuardResult['verdict'];
    counts: PoolCounts;
    placeholder: { state: string; name: string | null };
    repair: string | null;
    /** What a sweep with the same settings would delete now; `oldestOfflineMs` is null without any. */
    leftovers: { count: number; oldestOfflineMs: number | null };
    findings: FindingJson[];
  }>;
}

export interface FindingJson {
  code: string;
  severity: string;
  message: string;
}

export function reportJson(result: GuardResult, translation: Translation = {}): GuardReportJson {
  return {
    verdict: result.verdict,
    errored: result.errored,
    totals: totals(result),
    pools: result.pools.map(({ name, report, repair }) => ({
      name,
      id: report.pool.id ?? null,
      verdict: report.verdict,
      counts: report.counts,
      placeholder: { state: report.placeholder.state, name: report.placeholder.name ?? null },
      repair: repair?.kind ?? null,
      leftovers: { count: report.leftovers.count, oldestOfflineMs: report.leftovers.oldestOfflineMs ?? null },
      findings: report.findings.map((f) => findingJson(f, translation)),
    })),
  };
}

export function findingJson(finding: Finding, translation: Translation = {}): FindingJson {
  return {
    code: finding.code,
    severity: finding.severity,
    message: formatMessage(`finding.${finding.code}`, finding.params, 'text', translation),
  };
}

/** Agents summed over the pools; a KEDA agent left stale still counts as KEDA's. */
export function totals(result: GuardResult): GuardReportJson['totals'] {
  const sum = { registered: 0, online: 0, placeholder: 0, keda: 0 };
  for (const { report } of result.pools) {
    sum.registered += report.counts.registered;
    sum.online += report.counts.online;
    sum.placeholder += report.counts.placeholder;
    sum.keda += report.counts.keda + report.counts.stale;
  }
  return sum;
}
