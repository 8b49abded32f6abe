import type { GuardResult } from '../core/guard/run';
import { singleLine } from '../core/model/plaintext';
import { formatMessage, renderFinding } from '../core/model/render';

/** Columns padded to their widest cell; untrusted names are flattened to one line first. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = [header, ...rows].map((row) => row.map(singleLine));
  const widths = header.map((_, column) => Math.max(...cells.map((row) => [...row[column]].length)));
  return cells.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}

export function renderPoolTable(result: GuardResult): string {
  const text = (key: Parameters<typeof formatMessage>[0], params = {}) => formatMessage(key, params, 'text');
  const header = text('cli.columns').split('|');
  const rows = result.pools.map(({ name, report }) => [
    name,
    text(`verdict.${report.verdict}`),
    String(report.counts.registered),
    String(report.counts.online),
    String(report.counts.placeholder),
    String(report.counts.keda),
    String(report.counts.stale),
    text(`placeholderState.${report.placeholder.state}`),
  ]);
  const findings = result.pools.flatMap(({ name, report }) =>
    report.findings.map((finding) => `${singleLine(name)}: ${renderFinding(finding, 'text')}`),
  );
  return [renderTable(header, rows), ...findings].join('\n\n');
}
