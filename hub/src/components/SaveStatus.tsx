import { useCallback, useState } from 'react';
import { text } from '../model/text';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

/** A save in progress and how it ended; a failure keeps what the user typed, so they can try again. */
export function useSaving() {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const run = useCallback(async (save: () => Promise<void>) => {
    setState({ kind: 'saving' });
    try {
      await save();
      setState({ kind: 'saved' });
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }, []);
  return { state, busy: state.kind === 'saving', run };
}

export function SaveStatus({ state }: { state: SaveState }) {
  switch (state.kind) {
    case 'idle':
      return null;
    case 'saving':
      return <span className="kpg-secondary">{text('hub.save.saving')}</span>;
    case 'saved':
      return (
        <span className="kpg-secondary" data-saved="true">
          {text('hub.save.saved')}
        </span>
      );
    case 'failed':
      return <span className="kpg-error-text">{text('hub.save.failed', { message: state.message })}</span>;
  }
}
