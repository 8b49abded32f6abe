import type { Finding } from '../model/findings';
import { planSummary } from '../model/repair-plan';
import { evidenceLine, type KindEvidence, type PoolKind } from '../model/pool-kind';
import { formatMessage, type RenderFormat, type Translation } from '../model/render';
import { isJudged, type JudgedPoolReport, type PoolCounts } from '../model/verdict';
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
    /** What the pool is and why; null when it could not be read. */
    kind: { kind: PoolKind; evidence: string[] } | null;
    /** Null when the agents were not read: the pool could not be read, or Microsoft hosts it. */
    counts: PoolCounts | null;
    placeholder: { state: string; name: string | null };
    repair: string | null;
    /** What `repair` does (did, for `repair`) in the pool, and why; null when the pool could not be read. */
    repairPlan: ReturnType<typeof planSummary> | null;
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
    pools: result.pools.map(({ name, report, plan, repair }) => {
      const judged = isJudged(report) ? report : undefined;
      return {
        name,
        id: report.pool.id ?? null,
        verdict: report.verdict,
        kind: judged ? { kind: judged.kind.kind, evidence: judged.kind.evidence.map((e) => evidenceText(e, 'text', translation)) } : null,
        counts: judged?.counts ?? null,
        placeholder: { state: judged?.placeholder.state ?? 'unknown', name: judged?.placeholder.name ?? null },
        repair: repair?.kind ?? null,
        repairPlan: judged ? planSummary(plan ?? judged.repair) : null,
        leftovers: { count: judged?.leftovers.count ?? 0, oldestOfflineMs: judged?.leftovers.oldestOfflineMs ?? null },
        findings: report.findings.map((f) => findingJson(f, translation)),
      };
    }),
  };
}

export function findingJson(finding: Finding, translation: Translation = {}): FindingJson {
  return {
    code: finding.code,
    severity: finding.severity,
    message: formatMessage(`finding.${finding.code}`, finding.params, 'text', translation),
  };
}

/** Agents summed over the pools whose agents were read; a KEDA agent left stale still counts as KEDA's. */
export function totals(result: GuardResult): GuardReportJson['totals'] {
  const sum = { registered: 0, online: 0, placeholder: 0, keda: 0 };
  for (const { report } of result.pools) {
    const counts = isJudged(report) ? report.counts : undefined;
    if (!counts) continue;
    sum.registered += counts.registered;
    sum.online += counts.online;
    sum.placeholder += counts.placeholder;
    sum.keda += counts.keda + counts.stale;
  }
  return sum;
}

export function evidenceText(evidence: KindEvidence, format: RenderFormat, translation: Translation = {}): string {
  const { key, params } = evidenceLine(evidence);
  return formatMessage(key, params, format, translation);
}

/** "KEDA-scaled: <evidence>; <evidence>." — what a pool is and why, in one line. */
export function poolKindLine(kind: JudgedPoolReport['kind'], format: RenderFormat, translation: Translation = {}): string {
  return formatMessage(
    'poolKind.line',
    {
      kind: formatMessage(`poolKind.${kind.kind}`, {}, format, translation),
      evidence: kind.evidence.map((e) => evidenceText(e, format, translation)).join('; '),
    },
    format,
    translation,
  );
}
