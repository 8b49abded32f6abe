import type { AdoError } from '../ado/errors';
import { finding, line, type Finding, type Line } from '../model/findings';
import type { PoolSettings } from '../model/settings';
import { unreadablePoolReport, type UnreadPoolReport } from '../model/verdict';
import type { RepairPlan } from '../model/repair-plan';
import type { RepairResult } from './repair';

/**
 * Who the calls run as. The job token acts as a build service identity whose name depends on the
 * pipeline's job authorization scope, so refusals name both candidates; a personal access token
 * acts as its owner; an Azure Resource Manager connection as its service principal, a user of the
 * organization; a Microsoft Entra token on the command line as whoever it was issued to; in the hub,
 * the portal's token acts as the signed-in user.
 */
export type AccessContext =
  | { kind: 'jobToken'; organization: string; project?: string }
  | { kind: 'personalAccessToken'; via: 'connection' | 'environment' }
  | { kind: 'servicePrincipal'; clientId: string }
  | { kind: 'bearerToken'; via: 'environment' | 'azureCli' }
  | { kind: 'portalUser' };

/** The identities a job token may act as, most likely first. */
export function jobTokenIdentities(access: AccessContext): string[] {
  if (access.kind !== 'jobToken') return [];
  const collection = `Project Collection Build Service (${access.organization})`;
  return access.project ? [`${access.project} Build Service (${access.organization})`, collection] : [collection];
}

/** Where a read failed: listing the organization's pools, or reading a pool that was listed. */
export type FailureScope = 'organization' | 'pool';

/** A pool that could not be read: its verdict is unknown, with the cause and its fix as the only finding. */
export function failureReport(
  pool: string,
  error: AdoError,
  settings: Pick<PoolSettings, 'demands' | 'minAgentVersion'>,
  access: AccessContext,
  scope: FailureScope = 'pool',
): UnreadPoolReport {
  return unreadablePoolReport(pool, settings, readFailure(pool, error, access, scope));
}

/**
 * A name that matches no pool the identity may see: Azure DevOps lists only the pools the caller may view,
 * so a typo and a missing Reader grant look the same. With the job token the grant is the likelier cause
 * (the pipeline's own YAML names the pool), so it comes first, with the identities to grant it to.
 */
export function missingPoolReport(
  pool: string,
  settings: Pick<PoolSettings, 'demands' | 'minAgentVersion'>,
  access: AccessContext,
): UnreadPoolReport {
  const spelling = line('fix.checkPoolName', { pool });
  const grant = readerSteps(pool, access);
  const steps = access.kind === 'jobToken' ? [...grant, spelling] : [spelling, ...grant];
  return unreadablePoolReport(pool, settings, finding('poolNotFound', { pool }, steps));
}

function readFailure(pool: string, error: AdoError, access: AccessContext, scope: FailureScope = 'pool'): Finding {
  const service = error.serviceMessage ? [line('detail.serviceMessage', { message: error.serviceMessage })] : [];
  switch (error.kind) {
    case 'unauthorized':
      return finding('credentialsRejected', { pool }, credentialSteps(access), service);
    // The pool list exists in every organization: a 404 for it means the URL names no organization.
    case 'notFound':
      if (scope === 'organization')
        return finding('organizationNotFound', { pool }, retrySteps(access, 'fix.checkOrganizationUrl'), service);
      return finding('accessDenied', { pool }, readerSteps(pool, access), service);
    case 'forbidden':
      return finding('accessDenied', { pool }, readerSteps(pool, access), service);
    case 'throttled':
      return finding('throttled', { pool, retryAfterSeconds: error.retryAfterSeconds ?? 0 }, retrySteps(access, 'fix.throttled'), service);
    case 'timeout':
      return finding('timedOut', { pool }, retrySteps(access, 'fix.timedOut'));
    case 'malformed':
    case 'redirected':
      return finding('unexpectedAnswer', { pool, status: error.status ?? 0 }, retrySteps(access, 'fix.checkOrganizationUrl'), service);
    case 'proxyRefused':
      return finding(
        'proxyRefused',
        { pool, proxy: error.endpoint ?? '', status: error.status ?? 0 },
        networkSteps(access, 'proxyRefused'),
      );
    case 'proxyUnreachable':
      return finding('proxyUnreachable', { pool, proxy: error.endpoint ?? '' }, networkSteps(access, 'proxyUnreachable'));
    case 'untrustedCertificate':
      return finding('certificateUntrusted', { pool, host: error.endpoint ?? '' }, networkSteps(access, 'certificateUntrusted'));
    case 'hostNotFound':
      return finding('hostNotFound', { pool, host: error.endpoint ?? '' }, networkSteps(access, 'hostNotFound'));
    case 'connectionRefused':
      return finding('connectionRefused', { pool, host: error.endpoint ?? '' }, networkSteps(access, 'connectionRefused'));
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
    case 'refreshed':
      return finding('placeholderRefreshed', { pool, name: result.agent.name, version: result.agent.version }, []);
    case 'alreadyRegistered':
      return finding('placeholderNameTaken', { pool, name: result.name }, []);
    case 'alreadyRefreshed':
      return finding('placeholderAlreadyRefreshed', { pool, name: result.name }, []);
    case 'refreshUnderway':
      return finding('placeholderRefreshUnderway', { pool, name: result.name }, []);
    case 'changedMeanwhile':
      return finding('placeholderChangedMeanwhile', { pool, name: result.name }, [line('fix.repairAgain', { pool })]);
    case 'notDone':
      return declinedRepair(pool, result.plan);
    case 'refused':
      return isRefusal(result.error)
        ? finding('repairDenied', { pool }, administratorSteps(pool, access), detailsOf(result.error))
        : repairFailure(pool, result.error, access);
  }
}

