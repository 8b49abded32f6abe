import type { AgentKind, ClassifiedAgent } from '../model/classify';
import { inlineCode } from '../model/markdown';
import { formatMessage, renderFinding, renderReason, type RenderFormat, type Translation } from '../model/render';
import { hoursToMs, renderKeepReason } from '../model/sweep';
import { renderAgentChange } from '../model/sweep-changes';
import type { Agent } from '../model/types';
import { isRefusal } from './failures';
import { REPORT_SCHEMA_VERSION, findingJson, type FindingJson } from './report';
import { agentStatus, tableCell, type Message } from './summary';
import type { DeletionKind, DeletionOutcome, PoolSweep, SweepResult } from './sweep';

/** What a sweep did with an agent, or, for the agents it never touches, that it kept them. */
export type SweepAction = DeletionKind | 'kept';

/** One agent of a swept pool as every face lists it. */
export interface SweepRow {
  agent: Agent;
  kind: AgentKind;
  action: SweepAction;
  /** Why, in the format asked for. */
  why: string;
}

// Kept agents first: few, and each a decision worth checking, while the deleted ones may number thousands.
const ACTION_ORDER: readonly SweepAction[] = ['kept', 'failed', 'notAttempted', 'skipped', 'deleted', 'wouldDelete'];

/** A build summary of thousands of rows helps nobody; the task log lists every agent. */
const SUMMARY_ROWS = 200;

export function sweepRows(pool: PoolSweep, format: RenderFormat, translation: Translation = {}): SweepRow[] {
  const evidence = (classified: ClassifiedAgent) => classified.reasons.map((reason) => renderReason(reason, format, translation));
  const kept = (pool.plan?.kept ?? []).map((k): SweepRow => ({
    agent: k.agent,
    kind: k.kind,
    action: 'kept',
    why: [renderKeepReason(k.keptBecause, format, translation), ...evidence(k)].join('; '),
  }));
  const handled = pool.outcomes.map((outcome): SweepRow => ({
    agent: outcome.candidate.agent,
    kind: outcome.candidate.kind,
    action: outcome.kind,
    why: outcomeWhy(outcome, format, translation) ?? evidence(outcome.candidate).join('; '),
  }));
  return [...kept, ...handled].sort((a, b) => ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action));
}

/** Why a candidate is still there; undefined for one deleted (or to delete), whose reasons are its evidence. */
function outcomeWhy(outcome: DeletionOutcome, format: RenderFormat, translation: Translation): string | undefined {
  const message: Message = (key, params = {}) => formatMessage(key, params, format, translation);
  switch (outcome.kind) {
    case 'deleted':
    case 'wouldDelete':
      return undefined;
    case 'skipped':
      return renderAgentChange(outcome.change, format, translation);
    case 'notAttempted':
      return message('sweep.notAttempted');
    case 'failed':
      if (isRefusal(outcome.error)) return message('sweep.refused');
      return outcome.error.kind === 'timeout' ? message('sweep.timedOut') : message('sweep.failed', { status: outcome.error.status ?? 0 });
  }
}

function countsOf(pool: PoolSweep): Record<SweepAction, number> {
  const counts: Record<SweepAction, number> = {
    kept: pool.plan?.kept.length ?? 0,
    deleted: 0,
    wouldDelete: 0,
    skipped: 0,
    failed: 0,
    notAttempted: 0,
  };
  for (const outcome of pool.outcomes) counts[outcome.kind]++;
  return counts;
}

/** One line per pool: what the sweep did there. */
export function sweepHeading(pool: PoolSweep, dryRun: boolean, format: RenderFormat, translation: Translation = {}): string {
  if (!pool.plan) return formatMessage('sweep.poolUnread', { pool: pool.name }, format, translation);
  const counts = countsOf(pool);
  return dryRun
    ? formatMessage('sweep.poolDryRun', { pool: pool.name, count: counts.wouldDelete, kept: counts.kept }, format, translation)
    : formatMessage(
        'sweep.pool',
        {
          pool: pool.name,
          deleted: counts.deleted,
          skipped: counts.skipped,
          failed: counts.failed + counts.notAttempted,
          kept: counts.kept,
        },
        format,
        translation,
      );
}

