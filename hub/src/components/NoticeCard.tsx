import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import type { Notice } from '../hooks/usePoolActions';
import { FindingCard, Steps } from './FindingCard';
import { Message } from './RichText';
import { SweepResult } from './SweepAgents';

const SEVERITY = { success: MessageCardSeverity.Info, info: MessageCardSeverity.Info, error: MessageCardSeverity.Error } as const;

/** What an action did or why it was refused, above the pool's tabs until dismissed. */
export function NoticeCard({ notice, onDismiss }: { notice: Notice; onDismiss(): void }) {
  return (
    <MessageCard className="kpg-notice" severity={SEVERITY[notice.tone]} onDismiss={onDismiss}>
      <div className="kpg-notice-body" data-notice={notice.tone}>
        {'finding' in notice ? (
          <FindingCard finding={notice.finding} />
        ) : 'sweep' in notice ? (
          <SweepResult sweep={notice.sweep} />
        ) : (
          <>
            <Message id={notice.summary.key} params={notice.summary.params} />
            {notice.details.length > 0 && (
              <ul className="kpg-finding-details">
                {notice.details.map((detail, index) => (
                  <li key={index}>
                    <Message id={detail.key} params={detail.params} />
                  </li>
                ))}
              </ul>
            )}
            <Steps steps={notice.steps} />
          </>
        )}
      </div>
    </MessageCard>
  );
}
