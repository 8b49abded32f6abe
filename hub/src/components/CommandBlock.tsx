import { useState } from 'react';
import { Button } from 'azure-devops-ui/Button';
import type { Command } from '../../../core/model/findings';
import { text } from '../model/text';

type CopyState = 'idle' | 'copied' | 'failed';

/** A command or YAML snippet to run as it is, with a button that copies it exactly. */
export function CommandBlock({ command }: { command: Command }) {
  const [state, setState] = useState<CopyState>('idle');
  const copy = () =>
    navigator.clipboard.writeText(command.text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  return (
    <div className="kpg-command" data-language={command.language}>
      <pre className="kpg-command-text">{command.text}</pre>
      <div className="kpg-command-actions">
        <Button
          subtle
          iconProps={{ iconName: state === 'copied' ? 'CheckMark' : 'Copy' }}
          text={text(state === 'copied' ? 'hub.copied' : 'hub.copy')}
          onClick={() => void copy()}
        />
        {state === 'failed' && <span className="kpg-error-text">{text('hub.copyFailed')}</span>}
      </div>
    </div>
  );
}
