/**
 * The sandbox is the oracle the product is tested against, so the two must not share code: a mistake
 * in `core/` would otherwise agree with itself. `sandbox/` imports nothing from the product (`core/`,
 * `hub/`, `tasks/`, `cli/`), and the product imports nothing from `sandbox/`. Tests may use both.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { importsOf, sources, withoutComments } from '../support/imports';

const ROOT = resolve(__dirname, '../..');
const PRODUCT = ['core', 'hub', 'tasks', 'cli'];

/** The top-level folder a relative import lands in, or undefined for a package. */
function folderImported(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return relative(ROOT, resolve(dirname(file), specifier)).split(sep)[0];
}

function crossings(folders: readonly string[], forbidden: readonly string[]): string[] {
  return folders.flatMap((folder) =>
    sources(resolve(ROOT, folder)).flatMap((file) =>
      importsOf(withoutComments(readFileSync(file, 'utf8')))
        .filter((specifier) => forbidden.includes(folderImported(file, specifier) ?? ''))
        .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
    ),
  );
}

describe('architecture: the sandbox and the product stay apart', () => {
  it('finds the sources of every folder it checks', () => {
    for (const folder of ['sandbox', ...PRODUCT]) assert.ok(sources(resolve(ROOT, folder)).length > 0, folder);
  });

  it('sandbox/ imports nothing from core/, hub/, tasks/ or cli/', () => {
    assert.deepEqual(crossings(['sandbox'], PRODUCT), []);
  });

  it('core/, hub/, tasks/ and cli/ import nothing from sandbox/', () => {
    assert.deepEqual(crossings(PRODUCT, ['sandbox']), []);
  });

  it('would catch a crossing', () => {
    const file = resolve(ROOT, 'sandbox/routes/agents.ts');
    assert.equal(folderImported(file, '../../core/model/demands'), 'core');
    assert.equal(folderImported(file, '../demands'), 'sandbox');
    assert.equal(folderImported(resolve(ROOT, 'hub/src/services/x.ts'), '../../../sandbox/state'), 'sandbox');
    assert.equal(folderImported(file, 'azure-devops-node-api'), undefined);
    assert.deepEqual(importsOf("import { satisfies } from '../../core/model/demands';\nexport * from '../../sandbox';"), [
      '../../core/model/demands',
      '../../sandbox',
    ]);
  });
});
