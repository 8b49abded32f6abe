import { HISTORY_SIZE } from '../../../core/ado/snapshots';
import { formatSeconds } from '../../../core/model/render';
import type { PoolWaits } from '../../../core/model/waits';
import { text } from '../model/text';

/**
 * The 95th percentile of the day's waits for an agent, over the newest requests the list reads, marked in the
 * warning colour and in words when it is above the project's threshold.
 */
export function WaitsCell({ waits, thresholdSeconds }: { waits: PoolWaits; thresholdSeconds?: number }) {
  const read = HISTORY_SIZE;
  if (!waits.wait) {
    return (
      <span className="kpg-secondary" data-wait="none" title={text('hub.cell.waitsNoneTitle', { read })}>
        {text('hub.cell.waitsNone')}
      </span>
    );
  }
  const { p50, p95, max } = waits.wait;
  const thresholdMs = thresholdSeconds === undefined ? undefined : thresholdSeconds * 1000;
  const over = thresholdMs !== undefined && p95 > thresholdMs;
  return (
    <span
      className={over ? 'kpg-warning-text' : undefined}
      data-wait={over ? 'over' : 'within'}
      data-p95-ms={p95}
      title={text('hub.cell.waitsTitle', { jobs: waits.jobsRun, read, p50Ms: p50, maxMs: max })}
    >
      {over ? text('hub.cell.waitsOver', { p95Ms: p95, thresholdMs }) : formatSeconds(p95)}
    </span>
  );
}
