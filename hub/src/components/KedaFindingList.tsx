import { Status, StatusSize, Statuses } from 'azure-devops-ui/Status';
import type { Severity } from '../../../core/keda/findings';
import type { Params } from '../../../core/model/findings';
import { text, type TextKey } from '../model/text';
import { Message } from './RichText';

const STATUS: Record<Severity, typeof Statuses.Failed> = { error: Statuses.Failed, warning: Statuses.Warning, info: Statuses.Information };

interface Item {
  severity: Severity;
  messageKey: TextKey;
  params: Params;
}

/** KEDA's errors and findings: one sentence each, saying what KEDA does and what to change. */
export function KedaFindingList({ items }: { items: readonly Item[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="kpg-keda-findings">
      {items.map((item, index) => (
        <li key={index} data-severity={item.severity}>
          <Status
            {...STATUS[item.severity]}
            size={StatusSize.s}
            className="kpg-finding-icon"
            ariaLabel={text(`severity.${item.severity}`)}
          />
          <Message id={item.messageKey} params={item.params} />
        </li>
      ))}
    </ul>
  );
}
