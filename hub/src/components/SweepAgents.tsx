import type { PoolSweep } from '../../../core/guard/sweep';
import { sweepHeading, sweepRows, type SweepRow } from '../../../core/guard/sweep-report';
import { text } from '../model/text';
import { FindingCard } from './FindingCard';
import { Message, RichText } from './RichText';

/** A pool may hold thousands of leftovers; a dialog listing them all would help nobody. */
const SHOWN_AGENTS = 100;

/**
 * Agents of a sweep, each with why it is deleted, kept or left alone; names and reasons stay text. A long
 * list scrolls on its own, so it is a named region that takes focus: the keyboard can scroll it too.
 */
export function SweepAgentList({ rows, label }: { rows: readonly SweepRow[]; label: string }) {
  return (
    <>
      <div className="kpg-sweep-agents" role="region" aria-label={label} tabIndex={0}>
        <ul>
          {rows.slice(0, SHOWN_AGENTS).map((row) => (
            <li key={row.agent.id} data-sweep-agent={row.agent.name} data-action={row.action}>
              <code>{row.agent.name}</code>: <RichText source={row.why} />
            </li>
          ))}
        </ul>
      </div>
      {rows.length > SHOWN_AGENTS && (
        <p className="kpg-secondary">
          <Message id="hub.confirm.sweep.more" params={{ count: rows.length - SHOWN_AGENTS }} />
        </p>
      )}
    </>
  );
}

const LEFT_ALONE = new Set<SweepRow['action']>(['skipped', 'failed', 'notAttempted']);

/** What "Clean up leftovers" did: the counts, the guard's findings, and each agent not deleted with why. */
export function SweepResult({ sweep }: { sweep: PoolSweep }) {
  const notDeleted = sweepRows(sweep, 'markdown').filter((row) => LEFT_ALONE.has(row.action));
  return (
    <div className="kpg-sweep-result">
      <p>
        <RichText source={sweepHeading(sweep, false, 'markdown')} />
      </p>
      {sweep.findings.map((finding, index) => (
        <FindingCard key={index} finding={finding} />
      ))}
      {notDeleted.length > 0 && (
        <>
          <strong>{text('hub.sweep.notDeleted')}</strong>
          <SweepAgentList rows={notDeleted} label={text('hub.sweep.list.notDeleted')} />
        </>
      )}
    </div>
  );
}
