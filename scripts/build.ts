/**
 * Builds what ships and what the end-to-end tests run:
 *   dist/tasks/KedaPoolGuardV1/  the task as the agent gets it: one bundled index.js beside task.json,
 *                                task.loc.json and the localizable strings (`Strings/`, `shared/`)
 *   dist/cli/keda-pool-guard.js  the command line, one file
 *   dist/hub/                    the project hub: hub.html, one JS bundle, its CSS and icon fonts
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { build, type BuildOptions } from 'esbuild';

const root = path.resolve(__dirname, '..');
const TASK = 'KedaPoolGuardV1';

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // The oldest Node the task's handlers run on (Node20_1).
  target: 'node20',
  minify: true,
  keepNames: true,
  legalComments: 'eof',
  logLevel: 'warning',
};

export async function buildTask(outDir = path.join(root, 'dist', 'tasks', TASK)): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({ ...common, entryPoints: [path.join(root, 'tasks', TASK, 'index.ts')], outfile: path.join(outDir, 'index.js') });
  copyTaskFiles(outDir);
  return outDir;
}

/**
 * What travels beside the bundle: task.json and the shared messages' module with their `Strings/`, where
 * `tl.loc` finds them, and the icon. task-lib's own strings are in the bundle: since 5.x it embeds them
 * (`lib-resource.js`) and reads no `lib.json` or `Strings/` of its own, which would clash with the task's.
 */
export function copyTaskFiles(outDir: string): void {
  for (const entry of ['task.json', 'task.loc.json', 'Strings', 'shared', 'icon.png']) {
    cpSync(path.join(root, 'tasks', TASK, entry), path.join(outDir, entry), { recursive: true });
  }
}

export async function buildCli(outFile = path.join(root, 'dist', 'cli', 'keda-pool-guard.js')): Promise<string> {
  await build({ ...common, entryPoints: [path.join(root, 'cli', 'main.ts')], outfile: outFile, banner: { js: '#!/usr/bin/env node' } });
  return outFile;
}

/**
 * The hub as the portal loads it: an ES module bundle for browsers with every path relative, so it works
 * from the extension's files and from a test host alike. The SDK and the API are imported only through
 * their ESM entries, which leaves one copy of the SDK in the bundle (two would open two channels to the
 * host, and the second never gets its handshake).
 */
export async function buildHub(outDir = path.join(root, 'dist', 'hub')): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: { hub: path.join(root, 'hub', 'src', 'index.tsx') },
    outdir: outDir,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    sourcemap: false,
    legalComments: 'eof',
    logLevel: 'warning',
    tsconfig: path.join(root, 'hub', 'tsconfig.json'),
    loader: { '.woff': 'file', '.woff2': 'file' },
    assetNames: 'fonts/[name]-[hash]',
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
  });
  const sdkCopies = Object.keys(result.metafile.inputs).filter((input) => /azure-devops-extension-sdk\/.*SDK(\.min)?\.js$/.test(input));
  if (sdkCopies.length !== 1)
    throw new Error(`The hub bundle must hold exactly one copy of the SDK, not ${sdkCopies.length}: ${sdkCopies.join(', ')}.`);
  cpSync(path.join(root, 'hub', 'hub.html'), path.join(outDir, 'hub.html'));
  return outDir;
}

if (require.main === module) {
  Promise.all([buildTask(), buildCli(), buildHub()]).then(
    ([task, cli, hub]) => console.log(`Built ${path.relative(root, task)}, ${path.relative(root, cli)} and ${path.relative(root, hub)}.`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
