/**
 * The product has one version, kept in package.json. `npm run bump -- patch|minor|major|X.Y.Z`
 * bumps it and writes it into vss-extension.json and both tasks' task.json (and the Node task's task.loc.json,
 * which copies its task.json); without an argument it only writes the current one there. A task's major
 * version is the `@1` in `KedaPoolGuard@1` and `KedaPoolGate@1`, so a major bump is a new task contract.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { syncTaskMessages } from './task-messages';

const root = path.resolve(__dirname, '..');
export const VERSIONED_FILES = {
  packageJson: 'package.json',
  manifest: 'vss-extension.json',
  task: 'tasks/KedaPoolGuardV1/task.json',
  gate: 'tasks/KedaPoolGateV1/task.json',
  /** The version the product names in its `User-Agent`. */
  product: 'core/product.ts',
} as const;

const PRODUCT_VERSION_LINE = /^export const PRODUCT_VERSION = '[^']*';$/m;

/** The version `core/product.ts` declares. */
export function productVersion(source: string): string | undefined {
  return /^export const PRODUCT_VERSION = '([^']*)';$/m.exec(source)?.[1];
}

type Json = Record<string, unknown>;
const read = (file: string): Json => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Json;
const write = (file: string, json: Json) => writeFileSync(path.join(root, file), JSON.stringify(json, null, 2) + '\n');

export function nextVersion(current: string, bump: string): string {
  const [major, minor, patch] = current.split('.').map(Number);
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  if (bump === 'patch') return `${major}.${minor}.${patch + 1}`;
  if (/^\d+\.\d+\.\d+$/.test(bump)) return bump;
  throw new Error(`"${bump}" is not patch, minor, major or a version such as 1.2.3.`);
}

export function taskVersion(version: string): { Major: number; Minor: number; Patch: number } {
  const [Major, Minor, Patch] = version.split('.').map(Number);
  return { Major, Minor, Patch };
}

function main(bump: string | undefined): void {
  const packageJson = read(VERSIONED_FILES.packageJson);
  const version = bump ? nextVersion(String(packageJson.version), bump) : String(packageJson.version);
  write(VERSIONED_FILES.packageJson, { ...packageJson, version });
  write(VERSIONED_FILES.manifest, { ...read(VERSIONED_FILES.manifest), version });
  for (const task of [VERSIONED_FILES.task, VERSIONED_FILES.gate]) write(task, { ...read(task), version: taskVersion(version) });
  const product = path.join(root, VERSIONED_FILES.product);
  writeFileSync(product, readFileSync(product, 'utf8').replace(PRODUCT_VERSION_LINE, `export const PRODUCT_VERSION = '${version}';`));
  syncTaskMessages();
  console.log(`Version ${version} in ${Object.values(VERSIONED_FILES).join(', ')}.`);
}

if (require.main === module) {
  try {
    main(process.argv[2]);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
