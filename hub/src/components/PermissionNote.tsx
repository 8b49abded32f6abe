import type { Permission } from '../hooks/usePoolActions';
import { Message } from './RichText';

/** Why the pool's change buttons are off: the role is being checked, is missing, or could not be checked. */
export function PermissionNote({ permission, pool }: { permission: Permission; pool: string }) {
  switch (permission) {
    case 'checking':
      return <Message id="hub.action.checking" params={{ pool }} />;
    case 'denied':
      return <Message className="kpg-permission-denied" id="hub.action.notAdmin" params={{ pool }} />;
    case 'unknown':
      return <Message id="hub.action.permissionUnknown" params={{ pool }} />;
    case 'allowed':
      return null;
  }
}
