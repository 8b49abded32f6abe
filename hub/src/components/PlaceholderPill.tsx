import { Pill, PillSize, PillVariant } from 'azure-devops-ui/Pill';
import type { PlaceholderState } from '../../../core/model/verdict';
import { text } from '../model/text';

// The portal's status colours: green is fine, orange needs attention, red breaks jobs.
const GREEN = { red: 85, green: 163, blue: 98 };
const ORANGE = { red: 214, green: 127, blue: 60 };
const RED = { red: 205, green: 74, blue: 69 };
const GREY = { red: 150, green: 150, blue: 150 };

const COLOR: Record<PlaceholderState, typeof GREEN> = {
  presentOffline: GREEN,
  presentOnline: ORANGE,
  disabled: ORANGE,
  drifted: ORANGE,
  missing: RED,
  notApplicable: GREY,
  unknown: GREY,
};

/** A label, not a control: kept out of the focus zone it sits in (a table row, a panel), where it could not take focus. */
export function PlaceholderPill({ state, name }: { state: PlaceholderState; name?: string }) {
  return (
    <span className="kpg-placeholder" data-placeholder={state} title={name}>
      <Pill size={PillSize.compact} variant={PillVariant.colored} color={COLOR[state]} excludeFocusZone>
        {text(`placeholderState.${state}`)}
      </Pill>
    </span>
  );
}
