/**
 * `keda-pool-guard waits`: how long each pool's jobs waited for an agent over the last day, in figures and
 * sparklines per 15 minutes. Exit codes: 0 the waits are within the threshold (or none is given), 1 a KEDA
 * pool's jobs wait longer than `--wait-threshold` at the 95th percentile, 3 a pool could not be read.
 */
import type { AdoClient } from '../core/ado/client';
import { readPools } from '../core/ado/snapshots';
import { readDayOfRequests } from '../core/ado/wait-window';
import type { AccessContext } from '../core/guard/failures';
import { waitsJson } from '../core/guard/report';
import { judge } from '../core/guard/run';
import { classificationRules } from '../core/model/classify';
import { inertJson } from '../core/model/plaintext';
import { formatSeconds, renderFinding } from '../core/model/render';
import { sparkline } from '../core/model/sparkline';
import type { PoolSettings } from '../core/model/settings';
import { isJudged, type JudgedPoolReport } from '../core/model/verdict';
import { WAIT_FINDINGS } from '../core/model/wait-findings';
import { waitSeries, type WaitBucket } from '../core/model/wait-series';
import type { PoolWaits } from '../core/model/waits';
import { placeholderOptions, type CommandLine } from './args';
import { EXIT, type CliIo } from './io';
import { text } from './text';

export async function runWaitsCommand(
  client: AdoClient,
  pools: readonly string[],
  args: CommandLine,
  io: CliIo,
  access: AccessContext,
): Promise<number> {
  const settings: PoolSettings = {
    demands: [],
    rules: classificationRules(placeholderOptions(args)),
    kedaScaled: args.read('kedaScaled'),
    waits: { thresholdMs: args.read('waitThreshold') },
  };
  const reads = await readPools(client, pools, undefined, { waitWindow: readDayOfRequests });
  const json: unknown[] = [];
  const shown: string[] = [];
  let exit: number = EXIT.ready;
  for (const read of reads) {
    const { name, report } = judge(read, settings, access);
    if (read.kind !== 'found' || !isJudged(report) || !report.waits) {
      io.err(report.findings.map((finding) => renderFinding(finding, 'text')).join('\n\n'));
      exit = EXIT.error;
      continue;
    }
    const found = report.findings.find((finding) => WAIT_FINDINGS.has(finding.code));
    if (found?.severity === 'warning') exit = Math.max(exit, EXIT.atRisk);
    const series = waitSeries(read.snapshot, report, settings.rules);
    json.push({ pool: name, kind: report.kind.kind, ...waitsJson(report.waits), series, jobs: report.waits.jobs });
    shown.push(renderWaits(name, report, report.waits, series, found ? renderFinding(found, 'text') : undefined));
  }
  if (json.length > 0) io.out(args.read('json') ? inertJson(json.length === 1 ? json[0] : json, 2) : shown.join('\n\n'));
  return exit;
}

function renderWaits(
  pool: string,
  report: JudgedPoolReport,
  waits: PoolWaits,
  series: readonly WaitBucket[],
  finding: string | undefined,
): string {
  const lines = [
    text('waits.heading', { pool, since: minute(waits.since), until: minute(waits.until), requests: waits.requests }),
    text('waits.jobs', {
      jobs: waits.jobsRun,
      keda: waits.jobsRunByKeda,
      waiting: waits.stillWaiting,
      cancelled: waits.cancelledWhileWaiting,
    }),
    waits.wait ? text('waits.wait', { p50Ms: waits.wait.p50, p95Ms: waits.wait.p95, maxMs: waits.wait.max }) : text('waits.waitNone'),
    ...(waits.agentStart ? [text('waits.agentStart', { p50Ms: waits.agentStart.p50, p95Ms: waits.agentStart.p95 })] : []),
    ...(waits.thresholdMs !== undefined ? [text('waits.threshold', { thresholdMs: waits.thresholdMs, over: waits.overThreshold })] : []),
    ...(waits.oldestWaitingMs !== undefined ? [text('waits.oldestWaiting', { ageMs: waits.oldestWaitingMs })] : []),
    '',
    ...spark(
      text('waits.sparkWait'),
      series.map((bucket) => bucket.longestWaitMs),
      formatSeconds,
    ),
    ...spark(
      text('waits.sparkQueued'),
      series.map((bucket) => bucket.queued),
      String,
    ),
    ...spark(
      text('waits.sparkKeda'),
      series.map((bucket) => bucket.kedaAgents),
      String,
    ),
  ];
  if (report.kind.kind !== 'keda') lines.push('', text('waits.notKeda', { pool, kind: text(`poolKind.${report.kind.kind}`) }));
  if (finding) lines.push('', finding);
  return lines.join('\n');
}

/** A labelled sparkline, its highest value named so the bars can be read. */
function spark(label: string, values: readonly (number | undefined)[], show: (value: number) => string): string[] {
  const highest = Math.max(0, ...values.map((value) => value ?? 0));
  return [`${label} (${text('waits.sparkHighest', { highest: show(highest) })}):`, `  ${sparkline(values)}`];
}

/** `2024-05-01 12:00 UTC`: to the minute, in one zone for every reader. */
function minute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
