import { HISTORY_SIZE } from '../../../core/ado/snapshots';
import { formatSeconds } from '../../../core/model/render';
import type { PoolSnapshot } from '../../../core/model/types';
import { snapshotWaits } from '../../../core/model/waits';
import { waitsText } from '../model/waits-text';

/**
 * The 95th percentile of the day's waits for an agent, over the newest requests the list reads, marked in the
 * warning colour and in words when it is above the project's threshold. Its own chunk, with what it computes
 * and says: the list shows the column's cells once it has loaded.
 */
export function WaitsCell({ snapshot, thresholdSeconds }: { snapshot: PoolSnapshot; thresholdSeconds?: number }) {
  const read = HISTORY_SIZE;
  // Which agents KEDA started does not change the wait's figures, only the Scaling tab's split of them.
  const waits = snapshotWaits(snapshot, () => false, snapshot.takenAt);
  if (!waits) return null;
  if (!waits.wait) {
    return (
      <span className="kpg-secondary" data-wait="none" title={waitsText('hub.cell.waitsNoneTitle', { read })}>
        {waitsText('hub.cell.waitsNone')}
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
      title={waitsText('hub.cell.waitsTitle', { jobs: waits.jobsRun, read, p50Ms: p50, maxMs: max })}
    >
      {over ? waitsText('hub.cell.waitsOver', { p95Ms: p95, thresholdMs }) : formatSeconds(p95)}
    </span>
  );
}
