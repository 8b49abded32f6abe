import { line, type Line } from '../model/findings';
import { formatMessage, type Translation } from '../model/render';
import type { RepairPlan } from '../model/repair-plan';
import { capabilitiesOf, capabilityValue } from '../model/capabilities';
import type { PlaceholderProposal } from '../model/placeholder';
import type { Agent } from '../model/types';
import { declinedRepair } from './failures';

/** A repair plan in words: what `repair` would do in the pool, why, and what to do by hand where it would not act. */
export interface PlanLines {
  summary: Line;
  reasons: Line[];
  steps: Line[];
}

/** What every face shows before it acts (the task's log, `repair --dry-run`, the hub's button and confirmation). */
export function planLines(pool: string, plan: RepairPlan): PlanLines {
  switch (plan.action) {
    case 'register':
      return { summary: line(`plan.register.${plan.reason}`, { pool, name: plan.proposal.name }), reasons: [], steps: [] };
    case 'refresh': {
      const { placeholder, proposal } = plan;
      const gained = capabilitiesGained(placeholder, proposal);
      return {
        summary:
          placeholder.version === proposal.version
            ? line('plan.refresh.sameVersion', { pool, name: placeholder.name, version: proposal.version })
            : line('plan.refresh', { pool, name: placeholder.name, from: placeholder.version, version: proposal.version }),
        reasons: [
          ...plan.reasons.map((reason) => line(`plan.refreshReason.${reason}`)),
          ...(gained.length > 0 ? [line('plan.refreshGains', { capabilities: gained })] : []),
        ],
        steps: [],
      };
    }
    case 'nothing':
    case 'refused': {
      const declined = declinedRepair(pool, plan);
      return {
        summary: line(`finding.${declined.code}`, declined.params),
        reasons: [line(`finding.${declined.code}.why`)],
        steps: declined.guidance,
      };
    }
  }
}

/** The capabilities a refresh adds, by name: what the user sees change besides the version. */
function capabilitiesGained(placeholder: Agent, proposal: PlaceholderProposal): string[] {
  const has = capabilitiesOf(placeholder);
  return Object.keys({ ...proposal.systemCapabilities, ...proposal.userCapabilities }).filter(
    (name) => capabilityValue(has, name) === undefined,
  );
}

/** The plan as log lines: the heading and what it does, why, and what to do by hand. */
export function planText(pool: string, plan: RepairPlan, translation: Translation = {}): string {
  const { summary, reasons, steps } = planLines(pool, plan);
  const say = (text: Line) => formatMessage(text.key, text.params, 'text', translation);
  return [
    `${formatMessage('plan.heading', { pool }, 'text', translation)} ${say(summary)}`,
    ...reasons.map((reason) => `  - ${say(reason)}`),
    ...steps.map((step, index) => `  ${index + 1}. ${say(step)}`),
  ].join('\n');
}
