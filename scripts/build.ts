/**
 * Builds what ships and what the end-to-end tests run:
 *   dist/tasks/KedaPoolGuardV1/  the task as the agent gets it: one bundled index.js beside task.json,
 *                                with task-lib's own string tables, which it loads from beside itself
 *   dist/cli/keda-pool-guard.js  the command line, one file
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
  for (const file of ['task.json', 'icon.png']) cpSync(path.join(root, 'tasks', TASK, file), path.join(outDir, file));
  // Bundled, task-lib looks for its messages next to the bundle (`__dirname`), so they travel with it.
  const taskLib = path.dirname(require.resolve('azure-pipelines-task-lib/package.json'));
  cpSync(path.join(taskLib, 'lib.json'), path.join(outDir, 'lib.json'));
  cpSync(path.join(taskLib, 'Strings'), path.join(outDir, 'Strings'), { recursive: true });
  return outDir;
}

export async function buildCli(outFile = path.join(root, 'dist', 'cli', 'keda-pool-guard.js')): Promise<string> {
  await build({ ...common, entryPoints: [path.join(root, 'cli', 'main.ts')], outfile: outFile, banner: { js: '#!/usr/bin/env node' } });
  return outFile;
}

if (require.main === module) {
  Promise.all([buildTask(), buildCli()]).then(
    ([task, cli]) => console.log(`Built ${path.relative(root, task)} and ${path.relative(root, cli)}.`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
