/**
 * The sandbox is the test oracle: it implements the service on its own, so a mistake in the product cannot
 * hide by agreeing with itself, and it depends on nothing of the tests'. The product never imports it.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { localImportsOf, sourcesIn, withoutComments } from '../support/imports';

const ROOT = resolve(__dirname, '../..');
const SANDBOX = resolve(ROOT, 'sandbox');
const PRODUCT = ['core', 'cli', 'tasks', 'hub/src'];
const name = (file: string) => relative(ROOT, file);
const inside = (folder: string, file: string) => file.startsWith(resolve(ROOT, folder) + sep);

describe('sandbox independence', () => {
  it('the sandbox imports only its own files', () => {
    const outside = sourcesIn(SANDBOX).flatMap((file) =>
      localImportsOf(file)
        .filter((target) => !inside('sandbox', target))
        .map((target) => `${name(file)} imports ${name(target)}`),
    );
    assert.deepEqual(outside, []);
  });

  it('the sandbox reads no file of the tests', () => {
    const reading = sourcesIn(SANDBOX).filter((file) => /['"]test['"]|['"/]test\//.test(withoutComments(readFileSync(file, 'utf8'))));
    assert.deepEqual(reading.map(name), []);
  });

  it('the product imports nothing from the sandbox', () => {
    const importing = PRODUCT.flatMap((folder) => sourcesIn(resolve(ROOT, folder))).flatMap((file) =>
      localImportsOf(file)
        .filter((target) => inside('sandbox', target))
        .map((target) => `${name(file)} imports ${name(target)}`),
    );
    assert.deepEqual(importing, []);
  });
});
