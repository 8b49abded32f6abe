import { useState } from 'react';
import { ContentSize } from 'azure-devops-ui/Callout';
import { FormItem } from 'azure-devops-ui/FormItem';
import { Panel } from 'azure-devops-ui/Panel';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import { InputError, parsePlaceholderName } from '../../../core/guard/inputs';
import { formatMessage } from '../../../core/model/render';
import { useEscapeToClose } from '../hooks/useEscapeToClose';
import { DEFAULT_HUB_SETTINGS, type HubSettings } from '../model/settings';
import { markdown, text } from '../model/text';
import { Message, RichText } from './RichText';
import { SaveStatus, useSaving } from './SaveStatus';

export interface SettingsPanelProps {
  settings: HubSettings;
  project: string;
  onSave(settings: HubSettings): Promise<void>;
  onDismiss(): void;
}

interface Form {
  placeholderName: string;
  placeholderPatterns: string;
  markerCapability: string;
  staleAfterHours: string;
  pendingThresholdMinutes: string;
}

/** The settings, or per field what is wrong with it (Markdown, for `RichText`). */
type Checked = { settings: HubSettings; problems?: undefined } | { settings?: undefined; problems: Partial<Record<keyof Form, string>> };

const MAX_HOURS = 24 * 365;
const MAX_MINUTES = 24 * 60;

/** The project's settings: how placeholders are named and marked, and when agents and jobs count as old. */
export function SettingsPanel({ settings, project, onSave, onDismiss }: SettingsPanelProps) {
  const [form, setForm] = useState<Form>(() => toForm(settings));
  const saving = useSaving();
  const checked = check(form, settings);
  useEscapeToClose(onDismiss);
  const field = (key: keyof Form, label: string, help: string, multiline = false) => (
    <FormItem label={label} message={<RichText source={checked.problems?.[key] ?? help} />} error={checked.problems?.[key] !== undefined}>
      <TextField
        inputId={`kpg-setting-${key}`}
        value={form[key]}
        multiline={multiline}
        rows={multiline ? 5 : undefined}
        onChange={(_e, value) => setForm({ ...form, [key]: value })}
        width={TextFieldWidth.auto}
      />
    </FormItem>
  );
  return (
    <Panel
      className="kpg-settings-panel"
      size={ContentSize.Medium}
      onDismiss={onDismiss}
      titleProps={{ text: text('hub.settings.title') }}
      footerButtonProps={[
        {
          id: 'kpg-settings-defaults',
          text: text('hub.settings.defaults'),
          onClick: () => setForm(toForm({ ...DEFAULT_HUB_SETTINGS, pools: settings.pools })),
        },
        { id: 'kpg-settings-cancel', text: text('hub.confirm.cancel'), onClick: onDismiss },
        {
          id: 'kpg-settings-save',
          text: text('hub.save'),
          primary: true,
          disabled: checked.settings === undefined || saving.busy,
          onClick: () => {
            const next = checked.settings;
            if (next) void saving.run(() => onSave(next));
          },
        },
      ]}
    >
      <div className="kpg-settings" data-settings-panel>
        <p>
          <Message id="hub.settings.scope" params={{ project }} />
        </p>
        {field(
          'placeholderName',
          text('hub.settings.placeholderName'),
          markdown('hub.settings.placeholderNameHelp', { name: DEFAULT_HUB_SETTINGS.placeholderName }),
        )}
        {field('placeholderPatterns', text('hub.settings.patterns'), markdown('hub.settings.patternsHelp'), true)}
        {field('markerCapability', text('hub.settings.marker'), markdown('hub.settings.markerHelp'))}
        {field('staleAfterHours', text('hub.settings.staleHours'), markdown('hub.settings.staleHoursHelp'))}
        {field('pendingThresholdMinutes', text('hub.settings.pendingMinutes'), markdown('hub.settings.pendingMinutesHelp'))}
        <SaveStatus state={saving.state} />
      </div>
    </Panel>
  );
}

function toForm(settings: HubSettings): Form {
  return {
    placeholderName: settings.placeholderName,
    placeholderPatterns: settings.placeholderPatterns.join('\n'),
    markerCapability: settings.markerCapability,
    staleAfterHours: String(settings.staleAfterHours),
    pendingThresholdMinutes: String(settings.pendingThresholdMinutes),
  };
}

/** The form as settings, or what is wrong with each field; per-pool settings are kept as they are. */
function check(form: Form, current: HubSettings): Checked {
  const problems: Partial<Record<keyof Form, string>> = {};
  let placeholderName = '';
  try {
    placeholderName = parsePlaceholderName(form.placeholderName);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.placeholderName = formatMessage(error.key, error.params, 'markdown');
  }
  const placeholderPatterns = form.placeholderPatterns
    .split(/\r?\n/)
    .map((pattern) => pattern.trim())
    .filter((pattern) => pattern !== '');
  const markerCapability = form.markerCapability.trim();
  if (markerCapability === '' || /\s/.test(markerCapability))
    problems.markerCapability = markdown('hub.settings.markerInvalid', {
      value: form.markerCapability,
      example: DEFAULT_HUB_SETTINGS.markerCapability,
    });
  const staleAfterHours = wholeNumber(form.staleAfterHours, MAX_HOURS);
  if (staleAfterHours === undefined)
    problems.staleAfterHours = markdown('hub.settings.numberInvalid', {
      value: form.staleAfterHours,
      max: MAX_HOURS,
      example: DEFAULT_HUB_SETTINGS.staleAfterHours,
    });
  const pendingThresholdMinutes = wholeNumber(form.pendingThresholdMinutes, MAX_MINUTES);
  if (pendingThresholdMinutes === undefined) {
    problems.pendingThresholdMinutes = markdown('hub.settings.numberInvalid', {
      value: form.pendingThresholdMinutes,
      max: MAX_MINUTES,
      example: DEFAULT_HUB_SETTINGS.pendingThresholdMinutes,
    });
  }
  if (Object.keys(problems).length > 0 || staleAfterHours === undefined || pendingThresholdMinutes === undefined) return { problems };
  return { settings: { ...current, placeholderName, placeholderPatterns, markerCapability, staleAfterHours, pendingThresholdMinutes } };
}

function wholeNumber(value: string, max: number): number | undefined {
  const trimmed = value.trim();
  const number = Number(trimmed);
  return /^\d+$/.test(trimmed) && number >= 1 && number <= max ? number : undefined;
}
