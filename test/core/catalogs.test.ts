/**
 * One catalog per face (issue 19, item 5): the sentences every face shares in `core/messages.ts`, each
 * face's own beside its code. A key belongs to one catalog, and every input error a face throws names a key
 * that face can render (its own or core's).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { CLI_MESSAGES } from '../../cli/messages';
import { KEDA_VIEW_MESSAGES } from '../../core/keda/view-messages';
import { ENGLISH } from '../../core/messages';
import { WAIT_MESSAGES } from '../../core/wait-messages';
import { HUB_KEDA_MESSAGES } from '../../hub/src/keda-messages';
import { POOL_CHECK_MESSAGES } from '../../core/pool-check-messages';
import { HUB_MESSAGES } from '../../hub/src/messages';
import { WAITS_MESSAGES } from '../../hub/src/waits-messages';
import { TASK_MESSAGES } from '../../tasks/KedaPoolGuardV1/messages';
import { sources, withoutComments } from '../support/imports';

const ROOT = resolve(__dirname, '../..');
const FACES: Record<string, Readonly<Record<string, string>>> = {
  'tasks/KedaPoolGuardV1': TASK_MESSAGES,
  cli: CLI_MESSAGES,
  'hub/src': { ...HUB_MESSAGES, ...HUB_KEDA_MESSAGES },
  // Core's second catalog: the pool check's, which the faces that show a pool check (cli, hub) render.
  core: POOL_CHECK_MESSAGES,
};

describe('message catalogs', () => {
  it('give each key one home', () => {
    const homes = new Map<string, string[]>();
    // The waits' texts load with the code that shows them, apart from their face's catalog: one home still.
    for (const [name, catalog] of Object.entries({
      core: ENGLISH,
      'core/keda/view-messages': KEDA_VIEW_MESSAGES,
      'core (waits)': WAIT_MESSAGES,
      ...FACES,
      'hub/src (waits)': WAITS_MESSAGES,
    })) {
      for (const key of Object.keys(catalog)) homes.set(key, [...(homes.get(key) ?? []), name]);
    }
    assert.deepEqual(
      [...homes].filter(([, owners]) => owners.length > 1),
      [],
    );
  });

  for (const [folder, own] of Object.entries(FACES)) {
    it(`${folder}: every input error names a key of its own catalog or core's`, () => {
      const thrown = sources(resolve(ROOT, folder)).flatMap((file) =>
        [...withoutComments(readFileSync(file, 'utf8')).matchAll(/\bInputError\(\s*'([^']+)'/g)].map((match) => ({
          file: relative(ROOT, file),
          key: match[1],
        })),
      );
      assert.ok(thrown.length > 0 || folder === 'hub/src', `no input error found in ${folder}`);
      assert.deepEqual(
        thrown.filter(({ key }) => !Object.hasOwn(own, key) && !Object.hasOwn(ENGLISH, key) && !Object.hasOwn(WAIT_MESSAGES, key)),
        [],
      );
    });
  }
});
