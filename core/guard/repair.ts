import type { AdoClient } from '../ado/client';
import { AdoError } from '../ado/errors';
import { standInName, type AgentRegistration } from '../ado/registration';
import { systemClock } from '../clock';
import { isOwnPlaceholder, PLACEHOLDER_DESCRIPTION, type PlaceholderProposal } from '../model/placeholder';
import type { RefreshReason, RepairPlan } from '../model/repair-plan';
import type { Agent } from '../model/types';
import { compareVersions } from '../model/version';

/**
 * Carrying out a pool's repair plan (`core/model/repair-plan.ts`): the writes the guard makes to placeholders,
 * shared by the task's and the CLI's `repair` and the hub's placeholder button, so all three do the same.
 * It never touches an agent the plan does not name, and each write is preceded by reading that agent again.
 */

export type RepairResult =
  | { kind: 'registered'; agent: { id: number; name: string; version: string } }
  | { kind: 'refreshed'; agent: { id: number; name: string; version: string }; reasons: RefreshReason[] }
  /** The name was taken when we tried (another run got there first): nothing was changed. */
  | { kind: 'alreadyRegistered'; name: string }
  /** Read again, the placeholder already was what the refresh would make it (another run did it). */
  | { kind: 'alreadyRefreshed'; name: string }
  /** Another run is refreshing the placeholder (it holds the stand-in): nothing was changed. */
  | { kind: 'refreshUnderway'; name: string }
  /** The placeholder the plan names vanished or stopped being ours between the plan and the write. */
  | { kind: 'changedMeanwhile'; name: string }
  /** The plan was to do nothing, or that `repair` may not act here: no call was made. */
  | { kind: 'notDone'; plan: Extract<RepairPlan, { action: 'nothing' | 'refused' }> }
  /** The service refused or failed a write. */
  | { kind: 'refused'; error: AdoError };

export async function carryOutRepair(client: AdoClient, poolId: number, plan: RepairPlan, markerCapability: string): Promise<RepairResult> {
  switch (plan.action) {
    case 'nothing':
      // Another run's registration, half done: said as the 409 that registering it would get.
      return plan.reason === 'underway' && plan.placeholder
        ? { kind: 'alreadyRegistered', name: plan.placeholder }
        : { kind: 'notDone', plan };
    case 'refused':
      return { kind: 'notDone', plan };
    case 'register':
      return register(client, poolId, plan.proposal);
    case 'refresh':
      return refresh(client, poolId, plan, markerCapability);
  }
}

function registration(proposal: PlaceholderProposal): AgentRegistration {
  return {
    name: proposal.name,
    version: proposal.version,
    osDescription: PLACEHOLDER_DESCRIPTION,
    systemCapabilities: proposal.systemCapabilities,
    userCapabilities: proposal.userCapabilities,
  };
}

/** Registers the proposed placeholder, offline. A name already taken (409) means another run registered it first. */
async function register(client: AdoClient, poolId: number, proposal: PlaceholderProposal): Promise<RepairResult> {
  try {
    const agent = await client.addAgent(poolId, registration(proposal));
    return { kind: 'registered', agent: { id: agent.id, name: agent.name, version: agent.version } };
  } catch (error) {
    if (!(error instanceof AdoError)) throw error;
    // Only the registration's own 409 means the name is taken; one from setting its capabilities does not.
    return error.kind === 'conflict' && error.method === 'POST'
      ? { kind: 'alreadyRegistered', name: proposal.name }
      : { kind: 'refused', error };
  }
}

/**
 * Refreshes our placeholder in place, as the agent's `config.sh --replace` does. The service has no conditional
 * write, so a run first registers a stand-in (the refreshed placeholder under `standInName`): names are unique,
 * so only one run holds it, and it satisfies the jobs while the placeholder changes. The placeholder is read
 * again under that claim: gone, renamed or stripped of the marker, it is no longer the one planned for; already
 * refreshed (by the run that held the claim before), it is left as it is. The stand-in is removed afterwards,
 * unless it took the placeholder's place because the service could not replace it in place.
 */
