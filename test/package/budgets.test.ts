import assert from 'node:assert/strict';
import type { Metafile } from 'esbuild';
import { BUDGETS, checkBudget } from '../../scripts/budgets';
import { firstLoadBytes } from '../../scripts/build';

describe('build budgets', () => {
  it('fails past a budget, saying what, how big and by how much', () => {
    assert.doesNotThrow(() => checkBudget('vsix', BUDGETS.vsix.bytes));
    assert.throws(
      () => checkBudget('vsix', BUDGETS.vsix.bytes + 2048),
      /^Error: The \.vsix is 1026\.0 KiB, over its budget of 1024\.0 KiB by 2\.0 KiB\./,
    );
  });

  it('counts at first load the entry and the chunks it imports, not those it loads on demand', () => {
    const output = (bytes: number, imports: Metafile['outputs'][string]['imports'] = []) => ({ bytes, imports, exports: [], inputs: {} });
    const metafile: Metafile = {
      inputs: {},
      outputs: {
        'dist/hub/hub.js': output(100, [
          { path: 'dist/hub/chunk-A.js', kind: 'import-statement' },
          { path: 'dist/hub/PoolPanel-B.js', kind: 'dynamic-import' },
        ]),
        'dist/hub/chunk-A.js': output(50, [{ path: 'dist/hub/chunk-C.js', kind: 'import-statement' }]),
        'dist/hub/chunk-C.js': output(7),
        'dist/hub/PoolPanel-B.js': output(1000, [{ path: 'dist/hub/chunk-A.js', kind: 'import-statement' }]),
      },
    };
    assert.equal(firstLoadBytes(metafile, 'hub.js'), 157);
  });
});
