import type { MessageKey } from '../core/messages';
import type { Params } from '../core/model/findings';
import { faceFormatter } from '../core/model/render';
import { POOL_CHECK_MESSAGES, type PoolCheckKey } from '../core/pool-check-messages';
import { CLI_MESSAGES, type CliMessageKey } from './messages';

/** A sentence the command line prints: one of its own, or one it shares with the other faces (the hub shows the pool check's too). */
export type TextKey = CliMessageKey | PoolCheckKey | MessageKey;

const format = faceFormatter({ ...CLI_MESSAGES, ...POOL_CHECK_MESSAGES });

/** A message as the terminal shows it: plain text, names and values in backticks. */
export function text(key: TextKey, params: Params = {}): string {
  return format(key, params, 'text');
}
