import { useState } from 'react';
import { Button } from 'azure-devops-ui/Button';
import { FormItem } from 'azure-devops-ui/FormItem';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import { Checkbox } from 'azure-devops-ui/Checkbox';
import { InputError, parseDemandLines, parseParent } from '../../../core/guard/inputs';
import { DEFAULT_MIN_AGENT_VERSION, DemandParseError, withImplicitAgentVersion } from '../../../core/model/demands';
import type { MessageKey } from '../../../core/messages';
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
  const [kedaScaled, setKedaScaled] = useState(preferences.kedaScaled === true);
  const [parent, setParent] = useState(preferences.parent ?? '');
  const saving = useSaving();
  const problem = validate(demands, minAgentVersion);
  const parentProblem = validateParent(parent);
  const save = () =>
    saving.run(() => {
      const { minAgentVersion: _version, kedaScaled: _kedaScaled, parent: _parent, ...rest } = preferences;
      const version = minAgentVersion.trim();
      const parentName = parseParent(parent);
      return onSave({
        ...rest,
        demands: parseDemandLines(demands),
        ...(version ? { minAgentVersion: version } : {}),
        ...(kedaScaled ? { kedaScaled } : {}),
        ...(parentName ? { parent: parentName } : {}),
      });
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
      <FormItem message={<Message id="hub.poolSettings.kedaScaledHelp" />}>
        <Checkbox
          id="kpg-pool-keda-scaled"
          checked={kedaScaled}
          onChange={(_e, checked) => setKedaScaled(checked === true)}
          label={text('hub.poolSettings.kedaScaled')}
        />
      </FormItem>
      <FormItem
        label={<Message id="hub.poolSettings.parent" />}
        message={parentProblem ?? <Message id="hub.poolSettings.parentHelp" />}
        error={parentProblem !== undefined}
      >
        <TextField inputId="kpg-pool-parent" value={parent} onChange={(_e, value) => setParent(value)} width={TextFieldWidth.standard} />
      </FormItem>
      <div className="kpg-form-actions">
        <Button
          id="kpg-pool-settings-save"
          primary
          text={text('hub.save')}
          disabled={problem !== undefined || parentProblem !== undefined || saving.busy}
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

function validateParent(parent: string): string | undefined {
  try {
    parseParent(parent);
    return undefined;
  } catch (error) {
    if (error instanceof InputError) return text(error.key as MessageKey, error.params);
    throw error;
  }
}
