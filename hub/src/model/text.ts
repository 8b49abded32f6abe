import type { MessageKey } from '../../../core/messages';
import type { Params } from '../../../core/model/findings';
import { faceFormatter } from '../../../core/model/render';
import { HUB_MESSAGES, type HubMessageKey } from '../messages';

/** A sentence the hub shows: one of its own, or one it shares with the other faces. */
export type TextKey = HubMessageKey | MessageKey;

/** A sentence with its parameters, as a notice holds it. */
export interface TextLine {
  key: TextKey;
  params: Params;
}

export function textLine(key: TextKey, params: Params = {}): TextLine {
  return { key, params };
}

const format = faceFormatter(HUB_MESSAGES);

/** A message as plain text: labels, tooltips, attributes. */
export function text(key: TextKey, params: Params = {}): string {
  return format(key, params, 'text');
}

/** A message in core's Markdown form, for `RichText`, which shows its code spans as code. */
export function markdown(key: TextKey, params: Params = {}): string {
  return format(key, params, 'markdown');
}
