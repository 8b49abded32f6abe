import { SignInError } from '../ado/entra';
import { DemandParseError } from '../model/demands';
import type { MessageKey } from '../messages';
import type { Params } from '../model/findings';
import { singleLine } from '../model/plaintext';
import { InputError } from './inputs';

/** Where users report a fault of KEDA Pool Guard's own; the extension's manifest links the same page. */
export const ISSUES_URL = 'https://github.com/keda-pool-guard/keda-pool-guard/issues';

/**
 * Whether a run stopped on a fault of KEDA Pool Guard's own rather than on a setting the user gave: the
 * service's failures never get this far (they become findings), so anything else is a bug of ours.
 */
export function isInternalError(error: unknown): boolean {
  return !(error instanceof InputError || error instanceof SignInError || error instanceof DemandParseError);
}

/**
 * One line for a run that could not start or stopped: what is wrong and what to do, in the face's words
 * (`text` knows its own keys and core's). Never a stack trace: an internal error shows its own message,
 * flattened, with the face's `internal` message, which says how to report it with the face's debug output,
 * where its stack goes.
 */
export function describeError<K extends string>(
  error: unknown,
  internal: K,
  text: (key: K | MessageKey, params: Params) => string,
): string {
  // A face throws input errors with its own keys or core's, and hands in the formatter that knows both.
  if (error instanceof InputError || error instanceof SignInError) return text(error.key as K | MessageKey, error.params);
  if (error instanceof DemandParseError) return error.message;
  return text(internal, internalErrorParams(error));
}

/** The parameters of a face's internal-error message: what was thrown, and where to report it. */
export function internalErrorParams(error: unknown): { message: string; issues: string } {
  return { message: singleLine(errorText(error)), issues: ISSUES_URL };
}

/** An internal error in full, stack included, for the face's debug output only: never in a message. */
export function internalErrorDetails(error: unknown): string {
  return (error instanceof Error && error.stack) || errorText(error);
}

/**
 * What was thrown, in words, whatever it is: an `Error`, or a plain object with a message (errors that crossed
 * from the portal's frame arrive so, some without even a `toString`), or anything else.
 */
export function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'object' && error !== null) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    if (typeof message === 'string') return typeof name === 'string' && name !== '' ? `${name}: ${message}` : message;
    return Object.prototype.toString.call(error);
  }
  return String(error);
}
