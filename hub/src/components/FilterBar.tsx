import type { ReactNode } from 'react';
import { Button } from 'azure-devops-ui/Button';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import type { Verdict } from '../../../core/model/findings';
import type { RowFilter } from '../model/pool-rows';
import { text } from '../model/text';

const VERDICTS: Verdict[] = ['blocked', 'atRisk', 'ready'];
const VERDICT_LABEL_ID = 'kpg-filter-verdict-label';

interface FilterBarProps {
  filter: RowFilter;
  /** Pools per verdict, shown on the toggles. */
  counts: Record<Verdict, number>;
  onChange(filter: RowFilter): void;
  children?: ReactNode;
}

/**
 * Filter by name, and by verdict with one switch per verdict (none on: every verdict). The switches are
 * buttons, so Space and Enter toggle them and `aria-checked` sits on the element that has the role.
 */
export function FilterBar({ filter, counts, onChange, children }: FilterBarProps) {
  const toggle = (verdict: Verdict) =>
    onChange({
      ...filter,
      verdicts: filter.verdicts.includes(verdict) ? filter.verdicts.filter((v) => v !== verdict) : [...filter.verdicts, verdict],
    });
  return (
    <div className="kpg-filter-bar flex-row flex-center rhythm-horizontal-8">
      <TextField
        className="kpg-filter-name"
        value={filter.name}
        onChange={(_event, name) => onChange({ ...filter, name })}
        placeholder={text('hub.filter.name')}
        ariaLabel={text('hub.filter.name')}
        prefixIconProps={{ iconName: 'Filter' }}
        width={TextFieldWidth.standard}
      />
      <div className="kpg-verdict-toggles" role="group" aria-labelledby={VERDICT_LABEL_ID}>
        <span id={VERDICT_LABEL_ID} className="kpg-secondary">
          {text('hub.filter.verdict')}
        </span>
        {VERDICTS.map((verdict) => {
          const on = filter.verdicts.includes(verdict);
          return (
            <Button
              key={verdict}
              className="kpg-verdict-toggle"
              role="switch"
              ariaChecked={on}
              ariaLabel={text('hub.filter.verdictToggle', { verdict: text(`verdict.${verdict}`), count: counts[verdict] })}
              onClick={() => toggle(verdict)}
            >
              <span data-verdict-toggle={verdict}>
                {text(`verdict.${verdict}`)} · {counts[verdict]}
              </span>
            </Button>
          );
        })}
      </div>
      <span className="flex-grow" />
      {children}
    </div>
  );
}
