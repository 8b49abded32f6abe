import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

// The rules run unchanged in the task, the CLI and the browser hub, so `core/` may only import
// its own files: no task library, no SDK, no React, no Node built-ins. Only the client layer
// (`core/ado/`) may touch the network, and only through the global `fetch`.
const CORE = resolve(__dirname, '../../core');
const NETWORK_ALLOWED = join(CORE, 'ado') + sep;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

// Comments may mention anything; strings and code may not. Good enough for import statements,
// which never hold `//` or `/*` in their specifiers.
function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const SPECIFIERS = [
  /\bimport\s+(?:type\s+)?[\s\S]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bexport\s+(?:type\s+)?[*{][\s\S]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

function importsOf(code: string): string[] {
  return SPECIFIERS.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1]));
}

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
