import { Component, type ReactNode } from 'react';
import { text } from '../model/text';
import { Failure, InternalError } from './EmptyStates';

interface CrashBoundaryProps {
  children: ReactNode;
  /** Told of each crash, e.g. to let the portal know the page failed if it had not loaded yet. */
  onCrash(error: unknown): void;
}

type CrashState = { crashed: false } | { crashed: true; error: unknown };

/**
 * A bug of ours thrown while rendering would leave a blank page; this shows what went wrong instead, and
 * renders the page afresh when the user tries again.
 */
export class CrashBoundary extends Component<CrashBoundaryProps, CrashState> {
  override state: CrashState = { crashed: false };

  static getDerivedStateFromError(error: unknown): CrashState {
    return { crashed: true, error };
  }

  override componentDidCatch(error: unknown): void {
    this.props.onCrash(error);
  }

  override render(): ReactNode {
    if (!this.state.crashed) return this.props.children;
    return (
      <Failure
        className="kpg-crashed"
        title={text('hub.crashed.title')}
        why={<InternalError error={this.state.error} />}
        onRetry={() => this.setState({ crashed: false })}
      />
    );
  }
}
