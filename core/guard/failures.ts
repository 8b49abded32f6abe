import type { AdoError } from '../ado/errors';
import { finding, line, type Finding, type Line } from '../model/findings';
import { unreadablePoolReport, type PoolReport, type PoolSettings } from '../model/verdict';
import type { RepairResult } from './run';

/**
 * Who the calls run as. The job token acts as a build service identity whose name depends on the
 * pipeline's job authorization scope, so refusals name both candidates; a personal access token
 * acts as its owner.
 */
export type AccessContext =
  | { kind: 'jobToken'; organization: string; project?: string }
  | { kind: 'personalAccessToken'; via: 'connection' | 'environment' };

/** The identities a job token may act as, most likely first. */
export function jobTokenIdentities(access: AccessContext): string[] {
  if (access.kind !== 'jobToken') return [];
  const collection = `Project Collection Build Service (${access.organization})`;
  return access.project ? [`${access.project} Build Service (${access.organization})`, collection] : [collection];
}

/** A pool that could not be read: blocked, with the cause and its fix as the only finding. */
export function failureReport(pool: string, error: AdoError, settings: Pick<PoolSettings, 'demands' | 'minAgentVersion'>, access: AccessContext): PoolReport {
  return unreadablePoolReport(pool, settings, readFailure(pool, error, access));
}

function readFailure(pool: string, error: AdoError, access: AccessContext): Finding {
  const service = error.serviceMessage ? [line('detail.serviceMessage', { message: error.serviceMessage })] : [];
  switch (error.cause) {
    case 'unauthorized':
      return finding('credentialsRejected', { pool }, credentialSteps(access), service);
    case 'forbidden':
    case 'notFound':
      return finding('accessDenied', { pool }, readerSteps(pool, access), service);
    case 'throttled':
      return finding('throttled', { pool, retryAfterSeconds: error.retryAfterSeconds ?? 0 }, [line('fix.throttled')], service);
    case 'timeout':
      return finding('timedOut', { pool }, [line('fix.timedOut')]);
    case 'malformed':
    case 'redirected':
      return finding('unexpectedAnswer', { pool, status: error.status ?? 0 }, [line('fix.checkOrganizationUrl')], service);
    case 'unavailable':
    case 'badRequest':
    case 'conflict':
      return finding('serviceFailed', { pool, status: error.status ?? 0 }, [line('fix.serviceFailed')], service);
  }
}

export function repairFinding(pool: string, result: RepairResult, access: AccessContext): Finding {
  switch (result.kind) {
    case 'registered':
      return finding('placeholderRegistered', { pool, name: result.agent.name, version: result.agent.version }, []);
    case 'alreadyRegistered':
      return finding('placeholderNameTaken', { pool, name: result.name }, []);
    case 'refused':
      return result.error.cause === 'forbidden' || result.error.cause === 'unauthorized'
        ? finding('repairDenied', { pool }, administratorSteps(pool, access), detailsOf(result.error))
        : finding('repairFailed', { pool }, [line('fix.serviceFailed')], detailsOf(result.error));
  }
}

function detailsOf(error: AdoError): Line[] {
  return error.serviceMessage ? [line('detail.serviceMessage', { message: error.serviceMessage })] : [];
}

function credentialSteps(access: AccessContext): Line[] {
  return access.kind === 'jobToken' ? [line('fix.jobTokenRejected')] : [line('fix.patRejected')];
}

function readerSteps(pool: string, access: AccessContext): Line[] {
  const identities = jobTokenIdentities(access);
  return identities.length > 0 ? [line('fix.grantReaderToBuildService', { pool, identities })] : [line('fix.grantReaderToPatOwner', { pool })];
}

function administratorSteps(pool: string, access: AccessContext): Line[] {
  const identities = jobTokenIdentities(access);
  return identities.length > 0
    ? [line('fix.useConnectionForRepair', { pool, identities })]
    : [line('fix.grantAdministratorToPatOwner', { pool })];
}
