import { useState } from 'react';
import { Button } from 'azure-devops-ui/Button';
import { FormItem } from 'azure-devops-ui/FormItem';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import { gateAlternative, notNeededParagraph } from '../../../core/guard/pool-check-report';
import { agentQuery, DEFAULT_CHECK_RETRY_MINUTES, DEFAULT_CHECK_TIMEOUT_MINUTES } from '../../../core/model/pool-check';
import type { Params } from '../../../core/model/findings';
import { isProvidedByService } from '../../../core/model/pool-kind';
import type { Permission } from '../hooks/usePoolActions';
import { usePoolCheck } from '../hooks/usePoolCheck';
import { poolCheckMarkdown, poolCheckText, type PoolCheckTextKey } from '../model/pool-check-text';
import type { PoolRow } from '../model/pool-rows';
import type { PoolPreferences } from '../model/settings';
import type { HubServices } from '../services/host';
import { CommandBlock } from './CommandBlock';
import { ConfirmDialog } from './ConfirmDialog';
import { FindingCard } from './FindingCard';
import { PermissionNote } from './PermissionNote';
import { RichText } from './RichText';

function Text({ id, params }: { id: PoolCheckTextKey; params?: Params }) {
  return <RichText source={poolCheckMarkdown(id, params)} />;
}

type LoadedRow = Extract<PoolRow, { state: 'loaded' }>;

export interface PoolCheckTabProps {
  row: LoadedRow;
  services: HubServices;
  preferences: PoolPreferences;
  permission: Permission;
}

/**
 * "Guard this pool before every stage": the pool check of the project's queue (an Invoke REST API check,
 * `core/model/pool-check.ts`) shown to everyone, installed and removed by pool Administrators after a
 * confirmation; and the agentless gate's YAML, the same guard inside a pipeline.
 */
export function PoolCheckTab(props: PoolCheckTabProps) {
  const { row, services } = props;
  if (isProvidedByService(row.report.kind.kind)) {
    return (
      <p className="kpg-pool-check">
        <RichText
          source={notNeededParagraph(row.pool.name, row.report.kind, { format: 'markdown', organizationUrl: services.organizationUrl })}
        />
      </p>
    );
  }
  return <PoolCheckSection {...props} />;
}

function PoolCheckSection({ row, services, preferences, permission }: PoolCheckTabProps) {
  const { pool } = row;
  const check = usePoolCheck(services, pool.name);
  const [connection, setConnection] = useState('');
  const [confirming, setConfirming] = useState<'install' | 'remove'>();
  const [gateShown, setGateShown] = useState(false);
  const { view } = check;
  const installed = view.status === 'shown' && view.state.installed.length > 0;
  const allowed = permission === 'allowed';
  const gate = gateAlternative(pool.name, preferences, { format: 'markdown', organizationUrl: services.organizationUrl });
  const queue = view.status === 'shown' ? view.state.queue.name : pool.name;
  const asked = agentQuery(pool, preferences.demands, preferences.minAgentVersion).demands;
  const install = () => check.install({ demands: preferences.demands, minAgentVersion: preferences.minAgentVersion, connection });

  return (
    <div className="kpg-pool-check" data-pool-check={view.status}>
      <h2>{poolCheckText('hub.poolCheck.title')}</h2>
      <p className="kpg-secondary">
        <Text id="hub.poolCheck.about" params={{ queue }} />
      </p>
      {view.status === 'loading' && (
        <Spinner size={SpinnerSize.medium} label={poolCheckText('hub.poolCheck.loading', { queue: pool.name })} />
      )}
      {view.status === 'failed' && (
        <div className="kpg-pool-check-failure" role="alert">
          {view.paragraphs.map((paragraph, index) => (
            <p key={index}>
              <RichText source={paragraph} />
            </p>
          ))}
          {view.findings.map((finding, index) => (
            <FindingCard key={index} finding={finding} />
          ))}
        </div>
      )}
      {view.status === 'shown' && (
        <>
          {view.done && (
            <div className="kpg-pool-check-done" role="status">
              {view.done.map((paragraph, index) => (
                <p key={index}>
                  <RichText source={paragraph} />
                </p>
              ))}
            </div>
          )}
          <div className="kpg-pool-check-state">
            {view.paragraphs.map((paragraph, index) => (
              <p key={index}>
                <RichText source={paragraph} />
              </p>
            ))}
          </div>
        </>
      )}
      <FormItem
        label={poolCheckText('hub.poolCheck.connection')}
        message={<Text id="hub.poolCheck.connectionHelp" params={{ url: services.organizationUrl }} />}
      >
        <TextField
          inputId="kpg-pool-check-connection"
          value={connection}
          onChange={(_event, value) => setConnection(value)}
          width={TextFieldWidth.standard}
        />
      </FormItem>
      <div className="kpg-action-bar">
        <Button
          id="kpg-pool-check-install"
          primary={!installed}
          iconProps={{ iconName: 'Shield' }}
          text={poolCheckText(installed ? 'hub.poolCheck.reinstall' : 'hub.poolCheck.install')}
          disabled={!allowed || check.busy || view.status === 'loading'}
          onClick={() => setConfirming('install')}
        />
        {installed && (
          <Button
            id="kpg-pool-check-remove"
            iconProps={{ iconName: 'Delete' }}
            text={poolCheckText('hub.poolCheck.remove')}
            disabled={!allowed || check.busy}
            onClick={() => setConfirming('remove')}
          />
        )}
        <span className="kpg-action-note">
          <PermissionNote permission={permission} pool={pool.name} />
        </span>
      </div>
      <details className="kpg-pool-check-gate" onToggle={(event) => setGateShown(event.currentTarget.open)}>
        {/*
          The panel moves focus by Tab among elements with a tabindex: the summary gets one, and the Copy button
          exists only while the section is open, since a hidden one would hold focus where it is.
        */}
        <summary tabIndex={0}>{poolCheckText('hub.poolCheck.alternative')}</summary>
        {gateShown && (
          <>
            <p>
              <RichText source={gate.intro} />
            </p>
            <CommandBlock command={{ text: gate.yaml, language: 'yaml' }} />
          </>
        )}
      </details>
      {confirming === 'install' && (
        <ConfirmDialog
          title={poolCheckText('hub.poolCheck.confirmInstall.title', { pool: pool.name })}
          confirmText={poolCheckText('hub.poolCheck.confirmInstall.ok')}
          onCancel={() => setConfirming(undefined)}
          onConfirm={() => {
            setConfirming(undefined);
            void install();
          }}
        >
          <p>
            <Text
              id={asked.length > 0 ? 'hub.poolCheck.confirmInstall.body' : 'hub.poolCheck.confirmInstall.bodyAnyAgent'}
              params={{
                project: services.project.name,
                retry: DEFAULT_CHECK_RETRY_MINUTES,
                timeout: DEFAULT_CHECK_TIMEOUT_MINUTES,
                demands: asked,
                connection,
              }}
            />
          </p>
        </ConfirmDialog>
      )}
      {confirming === 'remove' && (
        <ConfirmDialog
          title={poolCheckText('hub.poolCheck.confirmRemove.title', { pool: pool.name })}
          confirmText={poolCheckText('hub.poolCheck.confirmRemove.ok')}
          onCancel={() => setConfirming(undefined)}
          onConfirm={() => {
            setConfirming(undefined);
            void check.remove();
          }}
        >
          <p>
            <Text id="hub.poolCheck.confirmRemove.body" />
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
