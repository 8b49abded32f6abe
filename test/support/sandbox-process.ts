/**
 * The sandbox in a process of its own, for tests whose runner blocks this one (task-lib's
 * MockTestRunner waits for its child synchronously, so an in-process sandbox could not answer).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export interface SandboxProcess {
  url: string;
  orgUrl(org: string): string;
  stop(): Promise<void>;
}

const CLI = path.join(__dirname, '..', '..', 'sandbox', 'cli.ts');

export function startSandboxProcess(scenario = 'demo'): Promise<SandboxProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--scenario', scenario], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (why: string) => {
      child.kill();
      reject(new Error(`The sandbox did not start: ${why}\n${output}`));
    };
    const timer = setTimeout(() => fail('no URL within 20 s'), 20_000);
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => fail(`it exited with ${code}`));
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /at (http:\/\/[\d.:]+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const url = match[1];
      resolve({
        url,
        orgUrl: (org) => `${url}/${org}`,
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
