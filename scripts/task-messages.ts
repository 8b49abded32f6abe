/**
 * Writes the task's localizable texts where the agent's `tl.loc` and Microsoft's localization tooling find
 * them, from task.json (its inputs, as edited by hand) and the message catalogs:
 *
 *   task.json                 `messages`: the task's own texts (tasks/KedaPoolGuardV1/messages.ts)
 *   task.loc.json             task.json with every localizable string as `ms-resource:loc.<key>`
 *   Strings/resources.resjson/en-US/resources.resjson   those strings in English: a translation is a copy
 *                             of this file under another culture's folder
 *   shared/module.json        `messages`: the sentences the task shares with the other faces (core's)
 *   shared/Strings/...        their English `resources.resjson`, likewise
 *
 * The `loc.*` keys and both files' shapes follow microsoft/azure-pipelines-tasks `make-util.js`
 * (`createResjson`, `createTaskLocJson`); `shared/` is laid out as Microsoft's common task modules are
 * (azure-pipelines-tasks-common-packages, e.g. `common-npm-packages/azure-arm-rest/module.json` and its
 * `Strings/`). A test fails when any of these drift from what this script writes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ENGLISH } from '../core/messages';
import { SHARED_KEYS, SHARED_MODULE, TASK_MESSAGES } from '../tasks/KedaPoolGuardV1/messages';

export const TASK_DIR = path.resolve(__dirname, '..', 'tasks', 'KedaPoolGuardV1');
export const TASK_JSON = path.join(TASK_DIR, 'task.json');

interface TaskJson {
  friendlyName: string;
  description: string;
  helpMarkDown: string;
  instanceNameFormat: string;
  releaseNotes?: string;
  groups?: Array<{ name: string; displayName: string }>;
  inputs?: Array<{ name: string; label: string; helpMarkDown?: string }>;
  messages?: Record<string, string>;
}

/** Every file `npm run sync-messages` writes, by absolute path, with its content. */
export function localizationFiles(taskJsonText: string): Map<string, string> {
  const task = { ...(JSON.parse(taskJsonText) as TaskJson), messages: { ...TASK_MESSAGES } };
  const sharedDir = path.join(TASK_DIR, path.dirname(path.join(...SHARED_MODULE)));
  const shared = Object.fromEntries(SHARED_KEYS.map((key) => [key, ENGLISH[key]]));
  return new Map([
    [TASK_JSON, json(task)],
    [path.join(TASK_DIR, 'task.loc.json'), json(taskLocJson(task))],
    [englishResjson(TASK_DIR), json(taskResources(task))],
    [path.join(TASK_DIR, ...SHARED_MODULE), json({ messages: shared })],
    [englishResjson(sharedDir), json(messageResources(shared))],
  ]);
}

/** Where a resource file's English strings go, beside it. */
function englishResjson(dir: string): string {
  return path.join(dir, 'Strings', 'resources.resjson', 'en-US', 'resources.resjson');
}

/** Microsoft's `createResjson`: the task's localizable strings by their `loc.*` key. */
function taskResources(task: TaskJson): Record<string, string> {
  const resources: Record<string, string> = {
    'loc.friendlyName': task.friendlyName,
    'loc.helpMarkDown': task.helpMarkDown,
    'loc.description': task.description,
    'loc.instanceNameFormat': task.instanceNameFormat,
  };
  if (task.releaseNotes !== undefined) resources['loc.releaseNotes'] = task.releaseNotes;
  for (const group of task.groups ?? []) resources[`loc.group.displayName.${group.name}`] = group.displayName;
  for (const input of task.inputs ?? []) {
    resources[`loc.input.label.${input.name}`] = input.label;
    if (input.helpMarkDown) resources[`loc.input.help.${input.name}`] = input.helpMarkDown;
  }
  return { ...resources, ...messageResources(task.messages ?? {}) };
}

function messageResources(messages: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(messages).map(([key, text]) => [`loc.messages.${key}`, text]));
}

/** Microsoft's `createTaskLocJson`: task.json with each localizable string replaced by its `ms-resource:` key. */
function taskLocJson(task: TaskJson): TaskJson {
  const loc = (key: string) => `ms-resource:loc.${key}`;
  return {
    ...task,
    friendlyName: loc('friendlyName'),
    helpMarkDown: loc('helpMarkDown'),
    description: loc('description'),
    instanceNameFormat: loc('instanceNameFormat'),
    ...(task.releaseNotes !== undefined ? { releaseNotes: loc('releaseNotes') } : {}),
    groups: task.groups?.map((group) => ({ ...group, displayName: loc(`group.displayName.${group.name}`) })),
    inputs: task.inputs?.map((input) => ({
      ...input,
      label: loc(`input.label.${input.name}`),
      ...(input.helpMarkDown ? { helpMarkDown: loc(`input.help.${input.name}`) } : {}),
    })),
    messages: Object.fromEntries(Object.keys(task.messages ?? {}).map((key) => [key, loc(`messages.${key}`)])),
  };
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** Writes every localization file from task.json as it stands; `npm run bump` calls it too. */
export function syncTaskMessages(): string[] {
  const written: string[] = [];
  for (const [file, content] of localizationFiles(readFileSync(TASK_JSON, 'utf8'))) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    written.push(path.relative(process.cwd(), file));
  }
  return written;
}

if (require.main === module) {
  const written = syncTaskMessages();
  console.log(`Wrote ${Object.keys(TASK_MESSAGES).length} task messages and ${SHARED_KEYS.length} shared ones: ${written.join(', ')}.`);
}
