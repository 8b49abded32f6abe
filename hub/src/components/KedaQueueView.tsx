import type { KedaError, KedaFinding } from '../../../core/keda/findings';
import type { MessageLine } from '../../../core/keda/decision-lines';
import { isUnfinished, isWaiting } from '../../../core/keda/job-state';
import { renderJobReason } from '../../../core/keda/reasons';
import type { QueueView } from '../../../core/keda/types';
import type { Params } from '../../../core/model/findings';
import type { JobRequest } from '../../../core/model/types';
import { jobLabel } from '../model/jobs';
import { text, type TextKey } from '../model/text';
import { KedaFindingList } from './KedaFindingList';
import { Message, RichText } from './RichText';

/**
 * What a KEDA trigger makes of the pool's jobs and what its ScaledJob does, drawn the same way for the
 * trigger typed in the KEDA tab and for the triggers of a pasted manifest.
 */

/** The queue KEDA counts, job by job, with what the trigger reveals. */
export function CountedQueue({ view, findings }: { view: QueueView; findings: readonly KedaFinding[] }) {
  return (
    <div className="kpg-keda-result" data-keda="counted" data-queue-length={view.queueLength} data-active={view.isActive}>
      <QueueSummary view={view} />
      <JobVerdicts view={view} />
      <KedaFindingList items={findings} />
    </div>
  );
}

/** KEDA does not build the scaler: its errors, its log line, and what else the trigger reveals. */
export function RejectedTrigger({
  errors,
  kedaLog,
  findings,
}: {
  errors: readonly KedaError[];
  kedaLog: string;
  findings: readonly KedaFinding[];
}) {
  return (
    <div className="kpg-keda-result" data-keda="rejected">
      <KedaFindingList items={errors.map((error) => ({ severity: 'error', messageKey: error.messageKey, params: error.params }))} />
      <Message id="keda.view.kedaLog" params={{ log: kedaLog }} />
      <KedaFindingList items={findings} />
    </div>
  );
}

/** A decision step by step, as the command line's `keda` prints it. */
export function DecisionLines({
  heading,
  lines,
  findings,
  jobsToCreate,
}: {
  heading: { key: TextKey; params: Params };
  lines: readonly MessageLine[];
  findings: readonly KedaFinding[];
  jobsToCreate?: number;
}) {
  return (
    <div className="kpg-keda-decision" data-decision="decided" data-jobs-to-create={jobsToCreate}>
      <p>
        <Message id={heading.key} params={heading.params} />
      </p>
      <ul>
        {lines.map((line, index) => (
          <li key={index}>
            <Message id={line.key} params={line.params} />
          </li>
        ))}
      </ul>
      <KedaFindingList items={findings} />
    </div>
  );
}

function QueueSummary({ view }: { view: QueueView }) {
  const uncounted = view.perJob.filter((verdict) => !verdict.counted && isWaiting(verdict.request)).length;
  return (
    <div className="kpg-queue-summary">
      <p className="kpg-queue-length">
        <Message id="keda.view.queue" params={{ queueLength: view.queueLength, metricName: view.metricName }} />{' '}
        <Message id={view.isActive ? 'keda.view.active' : 'keda.view.inactive'} params={{ activation: view.activationTargetQueueLength }} />
      </p>
      <p className="kpg-secondary">
        <Message id="keda.view.url" params={{ url: view.url }} />
      </p>
      {uncounted > 0 && (
        <p className="kpg-warning-text" data-uncounted={uncounted}>
          <Message id="keda.view.waitingUncounted" params={{ count: uncounted }} />
        </p>
      )}
    </div>
  );
}

function JobVerdicts({ view }: { view: QueueView }) {
  if (view.perJob.length === 0) return <p className="kpg-secondary">{text('keda.view.noJobs')}</p>;
  const columns = text('keda.view.columns').split('|');
  return (
    <table className="kpg-grid kpg-keda-jobs">
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column}>{column}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {view.perJob.map(({ request, counted, reason }) => (
          <tr key={request.requestId} data-request={request.requestId} data-counted={counted}>
            <td>{request.requestId}</td>
            <td>{jobLabel(request)}</td>
            <td>{text(`keda.view.state.${jobState(request)}`)}</td>
            <td>
              {request.demands.map((demand, index) => (
                <code key={index} className="kpg-demand">
                  {demand}
                </code>
              ))}
            </td>
            <td>{text(counted ? 'keda.view.counted.yes' : 'keda.view.counted.no')}</td>
            <td>
              <RichText source={renderJobReason(reason, 'markdown')} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function jobState(request: JobRequest): 'waiting' | 'inFlight' | 'finished' {
  if (isWaiting(request)) return 'waiting';
  return isUnfinished(request) ? 'inFlight' : 'finished';
}
