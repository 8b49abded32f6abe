import type { MessageKey } from '../core/messages';
import type { Params } from '../core/model/findings';
import { faceFormatter } from '../core/model/render';
import { CLI_MESSAGES, type CliMessageKey } from './messages';

/** A sentence the command line prints: one of its own, or one it shares with the other faces. */
export type TextKey = CliMessageKey | MessageKey;

const format = faceFormatter(CLI_MESSAGES);

/** A message as the terminal shows it: plain text, names and values in backticks. */
export function text(key: TextKey, params: Params = {}): string {
  return format(key, params, 'text');
}
