/** The command line run in-process or as the built file, its output captured and checked clean. */
import { execFile } from 'node:child_process';
import { runCli } from '../../cli/main';
import type { Clock } from '../../core/clock';
import { assertCleanRun, type RunOutput } from './clean-output';
import { assertJsonOutputConforms } from './report-schemas';
import { SECRETS } from './tokens';

export interface CliRun extends RunOutput {
  code: number;
}

/**
 * `runCli` with captured output: the built command's path, minus the process (fast enough to run by the
 * hundred); with a clock, its time budget runs on that clock.
 */
export async function cliInProcess(args: readonly string[], env: NodeJS.ProcessEnv, clock?: Clock): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { env, out: (text) => out.push(text), err: (text) => err.push(text), clock });
  return checked({ code, stdout: lines(out), stderr: lines(err) });
}

/** The built command in a process of its own, as a user runs it; `secrets` adds to the ones it must never print. */
export function cliProcess(cli: string, args: readonly string[], env: NodeJS.ProcessEnv, secrets: readonly string[] = []): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : 0;
        try {
          resolve(checked({ code, stdout, stderr }, secrets));
        } catch (failure) {
          reject(failure);
        }
      },
    );
  });
}

function lines(texts: string[]): string {
  return texts.map((text) => `${text}\n`).join('');
}

function checked(run: CliRun, secrets: readonly string[] = []): CliRun {
  assertCleanRun(run, [...SECRETS, ...secrets]);
  assertJsonOutputConforms(run.stdout);
  return run;
}
