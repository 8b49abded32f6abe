import { useMemo, useState } from 'react';
import { Button } from 'azure-devops-ui/Button';
import { FormItem } from 'azure-devops-ui/FormItem';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import { NEWEST_MODELLED } from '../../../core/keda/version';
import type { JobRequest, Pool } from '../../../core/model/types';
import { manifestOutcome, parseManifest, type Note, type ScalerOutcome, type TriggerOutcome } from '../model/keda-manifest';
import { text } from '../model/text';
import { KedaFindingList } from './KedaFindingList';
import { CountedQueue, DecisionLines, RejectedTrigger } from './KedaQueueView';
import { Message } from './RichText';

type ManifestYaml = typeof import('../model/manifest-yaml');

interface KedaManifestProps {
  pool: Pool;
  requests: readonly JobRequest[];
  organizationUrl: string;
  /** The KEDA release and the ScaledJob's Jobs, as typed in the tab's fields. */
  version: string;
  runningJobs: string;
  pendingJobs: string;
}

type Applied =
  { kind: 'idle' } | { kind: 'reading' } | { kind: 'failed'; message: Note } | { kind: 'parsed'; documents: readonly unknown[] };

/**
 * A pasted manifest, what `keda-pool-guard keda -f` prints for it against this pool. The YAML parser comes
 * with the first manifest applied (its own chunk), and the text never leaves the page.
 */
export function KedaManifest({ pool, requests, organizationUrl, version, runningJobs, pendingJobs }: KedaManifestProps) {
  const [source, setSource] = useState('');
  const [applied, setApplied] = useState<Applied>({ kind: 'idle' });
  const outcome = useMemo(
    () =>
      applied.kind === 'parsed'
        ? manifestOutcome(applied.documents, { pool, requests, organizationUrl, version, runningJobs, pendingJobs })
        : undefined,
    [applied, pool, requests, organizationUrl, version, runningJobs, pendingJobs],
  );
  const apply = async () => {
    setApplied({ kind: 'reading' });
    let yaml: ManifestYaml;
    try {
      yaml = await import('../model/manifest-yaml');
    } catch (error) {
      setApplied({ kind: 'failed', message: { key: 'hub.keda.manifest.loadFailed', params: { reason: (error as Error).message } } });
      return;
    }
    const parsed = parseManifest(source, yaml.parseManifestText);
    setApplied(parsed.ok ? { kind: 'parsed', documents: parsed.documents } : { kind: 'failed', message: parsed.message });
  };

  // A file without any ScaledJob or ScaledObject has only that to say: it is the status, announced.
  const noScaler =
    outcome?.kind === 'read' && outcome.scalers.every((scaler) => !scaler.plan.kind) ? outcome.scalers[0]?.plan.findings[0] : undefined;
  const status: Note | undefined =
    applied.kind === 'reading'
      ? { key: 'hub.keda.manifest.reading', params: {} }
      : applied.kind === 'failed'
        ? applied.message
        : outcome?.kind === 'invalid'
          ? outcome.message
          : noScaler
            ? { key: noScaler.messageKey, params: noScaler.params }
            : outcome?.kind === 'read'
              ? outcome.onThisPool > 0
                ? { key: 'hub.keda.manifest.read', params: { triggers: outcome.onThisPool, pool: pool.name } }
                : { key: 'hub.keda.manifest.noneForPool', params: { pool: pool.name } }
              : undefined;
  const failed = applied.kind === 'failed' || outcome?.kind === 'invalid' || noScaler !== undefined;

  return (
    <section className="kpg-manifest" aria-labelledby="kpg-manifest-title">
      <h3 id="kpg-manifest-title">{text('hub.keda.manifest.title')}</h3>
      <p>
        <Message id="hub.keda.manifest.intro" />
      </p>
      <FormItem label={text('hub.keda.manifest.label')}>
        <TextField
          inputId="kpg-manifest-text"
          multiline
          rows={10}
          value={source}
          onChange={(_e, value) => setSource(value)}
          width={TextFieldWidth.auto}
          className="kpg-manifest-text"
          spellCheck={false}
        />
      </FormItem>
      <div className="kpg-trigger-actions">
        <Button
          id="kpg-manifest-apply"
          text={text('hub.keda.manifest.apply')}
          disabled={applied.kind === 'reading'}
          onClick={() => void apply()}
        />
      </div>
      {/* Announced as it changes: reading, what is wrong with the text, or how many triggers poll this pool. */}
      <div role="status" className="kpg-manifest-status" data-manifest={failed ? 'invalid' : applied.kind}>
        {status &&
          (failed ? (
            <KedaFindingList items={[{ severity: 'error', messageKey: status.key, params: status.params }]} />
          ) : (
            <p>
              <Message id={status.key} params={status.params} />
            </p>
          ))}
      </div>
      {outcome?.kind === 'read' && !noScaler && (
        <>
          {outcome.version.newerThanModelled && (
            <KedaFindingList
              items={[
                {
                  severity: 'warning',
                  messageKey: 'keda.usage.versionNewer',
                  params: { version: outcome.version.label, newest: NEWEST_MODELLED.label },
                },
              ]}
            />
          )}
          {outcome.scalers.map((scaler, index) => (
            <ScalerResult key={index} scaler={scaler} version={outcome.version.label} />
          ))}
        </>
      )}
    </section>
  );
}

function ScalerResult({ scaler, version }: { scaler: ScalerOutcome; version: string }) {
  const { plan, decision } = scaler;
  const name = plan.name ?? '';
  return (
    <div className="kpg-manifest-scaler" data-scaler={name}>
      <KedaFindingList items={plan.findings} />
      {scaler.triggers.map((trigger) => (
        <div key={trigger.index} className="kpg-manifest-trigger" data-trigger-index={trigger.index} data-trigger-kind={trigger.kind}>
          {plan.kind && (
            <h4>
              <Message id="keda.view.triggerHeading" params={{ kind: plan.kind, name, index: trigger.index }} />
            </h4>
          )}
          <TriggerResult trigger={trigger} />
        </div>
      ))}
      {decision?.kind === 'jobs' && (
        <DecisionLines
          heading={{ key: 'keda.decision.heading', params: { version, name } }}
          lines={decision.view.lines}
          findings={decision.view.findings}
          jobsToCreate={decision.view.decision.jobsToCreate}
        />
      )}
      {decision?.kind === 'replicas' && (
        <DecisionLines heading={{ key: 'keda.replicas.heading', params: { version, name } }} lines={decision.view.lines} findings={[]} />
      )}
      {scaler.noDecision && (
        <div data-decision="elsewhere">
          <KedaFindingList items={[{ severity: 'warning', messageKey: scaler.noDecision.key, params: scaler.noDecision.params }]} />
        </div>
      )}
    </div>
  );
}

function TriggerResult({ trigger }: { trigger: TriggerOutcome }) {
  switch (trigger.kind) {
    case 'counted':
      return <CountedQueue view={trigger.view} findings={trigger.findings} />;
    case 'rejected':
      return <RejectedTrigger errors={trigger.errors} kedaLog={trigger.kedaLog} findings={trigger.findings} />;
    case 'elsewhere':
      return (
        <div data-keda="elsewhere">
          <KedaFindingList items={[{ severity: 'warning', messageKey: trigger.message.key, params: trigger.message.params }]} />
        </div>
      );
  }
}
