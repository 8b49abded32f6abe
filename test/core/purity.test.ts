import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { importsOf, sources, withoutComments } from '../support/imports';

// The rules run unchanged in the task, the CLI and the browser hub, so `core/` may only import
// its own files: no task library, no SDK, no React, no Node built-ins. Only the client layer
// (`core/ado/`) may touch the network, and only through the global `fetch`.
const CORE = resolve(__dirname, '../../core');
const NETWORK_ALLOWED = join(CORE, 'ado') + sep;

describe('core purity', () => {
  const files = sources(CORE);

  it('finds the core sources', () => {
    assert.ok(files.some((file) => file.endsWith(join('model', 'verdict.ts'))));
  });

  for (const file of files) {
    const name = relative(resolve(CORE, '..'), file);
    const code = withoutComments(readFileSync(file, 'utf8'));

    it(`${name} imports only files of core/`, () => {
      for (const specifier of importsOf(code)) {
        assert.ok(specifier.startsWith('./') || specifier.startsWith('../'), `${name} imports the package ${specifier}`);
        const target = resolve(dirname(file), specifier);
        assert.ok(target === CORE || target.startsWith(CORE + sep), `${name} imports ${specifier}, outside core/`);
      }
    });

    it(`${name} uses no Node-only global`, () => {
      assert.doesNotMatch(
        code,
        /\bprocess\.\w|\bBuffer\.\w|\b__dirname\b|\b__filename\b|\bsetImmediate\(/,
        `${name} uses a Node-only global; the hub runs core in a browser`,
      );
    });

    if (!file.startsWith(NETWORK_ALLOWED)) {
      it(`${name} does not call fetch`, () => assert.doesNotMatch(code, /\bfetch\s*\(/, `${name} calls fetch outside core/ado`));
    }
  }

  it('would catch what it forbids', () => {
    const forbidden = [
      "import * as tl from 'azure-pipelines-task-lib/task';",
      "import { readFileSync } from 'node:fs';",
      "import React from 'react';",
      "export { getClient } from 'azure-devops-extension-api';",
      "const http = require('http');",
      "const sdk = await import('azure-devops-extension-sdk');",
      "import 'fs';",
    ];
    for (const line of forbidden) {
      assert.ok(
        importsOf(line).some((specifier) => !specifier.startsWith('.')),
        line,
      );
    }
    assert.deepEqual(importsOf("// import x from 'react'\n/* require('fs') */"), ['react', 'fs']);
    assert.deepEqual(importsOf(withoutComments("// import x from 'react'\n/* require('fs') */")), []);
  });
});
