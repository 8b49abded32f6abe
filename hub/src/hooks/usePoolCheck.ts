import { useCallback, useEffect, useState } from 'react';
import { AdoError } from '../../../core/ado/errors';
import { describeError } from '../../../core/guard/errors';
import { failureReport } from '../../../core/guard/failures';
import { installPoolCheck, removePoolCheck, showPoolCheck, type PoolCheckState } from '../../../core/guard/pool-check';
import { parsePoolCheckSettings, type PoolCheckInput } from '../../../core/guard/pool-check-inputs';
import { installParagraphs, removeParagraphs, showParagraphs, type PoolCheckWording } from '../../../core/guard/pool-check-report';
import type { Finding } from '../../../core/model/findings';
import { poolCheckText } from '../model/pool-check-text';
import { BrowserChecksClient } from '../services/browser-checks-client';
import type { HubServices } from '../services/host';
import { PORTAL_USER } from './usePoolActions';

/** What the section shows: the checks read, and what the last action did; or why that could not be done. */
export type PoolCheckView =
  | { status: 'loading' }
  | { status: 'shown'; state: PoolCheckState; paragraphs: string[]; done?: string[] }
  /** A refusal in words, or the failure of a call as the guard's finding. */
  | { status: 'failed'; paragraphs: string[]; findings: Finding[] };

export interface PoolCheckControls {
  view: PoolCheckView;
  busy: boolean;
  install(input: Omit<PoolCheckInput, 'names'>): Promise<void>;
  remove(): Promise<void>;
}

/**
 * How the section names its fields in the messages that refuse them: the connection by its label; it has no
 * fields for the timing, whose defaults always pass.
 */
const NAMES = { connection: poolCheckText('hub.poolCheck.connection'), timeoutMinutes: 'timeout', retryMinutes: 'retry interval' };

/**
 * The pool check of the project's queue for one pool: read when the panel opens, then installed or removed
 * on request (the section asks for confirmation first) and read again, so the page shows what the service holds.
 */
export function usePoolCheck(services: HubServices, poolName: string): PoolCheckControls {
  const [view, setView] = useState<PoolCheckView>({ status: 'loading' });
  const [busy, setBusy] = useState(false);

  const wording = useCallback((): PoolCheckWording => ({ format: 'markdown', organizationUrl: services.organizationUrl }), [services]);
  const checks = useCallback(() => new BrowserChecksClient(services.client, services.endpoint, services.callTimeoutMs), [services]);
  const target = useCallback(() => ({ project: services.project.name, pool: poolName }), [services, poolName]);

  const read = useCallback(
    async (done?: string[]) => {
      const state = await showPoolCheck(checks(), target());
      setView({ status: 'shown', state, paragraphs: showParagraphs(state, wording()), done });
    },
    [checks, target, wording],
  );

  const failed = useCallback(
    (error: unknown): PoolCheckView =>
      error instanceof AdoError
        ? { status: 'failed', paragraphs: [], findings: failureReport(poolName, error, { demands: [] }, PORTAL_USER).findings }
        : { status: 'failed', paragraphs: [describeError(error, 'hub.internalError', poolCheckText)], findings: [] },
    [poolName],
  );

  useEffect(() => {
    let live = true;
    setView({ status: 'loading' });
    read().catch((error: unknown) => live && setView(failed(error)));
    return () => {
      live = false;
    };
  }, [read, failed]);

  const act = async (action: () => Promise<string[]>) => {
    setBusy(true);
    try {
      await read(await action());
    } catch (error) {
      setView(failed(error));
    } finally {
      setBusy(false);
    }
  };

  return {
    view,
    busy,
    install: (input) =>
      act(async () => {
        const settings = parsePoolCheckSettings({ ...input, names: NAMES });
        // Its headline only: the details are the same as the check's, which the section shows below.
        return installParagraphs(await installPoolCheck(checks(), target(), settings), wording()).slice(0, 1);
      }),
    remove: () => act(async () => removeParagraphs(await removePoolCheck(checks(), target()), wording())),
  };
}
