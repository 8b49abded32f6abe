import type { AgentKind } from '../model/classify';
import { escapeMarkdown, inlineCode } from '../model/markdown';
import { formatMessage, renderFinding, renderReason, type Translation } from '../model/render';
import type { GuardResult, PoolOutcome } from './run';

const KINDS: readonly AgentKind[] = ['placeholder', 'keda', 'stale', 'static'];

/** The build summary: per pool its verdict, its agents by kind with the reason, and the guidance. */
export function summaryMarkdown(result: GuardResult, translation: Translation = {}): string {
  const message = (key: Parameters<typeof formatMessage>[0], params = {}) => formatMessage(key, params, 'markdown', translation);
  const sections = result.pools.map((pool) => poolSection(pool, message, translation));
  return [`### ${message('summary.title', { verdict: message(`verdict.${result.verdict}`) })}`, ...sections].join('\n\n');
}

function poolSection(outcome: PoolOutcome, message: (key: Parameters<typeof formatMessage>[0], params?: object) => string, translation: Translation): string {
  const { report } = outcome;
  const heading = `#### ${message('summary.pool', { pool: outcome.name, verdict: message(`verdict.${report.verdict}`) })}`;
  const rows = KINDS.flatMap((kind) =>
    report.agents
      .filter((agent) => agent.kind === kind)
      .map(({ agent, reasons }) =>
        [
          tableCell(inlineCode(agent.name)),
          message(`kind.${kind}`),
          message(agent.status === 'online' ? 'status.online' : 'status.offline') + (agent.enabled ? '' : ` (${message('status.disabled')})`),
          tableCell(escapeMarkdown(agent.version)),
          tableCell(reasons.map((reason) => renderReason(reason, 'markdown', translation)).join('; ')),
        ].join(' | '),
      ),
  );
  const table =
    rows.length === 0
      ? message('summary.noAgents')
      : [`| ${message('summary.columns')} |`, '|---|---|---|---|---|', ...rows.map((row) => `| ${row} |`)].join('\n');
  const findings = report.findings.map((finding) => renderFinding(finding, 'markdown', translation));
  return [heading, table, ...findings].join('\n\n');
}

/** A `|` splits a GFM table cell even inside a code span; escaped, it stays text. */
function tableCell(markdown: string): string {
  return markdown.replace(/\|/g, '\\|');
}
