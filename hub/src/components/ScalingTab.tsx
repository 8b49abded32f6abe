import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { formatSeconds } from '../../../core/model/render';
import type { Pool, PoolSnapshot } from '../../../core/model/types';
import type { WaitBucket } from '../../../core/model/wait-series';
import { WAIT_WINDOW_MAX_REQUESTS, type PoolWaits } from '../../../core/model/waits';
import { useWaitWindow } from '../hooks/useWaitWindow';
import { dayAndClockTime } from '../model/chart';
import type { HubSettings } from '../model/settings';
import { waitsMarkdown, waitsText } from '../model/waits-text';
import { text } from '../model/text';
import type { HubServices } from '../services/host';
import { InternalError } from './EmptyStates';
import { FindingCard } from './FindingCard';
import { Message, RichText } from './RichText';
import { WaitCharts } from './WaitCharts';

export interface ScalingTabProps {
  pool: Pool;
  snapshot: PoolSnapshot;
  services: HubServices;
  settings: HubSettings;
}

/**
 * How long the pool's jobs waited for an agent over the last day: the figures, what they mean against the
 * project's threshold, two charts, and their numbers as a table. Its own chunk, read and drawn only when the
 * tab opens.
 */
export function ScalingTab({ pool, snapshot, services, settings }: ScalingTabProps) {
  const state = useWaitWindow(services, pool, snapshot, settings);
  switch (state.phase) {
    case 'reading':
      return <Spinner size={SpinnerSize.large} label={text('hub.scaling.loading')} />;
    case 'failed':
      return <FindingCard finding={state.finding} />;
    case 'internalError':
      return <InternalError error={state.error} />;
    case 'read': {
      const { waits, series, finding } = state;
      const thresholdMs = settings.waitThresholdSeconds === undefined ? undefined : settings.waitThresholdSeconds * 1000;
      return (
        <div className="kpg-scaling" data-scaling={pool.name} data-jobs={waits.jobsRun}>
          <p>
            <RichText
              source={waitsMarkdown('hub.scaling.intro', { pool: pool.name, requests: waits.requests, max: WAIT_WINDOW_MAX_REQUESTS })}
            />
          </p>
          <Figures waits={waits} />
          {finding && <FindingCard finding={finding} />}
          <WaitCharts waits={waits} series={series} thresholdMs={thresholdMs} />
          <NumbersTable waits={waits} series={series} />
        </div>
      );
    }
  }
}

function Figures({ waits }: { waits: PoolWaits }) {
  const { wait, agentStart } = waits;
  return (
    <ul className="kpg-scaling-figures">
      <li>
        <Message
          id="waits.jobs"
          params={{ jobs: waits.jobsRun, keda: waits.jobsRunByKeda, waiting: waits.stillWaiting, cancelled: waits.cancelledWhileWaiting }}
        />
      </li>
      <li>{wait ? <Message id="waits.wait" params={{ p50Ms: wait.p50, p95Ms: wait.p95, maxMs: wait.max }} /> : text('waits.waitNone')}</li>
      {agentStart && (
        <li>
          <Message id="waits.agentStart" params={{ p50Ms: agentStart.p50, p95Ms: agentStart.p95 }} />
        </li>
      )}
      {waits.thresholdMs !== undefined && (
        <li>
          <Message id="waits.threshold" params={{ thresholdMs: waits.thresholdMs, over: waits.overThreshold }} />
        </li>
      )}
    </ul>
  );
}

/** The charts' numbers, for screen readers and for anyone who wants them exact. */
function NumbersTable({ waits, series }: { waits: PoolWaits; series: readonly WaitBucket[] }) {
  const steps = series.filter((step) => step.queued > 0 || step.running > 0 || step.kedaAgents > 0);
  return (
    <details className="kpg-scaling-table">
      <summary tabIndex={0}>{waitsText('hub.scaling.table')}</summary>
      <table className="kpg-grid" data-table="jobs">
        <caption>{waitsText('hub.scaling.jobs.caption')}</caption>
        <thead>
          <tr>
            {(['queued', 'wait', 'start', 'agent'] as const).map((column) => (
              <th key={column} scope="col">
                {waitsText(`hub.scaling.jobs.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {waits.jobs.map((job) => (
            <tr key={job.requestId} data-request={job.requestId}>
              <td>{dayAndClockTime(job.queueTime)}</td>
              <td data-wait-ms={job.waitMs}>{formatSeconds(job.waitMs)}</td>
              <td>{job.agentStartMs === undefined ? '' : formatSeconds(job.agentStartMs)}</td>
              <td>{job.agent ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="kpg-grid" data-table="steps">
        <caption>{waitsText('hub.scaling.steps.caption')}</caption>
        <thead>
          <tr>
            {(['from', 'queued', 'running', 'keda', 'longest'] as const).map((column) => (
              <th key={column} scope="col">
                {waitsText(`hub.scaling.steps.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {steps.map((step) => (
            <tr key={step.start.getTime()} data-step={step.start.toISOString()}>
              <td>{dayAndClockTime(step.start)}</td>
              <td>{step.queued}</td>
              <td data-running={step.running}>{step.running}</td>
              <td data-keda={step.kedaAgents}>{step.kedaAgents}</td>
              <td>{step.longestWaitMs === undefined ? '' : formatSeconds(step.longestWaitMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
