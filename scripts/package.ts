/**
 * `npm run package [-- --config dev]`: builds what ships and writes the .vsix under dist/ with
 * tfx. Any warning from tfx fails the packaging: tfx announces future errors as warnings; so does a
 * .vsix past its budget (scripts/budgets.ts).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { checkBudget } from './budgets';
import { buildHub, buildTask } from './build';

const root = path.resolve(__dirname, '..');
export const PACKAGE_DIR = path.join(root, 'dist', 'package');

export async function packageExtension(config: 'dev' | 'release' = 'release'): Promise<string> {
  await Promise.all([buildTask(), buildHub()]);
  rmSync(PACKAGE_DIR, { recursive: true, force: true });
  mkdirSync(PACKAGE_DIR, { recursive: true });
  const tfx = path.join(path.dirname(require.resolve('tfx-cli/package.json')), '_build', 'tfx-cli.js');
  const args = [
    'extension',
    'create',
    '--root',
    root,
    '--manifest-globs',
    'vss-extension.json',
    '--overrides-file',
    `configs/${config}.json`,
  ];
  const output = await run(process.execPath, [tfx, ...args, '--output-path', PACKAGE_DIR, '--no-prompt', '--no-color']);
  const warnings = output.split('\n').filter((line) => /warning/i.test(line));
  if (warnings.length > 0) throw new Error(`tfx warned, so the package is refused:\n${warnings.join('\n')}`);
  const [vsix] = readdirSync(PACKAGE_DIR).filter((file) => file.endsWith('.vsix'));
  if (!vsix) throw new Error(`tfx wrote no .vsix:\n${output}`);
  checkBudget('vsix', statSync(path.join(PACKAGE_DIR, vsix)).size);
  return path.join(PACKAGE_DIR, vsix);
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: root, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`tfx failed: ${stderr || stdout || error.message}`));
      else resolve(`${stdout}\n${stderr}`);
    });
  });
}

if (require.main === module) {
  const { values } = parseArgs({ options: { config: { type: 'string', default: 'release' } } });
  const config = values.config;
  if (config !== 'dev' && config !== 'release') {
    console.error(`--config must be dev or release, not "${config}".`);
    process.exit(1);
  }
  packageExtension(config).then(
    (vsix) => console.log(`Wrote ${path.relative(root, vsix)}.`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
