import { useMemo, useState } from 'react';
import { Button } from 'azure-devops-ui/Button';
import { Checkbox } from 'azure-devops-ui/Checkbox';
import { FormItem } from 'azure-devops-ui/FormItem';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import type { CoverageReport } from '../../../core/keda/coverage';
import type { QueueView } from '../../../core/keda/types';
import { isUnfinished, isWaiting } from '../../../core/keda/job-state';
import { renderJobReason } from '../../../core/keda/reasons';
import type { JobRequest, Pool } from '../../../core/model/types';
import { DEFAULT_KEDA_VERSION, FLAG_KEYS, TEXT_KEYS, triggerCoverage, triggerOutcome, type TriggerOutcome } from '../model/keda-view';
import type { PoolPreferences, SavedTrigger } from '../model/settings';
import { jobLabel } from '../model/jobs';
import { text } from '../model/text';
import { KedaFindingList } from './KedaFindingList';
import { Message, RichText } from './RichText';
import { SaveStatus, useSaving } from './SaveStatus';

interface KedaTabProps {
  pool: Pool;
  requests: readonly JobRequest[];
  preferences: PoolPreferences;
  organizationUrl: string;
  onSave(preferences: PoolPreferences): Promise<void>;
}

const NEW_TRIGGER: SavedTrigger = { name: '', metadata: {}, kedaVersion: DEFAULT_KEDA_VERSION };

/**
 * What KEDA's `azure-pipelines` scaler would count in this pool for the trigger the user enters, job by job
 * and why; the triggers saved for the pool, and what they miss or count twice together.
 */
export function KedaTab({ pool, requests, preferences, organizationUrl, onSave }: KedaTabProps) {
  const [draft, setDraft] = useState<SavedTrigger>(preferences.triggers[0] ?? NEW_TRIGGER);
  const saving = useSaving();
  const outcome = useMemo(() => triggerOutcome(pool, draft, requests, organizationUrl), [pool, draft, requests, organizationUrl]);
  const coverage = useMemo(
    () => (preferences.triggers.length > 0 ? triggerCoverage(pool, preferences.triggers, requests, organizationUrl) : undefined),
    [pool, preferences.triggers, requests, organizationUrl],
  );
  const setKey = (key: string, value: string | undefined) => {
    const metadata = { ...draft.metadata };
    if (value === undefined || value === '') delete metadata[key];
    else metadata[key] = value;
    setDraft({ ...draft, metadata });
  };
  const name = draft.name.trim();
  const save = () =>
    saving.run(() => onSave({ ...preferences, triggers: [...preferences.triggers.filter((t) => t.name !== name), { ...draft, name }] }));
  const remove = (trigger: SavedTrigger) =>
    saving.run(() => onSave({ ...preferences, triggers: preferences.triggers.filter((t) => t !== trigger) }));

  return (
    <div className="kpg-keda">
      <p>
        <Message id="hub.keda.intro" params={{ pool: pool.name }} />
      </p>
      {preferences.triggers.length > 0 && (
        <div className="kpg-saved-triggers">
          <strong>{text('hub.keda.saved')}</strong>
          {preferences.triggers.map((trigger) => (
            <span key={trigger.name} className="kpg-saved-trigger" data-trigger={trigger.name}>
              <Button subtle text={trigger.name} onClick={() => setDraft(trigger)} tooltipProps={{ text: text('hub.keda.load') }} />
              <Button
                subtle
                iconProps={{ iconName: 'Delete' }}
                ariaLabel={text('hub.keda.remove', { name: trigger.name })}
                onClick={() => void remove(trigger)}
              />
            </span>
          ))}
        </div>
      )}
      <div className="kpg-trigger-form">
        <FormItem label={text('hub.keda.field.name')}>
          <TextField
            inputId="kpg-trigger-name"
            value={draft.name}
            onChange={(_e, value) => setDraft({ ...draft, name: value })}
            width={TextFieldWidth.auto}
          />
        </FormItem>
        <FormItem label={text('hub.keda.field.version')}>
          <TextField
            inputId="kpg-trigger-version"
            value={draft.kedaVersion}
            onChange={(_e, value) => setDraft({ ...draft, kedaVersion: value })}
            width={TextFieldWidth.auto}
          />
        </FormItem>
        {TEXT_KEYS.map((key) => (
          <FormItem key={key} label={<code>{key}</code>}>
            <TextField
              inputId={`kpg-trigger-${key}`}
              value={draft.metadata[key] ?? ''}
              onChange={(_e, value) => setKey(key, value)}
              width={TextFieldWidth.auto}
            />
          </FormItem>
        ))}
        <div className="kpg-trigger-flags">
          {FLAG_KEYS.map(([key, value]) => (
            <Checkbox
              key={key}
              className="kpg-trigger-flag"
              checked={draft.metadata[key] === value}
              onChange={(_e, checked) => setKey(key, checked ? value : undefined)}
              label={`${key}: "${value}"`}
            />
          ))}
        </div>
        <div className="kpg-trigger-actions">
          <Button
            id="kpg-trigger-save"
            text={text('hub.keda.save')}
            primary
            disabled={name === '' || outcome.kind === 'unusable' || saving.busy}
            onClick={() => void save()}
          />
          <SaveStatus state={saving.state} />
          {name === '' && <span className="kpg-secondary">{text('hub.keda.nameNeeded')}</span>}
        </div>
      </div>
      <TriggerResult outcome={outcome} />
      <Coverage report={coverage} />
    </div>
  );
}

function TriggerResult({ outcome }: { outcome: TriggerOutcome }) {
  switch (outcome.kind) {
    case 'unusable':
      return (
        <div className="kpg-keda-result kpg-error-text" data-keda="unusable">
          <Message id={outcome.message.key} params={outcome.message.params} />
        </div>
      );
    case 'rejected':
      return (
        <div className="kpg-keda-result" data-keda="rejected">
          <KedaFindingList
            items={outcome.errors.map((error) => ({ severity: 'error', messageKey: error.messageKey, params: error.params }))}
          />
          <Message id="keda.view.kedaLog" params={{ log: outcome.kedaLog }} />
          <KedaFindingList items={outcome.findings} />
        </div>
      );
    case 'counted':
      return (
        <div
          className="kpg-keda-result"
          data-keda="counted"
          data-queue-length={outcome.view.queueLength}
          data-active={outcome.view.isActive}
        >
          <QueueSummary view={outcome.view} />
          <JobVerdicts view={outcome.view} />
          <KedaFindingList items={outcome.findings} />
        </div>
      );
  }
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

function Coverage({ report }: { report?: CoverageReport }) {
  return (
    <section className="kpg-coverage" data-coverage={report ? report.findings.length : 'none'}>
      <h2>{text('hub.keda.coverage.title')}</h2>
      {!report ? (
        <p className="kpg-secondary">{text('hub.keda.coverage.none')}</p>
      ) : report.findings.length === 0 ? (
        <p>{text('hub.keda.coverage.ok', { triggers: report.views.length })}</p>
      ) : (
        <>
          <KedaFindingList items={report.findings} />
          {report.uncounted.map(({ request, reasons }) => (
            <div key={request.requestId} className="kpg-uncounted" data-request={request.requestId}>
              <strong>{jobLabel(request)}</strong>
              <ul>
                {reasons.map(({ trigger, reason }) => (
                  <li key={trigger}>
                    <code>{trigger}</code>: <RichText source={renderJobReason(reason, 'markdown')} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </>
      )}
    </section>
  );
}
