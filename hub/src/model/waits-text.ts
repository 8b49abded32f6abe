import type { MessageKey } from '../../../core/messages';
import type { Params } from '../../../core/model/findings';
import { registerMessages } from '../../../core/on-demand-messages';
import { faceFormatter } from '../../../core/model/render';
import { WAIT_MESSAGES } from '../../../core/wait-messages';
import { WAITS_MESSAGES, type WaitsMessageKey } from '../waits-messages';

/** A sentence about the waits: one of the hub's own, or one it shares with the other faces. */
export type WaitsTextKey = WaitsMessageKey | MessageKey;

// The shared sentences about the waits come with the code that shows them, as the hub's own do.
registerMessages(WAIT_MESSAGES);
const format = faceFormatter(WAITS_MESSAGES);

/** As `text`, for the code about the waits, which loads on demand. */
export function waitsText(key: WaitsTextKey, params: Params = {}): string {
  return format(key, params, 'text');
}

/** As `markdown`, for `RichText`. */
export function waitsMarkdown(key: WaitsTextKey, params: Params = {}): string {
  return format(key, params, 'markdown');
}
