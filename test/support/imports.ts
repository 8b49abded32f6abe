/** What a source file imports, read from its text: for the tests that keep folders apart. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The TypeScript files (`.ts`, `.tsx`) under `dir`, at any depth. */
export function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

// Comments may mention anything; strings and code may not. Good enough for import statements,
// which never hold `//` or `/*` in their specifiers.
export function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const SPECIFIERS = [
  /\bimport\s+(?:type\s+)?[\s\S]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bexport\s+(?:type\s+)?[*{][\s\S]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** The module specifiers of every import, export-from, dynamic import and require in `code`. */
export function importsOf(code: string): string[] {
  return SPECIFIERS.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1]));
}

/** The files a source imports from the tree (relative specifiers resolved as the bundler does); packages left out. */
export function localImportsOf(file: string): string[] {
  return importsOf(withoutComments(readFileSync(file, 'utf8')))
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => resolveSource(resolve(dirname(file), specifier)))
    .filter((target): target is string => target !== undefined);
}

function resolveSource(base: string): string | undefined {
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((candidate) => /\.tsx?$/.test(candidate) && existsSync(candidate));
}
