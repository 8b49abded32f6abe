import type { ReactNode } from 'react';
import { Pill, PillSize, PillVariant } from 'azure-devops-ui/Pill';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import type { Verdict } from '../../../core/model/findings';
import type { RowFilter } from '../model/pool-rows';
import { text } from '../model/text';

const VERDICTS: Verdict[] = ['blocked', 'atRisk', 'ready'];

interface FilterBarProps {
  filter: RowFilter;
  /** Pools per verdict, shown on the toggles. */
  counts: Record<Verdict, number>;
  onChange(filter: RowFilter): void;
  children?: ReactNode;
}

/** Filter by name, and by verdict with one toggle per verdict (none on: every verdict). */
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
      <span className="kpg-secondary">{text('hub.filter.verdict')}</span>
      {VERDICTS.map((verdict) => {
        const on = filter.verdicts.includes(verdict);
        return (
          <Pill
            key={verdict}
            className="kpg-verdict-toggle"
            size={PillSize.regular}
            variant={on ? PillVariant.themedStandard : PillVariant.outlined}
            onClick={() => toggle(verdict)}
            ariaLabel={`${text(`verdict.${verdict}`)}: ${counts[verdict]}`}
            role="switch"
          >
            <span data-verdict-toggle={verdict} aria-checked={on}>
              {text(`verdict.${verdict}`)} · {counts[verdict]}
            </span>
          </Pill>
        );
      })}
      <span className="flex-grow" />
      {children}
    </div>
  );
}
