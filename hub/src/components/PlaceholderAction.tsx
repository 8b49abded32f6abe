import { useState } from 'react';
import { Button } from 'azure-devops-ui/Button';
import { needsPlaceholder, placeholderProposal } from '../../../core/guard/repair';
import type { PoolActions } from '../hooks/usePoolActions';
import type { PoolRow } from '../model/pool-rows';
import { placeholderRequest, type HubSettings } from '../model/settings';
import { text } from '../model/text';
import type { HubServices } from '../services/host';
import { ConfirmDialog } from './ConfirmDialog';
import { PermissionNote } from './PermissionNote';
import { Message } from './RichText';

type LoadedRow = Extract<PoolRow, { state: 'loaded' }>;

/**
 * "Register placeholder": offered where the task's `repair` would register one, to pool Administrators,
 * after a confirmation that shows exactly what will be registered.
 */
export function PlaceholderAction({
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
  const [confirming, setConfirming] = useState(false);
  const needed = needsPlaceholder(row.report);
  const request = placeholderRequest(settings, row.pool.id, services.organizationUrl);
  const allowed = actions.permission === 'allowed';
  return (
    <div className="kpg-action-bar">
      <Button
        id="kpg-register-placeholder"
        primary={needed}
        iconProps={{ iconName: 'Add' }}
        text={text('hub.action.register')}
        disabled={!needed || !allowed || actions.busy}
        onClick={() => setConfirming(true)}
        tooltipProps={{ text: text(needed ? 'hub.action.registerTooltip' : 'hub.action.notNeeded') }}
      />
      <span className="kpg-action-note">
        {!needed ? (
          <Message id="hub.action.notNeeded" />
        ) : allowed ? (
          <Message id="hub.action.registerWhy" params={{ name: request.name }} />
        ) : (
          <PermissionNote permission={actions.permission} pool={row.pool.name} />
        )}
      </span>
      {confirming && (
        <RegisterConfirmation row={row} settings={settings} services={services} actions={actions} onClose={() => setConfirming(false)} />
      )}
    </div>
  );
}

function RegisterConfirmation({
  row,
  settings,
  services,
  actions,
  onClose,
}: {
  row: LoadedRow;
  settings: HubSettings;
  services: HubServices;
  actions: PoolActions;
  onClose(): void;
}) {
  const request = placeholderRequest(settings, row.pool.id, services.organizationUrl);
  const proposal = placeholderProposal(row.snapshot, request);
  // Capabilities claimed for the jobs' demands; the marker is named on its own.
  const claimed = Object.keys(proposal.userCapabilities).filter((name) => name !== request.rules.markerCapability);
  return (
    <ConfirmDialog
      title={text('hub.confirm.register.title', { pool: row.pool.name })}
      confirmText={text('hub.confirm.register.ok')}
      onCancel={onClose}
      onConfirm={() => {
        onClose();
        void actions.registerPlaceholder();
      }}
    >
      <p>
        <Message
          id="hub.confirm.register.body"
          params={{ name: proposal.name, pool: row.pool.name, version: proposal.version, marker: request.rules.markerCapability }}
        />
      </p>
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
