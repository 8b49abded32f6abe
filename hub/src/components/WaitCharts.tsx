import { formatSeconds } from '../../../core/model/render';
import type { WaitBucket } from '../../../core/model/wait-series';
import type { PoolWaits } from '../../../core/model/waits';
import { clockTime, countTicks, durationTicks, hourTicks, linear } from '../model/chart';
import { waitsText } from '../model/waits-text';

/** The drawing's own units; the SVG scales to the panel's width. */
const WIDTH = 640;
const HEIGHT = 170;
// Room on the right for the last hour label, centred on the window's end.
const MARGIN = { left: 64, right: 30, top: 10, bottom: 22 };
const DOT_RADIUS = 3.5;

interface ChartProps {
  waits: PoolWaits;
  series: readonly WaitBucket[];
  thresholdMs?: number;
}

/** Plain SVG in the theme's colours (hub.css), each one labelled for screen readers, which get the numbers from the table. */
export function WaitCharts({ waits, series, thresholdMs }: ChartProps) {
  return (
    <div className="kpg-charts">
      <WaitChart waits={waits} thresholdMs={thresholdMs} />
      <ActivityChart waits={waits} series={series} />
    </div>
  );
}

function Frame({ id, title, children, legend }: { id: string; title: string; children: JSX.Element[]; legend: JSX.Element }) {
  return (
    <figure className="kpg-chart" data-chart={id}>
      <figcaption className="kpg-chart-title" id={`kpg-chart-${id}`}>
        {title}
      </figcaption>
      <svg
        className="kpg-chart-svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={waitsText('hub.scaling.chartLabel', { title })}
        preserveAspectRatio="xMidYMid meet"
      >
        {children}
      </svg>
      <div className="kpg-chart-legend">{legend}</div>
    </figure>
  );
}

/** The time axis of the day, labelled on every sixth hour. */
function TimeAxis({ x, since, until }: { x: (time: number) => number; since: Date; until: Date }) {
  const bottom = HEIGHT - MARGIN.bottom;
  return (
    <g className="kpg-chart-axis">
      <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={bottom} y2={bottom} />
      {hourTicks(since, until).map((tick) => (
        <text key={tick.getTime()} x={x(tick.getTime())} y={HEIGHT - 6} textAnchor="middle">
          {clockTime(tick)}
        </text>
      ))}
    </g>
  );
}

/** Horizontal grid lines with their labels on the left. */
function ValueAxis({ ticks, y, label }: { ticks: number[]; y: (value: number) => number; label: (value: number) => string }) {
  return (
    <g className="kpg-chart-axis">
      {ticks.map((tick) => (
        <g key={tick}>
          <line className="kpg-chart-grid" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
          <text x={MARGIN.left - 6} y={y(tick) + 4} textAnchor="end">
            {label(tick)}
          </text>
        </g>
      ))}
    </g>
  );
}

function timeScale(waits: PoolWaits): (time: number) => number {
  return linear([waits.since.getTime(), waits.until.getTime()], [MARGIN.left, WIDTH - MARGIN.right]);
}

/** Each job that got an agent, at its queueing time and its wait; the threshold as a dashed line. */
function WaitChart({ waits, thresholdMs }: Omit<ChartProps, 'series'>) {
  const x = timeScale(waits);
  const highest = Math.max(waits.wait?.max ?? 0, thresholdMs ?? 0);
  const ticks = durationTicks(highest);
  const y = linear([0, ticks[ticks.length - 1]], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  return (
    <Frame
      id="waits"
      title={waitsText('hub.scaling.waitChart')}
      legend={
        <>
          <span className="kpg-legend kpg-legend-keda">{waitsText('hub.scaling.legendKeda')}</span>
          <span className="kpg-legend kpg-legend-other">{waitsText('hub.scaling.legendOther')}</span>
          {thresholdMs !== undefined && (
            <span className="kpg-legend kpg-legend-threshold">{waitsText('hub.scaling.legendThreshold', { thresholdMs })}</span>
          )}
        </>
      }
    >
      <ValueAxis ticks={ticks} y={y} label={formatSeconds} />
      <TimeAxis x={x} since={waits.since} until={waits.until} />
      <g>
        {thresholdMs !== undefined && (
          <line className="kpg-chart-threshold" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(thresholdMs)} y2={y(thresholdMs)} />
        )}
        {waits.jobs.map((job) => (
          <circle
            key={job.requestId}
            className={job.keda ? 'kpg-chart-dot kpg-chart-keda' : 'kpg-chart-dot kpg-chart-other'}
            cx={x(job.queueTime.getTime())}
            cy={y(job.waitMs)}
            r={DOT_RADIUS}
            data-request={job.requestId}
            data-wait-ms={job.waitMs}
          >
            <title>{`#${job.requestId}: ${formatSeconds(job.waitMs)}`}</title>
          </circle>
        ))}
      </g>
    </Frame>
  );
}

/** Per quarter hour, the jobs running as bars and the KEDA agents online as a line over them. */
function ActivityChart({ waits, series: steps }: { waits: PoolWaits; series: readonly WaitBucket[] }) {
  const x = timeScale(waits);
  const ticks = countTicks(Math.max(0, ...steps.map((step) => Math.max(step.running, step.kedaAgents))));
  const y = linear([0, ticks[ticks.length - 1]], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const stepMs = steps.length > 1 ? steps[1].start.getTime() - steps[0].start.getTime() : 0;
  const left = (time: number) => Math.max(MARGIN.left, x(time));
  const line = steps
    .map((step, index) => {
      const start = step.start.getTime();
      return `${index === 0 ? 'M' : 'L'}${left(start)},${y(step.kedaAgents)} L${left(start + stepMs)},${y(step.kedaAgents)}`;
    })
    .join(' ');
  return (
    <Frame
      id="activity"
      title={waitsText('hub.scaling.activityChart')}
      legend={
        <>
          <span className="kpg-legend kpg-legend-running">{waitsText('hub.scaling.legendRunning')}</span>
          <span className="kpg-legend kpg-legend-agents">{waitsText('hub.scaling.legendKedaAgents')}</span>
        </>
      }
    >
      <ValueAxis ticks={ticks} y={y} label={String} />
      <TimeAxis x={x} since={waits.since} until={waits.until} />
      <g>
        {steps
          .filter((step) => step.running > 0)
          .map((step) => {
            const start = step.start.getTime();
            return (
              <rect
                key={start}
                className="kpg-chart-bar"
                x={left(start) + 0.5}
                width={Math.max(1, left(start + stepMs) - left(start) - 1)}
                y={y(step.running)}
                height={y(0) - y(step.running)}
                data-step={step.start.toISOString()}
                data-running={step.running}
              />
            );
          })}
        <path className="kpg-chart-line" d={line} />
      </g>
    </Frame>
  );
}
