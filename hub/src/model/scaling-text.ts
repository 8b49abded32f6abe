import type { MessageKey } from '../../../core/messages';
import type { Params } from '../../../core/model/findings';
import { faceFormatter } from '../../../core/model/render';
import { SCALING_MESSAGES, type ScalingMessageKey } from '../scaling-messages';

/** A sentence of the Scaling tab: one of its own, or one it shares with the other faces. */
export type ScalingTextKey = ScalingMessageKey | MessageKey;

const format = faceFormatter(SCALING_MESSAGES);

/** As `text`, for the Scaling tab's chunk. */
export function scalingText(key: ScalingTextKey, params: Params = {}): string {
  return format(key, params, 'text');
}

/** As `markdown`, for `RichText`. */
export function scalingMarkdown(key: ScalingTextKey, params: Params = {}): string {
  return format(key, params, 'markdown');
}
