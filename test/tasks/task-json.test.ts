import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TASK_JSON, taskJsonWithMessages } from '../../scripts/task-messages';

interface TaskJson {
  id: string;
  name: string;
  version: { Major: number };
  instanceNameFormat: string;
  inputs: Array<{ name: string; type: string; defaultValue?: string; options?: Record<string, string>; visibleRule?: string }>;
  outputVariables: Array<{ name: string }>;
  restrictions: { commands?: unknown; settableVariables: { allowed: string[] } };
  execution: Record<string, { target: string }>;
}

describe('task.json, the contract users write in YAML', () => {
  const text = readFileSync(TASK_JSON, 'utf8');
  const task = JSON.parse(text) as TaskJson;

  it('carries every message of the catalog, as `npm run sync-messages` writes them', () => {
    assert.equal(text, taskJsonWithMessages(text), 'run `npm run sync-messages` after changing core/messages.ts');
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
        'waitThresholdSeconds',
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
