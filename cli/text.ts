import type { MessageKey } from '../core/messages';
import type { Params } from '../core/model/findings';
import { faceFormatter } from '../core/model/render';
import { OPTION_MESSAGES, type OptionMessageKey } from '../core/option-messages';
import { POOL_CHECK_MESSAGES, type PoolCheckKey } from '../core/pool-check-messages';
import { CLI_MESSAGES, type CliMessageKey } from './messages';

/** A sentence the command line prints: one of its own, an option's help, the pool check's, or one it shares with the other faces. */
export type TextKey = CliMessageKey | OptionMessageKey | PoolCheckKey | MessageKey;

const format = faceFormatter<CliMessageKey | OptionMessageKey | PoolCheckKey>({
  ...CLI_MESSAGES,
  ...OPTION_MESSAGES,
  ...POOL_CHECK_MESSAGES,
});

/** A message as the terminal shows it: plain text, names and values in backticks. */
export function text(key: TextKey, params: Params = {}): string {
  return format(key, params, 'text');
}
