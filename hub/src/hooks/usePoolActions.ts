import { useCallback, useEffect, useState } from 'react';
import { AdoError } from '../../../core/ado/errors';
import { administratorSteps, repairFinding } from '../../../core/guard/failures';
import { registerPlaceholder } from '../../../core/guard/repair';
import { line, type Finding, type Line } from '../../../core/model/findings';
import type { Agent, Pool, PoolSnapshot } from '../../../core/model/types';
import { placeholderRequest, type HubSettings } from '../model/settings';
import { text } from '../model/text';
import type { HubServices } from '../services/host';

/** Whether the user may change the pool: the Administrator role on it, as the service reports it. */
export type Permission = 'checking' | 'allowed' | 'denied' | 'unknown';

/** What an action did, for the panel to show: a finding of the guard's, or a message with its evidence and fixes. */
export type Notice =
  | { tone: 'success' | 'error' | 'info'; finding: Finding }
  | { tone: 'success' | 'error'; summary: Line; details: Line[]; steps: Line[] };

const PORTAL_USER = { kind: 'portalUser' } as const;

export interface PoolActions {
  permission: Permission;
  busy: boolean;
  notice?: Notice;
  dismissNotice(): void;
  registerPlaceholder(snapshot: PoolSnapshot): Promise<void>;
  setAgentEnabled(agent: Agent, enabled: boolean): Promise<void>;
}

/**
 * The pool's two writes, each followed by reading the pool again so the page shows what the service now
 * holds. A refusal becomes a notice that says why and what to do, never an exception.
 */
export function usePoolActions(services: HubServices, settings: HubSettings, pool: Pool, onChanged: (poolId: number) => Promise<void>): PoolActions {
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
        await onChanged(pool.id);
      } finally {
        setBusy(false);
      }
    },
    [onChanged, pool.id],
  );

  const register = useCallback(
    (snapshot: PoolSnapshot) =>
      act(async () => {
        const result = await registerPlaceholder(services.client, snapshot, placeholderRequest(settings, pool.id, services.organizationUrl));
        const finding = repairFinding(pool.name, result, PORTAL_USER);
        return { tone: result.kind === 'refused' ? 'error' : result.kind === 'registered' ? 'success' : 'info', finding };
      }),
    [act, services, settings, pool],
  );

  const setAgentEnabled = useCallback(
    (agent: Agent, enabled: boolean) =>
      act(async () => {
        try {
          await services.client.setAgentEnabled(pool.id, agent.id, enabled);
          const state = text(enabled ? 'hub.agent.enabled' : 'hub.agent.disabled');
          return { tone: 'success', summary: line('hub.toggle.done', { agent: agent.name, state }), details: [], steps: [] };
        } catch (error) {
          if (!(error instanceof AdoError)) throw error;
          return toggleRefusal(pool, agent, error);
        }
      }),
    [act, services, pool],
  );

  return { permission, busy, notice, dismissNotice: () => setNotice(undefined), registerPlaceholder: register, setAgentEnabled };
}

function toggleRefusal(pool: Pool, agent: Agent, error: AdoError): Notice {
  const params = { agent: agent.name, pool: pool.name, status: error.status ?? 0 };
  const details = error.serviceMessage ? [line('detail.serviceMessage', { message: error.serviceMessage })] : [];
  switch (error.cause) {
    case 'forbidden':
    case 'unauthorized':
      return { tone: 'error', summary: line('hub.toggle.denied', params), details, steps: administratorSteps(pool.name, PORTAL_USER) };
    case 'notFound':
      return { tone: 'error', summary: line('hub.toggle.gone', params), details: [], steps: [] };
    default:
      return { tone: 'error', summary: line('hub.toggle.failed', params), details, steps: [line('fix.refreshPage')] };
  }
}
