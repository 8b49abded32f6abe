import type { AdoClient, AgentRegistration } from '../ado/client';
import { AdoError } from '../ado/errors';
import type { ClassificationRules } from '../model/classify';
import { proposePlaceholder, type PlaceholderProposal } from '../model/placeholder';
import type { PoolSnapshot } from '../model/types';
import { isJudged, type PoolReport } from '../model/verdict';

/**
 * Registering the placeholder a pool lacks: the one write the guard makes, shared by the task's and the
 * CLI's `repair` and the hub's "Register placeholder" button, so all three register the same agent.
 */

export type RepairResult =
  | { kind: 'registered'; agent: { id: number; name: string; version: string } }
  /** The name was taken when we tried (another run got there first): nothing was changed. */
  | { kind: 'alreadyRegistered'; name: string }
  | { kind: 'refused'; error: AdoError };

/** What the placeholder is registered with, besides what the pool's KEDA agents show. */
export interface PlaceholderRequest {
  name: string;
  demands: readonly string[];
  minAgentVersion?: string;
  /** User capabilities given to the placeholder on top of the marker. */
  userCapabilities: Readonly<Record<string, string>>;
  rules: ClassificationRules;
}

/** Repair acts when jobs would fail at once, or when nothing would keep the pool able to queue them. */
export function needsPlaceholder(report: PoolReport): boolean {
  return isJudged(report) && report.kind.kind === 'keda' && (report.verdict === 'blocked' || report.placeholder.state === 'missing');
}

/** The agent `registerPlaceholder` would register in this pool, for showing before the user confirms. */
export function placeholderProposal(snapshot: PoolSnapshot, request: PlaceholderRequest): PlaceholderProposal {
  return proposePlaceholder(snapshot, {
    name: request.name,
    demands: request.demands,
    minAgentVersion: request.minAgentVersion,
    userCapabilities: request.userCapabilities,
    rules: request.rules,
  });
}

/**
 * Registers the proposed placeholder, offline. It never touches an existing agent: a name already taken
 * (409) means another run registered it first, which still leaves one placeholder.
 */
export async function registerPlaceholder(client: AdoClient, snapshot: PoolSnapshot, request: PlaceholderRequest): Promise<RepairResult> {
  const proposal = placeholderProposal(snapshot, request);
  const registration: AgentRegistration = {
    name: proposal.name,
    version: proposal.version,
    osDescription: 'KEDA Pool Guard placeholder: registered, never run',
    systemCapabilities: proposal.systemCapabilities,
    userCapabilities: proposal.userCapabilities,
  };
  try {
    const agent = await client.addAgent(snapshot.pool.id, registration);
    return { kind: 'registered', agent: { id: agent.id, name: agent.name, version: agent.version } };
  } catch (error) {
    if (!(error instanceof AdoError)) throw error;
    // Only the registration's own 409 means the name is taken; one from setting its capabilities does not.
    return error.kind === 'conflict' && error.method === 'POST'
      ? { kind: 'alreadyRegistered', name: proposal.name }
      : { kind: 'refused', error };
  }
}
