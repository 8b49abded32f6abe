import type { Params } from '../model/findings';
import { formatMessage } from '../model/render';
import type { KedaMessageKey } from './messages';

type UsageMessageKey = Extract<KedaMessageKey, `keda.usage.${string}`>;

/**
 * Thrown for inputs the caller must correct (not for what KEDA itself rejects: those are results).
 * Faces render `messageKey` and `params` in their own format and language; the English text is the
 * message so that a log or a test shows it too.
 */
export class KedaUsageError extends Error {
  override readonly name = 'KedaUsageError';
  constructor(
    readonly messageKey: UsageMessageKey,
    readonly params: Params,
  ) {
    super(formatMessage(messageKey, params, 'text'));
  }
}
