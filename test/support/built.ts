/**
 * The shipped task and command line, built once per test process however many suites run them, into a
 * folder of that process's own: suites run in parallel processes, and one must not rebuild `dist/` under
 * another's feet. The folder goes when the process ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildCli, buildTask } from '../../scripts/build';

let scratch: string | undefined;
let task: Promise<string> | undefined;
let cli: Promise<string> | undefined;

function scratchFolder(): string {
  if (!scratch) {
    const folder = mkdtempSync(path.join(tmpdir(), 'kpg-built-'));
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
    scratch = folder;
  }
  return scratch;
}

/** The folder of the bundled task, as the agent gets it. */
export function builtTask(): Promise<string> {
  return (task ??= buildTask(path.join(scratchFolder(), 'KedaPoolGuardV1')));
}

/** The single-file command line. */
export function builtCli(): Promise<string> {
  return (cli ??= buildCli(path.join(scratchFolder(), 'keda-pool-guard.js')));
}
