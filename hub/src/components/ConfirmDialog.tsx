import type { ReactNode } from 'react';
import { Dialog } from 'azure-devops-ui/Dialog';
import { useEscapeToClose } from '../hooks/useEscapeToClose';
import { text } from '../model/text';

interface ConfirmDialogProps {
  title: string;
  confirmText: string;
  onConfirm(): void;
  onCancel(): void;
  children: ReactNode;
}

/** Every change to Azure DevOps goes through one of these: what will change, then an explicit yes. */
export function ConfirmDialog({ title, confirmText, onConfirm, onCancel, children }: ConfirmDialogProps) {
  useEscapeToClose(onCancel);
  return (
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
  );
}
