import { useMemo, useState } from 'react';
import { Button } from 'azure-devops-ui/Button';
import type { ClassifiedAgent } from '../../../core/model/classify';
import { renderReason } from '../../../core/model/render';
import type { PoolActions } from '../hooks/usePoolActions';
import { capabilitiesThatMatter, capabilityCount, capabilityValues } from '../model/agent-details';
import { jobLabel } from '../model/jobs';
import type { PoolRow } from '../model/pool-rows';
import { poolSettings, type HubSettings } from '../model/settings';
import { text } from '../model/text';
import type { HubServices } from '../services/host';
import { ConfirmDialog } from './ConfirmDialog';
import { PermissionNote } from './PermissionNote';
import { Message, RichText } from './RichText';

type LoadedRow = Extract<PoolRow, { state: 'loaded' }>;

/** Every agent of the pool: what it is and why, its state, the capabilities that matter, its last job. */
export function AgentsTab({
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
  const [toggling, setToggling] = useState<ClassifiedAgent>();
  const { report, snapshot } = row;
  const shown = useMemo(
    () => capabilitiesThatMatter(report.demands, snapshot.jobRequests, poolSettings(settings, row.pool.id, services.organizationUrl).rules),
    [report.demands, snapshot.jobRequests, settings, row.pool.id, services.organizationUrl],
  );
  if (report.agents.length === 0) return <p className="kpg-secondary">{text('hub.agent.none')}</p>;
  const now = snapshot.takenAt.getTime();
  return (
    <div className="kpg-agents">
      {actions.permission !== 'allowed' && (
        <p className="kpg-secondary">
          <PermissionNote permission={actions.permission} pool={row.pool.name} />
        </p>
      )}
      <table className="kpg-grid">
        <thead>
          <tr>
            {(['name', 'kind', 'status', 'version', 'capabilities', 'lastJob'] as const).map((column) => (
              <th key={column}>{text(`hub.agent.column.${column}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.agents.map((classified) => {
            const { agent, kind, reasons } = classified;
            const values = capabilityValues(agent, shown);
            const others = capabilityCount(agent) - values.filter(({ name }) => name !== 'Agent.Version').length;
            return (
              <tr key={agent.id} data-agent={agent.name}>
                <td className="kpg-agent-name">{agent.name}</td>
                <td>
                  <span className="kpg-kind" data-kind={kind}>
                    {text(`kind.${kind}`)}
                  </span>
                  <ul className="kpg-reasons">
                    {reasons.map((reason, index) => (
                      <li key={index}>
                        <RichText source={renderReason(reason, 'markdown')} />
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  <span data-status={agent.status}>{text(`status.${agent.status}`)}</span>
                  {', '}
                  <span data-enabled={agent.enabled}>{text(agent.enabled ? 'hub.agent.enabled' : 'hub.agent.disabled')}</span>
                  <div>
                    <Button
                      className="kpg-toggle"
                      subtle
                      text={text(agent.enabled ? 'hub.action.disable' : 'hub.action.enable')}
                      disabled={actions.permission !== 'allowed' || actions.busy}
                      tooltipProps={{
                        text: actions.permission === 'allowed' ? text('hub.action.toggleTooltip') : text('hub.action.adminOnly'),
                      }}
                      onClick={() => setToggling(classified)}
                    />
                  </div>
                </td>
                <td>{agent.version}</td>
                <td>
                  <ul className="kpg-capabilities">
                    {values.map(({ name, value }) => (
                      <li key={name}>
                        <code>{name}</code> = <code>{value}</code>
                      </li>
                    ))}
                  </ul>
                  {others > 0 && <span className="kpg-secondary">{text('hub.agent.otherCapabilities', { count: others })}</span>}
                </td>
                <td>
                  <LastJob classified={classified} now={now} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {toggling && (
        <ConfirmDialog
          title={text(toggling.agent.enabled ? 'hub.confirm.disable.title' : 'hub.confirm.enable.title', { agent: toggling.agent.name })}
          confirmText={text(toggling.agent.enabled ? 'hub.action.disable' : 'hub.action.enable')}
          onCancel={() => setToggling(undefined)}
          onConfirm={() => {
            const { agent } = toggling;
            setToggling(undefined);
            void actions.setAgentEnabled(agent, !agent.enabled);
          }}
        >
          <Message
            id={toggling.agent.enabled ? 'hub.confirm.disable.body' : 'hub.confirm.enable.body'}
            params={{ agent: toggling.agent.name, pool: row.pool.name }}
          />
        </ConfirmDialog>
      )}
    </div>
  );
}

function LastJob({ classified: { agent }, now }: { classified: ClassifiedAgent; now: number }) {
  const running = agent.assignedRequest;
  if (running) return <Message id="hub.agent.running" params={{ job: jobLabel(running) }} />;
  const last = agent.lastCompletedRequest;
  if (!last) return <span className="kpg-secondary">{text('hub.agent.neverRan')}</span>;
  const ageMs = last.finishTime ? now - last.finishTime.getTime() : undefined;
  return ageMs === undefined ? (
    <Message id="hub.agent.lastJobUndated" params={{ job: jobLabel(last), result: last.result ?? '' }} />
  ) : (
    <Message id="hub.agent.lastJob" params={{ job: jobLabel(last), result: last.result ?? '', ageMs }} />
  );
}
