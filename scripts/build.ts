/**
 * Builds what ships and what the end-to-end tests run:
 *   dist/tasks/KedaPoolGuardV1/  the task as the agent gets it: one bundle (task.js) and its source map beside
 *                                task.json, the index.js that loads them, and task-lib's own string tables,
 *                                which it loads from beside itself
 *   dist/cli/keda-pool-guard.js  the command line, one file
 *   dist/hub/                    the project hub: hub.html, one JS bundle, its CSS and icon fonts
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { ownSourcesOnly, type SourceMap } from './source-map';

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
  const bundle = path.join(outDir, 'task.js');
  // The map names positions only (no copies of the sources), which is what a stack trace needs.
  await build({
    ...common,
    entryPoints: [path.join(root, 'tasks', TASK, 'index.ts')],
    outfile: bundle,
    sourcemap: 'linked',
    sourcesContent: false,
  });
  const map = JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as SourceMap;
  writeFileSync(`${bundle}.map`, JSON.stringify(ownSourcesOnly(map, outDir, root, (source) => !source.startsWith('node_modules/'))));
  writeFileSync(path.join(outDir, 'index.js'), TASK_LOADER);
  for (const file of ['task.json', 'icon.png']) cpSync(path.join(root, 'tasks', TASK, file), path.join(outDir, file));
  // Bundled, task-lib looks for its messages next to the bundle (`__dirname`), so they travel with it.
  const taskLib = path.dirname(require.resolve('azure-pipelines-task-lib/package.json'));
  cpSync(path.join(taskLib, 'lib.json'), path.join(outDir, 'lib.json'));
  cpSync(path.join(taskLib, 'Strings'), path.join(outDir, 'Strings'), { recursive: true });
  return outDir;
}

/**
 * The task's entry, which the agent runs with plain `node`. Node maps stack frames through a source map only
 * for files loaded after it is told to (`process.setSourceMapsEnabled`), so the bundle is loaded here; and
 * only in a debug run (`System.Debug`, which the agent hands over as `SYSTEM_DEBUG`), because Node reads and
 * indexes the map as the bundle loads: about a tenth of a second that every other run is spared.
 */
const TASK_LOADER = `'use strict';
// With System.Debug, stack traces in the log point at KEDA Pool Guard's sources, through task.js.map.
if ((process.env.SYSTEM_DEBUG || '').toLowerCase() === 'true') process.setSourceMapsEnabled(true);
require('./task.js');
`;

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
