import { useMemo, useState } from 'react';
import { Button } from 'azure-devops-ui/Button';
import { executeSweep, type PoolSweep } from '../../../core/guard/sweep';
import { sweepRows } from '../../../core/guard/sweep-report';
import { planSweep } from '../../../core/model/sweep';
import { PORTAL_USER, type PoolActions } from '../hooks/usePoolActions';
import type { PoolRow } from '../model/pool-rows';
import { poolSettings, type HubSettings } from '../model/settings';
import { text } from '../model/text';
import type { HubServices } from '../services/host';
import { ConfirmDialog } from './ConfirmDialog';
import { PermissionNote } from './PermissionNote';
import { Message } from './RichText';
import { SweepAgentList } from './SweepAgents';

type LoadedRow = Extract<PoolRow, { state: 'loaded' }>;

/**
 * "Clean up leftovers": the sweep the task's `action: sweep` runs, for pool Administrators. Its dry run
 * is the confirmation: what would be deleted and why, and why each other agent is kept.
 */
export function SweepAction({
  row,
  settings,
  services,
  actions,
}: {
  row: LoadedRow;
  settings: HubSettings;
  services: HubServices;
  actions: PoolActions;
}) {
  const [preview, setPreview] = useState<PoolSweep>();
  const plan = useMemo(
    () => planSweep(row.snapshot, poolSettings(settings, row.pool.id, services.organizationUrl)),
    [row.snapshot, settings, row.pool.id, services.organizationUrl],
  );
  const count = plan.candidates.length;
  const allowed = actions.permission === 'allowed';
  const preparePreview = async () => setPreview(await executeSweep(services.client, plan, { dryRun: true, access: PORTAL_USER }));
  return (
    <div className="kpg-action-bar">
      <Button
        id="kpg-sweep"
        iconProps={{ iconName: 'Delete' }}
        text={text('hub.action.sweep')}
        disabled={count === 0 || !allowed || actions.busy}
        onClick={() => void preparePreview()}
        tooltipProps={{ text: text('hub.action.sweepTooltip') }}
      />
      <span className="kpg-sweep-note">
        {count === 0 ? (
          <Message id="hub.action.sweepNothing" params={{ thresholdMs: plan.thresholdMs }} />
        ) : allowed ? (
          <Message id="hub.action.sweepWhy" params={{ count, thresholdMs: plan.thresholdMs }} />
        ) : (
          <PermissionNote permission={actions.permission} pool={row.pool.name} />
        )}
      </span>
      {preview?.plan && <SweepConfirmation preview={preview} onClose={() => setPreview(undefined)} onConfirm={actions.sweep} />}
    </div>
  );
}

function SweepConfirmation({ preview, onClose, onConfirm }: { preview: PoolSweep; onClose(): void; onConfirm: PoolActions['sweep'] }) {
  const rows = useMemo(() => sweepRows(preview, 'markdown'), [preview]);
  const deleted = rows.filter((r) => r.action === 'wouldDelete');
  const kept = rows.filter((r) => r.action === 'kept');
  const plan = preview.plan!;
  return (
    <ConfirmDialog
      title={text('hub.confirm.sweep.title', { count: deleted.length, pool: plan.pool.name })}
      confirmText={text('hub.confirm.sweep.ok')}
      onCancel={onClose}
      onConfirm={() => {
        onClose();
        void onConfirm(plan);
      }}
    >
      <p>
        <Message id="hub.confirm.sweep.body" params={{ pool: plan.pool.name }} />
      </p>
      <SweepAgentList rows={deleted} label={text('hub.sweep.list.wouldDelete')} />
      {kept.length > 0 && (
        <details className="kpg-sweep-kept">
          {/* A Tab stop of its own: the dialog moves focus by Tab among elements with a tabindex, and a summary has none. */}
          <summary tabIndex={0}>{text('hub.confirm.sweep.kept', { count: kept.length })}</summary>
          <SweepAgentList rows={kept} label={text('hub.sweep.list.kept')} />
        </details>
      )}
    </ConfirmDialog>
  );
}
