import { POOL_CHECK_MESSAGES } from '../pool-check-messages';
import { faceFormatter } from './render';

/** A sentence of the pool check's catalog or core's, in the shared template syntax and its overlay. */
export const formatPoolCheck = faceFormatter(POOL_CHECK_MESSAGES);
