import { ZeroData } from 'azure-devops-ui/ZeroData';
import type { AdoError } from '../../../core/ado/errors';
import { text } from '../model/text';
import { Message } from './RichText';

export function NoPools() {
  return (
    <ZeroData
      className="kpg-zero"
      iconProps={{ iconName: 'Server' }}
      imageAltText=""
      primaryText={text('hub.empty.title')}
      secondaryText={text('hub.empty.text')}
    />
  );
}

export function NoMatch() {
  return <ZeroData className="kpg-zero" iconProps={{ iconName: 'Filter' }} imageAltText="" primaryText={text('hub.filter.noMatch')} />;
}

/** The project's queues could not be listed: no pool to show, so the page says why and offers to try again. */
export function ListFailure({ error, project, onRetry }: { error: AdoError; project: string; onRetry(): void }) {
  return (
    <ZeroData
      className="kpg-zero kpg-list-failed"
      iconProps={{ iconName: 'Error' }}
      imageAltText=""
      primaryText={text('hub.listFailed.title')}
      secondaryText={
        <span>
          {error.kind === 'unauthorized' ? (
            <Message id="hub.listFailed.unauthorized" />
          ) : (
            <Message id="hub.listFailed.other" params={{ project, status: error.status ?? 0 }} />
          )}{' '}
          {error.serviceMessage && <Message id="hub.listFailed.message" params={{ message: error.serviceMessage }} />}
        </span>
      }
      actionText={text('hub.command.refresh')}
      onActionClick={onRetry}
    />
  );
}
