/**
 * Per-pool roles as the service applies them (reference §14): a pool the caller has no role on
 * does not exist for it; reading needs Reader; changing agents needs Administrator.
 */
import { accessDenied, poolNotFound } from '../errors';
import type { RequestContext } from '../router';
import { roleAtLeast, type StoredPool } from '../state';
import type { PoolRole } from '../scenario-types';

/** `TaskAgentPoolActionFilter` / `TaskAgentQueueActionFilter` members. */
export const ACTION_FILTER = { none: 0, manage: 2, use: 16 } as const;

/** The pool named by a route value, if the caller may see it; else the service's 404. */
export function visiblePool({ org, identity }: RequestContext, poolIdText: string): StoredPool {
  const pool = /^\d+$/.test(poolIdText) ? org.getPool(Number(poolIdText)) : undefined;
  if (!pool || !org.roleOn(identity, pool)) throw poolNotFound(poolIdText);
  return pool;
}

export function requireAdministrator({ org, identity }: RequestContext, pool: StoredPool): void {
  if (!roleAtLeast(org.roleOn(identity, pool), 'Administrator')) throw accessDenied(identity.name);
}

/** Whether a role grants every action an `actionFilter` asks for (manage = 2, use = 16). */
export function allowsActions(role: PoolRole | undefined, actionFilter: number | undefined): boolean {
  if (role === undefined) return false;
  const needsManage = ((actionFilter ?? 0) & ACTION_FILTER.manage) !== 0;
  const needsUse = ((actionFilter ?? 0) & ACTION_FILTER.use) !== 0;
  return (!needsManage || roleAtLeast(role, 'Administrator')) && (!needsUse || roleAtLeast(role, 'User'));
}
