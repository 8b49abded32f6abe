import { useMemo, useState, type ReactNode } from 'react';
import { Button } from 'azure-devops-ui/Button';
import { Checkbox } from 'azure-devops-ui/Checkbox';
import { FormItem } from 'azure-devops-ui/FormItem';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import type { CoverageReport } from '../../../core/keda/coverage';
import { renderJobReason } from '../../../core/keda/reasons';
import type { JobRequest, Pool } from '../../../core/model/types';
import {
  DEFAULT_KEDA_VERSION,
  FLAG_KEYS,
  SCALED_JOB_FIELDS,
  TEXT_KEYS,
  scaledJobOutcome,
  triggerCoverage,
  triggerOutcome,
  type DecisionOutcome,
  type ScaledJobInput,
  type TriggerOutcome,
} from '../model/keda-view';
import type { PoolPreferences, SavedTrigger } from '../model/settings';
import { jobLabel } from '../model/jobs';
import { text } from '../model/text';
import { KedaFindingList } from './KedaFindingList';
import { KedaManifest } from './KedaManifest';
import { CountedQueue, DecisionLines, RejectedTrigger } from './KedaQueueView';
import { Message, RichText } from './RichText';
import { SaveStatus, useSaving } from './SaveStatus';
// The tab's texts, loaded with it.
import '../keda-messages';

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
  const [scaledJob, setScaledJob] = useState<ScaledJobInput>({});
  const decision = useMemo(() => scaledJobOutcome(outcome, scaledJob), [outcome, scaledJob]);
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
      <section className="kpg-scaledjob">
        <h2>{text('hub.keda.scaledJob.title')}</h2>
        <p>
          <Message id="hub.keda.scaledJob.intro" />
        </p>
        <div className="kpg-trigger-form">
          {SCALED_JOB_FIELDS.map((field) => (
            <FormItem key={field} label={SCALED_JOB_LABELS[field]}>
              <TextField
                inputId={`kpg-scaledjob-${field}`}
                value={scaledJob[field] ?? ''}
                onChange={(_e, value) => setScaledJob({ ...scaledJob, [field]: value })}
                width={TextFieldWidth.auto}
              />
            </FormItem>
          ))}
        </div>
        <Decision outcome={decision} version={outcome.kind === 'counted' ? outcome.version.label : ''} />
        <KedaManifest
          pool={pool}
          requests={requests}
          organizationUrl={organizationUrl}
          version={draft.kedaVersion}
          runningJobs={scaledJob.runningJobs ?? ''}
          pendingJobs={scaledJob.pendingJobs ?? ''}
        />
      </section>
      <Coverage report={coverage} />
    </div>
  );
}

const SCALED_JOB_LABELS: Record<(typeof SCALED_JOB_FIELDS)[number], ReactNode> = {
  strategy: <code>scalingStrategy.strategy</code>,
  maxReplicaCount: <code>maxReplicaCount</code>,
  minReplicaCount: <code>minReplicaCount</code>,
  runningJobs: text('hub.keda.field.runningJobs'),
  pendingJobs: text('hub.keda.field.pendingJobs'),
};

/** The ScaledJob's decision, step by step as the command line's `keda` prints it. */
function Decision({ outcome, version }: { outcome: DecisionOutcome; version: string }) {
  switch (outcome.kind) {
    case 'none':
      return null;
    case 'invalid':
      return (
        <p className="kpg-keda-decision kpg-error-text" data-decision="invalid">
          <Message id={outcome.message.key} params={outcome.message.params} />
        </p>
      );
    case 'decided':
      return (
        <DecisionLines
          heading={{ key: 'hub.keda.decision.heading', params: { version } }}
          lines={outcome.view.lines}
          findings={outcome.view.findings}
          jobsToCreate={outcome.view.decision.jobsToCreate}
        />
      );
  }
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
      return <RejectedTrigger errors={outcome.errors} kedaLog={outcome.kedaLog} findings={outcome.findings} />;
    case 'counted':
      return <CountedQueue view={outcome.view} findings={outcome.findings} />;
  }
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
