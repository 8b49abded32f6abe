import type { OrgState } from '../../sandbox';

/**
 * Watches a pool change by change (every agent registered, updated or deleted): each demand set that finds a
 * registered agent when the watch starts, so that a job with those demands queues, must keep finding one.
 */
export function watchQueueing(org: OrgState, poolName: string, demandSets: readonly (readonly string[])[]) {
  const pool = org.findPoolByName(poolName)!;
  const satisfied = () => demandSets.filter((set) => org.matchingAgents(pool.id, set).length > 0).map((set) => set.join(' & '));
  const before = satisfied();
  const lapses: string[] = [];
  let changes = 0;
  const stop = org.onChange((event) => {
    if (!('pool' in event) || event.pool.id !== pool.id) return;
    changes++;
    const now = satisfied();
    for (const set of before)
      if (!now.includes(set))
        lapses.push(
          `after ${event.type} of ${event.type.startsWith('agent') && 'agent' in event ? event.agent.name : '?'}: no agent for ${set}`,
        );
  });
  return { before, lapses, changes: () => changes, stop, satisfied };
}
