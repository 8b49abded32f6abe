import { Status, StatusSize, Statuses } from 'azure-devops-ui/Status';
import type { Finding, Line, Severity } from '../../../core/model/findings';
import { text } from '../model/text';
import { CommandBlock } from './CommandBlock';
import { Message } from './RichText';

const STATUS: Record<Severity, typeof Statuses.Failed> = { error: Statuses.Failed, warning: Statuses.Warning, info: Statuses.Information };

/**
 * A finding as the task's summary tells it: what is wrong, why the service behaves so, the evidence, and
 * the fixes in order, commands copyable. Built from the finding's lines, so every value stays text.
 */
export function FindingCard({ finding }: { finding: Finding }) {
  return (
    <section className="kpg-finding" data-finding={finding.code} data-severity={finding.severity}>
      <h2 className="kpg-finding-summary">
        <Status
          {...STATUS[finding.severity]}
          size={StatusSize.m}
          className="kpg-finding-icon"
          ariaLabel={text(`severity.${finding.severity}`)}
        />
        <Message id={`finding.${finding.code}`} params={finding.params} />
      </h2>
      <p className="kpg-finding-why">
        <strong>{text('label.why')}: </strong>
        <Message id={`finding.${finding.code}.why`} params={finding.params} />
      </p>
      {finding.details.length > 0 && (
        <ul className="kpg-finding-details">
          {finding.details.map((detail, index) => (
            <li key={index}>
              <Message id={detail.key} params={detail.params} />
            </li>
          ))}
        </ul>
      )}
      <Steps steps={finding.guidance} />
    </section>
  );
}

/** Numbered steps, each maybe with its command. */
export function Steps({ steps }: { steps: readonly Line[] }) {
  if (steps.length === 0) return null;
  return (
    <div className="kpg-fix">
      <strong>{text('label.fix')}:</strong>
      <ol>
        {steps.map((step, index) => (
          <li key={index}>
            <Message id={step.key} params={step.params} />
            {step.command && <CommandBlock command={step.command} />}
          </li>
        ))}
      </ol>
    </div>
  );
}
