/**
 * An agent's capabilities as the service keeps and serves them (Azure DevOps Server 2022's
 * `Microsoft.TeamFoundation.DistributedTask.Server`, decompiled in mjwrona/decompiled):
 *
 * - `Agent.Name` and `Agent.Version` are implicit: every write drops them from the capabilities sent
 *   (`TaskResourceComponent*.AddAgent/UpdateAgent`) and every read derives them from the agent's `name`
 *   and `version` (`TaskAgentExtensions.PopulateImplicitCapabilities`), first in the system set.
 * - Names compare with `StringComparer.OrdinalIgnoreCase` (the `TaskAgent` contract's dictionaries,
 *   actions/runner@18b5987 src/Sdk/DTWebApi/WebApi/TaskAgent.cs).
 * - A job is matched against system ∪ user capabilities, a user capability winning a name clash
 *   (`TaskAgentExtensions.GetEffectiveCapabilities`).
 */

export type CapabilityMap = Readonly<Record<string, string>>;

export const AGENT_NAME = 'Agent.Name';
export const AGENT_VERSION = 'Agent.Version';

/**
 * A key under which `OrdinalIgnoreCase` equal names meet: every character upper-cased on its own
 * (simple case mapping), as the ordinal comparison does. Upper-casing the whole text gives that unless
 * a letter expands (`ß` to `SS`); such a text is folded one UTF-16 unit at a time, expanding letters
 * keeping their own form.
 */
export function foldCase(text: string): string {
  const upper = text.toUpperCase();
  if (upper.length === text.length) return upper;
  let folded = '';
  for (const unit of text.split('')) {
    const unitUpper = unit.toUpperCase();
    folded += unitUpper.length === 1 ? unitUpper : unit;
  }
  return folded;
}

export function sameIgnoringCase(a: string, b: string): boolean {
  return a.length === b.length && foldCase(a) === foldCase(b);
}

const IMPLICIT = new Set([AGENT_NAME, AGENT_VERSION].map(foldCase));

export function isImplicitCapability(name: string): boolean {
  return IMPLICIT.has(foldCase(name));
}

/**
 * Capabilities as a write stores them: without the implicit two, one entry per name. Names that differ
 * only in case are one capability; the last value wins and the first spelling stays (how the service
 * merges them is not known: its SQL is not public).
 */
export function storedCapabilities(sent: CapabilityMap | undefined): Record<string, string> {
  const byKey = new Map<string, [name: string, value: string]>();
  for (const [name, value] of Object.entries(sent ?? {})) {
    if (isImplicitCapability(name)) continue;
    const key = foldCase(name);
    byKey.set(key, [byKey.get(key)?.[0] ?? name, value]);
  }
  return Object.fromEntries(byKey.values());
}

export interface CapabilityHolder {
  readonly name: string;
  readonly version: string;
  readonly systemCapabilities: CapabilityMap;
  readonly userCapabilities: CapabilityMap;
}

/** The system capabilities a read serves: the implicit two first, then the stored ones. */
export function servedSystemCapabilities(agent: CapabilityHolder): Record<string, string> {
  return {
    [AGENT_NAME]: agent.name,
    ...(agent.version ? { [AGENT_VERSION]: agent.version } : {}),
    ...agent.systemCapabilities,
  };
}

/** What demands are judged against: a capability's value by name, case-insensitively. */
export interface CapabilityLookup {
  get(name: string): string | undefined;
}

export function effectiveCapabilities(agent: CapabilityHolder): CapabilityLookup {
  const values = new Map<string, string>();
  for (const [name, value] of Object.entries(servedSystemCapabilities(agent))) values.set(foldCase(name), value);
  for (const [name, value] of Object.entries(agent.userCapabilities)) values.set(foldCase(name), value);
  return { get: (name) => values.get(foldCase(name)) };
}

/** The capability sets an agent's JSON shows. */
export interface CapabilityView {
  readonly system: CapabilityMap;
  readonly user: CapabilityMap;
}

/** What a read with `includeCapabilities=true` shows. */
export function storedView(agent: CapabilityHolder): CapabilityView {
  return { system: servedSystemCapabilities(agent), user: agent.userCapabilities };
}

/**
 * What `GET …/agents?demands=` shows: the service loads only the capabilities the demands name
 * (`prc_GetAgents` with `@capabilityFilters`), the implicit two always.
 */
export function viewNamed(agent: CapabilityHolder, names: readonly string[]): CapabilityView {
  const wanted = new Set(names.map(foldCase));
  const only = (capabilities: CapabilityMap) =>
    Object.fromEntries(Object.entries(capabilities).filter(([name]) => wanted.has(foldCase(name))));
  return {
    system: servedSystemCapabilities({ ...agent, systemCapabilities: only(agent.systemCapabilities) }),
    user: only(agent.userCapabilities),
  };
}

/**
 * What a POST, PUT or PATCH answers: the agent as stored, with the implicit capabilities and those the
 * request sent, whether or not the write kept them (`UpdateAgent` copies the request's sets into its
 * result; a PATCH stores none).
 */
export function sentView(agent: CapabilityHolder, sent: { system?: CapabilityMap; user?: CapabilityMap }): CapabilityView {
  return {
    system: servedSystemCapabilities({ ...agent, systemCapabilities: storedCapabilities(sent.system) }),
    user: storedCapabilities(sent.user),
  };
}
