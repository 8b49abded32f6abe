/**
 * The command line as a user installs it: `npm pack` in the repository, `npm install -g` of the tarball into
 * a prefix of its own, from a directory that is not the repository, and the installed command against the
 * sandbox. The package holds one bundled file and its schemas, and installs no dependency.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PRODUCT_VERSION } from '../../core/product';
import { startSandbox, type Sandbox } from '../../sandbox';
import { assertCleanRun } from '../support/clean-output';
import { assertJsonOutputConforms } from '../support/report-schemas';
import { DEMO } from '../support/tokens';
import { scaledJobYaml } from '../support/scaledjob-yaml';

const ROOT = path.resolve(__dirname, '..', '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolve) =>
    execFile(file, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, timeout: 100_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    ),
  );
}

describe('keda-pool-guard installed from its npm package', function () {
  this.timeout(240_000);
  let dir: string;
  let command: string;
  let installed: string;
  let sandbox: Sandbox;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kpg-install-'));
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const [packed, started] = await Promise.all([
      run(npm, ['pack', '--pack-destination', dir, '--json'], { cwd: ROOT }),
      startSandbox({ scenario: 'demo' }),
    ]);
    sandbox = started;
    assert.equal(packed.code, 0, packed.stderr);
    const [{ filename, files }] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as [
      { filename: string; files: { path: string }[] },
    ];
    assert.deepEqual(files.map((f) => f.path).sort(), [
      'LICENSE',
      'README.md',
      'dist/cli/keda-pool-guard.js',
      'package.json',
      'schemas/gate-report.schema.json',
      'schemas/guard-report.schema.json',
      'schemas/keda-report.schema.json',
      'schemas/sweep-report.schema.json',
    ]);
    const prefix = path.join(dir, 'prefix');
    // Offline: a package without dependencies needs nothing from the registry.
    const install = await run(
      npm,
      ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', path.join(dir, filename)],
      {
        cwd: dir,
      },
    );
    assert.equal(install.code, 0, install.stderr);
    command = path.join(prefix, 'bin', 'keda-pool-guard');
    installed = path.join(prefix, 'lib', 'node_modules', 'keda-pool-guard');
  });
  after(async () => {
    await sandbox?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const cli = async (args: string[]) => {
    const result = await run(command, args, { cwd: dir, env: { AZURE_DEVOPS_EXT_PAT: DEMO.readerPat } });
    assertCleanRun(result);
    assertJsonOutputConforms(result.stdout);
    return result;
  };

  it('installs no dependency beside its one file', () => {
    assert.deepEqual(readdirSync(installed).sort(), ['LICENSE', 'README.md', 'dist', 'package.json', 'schemas']);
  });

  it('prints its version', async () => {
    const result = await cli(['--version']);
    assert.deepEqual([result.code, result.stdout], [0, `keda-pool-guard ${PRODUCT_VERSION}\n`]);
  });

  it('checks a pool', async () => {
    const result = await cli(['check', '--org', sandbox.orgUrl('demo'), '--pool', 'keda-ready', '--demand', 'kubectl']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /keda-ready\s+ready\s+KEDA-scaled/);
  });

  it('reads a ScaledJob manifest with keda -f and says how many Jobs KEDA creates', async () => {
    const manifest = path.join(dir, 'scaledjob.yaml');
    writeFileSync(
      manifest,
      scaledJobYaml({ pool: 'keda-ready', strategy: 'default', metadata: '        demands: kubectl', authentication: 'azp-auth' }),
    );
    const result = await cli(['keda', '-f', manifest, '--org', sandbox.orgUrl('demo'), '--running-jobs', '1']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^What KEDA 2\.21 does now with ScaledJob `azp-agent`:$/m);
    assert.match(result.stdout, /^ {2}Jobs to create now: min\(scaleTo \d+, \d+\) = \d+\.$/m);
  });
});
