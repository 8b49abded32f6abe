import type { Params } from '../../../core/model/findings';
import { faceFormatter } from '../../../core/model/render';
import { POOL_CHECK_MESSAGES, type PoolCheckKey } from '../../../core/pool-check-messages';
import { HUB_MESSAGES, type HubMessageKey } from '../messages';
import { HUB_POOL_CHECK_MESSAGES } from '../pool-check-messages';
import type { MessageKey } from '../../../core/messages';

/** A sentence of the "Before every stage" tab: the hub's, the pool check's (core's, as the command line says them), or its own. */
export type PoolCheckTextKey = HubMessageKey | MessageKey | PoolCheckKey | keyof typeof HUB_POOL_CHECK_MESSAGES;

// Loaded with the tab only: neither catalog is part of the hub's first view.
const format = faceFormatter({ ...HUB_MESSAGES, ...POOL_CHECK_MESSAGES, ...HUB_POOL_CHECK_MESSAGES });

/** Plain text: labels, titles. */
export function poolCheckText(key: PoolCheckTextKey, params: Params = {}): string {
  return format(key, params, 'text');
}

/** Core's Markdown form, for `RichText`, which shows its code spans as code. */
export function poolCheckMarkdown(key: PoolCheckTextKey, params: Params = {}): string {
  return format(key, params, 'markdown');
}
