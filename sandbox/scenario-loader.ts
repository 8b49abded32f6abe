/**
 * Finds a scenario: a `Scenario` object as is; a name such as `demo` as `sandbox/scenarios/demo.json`,
 * or `sandbox/scenarios/demo.ts` whose default export is a function returning the `Scenario`
 * (the generators); a path to such a file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { Scenario } from './scenario-types';

export const SCENARIO_DIRECTORY = join(__dirname, 'scenarios');

export function loadScenario(spec: Scenario | string): Scenario {
  if (typeof spec !== 'string') return spec;
  const file = scenarioFile(spec);
  if (extname(file) === '.json') return JSON.parse(readFileSync(file, 'utf8')) as Scenario;
  // Generators are TypeScript modules; require keeps them loadable under tsx's CommonJS hook (mocha).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const generator = require(file) as { default?: () => Scenario };
  if (typeof generator.default !== 'function') throw new Error(`Scenario module ${file} has no default export returning a Scenario.`);
  return generator.default();
}

function scenarioFile(spec: string): string {
  const isPath = /[\\/]/.test(spec) || ['.json', '.ts'].includes(extname(spec));
  const candidates = isPath ? [resolve(spec)] : [join(SCENARIO_DIRECTORY, `${spec}.json`), join(SCENARIO_DIRECTORY, `${spec}.ts`)];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`Scenario "${spec}" not found (looked for ${candidates.join(', ')}).`);
  return found;
}
