/**
 * Per-pool roles as the service applies them (reference §14), as Azure DevOps Server 2022 codes them
 * (`DistributedTaskResourceService`, decompiled; not confirmed on Services: medium confidence):
 * - every role includes View (permission 1); a pool without View is left out of the pool list
 *   (`FilterAgentPools`), and `GET pools/{id}` answers 404 (`GetAgentPool` returns null);
 * - its pool-scoped reads still answer, empty: the agent and job request lists 200 `[]` (`GetAgents`,
 *   `GetAgentRequestsAsync`, `GetAgentRequestsForAgents`: `HasPoolPermission(…, 1)` → empty), one agent
 *   or one request 404 as if it did not exist (`GetAgent`, `GetAgentRequest` return null);
 * - a write checks View first, 403 `TaskAgentPoolNotEnoughPermissionsException`, then Manage, 403
 *   `AccessDeniedException` (`CheckViewAndOtherPermissionsForPool`).
 * A pool id that names no pool still answers 404 on every route (as before; not confirmed either).
 */
import { accessDenied, poolNotEnoughPermissions, poolNotFound } from '../errors';
import type { RequestContext } from '../router';
import { roleAtLeast, type StoredPool } from '../state';
import type { PoolRole } from '../scenario-types';

/** `TaskAgentPoolActionFilter` / `TaskAgentQueueActionFilter` members. */
export const ACTION_FILTER = { none: 0, manage: 2, use: 16 } as const;

/** The pool a route value names, whatever the caller's role on it; else the service's 404. */
export function namedPool({ org }: RequestContext, poolIdText: string): StoredPool {
  const pool = /^\d+$/.test(poolIdText) ? org.getPool(Number(poolIdText)) : undefined;
  if (!pool) throw poolNotFound(poolIdText);
  return pool;
}

/** The pool a route value names, if the caller may view it; else the service's 404 (`GetAgentPool` → null). */
export function visiblePool(context: RequestContext, poolIdText: string): StoredPool {
  const pool = namedPool(context, poolIdText);
  if (!canView(context, pool)) throw poolNotFound(poolIdText);
  return pool;
}

/** Whether the caller holds View on the pool: any role does. */
export function canView({ org, identity }: RequestContext, pool: StoredPool): boolean {
  return org.roleOn(identity, pool) !== undefined;
}

/** What a write needs: View, then Manage (`CheckViewAndOtherPermissionsForPool(…, 2)`). */
export function requireAdministrator(context: RequestContext, pool: StoredPool): void {
  if (!canView(context, pool)) throw poolNotEnoughPermissions();
  if (!roleAtLeast(context.org.roleOn(context.identity, pool), 'Administrator')) throw accessDenied(context.identity.name);
}

/** Whether a role grants every action an `actionFilter` asks for (manage = 2, use = 16). */
export function allowsActions(role: PoolRole | undefined, actionFilter: number | undefined): boolean {
  if (role === undefined) return false;
  const needsManage = ((actionFilter ?? 0) & ACTION_FILTER.manage) !== 0;
  const needsUse = ((actionFilter ?? 0) & ACTION_FILTER.use) !== 0;
  return (!needsManage || roleAtLeast(role, 'Administrator')) && (!needsUse || roleAtLeast(role, 'User'));
}
