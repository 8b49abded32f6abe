import { useEffect, useState } from 'react';
import { AdoError } from '../../../core/ado/errors';
import { readWaitWindow } from '../../../core/ado/wait-window';
import { failureReport } from '../../../core/guard/failures';
import type { Finding } from '../../../core/model/findings';
import type { Pool, PoolSnapshot } from '../../../core/model/types';
import { evaluatePool } from '../../../core/model/verdict';
import { WAIT_FINDINGS, withWaits } from '../../../core/model/wait-findings';
import { waitSeries, type WaitBucket } from '../../../core/model/wait-series';
import { WAIT_WINDOW_MS, type PoolWaits } from '../../../core/model/waits';
import { poolSettings, type HubSettings } from '../model/settings';
import type { HubServices } from '../services/host';

export type WaitWindowState =
  | { phase: 'reading' }
  /** `finding`: the note or the risk the task would give a KEDA pool, with the project's threshold. */
  | { phase: 'read'; waits: PoolWaits; series: WaitBucket[]; finding?: Finding }
  /** The day's requests could not be read: why, and what to do. */
  | { phase: 'failed'; finding: Finding }
  /** A bug of ours, its details in the console. */
  | { phase: 'internalError'; error: unknown };

/**
 * The day's job requests of one pool, read when the Scaling tab opens (up to three pages the list never
 * reads), measured as the task measures them: the pool judged again with them and the project's threshold.
 */
export function useWaitWindow(services: HubServices, pool: Pool, snapshot: PoolSnapshot, settings: HubSettings): WaitWindowState {
  const [state, setState] = useState<WaitWindowState>({ phase: 'reading' });
  useEffect(() => {
    let current = true;
    setState({ phase: 'reading' });
    const read = async (): Promise<WaitWindowState> => {
      const now = new Date();
      try {
        const requests = await readWaitWindow(services.client, pool.id, { since: new Date(now.getTime() - WAIT_WINDOW_MS) });
        const thresholdMs = settings.waitThresholdSeconds === undefined ? undefined : settings.waitThresholdSeconds * 1000;
        const withWindow = { ...snapshot, waitWindow: requests, takenAt: now };
        const judged = { ...poolSettings(settings, pool.id, services.organizationUrl), waits: { thresholdMs } };
        const report = withWaits(evaluatePool(withWindow, judged), withWindow, judged);
        if (!report.waits) throw new Error(`The waits of pool ${pool.name} were not measured.`);
        return {
          phase: 'read',
          waits: report.waits,
          series: waitSeries(withWindow, report, judged.rules),
          finding: report.findings.find((finding) => WAIT_FINDINGS.has(finding.code)),
        };
      } catch (error) {
        if (error instanceof AdoError)
          return { phase: 'failed', finding: failureReport(pool.name, error, { demands: [] }, { kind: 'portalUser' }).findings[0] };
        console.error(error);
        return { phase: 'internalError', error };
      }
    };
    void read().then((next) => current && setState(next));
    return () => {
      current = false;
    };
  }, [services, pool, snapshot, settings]);
  return state;
}
