import { Pill, PillSize } from 'azure-devops-ui/Pill';
import { poolKindLine } from '../../../core/guard/report';
import type { JudgedPoolReport } from '../../../core/model/verdict';
import { text } from '../model/text';

/** What a pool is (KEDA-scaled, static, hosted, Azure-provisioned); the evidence shows on hover and to screen readers. */
export function PoolKindPill({ kind }: { kind: JudgedPoolReport['kind'] }) {
  const why = poolKindLine(kind, 'text');
  return (
    <span className="kpg-pool-kind" data-pool-kind={kind.kind} title={why}>
      <Pill size={PillSize.compact} ariaLabel={why} excludeFocusZone>
        {text(`poolKind.${kind.kind}`)}
      </Pill>
    </span>
  );
}
