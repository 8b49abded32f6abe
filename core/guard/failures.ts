import type { AdoError } from '../ado/errors';
import { finding, line, type Finding, type Line } from '../model/findings';
import type { PoolSettings } from '../model/settings';
import { unreadablePoolReport, type PoolReport } from '../model/verdict';
import type { RepairResult } from './repair';

/**
 * Who the calls run as. The job token acts as a build service identity whose name depends on the
 * pipeline's job authorization scope, so refusals name both candidates; a personal access token
 * acts as its owner; in the hub, the portal's token acts as the signed-in user.
 */
export type AccessContext =
  | { kind: 'jobToken'; organization: string; project?: string }
  | { kind: 'personalAccessToken'; via: 'connection' | 'environment' }
  | { kind: 'portalUser' };

/** The identities a job token may act as, most likely first. */
export function jobTokenIdentities(access: AccessContext): string[] {
  if (access.kind !== 'jobToken') return [];
  const collection = `Project Collection Build Service (${access.organization})`;
  return access.project ? [`${access.project} Build Service (${access.organization})`, collection] : [collection];
}

/** A pool that could not be read: blocked, with the cause and its fix as the only finding. */
export function failureReport(
  pool: string,
  error: AdoError,
  settings: Pick<PoolSettings, 'demands' | 'minAgentVersion'>,
  access: AccessContext,
): PoolReport {
  return unreadablePoolReport(pool, settings, readFailure(pool, error, access));
}

function readFailure(pool: string, error: AdoError, access: AccessContext): Finding {
  const service = error.serviceMessage ? [line('detail.serviceMessage', { message: error.serviceMessage })] : [];
  switch (error.kind) {
    case 'unauthorized':
      return finding('credentialsRejected', { pool }, credentialSteps(access), service);
    case 'forbidden':
    case 'notFound':
      return finding('accessDenied', { pool }, readerSteps(pool, access), service);
    case 'throttled':
      return finding('throttled', { pool, retryAfterSeconds: error.retryAfterSeconds ?? 0 }, retrySteps(access, 'fix.throttled'), service);
    case 'timeout':
      return finding('timedOut', { pool }, retrySteps(access, 'fix.timedOut'));
    case 'malformed':
    case 'redirected':
      return finding('unexpectedAnswer', { pool, status: error.status ?? 0 }, retrySteps(access, 'fix.checkOrganizationUrl'), service);
    case 'unavailable':
    case 'badRequest':
    case 'conflict':
      return finding('serviceFailed', { pool, status: error.status ?? 0 }, retrySteps(access, 'fix.serviceFailed'), [
        ...droppedConnection(error),
        ...service,
      ]);
  }
}

export function repairFinding(pool: string, result: RepairResult, access: AccessContext): Finding {
  switch (result.kind) {
    case 'registered':
      return finding('placeholderRegistered', { pool, name: result.agent.name, version: result.agent.version }, []);
    case 'alreadyRegistered':
      return finding('placeholderNameTaken', { pool, name: result.name }, []);
    case 'refused':
      return isRefusal(result.error)
        ? finding('repairDenied', { pool }, administratorSteps(pool, access), detailsOf(result.error))
        : repairFailure(pool, result.error, access);
  }
}

/** A registration that failed: the cause as a failed read would state it (time-out, throttling, ...), and its fix. */
function repairFailure(pool: string, error: AdoError, access: AccessContext): Finding {
  const cause = readFailure(pool, error, access);
  // `serviceFailed` speaks of reading; a failed write states the status alone.
  const why =
    cause.code !== 'serviceFailed'
      ? [line(`finding.${cause.code}`, cause.params)]
      : error.status
        ? [line('detail.serviceStatus', { status: error.status })]
        : [];
  return finding('repairFailed', { pool }, cause.guidance, [...why, ...cause.details]);
}

/** A connection dropped before any answer has no HTTP status to show. */
function droppedConnection(error: AdoError): Line[] {
  return error.status === undefined ? [line('detail.connectionDropped')] : [];
}

/** The service said no to this identity (as opposed to failing): the fix is a role or a token. */
export function isRefusal(error: AdoError): boolean {
  return error.kind === 'forbidden' || error.kind === 'unauthorized';
}

export function detailsOf(error: AdoError): Line[] {
  return error.serviceMessage ? [line('detail.serviceMessage', { message: error.serviceMessage })] : [];
}

/** The task and the CLI have a time-out and an organization URL to correct; the hub's user can only try again. */
function retrySteps(
  access: AccessContext,
  key: 'fix.throttled' | 'fix.timedOut' | 'fix.checkOrganizationUrl' | 'fix.serviceFailed',
): Line[] {
  return [line(access.kind === 'portalUser' ? 'fix.refreshPage' : key)];
}

function credentialSteps(access: AccessContext): Line[] {
  switch (access.kind) {
    case 'jobToken':
      return [line('fix.jobTokenRejected')];
    case 'personalAccessToken':
      return [line('fix.patRejected')];
    case 'portalUser':
      return [line('fix.portalTokenRejected')];
  }
}

function readerSteps(pool: string, access: AccessContext): Line[] {
  switch (access.kind) {
    case 'jobToken':
      return [line('fix.grantReaderToBuildService', { pool, identities: jobTokenIdentities(access) })];
    case 'personalAccessToken':
      return [line('fix.grantReaderToPatOwner', { pool })];
    case 'portalUser':
      return [line('fix.grantReaderToUser', { pool })];
  }
}

/** What to do when registering (`repair`) or deleting (`sweep`) an agent was refused. */
export function administratorSteps(pool: string, access: AccessContext, action: 'repair' | 'sweep' = 'repair'): Line[] {
  switch (access.kind) {
    case 'jobToken':
      return [
        line(action === 'repair' ? 'fix.useConnectionForRepair' : 'fix.useConnectionForSweep', {
          pool,
          identities: jobTokenIdentities(access),
        }),
      ];
    case 'personalAccessToken':
      return [line('fix.grantAdministratorToPatOwner', { pool })];
    case 'portalUser':
      return [line('fix.grantAdministratorToUser', { pool })];
  }
}
