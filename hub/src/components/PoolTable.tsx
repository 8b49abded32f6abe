import { useMemo, type ReactNode } from 'react';
import { Button } from 'azure-devops-ui/Button';
import { ColumnSorting, SimpleTableCell, SortOrder, Table, type ITableColumn } from 'azure-devops-ui/Table';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import type { JudgedPoolReport } from '../../../core/model/verdict';
import { kedaAgentsOnline, mainFinding, type PoolRow, type SortKey, type Sorting } from '../model/pool-rows';
import { text } from '../model/text';
import { PlaceholderPill } from './PlaceholderPill';
import { PoolKindPill } from './PoolKindPill';
import { Message } from './RichText';
import { InternalError } from './EmptyStates';
import { LoadingStatus, ProblemStatus, VerdictStatus } from './VerdictStatus';

interface PoolTableProps {
  rows: PoolRow[];
  sorting: Sorting;
  onSort(sorting: Sorting): void;
  onOpen(row: PoolRow): void;
}

interface ColumnSpec {
  id: string;
  name: string;
  width: number;
  sortKey?: SortKey;
  render(row: PoolRow, open: (row: PoolRow) => void): ReactNode;
}

/**
 * The pools list: one row per pool, each cell tagged with its pool and field for tests and tools. Each pool's
 * name is a button that opens it, and these buttons are the list's Tab stops: the table itself and its rows
 * are left out of the Tab order (the arrow keys still move between rows, and Enter on a row opens it too).
 */
export function PoolTable({ rows, sorting, onSort, onOpen }: PoolTableProps) {
  const columns = useMemo(
    () =>
      COLUMNS.map((spec): ITableColumn<PoolRow> => ({
        id: spec.id,
        name: spec.name,
        width: -spec.width,
        sortProps: spec.sortKey
          ? { sortOrder: sorting.key === spec.sortKey ? (sorting.descending ? SortOrder.descending : SortOrder.ascending) : undefined }
          : undefined,
        renderCell: (_row, columnIndex, tableColumn, item) => (
          <SimpleTableCell key={spec.id} columnIndex={columnIndex} tableColumn={tableColumn}>
            <div className="kpg-cell" data-pool={item.pool.name} data-field={spec.id}>
              {spec.render(item, onOpen)}
            </div>
          </SimpleTableCell>
        ),
      })),
    [sorting, onOpen],
  );
  const sortingBehavior = useMemo(
    () =>
      new ColumnSorting<PoolRow>((columnIndex, order) => {
        const key = COLUMNS[columnIndex]?.sortKey;
        if (key) onSort({ key, descending: order === SortOrder.descending });
      }),
    [onSort],
  );
  const items = useMemo(() => new ArrayItemProvider(rows), [rows]);
  return (
    <Table<PoolRow>
      className="kpg-pool-table"
      ariaLabel={text('hub.title')}
      columns={columns}
      behaviors={[sortingBehavior]}
      itemProvider={items}
      singleClickActivation
      onActivate={(_event, row) => onOpen(row.data)}
      excludeTabStop
      containerClassName="kpg-table-container"
    />
  );
}

/** KEDA pods online now, and the leftovers "Clean up leftovers" would delete, with how long the oldest has been offline. */
function KedaAgentsCell({ report }: { report: JudgedPoolReport }) {
  const online = kedaAgentsOnline(report);
  const { count, oldestOfflineMs } = report.leftovers;
  return oldestOfflineMs === undefined ? (
    <Message id="hub.cell.keda" params={{ online, leftover: count }} />
  ) : (
    <Message id="hub.cell.kedaLeftovers" params={{ online, leftover: count, oldestMs: oldestOfflineMs }} />
  );
}

const COLUMNS: ColumnSpec[] = [
  {
    id: 'pool',
    name: text('hub.column.pool'),
    width: 16,
    sortKey: 'name',
    render: (row, open) => (
      <span className="kpg-pool-name">
        <Button className="kpg-pool-title" subtle text={row.pool.name} onClick={() => open(row)} />
        {row.state === 'loaded' && <PoolKindPill kind={row.report.kind} />}
      </span>
    ),
  },
  { id: 'verdict', name: text('hub.column.verdict'), width: 31, sortKey: 'verdict', render: (row) => <VerdictCell row={row} /> },
  {
    id: 'agents',
    name: text('hub.column.agents'),
    width: 12,
    sortKey: 'registered',
    render: (row) =>
      row.state === 'loaded' && row.report.counts ? <Message id="hub.cell.agents" params={{ ...row.report.counts }} /> : null,
  },
  {
    id: 'placeholder',
    name: text('hub.column.placeholder'),
    width: 11,
    render: (row) =>
      row.state === 'loaded' ? <PlaceholderPill state={row.report.placeholder.state} name={row.report.placeholder.name} /> : null,
  },
  {
    id: 'keda',
    name: text('hub.column.keda'),
    width: 10,
    render: (row) => (row.state === 'loaded' && row.report.kind.kind === 'keda' ? <KedaAgentsCell report={row.report} /> : null),
  },
  {
    id: 'pending',
    name: text('hub.column.pending'),
    width: 10,
    sortKey: 'pending',
    render: (row) => {
      if (row.state !== 'loaded') return null;
      const { count, oldestAgeMs } = row.report.pending;
      return count === 0 || oldestAgeMs === undefined ? (
        text('hub.cell.pendingNone')
      ) : (
        <Message id="hub.cell.pending" params={{ count, oldestMs: oldestAgeMs }} />
      );
    },
  },
  {
    id: 'lastKeda',
    name: text('hub.column.lastKeda'),
    width: 10,
    sortKey: 'lastKeda',
    render: (row) => {
      if (row.state !== 'loaded') return null;
      const last = row.report.lastKedaRegistration;
      return last ? <span title={last.agent}>{text('hub.cell.lastKeda', { ageMs: last.ageMs })}</span> : text('hub.cell.lastKedaNever');
    },
  },
];

function VerdictCell({ row }: { row: PoolRow }) {
  switch (row.state) {
    case 'loading':
      return <LoadingStatus label={text('hub.row.loading')} />;
    case 'internalError':
      return (
        <span className="kpg-verdict-cell">
          <ProblemStatus label={text('hub.row.notChecked')} />
          <InternalError className="kpg-reason" error={row.error} />
        </span>
      );
    case 'misconfigured':
      return (
        <span className="kpg-verdict-cell">
          <VerdictStatus verdict="unknown" />
          <Message className="kpg-reason" id="hub.row.misconfigured" params={{ problem: row.problem }} />
        </span>
      );
    case 'loaded':
    case 'failed': {
      const main = mainFinding(row.report);
      return (
        <span className="kpg-verdict-cell">
          <VerdictStatus verdict={row.report.verdict} />
          {main ? (
            <Message className="kpg-reason" id={`finding.${main.code}`} params={main.params} />
          ) : (
            <Message className="kpg-reason" id="hub.row.ready" />
          )}
        </span>
      );
    }
  }
}
