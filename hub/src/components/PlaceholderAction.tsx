import { useState } from 'react';
import { Button } from 'azure-devops-ui/Button';
import { standInName } from '../../../core/ado/registration';
import { planLines, type PlanLines } from '../../../core/guard/plan-lines';
import { plansAWrite } from '../../../core/guard/repair';
import type { Line } from '../../../core/model/findings';
import type { RepairPlan } from '../../../core/model/repair-plan';
import type { PoolActions } from '../hooks/usePoolActions';
import type { PoolRow } from '../model/pool-rows';
import type { HubSettings } from '../model/settings';
import { text } from '../model/text';
import { ConfirmDialog } from './ConfirmDialog';
import { PermissionNote } from './PermissionNote';
import { Message } from './RichText';

type LoadedRow = Extract<PoolRow, { state: 'loaded' }>;
type WritingPlan = Extract<RepairPlan, { action: 'register' | 'refresh' }>;

/**
 * The placeholder button: the pool's repair plan, the one the task's `repair` follows. It registers or
 * refreshes as the plan says, for pool Administrators, after a confirmation that shows exactly what changes;
 * where the plan does nothing, it is off and says why.
 */
export function PlaceholderAction({ row, settings, actions }: { row: LoadedRow; settings: HubSettings; actions: PoolActions }) {
  const [confirming, setConfirming] = useState(false);
  const plan = row.report.repair;
  const lines = planLines(row.pool.name, plan);
  const acts = plansAWrite(plan);
  const allowed = actions.permission === 'allowed';
  const refresh = plan.action === 'refresh';
  return (
    <div className="kpg-action-bar" data-plan={plan.action}>
      <Button
        id="kpg-register-placeholder"
        primary={acts}
        iconProps={{ iconName: refresh ? 'Refresh' : 'Add' }}
        text={text(refresh ? 'hub.action.refresh' : 'hub.action.register')}
        disabled={!acts || !allowed || actions.busy}
        onClick={() => setConfirming(true)}
        tooltipProps={{
          text: acts
            ? text(refresh ? 'hub.action.refreshTooltip' : 'hub.action.registerTooltip')
            : text(lines.summary.key, lines.summary.params),
        }}
      />
      <span className="kpg-action-note">
        {acts && !allowed ? (
          <PermissionNote permission={actions.permission} pool={row.pool.name} />
        ) : (
          <PlanNote lines={lines} acts={acts} />
        )}
      </span>
      {confirming && acts && (
        <RepairConfirmation
          row={row}
          plan={plan}
          lines={lines}
          marker={settings.markerCapability}
          onClose={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void actions.repairPlaceholder(plan);
          }}
        />
      )}
    </div>
  );
}

function PlanNote({ lines, acts }: { lines: PlanLines; acts: boolean }) {
  return (
    <>
      <LineText line={lines.summary} />{' '}
      {acts ? <Message id="hub.action.asTheTask" /> : lines.steps.map((step, i) => <LineText key={i} line={step} />)}
    </>
  );
}

function LineText({ line }: { line: Line }) {
  return <Message id={line.key} params={line.params} />;
}

function RepairConfirmation({
  row,
  plan,
  lines,
  marker,
  onClose,
  onConfirm,
}: {
  row: LoadedRow;
  plan: WritingPlan;
  lines: PlanLines;
  marker: string;
  onClose(): void;
  onConfirm(): void;
}) {
  const { proposal } = plan;
  const pool = row.pool.name;
  // Capabilities claimed for the jobs' demands; the marker is named on its own.
  const claimed = Object.keys(proposal.userCapabilities).filter((name) => name !== marker);
  const refresh = plan.action === 'refresh';
  return (
    <ConfirmDialog
      title={refresh ? text('hub.confirm.refresh.title', { name: proposal.name, pool }) : text('hub.confirm.register.title', { pool })}
      confirmText={text(refresh ? 'hub.confirm.refresh.ok' : 'hub.confirm.register.ok')}
      onCancel={onClose}
      onConfirm={onConfirm}
    >
      <p>
        {refresh ? (
          <Message
            id="hub.confirm.refresh.body"
            params={{
              name: proposal.name,
              pool,
              from: plan.placeholder.version,
              version: proposal.version,
              marker,
              standIn: standInName(proposal.name),
            }}
          />
        ) : (
          <Message id="hub.confirm.register.body" params={{ name: proposal.name, pool, version: proposal.version, marker }} />
        )}
      </p>
      {lines.reasons.length > 0 && (
        <ul className="kpg-plan-reasons">
          {lines.reasons.map((reason) => (
            <li key={reason.key}>
              <LineText line={reason} />
            </li>
          ))}
        </ul>
      )}
      <p>
        {proposal.basedOn ? (
          <Message
            id="hub.confirm.register.basedOn"
            params={{ agent: proposal.basedOn, count: Object.keys(proposal.systemCapabilities).length }}
          />
        ) : claimed.length > 0 ? (
          <Message id="hub.confirm.register.noBase" params={{ capabilities: claimed }} />
        ) : (
          <Message id="hub.confirm.register.noBaseNoDemands" />
        )}
      </p>
      {proposal.unmetDemands.length > 0 && (
        <p className="kpg-warning-text">
          <Message id="hub.confirm.register.unmet" params={{ unmet: proposal.unmetDemands }} />
        </p>
      )}
    </ConfirmDialog>
  );
}