/** Why `repair` does nothing in a pool: nothing is needed, or the pool or the agent is not one it may change. */
export function declinedRepair(pool: string, plan: Extract<RepairPlan, { action: 'nothing' | 'refused' }>): Finding {
  if (plan.action === 'nothing') {
    return plan.reason === 'underway' && plan.placeholder
      ? finding('placeholderNameTaken', { pool, name: plan.placeholder }, [])
      : finding('repairNotNeeded', { pool }, []);
  }
  const agent = plan.agent ?? '';
  switch (plan.reason) {
    case 'hostedPool':
      return finding('repairNotForHostedPool', { pool }, []);
    case 'azureProvisionedPool':
      return finding('repairNotForProvisionedPool', { pool }, []);
    case 'staticPool':
      return finding('repairNotForStaticPool', { pool }, [line('fix.nameAsKeda', { pool })]);
    case 'foreignPlaceholder':
      return finding('repairLeavesForeignPlaceholder', { pool, agent }, [line('fix.foreignPlaceholderByHand', { agent, pool })]);
    case 'nameTaken':
      return finding('repairNameTaken', { pool, agent }, [line('fix.renamePlaceholder', { agent })]);
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

/**
 * A proxy or certificate problem is fixed where the network settings come from: the agent's configuration
 * for the task, the environment or flags for the command line. The hub runs in the browser, whose own
 * settings apply, and its user can only try again.
 */
function networkSteps(
  access: AccessContext,
  problem: 'proxyRefused' | 'proxyUnreachable' | 'certificateUntrusted' | 'hostNotFound' | 'connectionRefused',
): Line[] {
  if (access.kind === 'portalUser') return [line('fix.refreshPage')];
  const onCommandLine = access.kind === 'bearerToken' || (access.kind === 'personalAccessToken' && access.via === 'environment');
  return [line(`fix.${problem}.${onCommandLine ? 'cli' : 'task'}`)];
}

function credentialSteps(access: AccessContext): Line[] {
  switch (access.kind) {
    case 'jobToken':
      return [line('fix.jobTokenRejected')];
    case 'personalAccessToken':
      return [line('fix.patRejected')];
    case 'servicePrincipal':
      return [line('fix.servicePrincipalRejected', { clientId: access.clientId })];
    case 'bearerToken':
      return [line('fix.bearerTokenRejected')];
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
    case 'servicePrincipal':
      return [line('fix.grantReaderToServicePrincipal', { pool, clientId: access.clientId })];
    case 'bearerToken':
      return [line('fix.grantReaderToTokenIdentity', { pool })];
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
    case 'servicePrincipal':
      return [line('fix.grantAdministratorToServicePrincipal', { pool, clientId: access.clientId })];
    case 'bearerToken':
      return [line('fix.grantAdministratorToTokenIdentity', { pool })];
    case 'portalUser':
      return [line('fix.grantAdministratorToUser', { pool })];
  }
}
