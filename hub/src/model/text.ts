import type { MessageKey } from '../../../core/messages';
import type { Params } from '../../../core/model/findings';
import { formatMessage } from '../../../core/model/render';

/** A message as plain text: labels, tooltips, attributes. */
export function text(key: MessageKey, params: Params = {}): string {
  return formatMessage(key, params, 'text');
}

/** A message in core's Markdown form, for `RichText`, which shows its code spans as code. */
export function markdown(key: MessageKey, params: Params = {}): string {
  return formatMessage(key, params, 'markdown');
}
