/**
 * Writes the product's message catalog into task.json `messages`, where the agent's `tl.loc` and
 * Microsoft's localization tooling find them. A test fails when the two drift apart.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ENGLISH } from '../core/messages';

export const TASK_JSON = path.resolve(__dirname, '..', 'tasks', 'KedaPoolGuardV1', 'task.json');

export function taskJsonWithMessages(text: string): string {
  const task = JSON.parse(text) as { messages?: Record<string, string> };
  task.messages = { ...ENGLISH };
  return JSON.stringify(task, null, 2) + '\n';
}

if (require.main === module) {
  writeFileSync(TASK_JSON, taskJsonWithMessages(readFileSync(TASK_JSON, 'utf8')));
  console.log(`Wrote ${Object.keys(ENGLISH).length} messages into ${path.relative(process.cwd(), TASK_JSON)}.`);
}
