import { classifyAgents, type ClassificationRules } from './classify';
import { formatMessage, type RenderFormat, type Translation } from './render';
import type { Agent, Capabilities } from './types';

/**
 * What may have happened to a planned candidate between the pool's reading and its deletion. A
 * deletion re-reads the agent first and leaves it alone on any change: the plan was made for the
 * agent as it was, and a changed agent may be in use, or marked to be kept, by someone else.
 */
export interface AgentChangeParams {
  gone: Record<string, never>;
  online: Record<string, never>;
  busy: Record<string, never>;
  renamed: { name: string };
  nowPlaceholder: Record<string, never>;
  statusChanged: Record<string, never>;
  enabledChanged: Record<string, never>;
  capabilitiesChanged: Record<string, never>;
}

export type AgentChangeCode = keyof AgentChangeParams;
export type AgentChange = { [C in AgentChangeCode]: { code: C; params: AgentChangeParams[C] } }[AgentChangeCode];

/** The first change that forbids deleting `current`, most telling first; undefined when it is as planned. */
export function changeSincePlan(
  planned: Agent,
  current: Agent | undefined,
  rules: ClassificationRules,
  now: Date,
): AgentChange | undefined {
  if (!current) return { code: 'gone', params: {} };
  if (current.status === 'online') return { code: 'online', params: {} };
  if (current.assignedRequest) return { code: 'busy', params: {} };
  if (current.name !== planned.name) return { code: 'renamed', params: { name: current.name } };
  if (classifyAgents([current], rules, { now })[0].kind === 'placeholder') return { code: 'nowPlaceholder', params: {} };
  // Offline now and then, but it went online and back in between: it is being used.
  if (current.statusChangedOn?.getTime() !== planned.statusChangedOn?.getTime()) return { code: 'statusChanged', params: {} };
  if (current.enabled !== planned.enabled) return { code: 'enabledChanged', params: {} };
  const sameCapabilities =
    current.version === planned.version &&
    sameEntries(current.systemCapabilities, planned.systemCapabilities) &&
    sameEntries(current.userCapabilities, planned.userCapabilities);
  return sameCapabilities ? undefined : { code: 'capabilitiesChanged', params: {} };
}

function sameEntries(a: Capabilities = {}, b: Capabilities = {}): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => Object.hasOwn(b, name) && b[name] === a[name]);
}

export function renderAgentChange(change: AgentChange, format: RenderFormat, translation: Translation = {}): string {
  return formatMessage(`change.${change.code}`, change.params, format, translation);
}
