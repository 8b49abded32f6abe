import { Component, Suspense, type ReactNode } from 'react';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { text } from '../model/text';

/**
 * Parts of the page whose code loads when they are first opened (the build splits them off). Should the
 * loading fail, the page stays and says what to do, instead of going blank.
 */
export class OnDemand extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (this.state.failed)
      return (
        <MessageCard className="kpg-banner" severity={MessageCardSeverity.Error}>
          {text('hub.onDemand.failed')}
        </MessageCard>
      );
    return <Suspense>{this.props.children}</Suspense>;
  }
}