async function refresh(
  client: AdoClient,
  poolId: number,
  plan: Extract<RepairPlan, { action: 'refresh' }>,
  markerCapability: string,
): Promise<RepairResult> {
  const { placeholder, proposal, reasons } = plan;
  let standIn: Agent | undefined;
  try {
    standIn = await claim(client, poolId, proposal, markerCapability);
    if (!standIn) return { kind: 'refreshUnderway', name: placeholder.name };
    const current = await client.getAgent(poolId, placeholder.id);
    const stillOurs =
      current !== undefined && current.name.toLowerCase() === placeholder.name.toLowerCase() && isOwnPlaceholder(current, markerCapability);
    if (!current || !stillOurs) return { kind: 'changedMeanwhile', name: placeholder.name };
    if (isRefreshed(current, proposal)) return { kind: 'alreadyRefreshed', name: current.name };
    const agent = await client.refreshAgent(poolId, current, registration(proposal), standIn);
    if (agent.id === standIn.id) standIn = undefined;
    return { kind: 'refreshed', agent: { id: agent.id, name: agent.name, version: agent.version }, reasons };
  } catch (error) {
    if (!(error instanceof AdoError)) throw error;
    // Replacing by the stand-in deletes the placeholder before renaming the stand-in: if that failed in
    // between, or the pool cannot be read to tell, the stand-in is kept, for it may be all that stands in.
    if (standIn && !(await stillRegistered(client, poolId, placeholder.id))) standIn = undefined;
    return { kind: 'refused', error };
  } finally {
    // Left behind, the stand-in would hold the claim until it is taken for abandoned; a failure to remove it
    // is the re-read's to show.
    if (standIn) await client.deleteAgent(poolId, standIn.id).catch(unlessOurs);
  }
}

/** A stand-in older than this was left by a run that stopped half way, and is removed by the next refresh. */
const ABANDONED_STAND_IN_MS = 10 * 60_000;

/**
 * Registers the stand-in that lets this run refresh the placeholder; none when another run holds it. A stand-in
 * of ours (it carries the marker) registered long ago was abandoned: it is removed, and the claim tried once more.
 */
async function claim(
  client: AdoClient,
  poolId: number,
  proposal: PlaceholderProposal,
  markerCapability: string,
): Promise<Agent | undefined> {
  const name = standInName(proposal.name);
  const clock = client.clock ?? systemClock;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return await client.addAgent(poolId, registration({ ...proposal, name }));
    } catch (error) {
      if (!(error instanceof AdoError) || error.kind !== 'conflict' || error.method !== 'POST') throw error;
    }
    const holder = (await client.listAgents(poolId)).find((agent) => agent.name.toLowerCase() === name.toLowerCase());
    const abandoned =
      holder?.createdOn !== undefined &&
      clock.now() - holder.createdOn.getTime() > ABANDONED_STAND_IN_MS &&
      isOwnPlaceholder(holder, markerCapability);
    if (holder && !abandoned) return undefined;
    if (holder) await client.deleteAgent(poolId, holder.id);
  }
  return undefined;
}

async function stillRegistered(client: AdoClient, poolId: number, agentId: number): Promise<boolean> {
  try {
    return (await client.getAgent(poolId, agentId)) !== undefined;
  } catch (error) {
    unlessOurs(error);
    return false;
  }
}

/** A failure of the service's while cleaning up is left for the re-read to show; an error of ours goes on. */
function unlessOurs(error: unknown): void {
  if (!(error instanceof AdoError)) throw error;
}

/** The agent already reports the proposal's version (or a newer one) and every capability the proposal gives it. */
function isRefreshed(agent: Agent, proposal: PlaceholderProposal): boolean {
  if (compareVersions(agent.version, proposal.version) < 0) return false;
  const has = (wanted: Record<string, string>, present: Readonly<Record<string, string>> | undefined) =>
    Object.entries(wanted).every(([name, value]) => name === 'Agent.Version' || present?.[name] === value);
  return has(proposal.systemCapabilities, agent.systemCapabilities) && has(proposal.userCapabilities, agent.userCapabilities);
}

/** Whether the plan makes a change, so the pool is read again afterwards. */
export function plansAWrite(plan: RepairPlan): plan is Extract<RepairPlan, { action: 'register' | 'refresh' }> {
  return plan.action === 'register' || plan.action === 'refresh';
}
