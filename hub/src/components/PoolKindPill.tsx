import { Pill, PillSize } from 'azure-devops-ui/Pill';
import { poolKindLine } from '../../../core/guard/report';
import type { JudgedPoolReport } from '../../../core/model/verdict';
import { text } from '../model/text';

/**
 * What a pool is (KEDA-scaled, static, hosted, Azure-provisioned). A screen reader hears the kind as the
 * pill's name, so that a row reads the pool, its kind, its verdict; the evidence is the pill's title, shown
 * on hover and read as its description.
 */
export function PoolKindPill({ kind }: { kind: JudgedPoolReport['kind'] }) {
  const name = text(`poolKind.${kind.kind}`);
  return (
    <span className="kpg-pool-kind" data-pool-kind={kind.kind} title={poolKindLine(kind, 'text')}>
      <Pill size={PillSize.compact} ariaLabel={name} excludeFocusZone>
        {name}
      </Pill>
    </span>
  );
}
