/**
 * The sandbox depends on nothing of the tests': no import from `test/`, no path into it (the `samples`
 * scenario's payloads live in `sandbox/scenarios/samples/`). That it and the product import nothing of each
 * other is `test/core/architecture.test.ts`'s.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { localImportsOf, sources, withoutComments } from '../support/imports';

const ROOT = resolve(__dirname, '../..');
const TESTS = resolve(ROOT, 'test') + sep;
const name = (file: string) => relative(ROOT, file);

describe('sandbox independence from the tests', () => {
  const files = sources(resolve(ROOT, 'sandbox'));

  it('imports nothing from test/', () => {
    const imports = files.flatMap((file) =>
      localImportsOf(file)
        .filter((target) => target.startsWith(TESTS))
        .map((target) => `${name(file)} imports ${name(target)}`),
    );
    assert.deepEqual(imports, []);
  });

  it('names no path into test/', () => {
    const reading = files.filter((file) => /['"]test['"]|['"/]test\//.test(withoutComments(readFileSync(file, 'utf8'))));
    assert.deepEqual(reading.map(name), []);
  });
});
