import { useCallback, useEffect, useState } from 'react';
import { AdoError } from '../../../core/ado/errors';
import { readPoolSnapshot } from '../../../core/ado/snapshots';
import { internalErrorParams } from '../../../core/guard/errors';
import { administratorSteps, repairFinding } from '../../../core/guard/failures';
import { carryOutRepair } from '../../../core/guard/repair';
import { executeSweep, type PoolSweep } from '../../../core/guard/sweep';
import { line, type Finding, type Line } from '../../../core/model/findings';
import { samePlan, type RepairPlan } from '../../../core/model/repair-plan';
import type { SweepPlan } from '../../../core/model/sweep';
import type { Agent, Pool } from '../../../core/model/types';
import { evaluatePool } from '../../../core/model/verdict';
import { poolSettings, type HubSettings } from '../model/settings';
import { text, textLine, type TextLine } from '../model/text';
import type { HubServices } from '../services/host';

/** Whether the user may change the pool: the Administrator role on it, as the service reports it. */
export type Permission = 'checking' | 'allowed' | 'denied' | 'unknown';

/** What an action did, for the panel to show: a finding of the guard's, or a message with its evidence and fixes. */
export type Notice =
  | { tone: 'success' | 'error' | 'info'; finding: Finding }
  | { tone: 'success' | 'error' | 'info'; summary: TextLine; details: Line[]; steps: Line[] }
  /** What "Clean up leftovers" did, agent by agent. */
  | { tone: 'success' | 'error' | 'info'; sweep: PoolSweep };

/** The hub's calls run as the user who opened the page. */
export const PORTAL_USER = { kind: 'portalUser' } as const;

export interface PoolActions {
  permission: Permission;
  busy: boolean;
  notice?: Notice;
  dismissNotice(): void;
  /** Reads the pool again, and carries out its repair plan if it is still the one confirmed. */
  repairPlaceholder(confirmed: RepairPlan): Promise<void>;
  setAgentEnabled(agent: Agent, enabled: boolean): Promise<void>;
  /** Deletes the plan's candidates, each read again first; the plan was shown and confirmed. */
  sweep(plan: SweepPlan): Promise<void>;
}

/**
 * The pool's writes, each preceded by reading again what it changes (the page may show an older state,
 * and the user took time to confirm) and followed by reading the pool again so the page shows what the
 * service now holds. A refusal becomes a notice that says why and what to do, never an exception.
 */
export function usePoolActions(
  services: HubServices,
  settings: HubSettings,
  pool: Pool,
  onChanged: (poolId: number) => Promise<void>,
): PoolActions {
  const [permission, setPermission] = useState<Permission>('checking');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>();

  useEffect(() => {
    let live = true;
    setPermission('checking');
    services.client.canManagePool(pool.id).then(
      (allowed) => live && setPermission(allowed ? 'allowed' : 'denied'),
      () => live && setPermission('unknown'),
    );
    return () => {
      live = false;
    };
  }, [services, pool.id]);

  const act = useCallback(
    async (action: () => Promise<Notice>) => {
      setBusy(true);
      setNotice(undefined);
      try {
        setNotice(await action());
      } catch (error) {
        // Each action turns the service's answers into a notice; what is thrown instead is a bug of ours.
        setNotice(internalErrorNotice(error));
      }
      try {
        await onChanged(pool.id);
      } finally {
        setBusy(false);
      }
    },
    [onChanged, pool.id],
  );

  const repairPlaceholder = useCallback(
    (confirmed: RepairPlan) =>
      act(async () => {
        let snapshot;
        try {
          snapshot = await readPoolSnapshot(services.client, pool);
        } catch (error) {
          if (!(error instanceof AdoError)) throw error;
          return rereadFailure(pool, error);
        }
        // Planned again on what the service holds now: only the change the user confirmed is made.
        const plan = evaluatePool(snapshot, poolSettings(settings, pool.id, services.organizationUrl)).repair;
        if (!samePlan(plan, confirmed)) {
          return { tone: 'info', summary: textLine('hub.repair.planChanged', { pool: pool.name }), details: [], steps: [] };
        }
        const result = await carryOutRepair(services.client, pool.id, plan, settings.markerCapability);
        const finding = repairFinding(pool.name, result, PORTAL_USER);
        const done = result.kind === 'registered' || result.kind === 'refreshed';
        return { tone: done ? 'success' : finding.severity === 'info' ? 'info' : 'error', finding };
      }),
    [act, services, settings, pool],
  );

  const setAgentEnabled = useCallback(
    (agent: Agent, enabled: boolean) =>
      act(async () => {
        const state = text(enabled ? 'hub.agent.enabled' : 'hub.agent.disabled');
        try {
          const current = await services.client.getAgent(pool.id, agent.id);
          if (!current) return agentGone(pool, agent);
          if (current.enabled === enabled) {
            return {
              tone: 'info',
              summary: textLine('hub.toggle.already', { agent: agent.name, state, pool: pool.name }),
              details: [],
              steps: [],
            };
          }
          await services.client.setAgentEnabled(pool.id, agent.id, enabled);
          return { tone: 'success', summary: textLine('hub.toggle.done', { agent: agent.name, state }), details: [], steps: [] };
        } catch (error) {
          if (!(error instanceof AdoError)) throw error;
          return toggleRefusal(pool, agent, error);
        }
      }),
    [act, services, pool],
  );

  const sweep = useCallback(
    (plan: SweepPlan) =>
      act(async () => {
        const result = await executeSweep(services.client, plan, { dryRun: false, access: PORTAL_USER });
        const tone = result.findings.some((f) => f.severity !== 'info')
          ? 'error'
          : result.outcomes.some((o) => o.kind === 'deleted')
            ? 'success'
            : 'info';
        return { tone, sweep: result };
      }),
    [act, services],
  );

  return { permission, busy, notice, dismissNotice: () => setNotice(undefined), repairPlaceholder, setAgentEnabled, sweep };
}

/** A bug of ours: said as such, with its details in the browser's console, where the message sends the user. */
function internalErrorNotice(error: unknown): Notice {
  console.error(error);
  return { tone: 'error', summary: textLine('hub.internalError', internalErrorParams(error)), details: [], steps: [] };
}

function rereadFailure(pool: Pool, error: AdoError): Notice {
  const details = error.serviceMessage ? [line('detail.serviceMessage', { message: error.serviceMessage })] : [];
  return { tone: 'error', summary: textLine('hub.reread.failed', { pool: pool.name, status: error.status ?? 0 }), details, steps: [] };
}

function toggleRefusal(pool: Pool, agent: Agent, error: AdoError): Notice {
  const params = { agent: agent.name, pool: pool.name, status: error.status ?? 0 };
  const details = error.serviceMessage ? [line('detail.serviceMessage', { message: error.serviceMessage })] : [];
  switch (error.kind) {
    case 'forbidden':
    case 'unauthorized':
      return { tone: 'error', summary: textLine('hub.toggle.denied', params), details, steps: administratorSteps(pool.name, PORTAL_USER) };
    case 'notFound':
      return agentGone(pool, agent);
    default:
      return { tone: 'error', summary: textLine('hub.toggle.failed', params), details, steps: [line('fix.refreshPage')] };
  }
}

function agentGone(pool: Pool, agent: Agent): Notice {
  return { tone: 'error', summary: textLine('hub.toggle.gone', { agent: agent.name, pool: pool.name }), details: [], steps: [] };
}
