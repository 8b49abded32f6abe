import { isWaiting } from '../../../core/keda/job-state';
import type { JobRequest, PoolSnapshot } from '../../../core/model/types';
import { jobLabel } from '../model/jobs';
import { text } from '../model/text';
import { Message } from './RichText';

/** The pool's waiting and running job requests, with their demands and the agents Azure DevOps matched to them. */
export function JobsTab({ snapshot }: { snapshot: PoolSnapshot }) {
  if (snapshot.jobRequests.length === 0) return <p className="kpg-secondary">{text('hub.jobs.none')}</p>;
  const now = snapshot.takenAt.getTime();
  return (
    <table className="kpg-grid kpg-jobs">
      <thead>
        <tr>
          {(['request', 'state', 'demands', 'matched'] as const).map((column) => (
            <th key={column}>{text(`hub.job.column.${column}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {snapshot.jobRequests.map((request) => (
          <tr key={request.requestId} data-request={request.requestId}>
            <td>
              <div>{jobLabel(request)}</div>
              <div className="kpg-secondary">{text('hub.job.requestId', { id: request.requestId })}</div>
            </td>
            <td>
              <JobState request={request} now={now} />
            </td>
            <td>
              <ul className="kpg-demands">
                {request.demands.map((demand, index) => (
                  <li key={index}>
                    <code>{demand}</code>
                  </li>
                ))}
              </ul>
            </td>
            <td>
              {request.matchedAgents === undefined ? (
                <span className="kpg-secondary">{text('hub.job.matchedUnknown')}</span>
              ) : request.matchedAgents.length === 0 ? (
                <span className="kpg-warning-text">{text('hub.job.matchedNone')}</span>
              ) : (
                <ul className="kpg-matched">
                  {request.matchedAgents.map((agent) => (
                    <li key={agent.id}>{agent.name}</li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function JobState({ request, now }: { request: JobRequest; now: number }) {
  const queuedMs = request.queueTime ? now - request.queueTime.getTime() : undefined;
  if (isWaiting(request)) {
    return queuedMs === undefined ? (
      <span>{text('hub.job.waiting')}</span>
    ) : (
      <Message id="hub.job.waitingFor" params={{ ageMs: queuedMs }} />
    );
  }
  const agent = request.reservedAgent?.name;
  return agent ? <Message id="hub.job.runningOn" params={{ agent }} /> : <span>{text('hub.job.running')}</span>;
}
