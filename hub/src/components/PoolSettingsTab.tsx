import { useState } from 'react';
import { Button } from 'azure-devops-ui/Button';
import { FormItem } from 'azure-devops-ui/FormItem';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import { parseDemandLines } from '../../../core/guard/inputs';
import { DEFAULT_MIN_AGENT_VERSION, DemandParseError, withImplicitAgentVersion } from '../../../core/model/demands';
import type { Pool } from '../../../core/model/types';
import type { PoolPreferences } from '../model/settings';
import { text } from '../model/text';
import { Message } from './RichText';
import { SaveStatus, useSaving } from './SaveStatus';

/** What the jobs sent to this pool demand: the verdict judges the pool against it. */
export function PoolSettingsTab({
  pool,
  preferences,
  onSave,
}: {
  pool: Pool;
  preferences: PoolPreferences;
  onSave(next: PoolPreferences): Promise<void>;
}) {
  const [demands, setDemands] = useState(preferences.demands.join('\n'));
  const [minAgentVersion, setMinAgentVersion] = useState(preferences.minAgentVersion ?? '');
  const saving = useSaving();
  const problem = validate(demands, minAgentVersion);
  const save = () =>
    saving.run(() => {
      const { minAgentVersion: _previous, ...rest } = preferences;
      const version = minAgentVersion.trim();
      return onSave({ ...rest, demands: parseDemandLines(demands), ...(version ? { minAgentVersion: version } : {}) });
    });
  return (
    <div className="kpg-pool-settings">
      <p>
        <Message id="hub.poolSettings.intro" params={{ pool: pool.name }} />
      </p>
      <FormItem
        label={text('hub.poolSettings.demands')}
        message={problem ?? <Message id="hub.poolSettings.demandsHelp" />}
        error={problem !== undefined}
      >
        <TextField
          inputId="kpg-pool-demands"
          multiline
          rows={4}
          value={demands}
          onChange={(_e, value) => setDemands(value)}
          width={TextFieldWidth.auto}
        />
      </FormItem>
      <FormItem
        label={text('hub.poolSettings.minAgentVersion')}
        message={text('hub.poolSettings.minAgentVersionHelp', { version: DEFAULT_MIN_AGENT_VERSION })}
      >
        <TextField
          inputId="kpg-pool-min-version"
          value={minAgentVersion}
          onChange={(_e, value) => setMinAgentVersion(value)}
          width={TextFieldWidth.standard}
        />
      </FormItem>
      <div className="kpg-form-actions">
        <Button
          id="kpg-pool-settings-save"
          primary
          text={text('hub.save')}
          disabled={problem !== undefined || saving.busy}
          onClick={() => void save()}
        />
        <SaveStatus state={saving.state} />
      </div>
    </div>
  );
}

/** The same checks the task applies to its inputs, so a saved setting always judges. */
function validate(demands: string, minAgentVersion: string): string | undefined {
  try {
    parseDemandLines(demands);
    const version = minAgentVersion.trim();
    if (version) withImplicitAgentVersion([], version);
    return undefined;
  } catch (error) {
    if (error instanceof DemandParseError) return error.message;
    throw error;
  }
}
