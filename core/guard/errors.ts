import { SignInError } from '../ado/entra';
import { DemandParseError } from '../model/demands';
import { formatMessage, type Translation } from '../model/render';
import { singleLine } from '../model/plaintext';
import { InputError } from './inputs';

/**
 * One line for a run that could not start or crashed: what is wrong and what to do. Never a stack
 * trace; an unexpected error shows only its own message, flattened, and asks for a report.
 */
export function describeError(error: unknown, translation: Translation = {}): string {
  if (error instanceof InputError || error instanceof SignInError) return formatMessage(error.key, error.params, 'text', translation);
  if (error instanceof DemandParseError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return formatMessage('run.unexpected', { message: singleLine(message) }, 'text', translation);
}
