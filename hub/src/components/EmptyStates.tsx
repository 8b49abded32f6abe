import { ZeroData, ZeroDataActionType } from 'azure-devops-ui/ZeroData';
import { AdoError } from '../../../core/ado/errors';
import { internalErrorParams } from '../../../core/guard/errors';
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

/**
 * The project's pools could not be listed, because the service failed or because of a bug of ours: no pool
 * to show, so the page says why and offers to try again.
 */
export function ListFailure({ error, project, onRetry }: { error: unknown; project: string; onRetry(): void }) {
  return (
    <Failure
      className="kpg-list-failed"
      title={text('hub.listFailed.title')}
      why={error instanceof AdoError ? <ServiceFailure error={error} project={project} /> : <InternalError error={error} />}
      onRetry={onRetry}
    />
  );
}

/** Something the page could not do, why, and a button to try again. */
export function Failure({ className, title, why, onRetry }: { className: string; title: string; why: JSX.Element; onRetry(): void }) {
  return (
    <ZeroData
      className={`kpg-zero ${className}`}
      iconProps={{ iconName: 'Error' }}
      imageAltText=""
      primaryText={title}
      secondaryText={why}
      // A button: without it ZeroData renders its action as a link to nowhere, which ignores the click.
      actionType={ZeroDataActionType.ctaButton}
      actionText={text('hub.command.refresh')}
      onActionClick={onRetry}
    />
  );
}

function ServiceFailure({ error, project }: { error: AdoError; project: string }) {
  return (
    <span>
      {error.kind === 'unauthorized' ? (
        <Message id="hub.listFailed.unauthorized" />
      ) : (
        <Message id="hub.listFailed.other" params={{ project, status: error.status ?? 0 }} />
      )}{' '}
      {error.serviceMessage && <Message id="hub.listFailed.message" params={{ message: error.serviceMessage }} />}
    </span>
  );
}

/** A bug of ours, said as such: its message, and where to report it with the details the console holds. */
export function InternalError({ error, className }: { error: unknown; className?: string }) {
  return <Message className={className} id="hub.internalError" params={internalErrorParams(error)} />;
}
