import { lazy, useCallback, useEffect, useMemo, useState } from 'react';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Page } from 'azure-devops-ui/Page';
import { usePoolList } from '../hooks/usePoolList';
import { useKeyboardFocusRing } from '../hooks/useKeyboardFocusRing';
import { useSettings } from '../hooks/useSettings';
import type { Verdict } from '../../../core/model/findings';
import { isSettled, rowVerdict, visibleRows, type PoolRow, type RowFilter, type Sorting } from '../model/pool-rows';
import { text } from '../model/text';
import type { HubServices } from '../services/host';
import { ListFailure, NoPools, NoMatch } from './EmptyStates';
import { FilterBar } from './FilterBar';
import { OnDemand } from './OnDemand';
import { PageHeader } from './PageHeader';
import { Message } from './RichText';
import { PoolTable } from './PoolTable';

// Loaded when first opened: the list is the page's first load, and these are most of the rest of the code.
const PoolPanel = lazy(() => import('./PoolPanel').then((module) => ({ default: module.PoolPanel })));
const SettingsPanel = lazy(() => import('./SettingsPanel').then((module) => ({ default: module.SettingsPanel })));

/** Performance marks that the browser tests and the benchmark read: the first pool shown, every pool shown. */
const MARK_FIRST_POOL = 'kpg:first-pool';
const MARK_ALL_POOLS = 'kpg:all-pools';

export function App({ services, onFirstRender }: { services: HubServices; onFirstRender(): void }) {
  const { settings, loadFailed, save } = useSettings(services.settings);
  const list = usePoolList(services, settings);
  const [filter, setFilter] = useState<RowFilter>({ name: '', verdicts: [] });
  const [sorting, setSorting] = useState<Sorting>({ key: 'name', descending: false });
  const [openPoolId, setOpenPoolId] = useState<number>();
  const [settingsOpen, setSettingsOpen] = useState(false);

  useEffect(onFirstRender, [onFirstRender]);
  useKeyboardFocusRing();

  const shown = useMemo(() => visibleRows(list.rows, filter, sorting), [list.rows, filter, sorting]);
  const openRow = list.rows.find((row) => row.pool.id === openPoolId);
  const open = useCallback((row: PoolRow) => setOpenPoolId(row.pool.id), []);
  const settled = list.rows.filter(isSettled).length;
  useLoadMarks(list.rows, list.phase === 'listed' && settled === list.rows.length);

  return (
    <Page className="kpg-page flex-grow">
      <PageHeader
        title={text('hub.title')}
        description={<Message id="hub.description" params={{ project: services.project.name }} />}
        commands={[
          { id: 'refresh', text: text('hub.command.refresh'), iconName: 'Refresh', onActivate: list.refresh },
          { id: 'settings', text: text('hub.command.settings'), iconName: 'Settings', onActivate: () => setSettingsOpen(true) },
        ]}
      />
      <div className="page-content page-content-top kpg-content">
        {loadFailed && (
          <MessageCard className="kpg-banner" severity={MessageCardSeverity.Warning}>
            {text('hub.settings.loadFailed')}
          </MessageCard>
        )}
        {list.phase === 'failed' ? (
          <ListFailure error={list.listError} project={services.project.name} onRetry={list.refresh} />
        ) : list.phase === 'listed' && list.rows.length === 0 ? (
          <NoPools />
        ) : (
          <>
            <FilterBar filter={filter} counts={verdictCounts(list.rows)} onChange={setFilter}>
              <span className="kpg-progress kpg-secondary" data-checked={settled} data-total={list.rows.length}>
                {list.phase === 'listing' ? text('hub.row.loading') : text('hub.progress', { done: settled, total: list.rows.length })}
              </span>
            </FilterBar>
            {shown.length === 0 && list.rows.length > 0 ? (
              <NoMatch />
            ) : (
              <PoolTable rows={shown} sorting={sorting} onSort={setSorting} onOpen={open} />
            )}
          </>
        )}
      </div>
      <OnDemand>
        {openRow && settings && (
          <PoolPanel
            row={openRow}
            services={services}
            settings={settings}
            onSaveSettings={save}
            onRefresh={list.refreshPool}
            onDismiss={() => setOpenPoolId(undefined)}
          />
        )}
        {settingsOpen && settings && (
          <SettingsPanel settings={settings} project={services.project.name} onSave={save} onDismiss={() => setSettingsOpen(false)} />
        )}
      </OnDemand>
    </Page>
  );
}

function verdictCounts(rows: readonly PoolRow[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { blocked: 0, unknown: 0, atRisk: 0, ready: 0 };
  for (const row of rows) {
    const verdict = rowVerdict(row);
    if (verdict) counts[verdict]++;
  }
  return counts;
}

/** Marks, once per page load, when the first pool's row and the whole list are on screen. */
function useLoadMarks(rows: PoolRow[], complete: boolean): void {
  const anyJudged = rows.some((row) => row.state !== 'loading' && !row.pool.isHosted);
  useEffect(() => {
    if (anyJudged && performance.getEntriesByName(MARK_FIRST_POOL).length === 0) performance.mark(MARK_FIRST_POOL);
  }, [anyJudged]);
  useEffect(() => {
    if (complete && rows.length > 0 && performance.getEntriesByName(MARK_ALL_POOLS).length === 0) performance.mark(MARK_ALL_POOLS);
  }, [complete, rows.length]);
}
