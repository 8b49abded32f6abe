/**
 * Demand matching as the service does it (reference §13.1): `name`, `name -equals value`,
 * `name -gtVersion v`. Capability names compare case-insensitively; equals compares values
 * case-insensitively; gtVersion means "at least" despite its name.
 */

export type Demand =
  { kind: 'exists'; name: string } | { kind: 'equals'; name: string; value: string } | { kind: 'gtVersion'; name: string; value: string };

export interface CapabilityHolder {
  version: string;
  systemCapabilities: Record<string, string>;
  userCapabilities: Record<string, string>;
}

/** `null` when the string is not a demand the service understands; such a demand is never satisfied. */
export function parseDemand(text: string): Demand | null {
  const match = /^\s*(\S+)(?:\s+-(\S+)\s+(.*?))?\s*$/.exec(text);
  if (!match) return null;
  const [, name, opcode, value] = match;
  if (opcode === undefined) return { kind: 'exists', name };
  if (/^equals$/i.test(opcode)) return { kind: 'equals', name, value };
  if (/^gtVersion$/i.test(opcode)) return { kind: 'gtVersion', name, value };
  return null;
}

/** System ∪ user capabilities keyed by lower-cased name; a user capability wins a name clash. */
export function effectiveCapabilities(agent: CapabilityHolder): Map<string, string> {
  const merged = new Map<string, string>();
  for (const [name, value] of Object.entries(agent.systemCapabilities)) merged.set(name.toLowerCase(), value);
  for (const [name, value] of Object.entries(agent.userCapabilities)) merged.set(name.toLowerCase(), value);
  // Every real agent reports Agent.Version; an agent seeded without it still has a version.
  if (!merged.has('agent.version')) merged.set('agent.version', agent.version);
  return merged;
}

export function satisfiesAll(agent: CapabilityHolder, demands: readonly string[]): boolean {
  const capabilities = effectiveCapabilities(agent);
  return demands.every((text) => satisfies(capabilities, parseDemand(text)));
}

function satisfies(capabilities: Map<string, string>, demand: Demand | null): boolean {
  if (!demand) return false;
  const value = capabilities.get(demand.name.toLowerCase());
  if (value === undefined) return false;
  switch (demand.kind) {
    case 'exists':
      return true;
    case 'equals':
      return value.toLowerCase() === demand.value.toLowerCase();
    case 'gtVersion':
      return isAtLeast(value, demand.value);
  }
}

/** Versions are cut at the first `-` and read as dotted numbers; anything unparseable fails. */
export function parseVersion(text: string): number[] | null {
  const core = text.split('-', 1)[0].trim();
  if (!/^\d+(\.\d+)*$/.test(core)) return null;
  return core.split('.').map(Number);
}

function isAtLeast(actual: string, minimum: string): boolean {
  const have = parseVersion(actual);
  const need = parseVersion(minimum);
  if (!have || !need) return false;
  for (let i = 0; i < Math.max(have.length, need.length); i++) {
    const difference = (have[i] ?? 0) - (need[i] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return true;
}
