import { ZeroData } from 'azure-devops-ui/ZeroData';
import { errorText } from '../../../core/guard/errors';
import { NoProjectError } from '../services/host';
import { text } from '../model/text';

/** The portal could not give the page what it needs: say which, and what to do. */
export function BootFailure({ error }: { error: unknown }) {
  const noProject = error instanceof NoProjectError;
  return (
    <ZeroData
      className="kpg-zero"
      iconProps={{ iconName: 'Error' }}
      imageAltText=""
      primaryText={text(noProject ? 'hub.boot.noProject' : 'hub.boot.failed')}
      secondaryText={noProject ? undefined : errorText(error)}
    />
  );
}
