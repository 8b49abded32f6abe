import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLI_MESSAGES } from '../../cli/messages';
import { ENGLISH } from '../../core/messages';
import { KEDA_MESSAGES } from '../../core/keda/messages';
import { DEFAULT_MIN_AGENT_VERSION } from '../../core/model/demands';
import { HUB_MESSAGES } from '../../hub/src/messages';
import { TASK_DIR, TASK_JSON, localizationFiles } from '../../scripts/task-messages';
import { SHARED_KEYS, SHARED_MODULE, TASK_MESSAGES } from '../../tasks/KedaPoolGuardV1/messages';

/** Issue 17's budget: the task's definition carries its own texts, not every face's. */
const TASK_JSON_BUDGET_BYTES = 25 * 1024;

interface TaskJson {
  id: string;
  name: string;
  version: { Major: number };
  instanceNameFormat: string;
  inputs: Array<{
    name: string;
    type: string;
    defaultValue?: string;
    options?: Record<string, string>;
    visibleRule?: string;
    helpMarkDown?: string;
  }>;
  outputVariables: Array<{ name: string }>;
  restrictions: { commands?: unknown; settableVariables: { allowed: string[] } };
  execution: Record<string, { target: string }>;
}

describe('task.json, the contract users write in YAML', () => {
  const text = readFileSync(TASK_JSON, 'utf8');
  const task = JSON.parse(text) as TaskJson;

  it('and its localization files are as `npm run sync-messages` writes them', () => {
    for (const [file, content] of localizationFiles(text)) {
      const name = path.relative(TASK_DIR, file);
      assert.ok(existsSync(file), `${name} is missing: run \`npm run sync-messages\``);
      assert.equal(readFileSync(file, 'utf8'), content, `${name} is out of date: run \`npm run sync-messages\``);
    }
  });

  it(`stays under ${TASK_JSON_BUDGET_BYTES / 1024} KB, holding the task's own texts only`, () => {
    const size = Buffer.byteLength(text);
    console.log(`      task.json: ${(size / 1024).toFixed(1)} KB`);
    assert.ok(size < TASK_JSON_BUDGET_BYTES, `${size} bytes`);
    assert.deepEqual(Object.keys(JSON.parse(text).messages), Object.keys(TASK_MESSAGES));
  });

  it('carries, with the shared module, every text the task shows and none the hub or the command line shows alone', () => {
    const shared = JSON.parse(readFileSync(path.join(TASK_DIR, ...SHARED_MODULE), 'utf8')) as { messages: Record<string, string> };
    assert.deepEqual(Object.keys(shared.messages), [...SHARED_KEYS]);
    const carried = [...Object.keys(TASK_MESSAGES), ...SHARED_KEYS];
    assert.equal(new Set(carried).size, carried.length, 'a key is in both files');
    for (const own of [HUB_MESSAGES, CLI_MESSAGES, KEDA_MESSAGES]) {
      assert.deepEqual(
        carried.filter((key) => Object.hasOwn(own, key)),
        [],
      );
    }
    // The task shows every shared sentence but the KEDA emulation's, which only the hub and the CLI show.
    assert.deepEqual(
      Object.keys(ENGLISH).filter((key) => !carried.includes(key)),
      Object.keys(KEDA_MESSAGES),
    );
  });

  it('names the default minimum agent version where its help mentions one', () => {
    const help = task.inputs.find((input) => input.name === 'demands')?.helpMarkDown ?? '';
    assert.ok(help.includes(DEFAULT_MIN_AGENT_VERSION), help);
  });

  it('keeps its identity, name, major version and handlers', () => {
    assert.equal(task.id, '9b2e8399-8e49-4f08-adc0-517dd72e30b4');
    assert.equal(task.name, 'KedaPoolGuard');
    assert.equal(task.version.Major, 1);
    assert.deepEqual(Object.keys(task.execution).sort(), ['Node20_1', 'Node24']);
  });

  it('names each step by inputs of one line: a multi-line value would make a display name of several', () => {
    const named = [...task.instanceNameFormat.matchAll(/\$\((\w+)\)/g)].map((match) => match[1]);
    assert.ok(named.length > 0, task.instanceNameFormat);
    for (const name of named) {
      const input = task.inputs.find((i) => i.name === name);
      assert.ok(input, `$(${name}) is no input`);
      assert.notEqual(input.type, 'multiLine', `$(${name}) is a multi-line input`);
    }
  });

  it('may set its declared outputs and no other variable, and keeps the commands it needs', () => {
    // The agent checks the name given to `task.setvariable`, output or not, against this list
    // (azure-pipelines-agent `TaskSetVariableCommand`, `TaskRestrictionsExtension.IsSetVariableAllowed`).
    assert.deepEqual(
      task.restrictions.settableVariables.allowed,
      task.outputVariables.map((output) => output.name),
    );
    // `commands: restricted` would refuse `task.addattachment`, which attaches the build summary.
    assert.equal(task.restrictions.commands, undefined);
  });

  it('keeps the input and output names pipelines use', () => {
    assert.deepEqual(
      task.inputs.map((input) => input.name),
      [
        'pools',
        'demands',
        'action',
        'staleAfterHours',
        'dryRun',
        'kedaScaled',
        'connection',
        'azureConnection',
        'placeholderName',
        'parent',
        'placeholderCapabilities',
        'requireOnlineAgent',
        'failOn',
        'timeoutSeconds',
      ],
    );
    assert.deepEqual(Object.keys(task.inputs.find((i) => i.name === 'action')!.options!), ['check', 'repair', 'sweep']);
    assert.deepEqual(Object.keys(task.inputs.find((i) => i.name === 'failOn')!.options!), ['blocked', 'atRisk']);
    assert.deepEqual(
      task.outputVariables.map((output) => output.name),
      ['verdict', 'report', 'registeredAgents', 'onlineAgents', 'placeholderAgents', 'kedaAgents', 'sweptAgents'],
    );
  });

  it('shows the sweep’s inputs only for a sweep, and makes it a dry run by default', () => {
    const input = (name: string) => task.inputs.find((i) => i.name === name)!;
    assert.equal(input('staleAfterHours').visibleRule, 'action = sweep');
    assert.equal(input('staleAfterHours').defaultValue, '24');
    assert.equal(input('dryRun').visibleRule, 'action = sweep');
    assert.equal(input('dryRun').type, 'boolean');
    assert.equal(input('dryRun').defaultValue, 'true');
  });
});
