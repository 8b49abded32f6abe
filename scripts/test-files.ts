/**
 * The test files for `npm run test:unit`, each once: the longest first (a browser suite and the packaging
 * test), so that the parallel run does not end waiting for one of them, then the rest in path order.
 * Mocha runs a file named twice twice, so the longest cannot simply be named before a glob.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

const LONGEST_FIRST = ['test/hub/hub.test.ts', 'test/package/package.test.ts'];

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const file = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) return testFiles(file);
      return entry.name.endsWith('.test.ts') ? [file] : [];
    })
    .sort();
}

const all = testFiles('test');
const missing = LONGEST_FIRST.filter((file) => !all.includes(file));
if (missing.length > 0) {
  console.error(`scripts/test-files.ts names ${missing.join(', ')}, which no longer exist: update LONGEST_FIRST.`);
  process.exit(1);
}
console.log([...LONGEST_FIRST, ...all.filter((file) => !LONGEST_FIRST.includes(file))].join('\n'));