/** The task log's record of every agent, one line each. */
export function sweepLogLines(pool: PoolSweep, translation: Translation = {}): string[] {
  const text: Message = (key, params = {}) => formatMessage(key, params, 'text', translation);
  return sweepRows(pool, 'text', translation).map((row) =>
    text('sweep.logLine', { action: text(`sweep.action.${row.action}`), agent: row.agent.name, why: row.why }),
  );
}

/**
 * The machine-readable result: the CLI's `--json` with every agent, and, without the agent list (an
 * output variable becomes an environment variable of later steps, whose size is limited), the task's
 * `report` output (`schemas/sweep-report.schema.json`). Field names are a contract with users' pipelines; add
 * to them, never rename.
 */
export interface SweepReportJson {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  action: 'sweep';
  dryRun: boolean;
  errored: boolean;
  deleted: number;
  wouldDelete: number;
  pools: Array<{
    name: string;
    id: number | null;
    olderThanHours: number | null;
    counts: Record<SweepAction, number>;
    /** The agent that keeps the pool able to queue jobs once the leftovers are gone. */
    keeper: string | null;
    agents?: Array<{ id: number; name: string; kind: AgentKind; status: string; enabled: boolean; action: SweepAction; why: string }>;
    findings: FindingJson[];
  }>;
}

export function sweepReportJson(result: SweepResult, options: { agents: boolean }, translation: Translation = {}): SweepReportJson {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    action: 'sweep',
    dryRun: result.dryRun,
    errored: result.errored,
    deleted: result.deleted,
    wouldDelete: result.wouldDelete,
    pools: result.pools.map((pool) => ({
      name: pool.name,
      id: pool.plan?.pool.id ?? null,
      olderThanHours: pool.plan ? pool.plan.thresholdMs / hoursToMs(1) : null,
      counts: countsOf(pool),
      keeper: pool.plan?.keeper?.name ?? null,
      ...(options.agents
        ? {
            agents: sweepRows(pool, 'text', translation).map(({ agent, kind, action, why }) => ({
              id: agent.id,
              name: agent.name,
              kind,
              status: agent.status,
              enabled: agent.enabled,
              action,
              why,
            })),
          }
        : {}),
      findings: pool.findings.map((f) => findingJson(f, translation)),
    })),
  };
}

/** The build summary: per pool what was deleted (or would be), skipped and kept, with the reasons, then the findings. */
export function sweepSummaryMarkdown(result: SweepResult, translation: Translation = {}): string {
  const message: Message = (key, params = {}) => formatMessage(key, params, 'markdown', translation);
  const title = result.dryRun
    ? message('summary.sweepTitleDryRun', { count: result.wouldDelete })
    : message('summary.sweepTitle', { count: result.deleted });
  const sections = result.pools.map((pool) => {
    const heading = `#### ${sweepHeading(pool, result.dryRun, 'markdown', translation)}`;
    const findings = pool.findings.map((f) => renderFinding(f, 'markdown', translation));
    return [heading, ...(pool.plan ? agentTable(pool, message, translation) : []), ...findings].join('\n\n');
  });
  return [`### ${title}`, ...sections].join('\n\n');
}

function agentTable(pool: PoolSweep, message: Message, translation: Translation): string[] {
  const rows = sweepRows(pool, 'markdown', translation);
  if (rows.length === 0) return [message('summary.noAgents')];
  const header = message('sweep.columns').split('|');
  const lines = rows
    .slice(0, SUMMARY_ROWS)
    .map(({ agent, kind, action, why }) =>
      [
        tableCell(inlineCode(agent.name)),
        message(`sweep.action.${action}`),
        message(`kind.${kind}`),
        agentStatus(agent, message),
        tableCell(why),
      ].join(' | '),
    );
  const table = [`| ${header.join(' | ')} |`, `|${'---|'.repeat(header.length)}`, ...lines.map((cells) => `| ${cells} |`)].join('\n');
  return rows.length > SUMMARY_ROWS ? [table, message('summary.sweepMoreRows', { count: rows.length - SUMMARY_ROWS })] : [table];
}
