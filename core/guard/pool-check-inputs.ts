import {
  DEFAULT_CHECK_RETRY_MINUTES,
  DEFAULT_CHECK_TIMEOUT_MINUTES,
  MAX_CHECK_EVALUATIONS,
  MAX_CHECK_TIMEOUT_MINUTES,
  type PoolCheckSettings,
} from '../model/pool-check';
import { InputError } from './inputs';

/** The pool check's settings as the command line's flags and the hub's form give them, checked once for both. */
export interface PoolCheckInput {
  demands: readonly string[];
  minAgentVersion?: string;
  connection?: string;
  /** Minutes, as typed; empty for the default. */
  timeoutMinutes?: string;
  retryMinutes?: string;
  /** How the face names each setting in its messages (`--connection`, or the form's label). */
  names: { connection: string; timeoutMinutes: string; retryMinutes: string };
}

/** A check Azure DevOps accepts: a connection, whole minutes, at most ten evaluations. */
export function parsePoolCheckSettings(input: PoolCheckInput): PoolCheckSettings {
  const connection = input.connection?.trim() ?? '';
  if (connection === '') throw new InputError('poolCheck.connectionMissing', { flag: input.names.connection });
  const timeout = minutes(input.timeoutMinutes, DEFAULT_CHECK_TIMEOUT_MINUTES, 1, input.names.timeoutMinutes);
  const retry = minutes(input.retryMinutes, DEFAULT_CHECK_RETRY_MINUTES, 0, input.names.retryMinutes);
  if (retry > 0 && timeout / retry > MAX_CHECK_EVALUATIONS) {
    throw new InputError('poolCheck.tooManyEvaluations', {
      retry,
      timeout,
      max: MAX_CHECK_EVALUATIONS,
      least: Math.ceil(timeout / MAX_CHECK_EVALUATIONS),
    });
  }
  return { demands: input.demands, minAgentVersion: input.minAgentVersion, connection, timeoutMinutes: timeout, retryMinutes: retry };
}

function minutes(text: string | undefined, fallback: number, min: number, flag: string): number {
  const value = text?.trim() ?? '';
  if (value === '') return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > MAX_CHECK_TIMEOUT_MINUTES) {
    throw new InputError('poolCheck.badMinutes', { flag, value, min, max: MAX_CHECK_TIMEOUT_MINUTES });
  }
  return number;
}
