/**
 * Entities seeded from captured payloads (the `samples` scenario) are served in the capture's shape.
 * Captures from different years and organizations disagree on which members a contract carries
 * (`queueId`, `priority`, `agentDelays`, ...), and some values are nothing the sandbox models (plan and
 * host ids, identity references). So the capture decides which members appear and supplies the values
 * the sandbox invents; every value the sandbox keeps up to date (ids, names, status, versions, times,
 * results, demands, agents) still comes from its state, so a replayed entity changes like any other.
 */
import type { WireObject, WireValue } from './wire';

/** A captured JSON object, as the scenario recorded it. */
export type Recorded = Readonly<Record<string, unknown>>;

/**
 * Members an agent carries only when the caller's query asks for them: the query decides, not the
 * capture. (A request's `matchedAgents` follows the capture: KEDA's captures leave it out of a job no
 * agent matched.)
 */
const ON_REQUEST = new Set(['systemCapabilities', 'userCapabilities', 'assignedRequest', 'lastCompletedRequest']);

/** The sandbox's value, unless the sandbox only invents it (`invented`) or does not produce the member at all. */
function valueOf(member: string, modeled: WireObject, recorded: Recorded, invented: ReadonlySet<string>): WireValue {
  if (ON_REQUEST.has(member)) return modeled[member];
  return invented.has(member) || !(member in modeled) ? (recorded[member] as WireValue) : modeled[member];
}

/** A whole contract: the capture's members in the capture's order, plus whatever the query asked for. */
export function inRecordedShape(modeled: WireObject, recorded: Recorded | undefined, invented: ReadonlySet<string>): WireObject {
  if (!recorded) return modeled;
  const asked = Object.keys(modeled).filter((member) => ON_REQUEST.has(member) && !(member in recorded));
  return Object.fromEntries(
    [...Object.keys(recorded), ...asked]
      .filter((member) => !ON_REQUEST.has(member) || modeled[member] !== undefined)
      .map((member) => [member, valueOf(member, modeled, recorded, invented)]),
  );
}

/**
 * A reference embedded in another object (an agent in `matchedAgents`, a pool in a queue): the
 * reference's own members that the capture also has, since a capture of the full entity has more.
 */
export function referenceInRecordedShape(modeled: WireObject, recorded: Recorded | undefined, invented: ReadonlySet<string>): WireObject {
  if (!recorded) return modeled;
  return Object.fromEntries(
    Object.keys(modeled)
      .filter((member) => member in recorded)
      .map((member) => [member, valueOf(member, modeled, recorded, invented)]),
  );
}
