import type { ReactNode } from 'react';
import { Dialog } from 'azure-devops-ui/Dialog';
import { FocusZoneContext } from 'azure-devops-ui/FocusZone';
import { useEscapeToClose } from '../hooks/useEscapeToClose';
import { text } from '../model/text';

interface ConfirmDialogProps {
  title: string;
  confirmText: string;
  onConfirm(): void;
  onCancel(): void;
  children: ReactNode;
}

/**
 * The dialog opens from a pool's panel but lives in a layer of its own, and under Preact (which renders the
 * hub) a key pressed there bubbles through the page, not through the components, so it never reaches the
 * panel's focus zone (preactjs/preact#3286; React passes it on). azure-devops-ui's focus zones share one flag
 * by which a zone tells the zones around it to leave a key alone, cleared by the outermost zone: the dialog's
 * zone is made outermost, or after its first Tab the flag would stay set and Tab would leave the dialog.
 */
const OUTERMOST_ZONE = { direction: undefined, focuszoneId: undefined };

/** Every change to Azure DevOps goes through one of these: what will change, then an explicit yes. */
export function ConfirmDialog({ title, confirmText, onConfirm, onCancel, children }: ConfirmDialogProps) {
  useEscapeToClose(onCancel);
  return (
    <FocusZoneContext.Provider value={OUTERMOST_ZONE}>
      <Dialog
        className="kpg-confirm"
        titleProps={{ text: title }}
        onDismiss={onCancel}
        footerButtonProps={[
          { id: 'kpg-confirm-cancel', text: text('hub.confirm.cancel'), onClick: onCancel },
          { id: 'kpg-confirm-ok', text: confirmText, primary: true, onClick: onConfirm },
        ]}
      >
        <div className="kpg-confirm-body">{children}</div>
      </Dialog>
    </FocusZoneContext.Provider>
  );
}
