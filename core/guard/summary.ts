import type { MessageKey } from '../messages';
import type { AgentKind } from '../model/classify';
import type { Params } from '../model/findings';
import { escapeMarkdown, inlineCode } from '../model/markdown';
import { formatMessage, renderFinding, renderReason, type Translation } from '../model/render';
import type { Agent } from '../model/types';
import { isJudged, type JudgedPoolReport } from '../model/verdict';
import { WAIT_FINDINGS } from '../model/wait-findings';
import { poolKindLine } from './report';
import type { GuardResult, PoolOutcome } from './run';

const KINDS: readonly AgentKind[] = ['placeholder', 'keda', 'stale', 'static'];

/** A catalog sentence in one format and language. */
export type Message = (key: MessageKey, params?: Params) => string;

/** The build summary: per pool its verdict, its agents by kind with the reason, and the guidance. */
export function summaryMarkdown(result: GuardResult, translation: Translation = {}): string {
  const message: Message = (key, params = {}) => formatMessage(key, params, 'markdown', translation);
  const sections = result.pools.map((pool) => poolSection(pool, message, translation));
  return [`### ${message('summary.title', { verdict: message(`verdict.${result.verdict}`) })}`, ...sections].join('\n\n');
}

function poolSection(outcome: PoolOutcome, message: Message, translation: Translation): string {
  const { report } = outcome;
  const heading = `#### ${message('summary.pool', { pool: outcome.name, verdict: message(`verdict.${report.verdict}`) })}`;
  const findings = report.findings.map((finding) => renderFinding(finding, 'markdown', translation));
  // A pool that could not be read gets its failure only: nothing about agents it never saw.
  if (!isJudged(report)) return [heading, ...findings].join('\n\n');
  const kind = poolKindLine(report.kind, 'markdown', translation);
  if (!report.counts) return [heading, kind, ...findings].join('\n\n');
  const rows = KINDS.flatMap((kind) =>
    report.agents
      .filter((agent) => agent.kind === kind)
      .map(({ agent, reasons }) =>
        [
          tableCell(inlineCode(agent.name)),
          message(`kind.${kind}`),
          agentStatus(agent, message),
          tableCell(escapeMarkdown(agent.version)),
          tableCell(reasons.map((reason) => renderReason(reason, 'markdown', translation)).join('; ')),
        ].join(' | '),
      ),
  );
  const table =
    rows.length === 0
      ? message('summary.noAgents')
      : [`| ${message('summary.columns')} |`, '|---|---|---|---|---|', ...rows.map((row) => `| ${row} |`)].join('\n');
  const { count, oldestOfflineMs } = report.leftovers;
  const leftovers = oldestOfflineMs !== undefined ? [message('summary.leftovers', { count, oldestMs: oldestOfflineMs })] : [];
  return [heading, kind, table, ...leftovers, ...waitsLine(report, message), ...findings].join('\n\n');
}

/** The waits' figures when the pool's job requests were read, unless a finding about them tells them already. */
function waitsLine({ waits, findings }: JudgedPoolReport, message: Message): string[] {
  if (!waits || findings.some((finding) => WAIT_FINDINGS.has(finding.code))) return [];
  if (!waits.wait) return [message('summary.waitsNone')];
  const { p50, p95, max } = waits.wait;
  return [message('summary.waits', { p50Ms: p50, p95Ms: p95, maxMs: max, jobs: waits.jobsRun, keda: waits.jobsRunByKeda })];
}

/** Online or offline, and whether disabled, in the catalog's words. */
export function agentStatus(agent: Agent, message: Message): string {
  return (
    message(agent.status === 'online' ? 'status.online' : 'status.offline') + (agent.enabled ? '' : ` (${message('status.disabled')})`)
  );
}

/** A `|` splits a GFM table cell even inside a code span; escaped, it stays text. */
export function tableCell(markdown: string): string {
  return markdown.replace(/\|/g, '\\|');
}
