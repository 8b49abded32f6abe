import { lazy, Suspense, useState } from 'react';
import { ContentSize } from 'azure-devops-ui/Callout';
import { Panel } from 'azure-devops-ui/Panel';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { Tab } from 'azure-devops-ui/Tabs';
import { useEscapeToClose } from '../hooks/useEscapeToClose';
import { usePoolActions } from '../hooks/usePoolActions';
import { mainFinding, type PoolRow } from '../model/pool-rows';
import { poolPreferences, withPoolPreferences, type HubSettings, type PoolPreferences } from '../model/settings';
import { text } from '../model/text';
import type { HubServices } from '../services/host';
import { AgentsTab } from './AgentsTab';
import { InternalError } from './EmptyStates';
import { FindingCard } from './FindingCard';
import { JobsTab } from './JobsTab';
import { KedaTab } from './KedaTab';
import { NoticeCard } from './NoticeCard';
import { PlaceholderAction } from './PlaceholderAction';
import { PlaceholderPill } from './PlaceholderPill';
import { PoolKindPill } from './PoolKindPill';
import { PoolCheckTab } from './PoolCheckTab';
import { PoolSettingsTab } from './PoolSettingsTab';
import { SweepAction } from './SweepAction';
import { TabStrip } from './TabStrip';
import { Message } from './RichText';
import { VerdictStatus } from './VerdictStatus';

export interface PoolPanelProps {
  row: PoolRow;
  services: HubServices;
  settings: HubSettings;
  onSaveSettings(settings: HubSettings): Promise<void>;
  onRefresh(poolId: number): Promise<void>;
  onDismiss(): void;
}

type TabId = 'findings' | 'agents' | 'jobs' | 'keda' | 'scaling' | 'check' | 'settings';

// Loaded when the tab first opens: it reads the day's job requests and draws charts nothing else needs.
const ScalingTab = lazy(() => import('./ScalingTab').then((module) => ({ default: module.ScalingTab })));

/** One pool in depth: its verdict and findings, agents, jobs, the KEDA view and its settings, and the actions. */
export function PoolPanel({ row, services, settings, onSaveSettings, onRefresh, onDismiss }: PoolPanelProps) {
  const { pool } = row;
  const actions = usePoolActions(services, settings, pool, onRefresh);
  const [tab, setTab] = useState<TabId>('findings');
  const preferences = poolPreferences(settings, pool.id);
  const savePreferences = (next: PoolPreferences) => onSaveSettings(withPoolPreferences(settings, pool.id, next));
  useEscapeToClose(onDismiss);

  return (
    <Panel
      className="kpg-pool-panel"
      size={ContentSize.ExtraLarge}
      onDismiss={onDismiss}
      titleProps={{ text: pool.name }}
      description={panelDescription(row)}
    >
      <div className="kpg-panel-body" data-pool-panel={pool.name} data-permission={actions.permission}>
        <Summary row={row} />
        {actions.notice && <NoticeCard notice={actions.notice} onDismiss={actions.dismissNotice} />}
        {row.state === 'loading' && <Spinner size={SpinnerSize.large} label={text('hub.row.loading')} />}
        {row.state === 'failed' && row.report.findings.map((finding, index) => <FindingCard key={index} finding={finding} />)}
        {row.state === 'internalError' && <InternalError error={row.error} />}
        {row.state === 'misconfigured' && <PoolSettingsTab pool={pool} preferences={preferences} onSave={savePreferences} />}
        {row.state === 'loaded' && (
          <>
            <PlaceholderAction row={row} settings={settings} actions={actions} />
            <SweepAction row={row} settings={settings} services={services} actions={actions} />
            <TabStrip<TabId>
              selected={tab}
              onSelect={setTab}
              tabs={[
                <Tab key="findings" id="findings" name={text('hub.tab.findings')} badgeCount={row.report.findings.length} />,
                <Tab key="agents" id="agents" name={text('hub.tab.agents')} badgeCount={row.report.agents.length} />,
                <Tab key="jobs" id="jobs" name={text('hub.tab.jobs')} badgeCount={row.snapshot.jobRequests.length} />,
                <Tab key="keda" id="keda" name={text('hub.tab.keda')} />,
                <Tab key="scaling" id="scaling" name={text('hub.tab.scaling')} />,
                <Tab key="check" id="check" name={text('hub.tab.poolCheck')} />,
                <Tab key="settings" id="settings" name={text('hub.tab.settings')} />,
              ]}
            >
              {tab === 'findings' &&
                (row.report.findings.length === 0 ? (
                  <p className="kpg-secondary">{text('hub.findings.none')}</p>
                ) : (
                  row.report.findings.map((finding, index) => <FindingCard key={index} finding={finding} />)
                ))}
              {tab === 'agents' && <AgentsTab row={row} settings={settings} services={services} actions={actions} />}
              {tab === 'jobs' && <JobsTab snapshot={row.snapshot} />}
              {tab === 'keda' && (
                <KedaTab
                  pool={pool}
                  requests={row.snapshot.jobRequests}
                  preferences={preferences}
                  organizationUrl={services.organizationUrl}
                  onSave={savePreferences}
                />
              )}
              {tab === 'scaling' && (
                <Suspense fallback={<Spinner size={SpinnerSize.large} label={text('hub.scaling.loading')} />}>
                  <ScalingTab pool={pool} snapshot={row.snapshot} services={services} settings={settings} />
                </Suspense>
              )}
              {tab === 'check' && <PoolCheckTab row={row} services={services} preferences={preferences} permission={actions.permission} />}
              {tab === 'settings' && <PoolSettingsTab pool={pool} preferences={preferences} onSave={savePreferences} />}
            </TabStrip>
          </>
        )}
      </div>
    </Panel>
  );
}

function panelDescription(row: PoolRow): string | undefined {
  return text('hub.panel.poolId', { id: row.pool.id });
}

/** The verdict, its main reason and the placeholder, as the list shows them. */
function Summary({ row }: { row: PoolRow }) {
  if (row.state !== 'loaded' && row.state !== 'failed') return null;
  const main = mainFinding(row.report);
  return (
    <div className="kpg-summary">
      <VerdictStatus verdict={row.report.verdict} />
      {row.state === 'loaded' && <PoolKindPill kind={row.report.kind} />}
      {row.state === 'loaded' && row.report.kind.kind === 'keda' && (
        <PlaceholderPill state={row.report.placeholder.state} name={row.report.placeholder.name} />
      )}
      {main ? (
        <Message className="kpg-summary-reason" id={`finding.${main.code}`} params={main.params} />
      ) : (
        <Message className="kpg-summary-reason" id="hub.row.ready" />
      )}
    </div>
  );
}
