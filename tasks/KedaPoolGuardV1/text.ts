import { faceFormatter } from '../../core/model/render';
import { TASK_MESSAGES } from './messages';

/** A sentence the task shows: one of its own, or one it shares with the other faces, in a language's overlay. */
export const taskText = faceFormatter(TASK_MESSAGES);
