import { Status, StatusSize, Statuses } from 'azure-devops-ui/Status';
import type { Verdict } from '../../../core/model/findings';
import { text } from '../model/text';

// A pool that could not be read is neither good nor bad: the portal's grey for what did not run.
const STATUS = { ready: Statuses.Success, atRisk: Statuses.Warning, blocked: Statuses.Failed, unknown: Statuses.Skipped } as const;

/**
 * The portal's status icon for a verdict, with the verdict in words beside it. The icon has no label of its
 * own (azure-devops-ui then renders it as presentation): the word says it, and a label would be read twice.
 */
export function VerdictStatus({ verdict }: { verdict: Verdict }) {
  return (
    <span className="kpg-verdict" data-verdict={verdict}>
      <Status {...STATUS[verdict]} size={StatusSize.m} className="kpg-verdict-icon" />
      <span className="kpg-verdict-text">{text(`verdict.${verdict}`)}</span>
    </span>
  );
}

export function LoadingStatus({ label }: { label: string }) {
  return (
    <span className="kpg-verdict" data-verdict="loading">
      <Status {...Statuses.Queued} animated size={StatusSize.m} className="kpg-verdict-icon" />
      <span className="kpg-verdict-text">{label}</span>
    </span>
  );
}

/** A pool without a verdict because something went wrong on our side. */
export function ProblemStatus({ label }: { label: string }) {
  return (
    <span className="kpg-verdict" data-verdict="internalError">
      <Status {...Statuses.Failed} size={StatusSize.m} className="kpg-verdict-icon" ariaLabel={label} />
      <span className="kpg-verdict-text">{label}</span>
    </span>
  );
}
