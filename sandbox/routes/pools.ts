/** Pools (location a8c47e17) and the pool permission probe (location 162778f3). */
import { poolContract } from '../contracts';
import { argumentInvalid, poolNotFound } from '../errors';
import { jsonReply } from '../reply';
import type { Route } from '../router';
import { roleAtLeast, type StoredPool } from '../state';
import type { PoolRole } from '../scenario-types';
import { renderCollection, renderJson } from '../wire';
import { ACTION_FILTER, allowsActions, visiblePool } from './access';

const POOL_TYPE = { automation: 1, deployment: 2 } as const;

/**
 * Role each permission bit of the probe needs. View, Manage and Use follow the pool roles; the
 * others (Listen, Administer) are only granted to Administrators here, as are unknown bits.
 */
const PERMISSION_ROLES: [bit: number, role: PoolRole][] = [
  [1, 'Reader'],
  [ACTION_FILTER.manage, 'Administrator'],
  [ACTION_FILTER.use, 'User'],
];

function hasPermissions(role: PoolRole | undefined, permissions: number): boolean {
  let unexplained = permissions;
  for (const [bit, needed] of PERMISSION_ROLES) {
    if ((permissions & bit) === 0) continue;
    unexplained &= ~bit;
    if (!roleAtLeast(role, needed)) return false;
  }
  return unexplained === 0 || roleAtLeast(role, 'Administrator');
}

export const poolRoutes: Route[] = [
  {
    pattern: '_apis/distributedtask/pools/{poolId?}',
    handlers: {
      GET: (context) => {
        const { org, identity, params, query, wire, links } = context;
        const actionFilter = query.enumValue('actionFilter', ACTION_FILTER);
        if (params.poolId !== undefined) {
          const pool = visiblePool(context, params.poolId);
          if (!allowsActions(org.roleOn(identity, pool), actionFilter)) throw poolNotFound(params.poolId);
          return jsonReply(200, renderJson(poolContract(pool, links), wire));
        }
        // Two actions share the path (`TaskAgentPoolsController`): `poolIds` selects by id, else the list
        // filters by name and by type, automation pools unless asked otherwise. Other query names, such as
        // KEDA's `poolID`, bind to nothing and are ignored: an unknown id still answers 200 with the list.
        const name = query.get('poolName');
        const ids = query.intList('poolIds');
        const type = ids === undefined ? (query.enumValue('poolType', POOL_TYPE) ?? POOL_TYPE.automation) : undefined;
        const matches = (pool: StoredPool) =>
          allowsActions(org.roleOn(identity, pool), actionFilter) &&
          (ids !== undefined ? ids.includes(pool.id) : name === undefined || pool.name.toLowerCase() === name.toLowerCase()) &&
          (type === undefined || POOL_TYPE[pool.poolType] === type);
        return jsonReply(
          200,
          renderCollection(
            org
              .listPools()
              .filter(matches)
              .map((pool) => poolContract(pool, links)),
            wire,
          ),
        );
      },
    },
  },
  {
    pattern: '_apis/distributedtask/pools/{poolId}/permissions/{permissions}',
    handlers: {
      // A pool the caller cannot see, or that does not exist, grants nothing: false, not 404.
      GET: ({ org, identity, params, wire }) => {
        if (!/^\d+$/.test(params.permissions)) throw argumentInvalid(`The value '${params.permissions}' is not valid for permissions.`);
        const pool = /^\d+$/.test(params.poolId) ? org.getPool(Number(params.poolId)) : undefined;
        const role = pool && org.roleOn(identity, pool);
        return jsonReply(200, renderJson(hasPermissions(role, Number(params.permissions)), wire));
      },
    },
  },
];
