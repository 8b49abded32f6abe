/**
 * `npm run package [-- --config dev]`: builds what ships and writes the .vsix under dist/package/<config>/
 * with tfx. Any warning from tfx fails the packaging: tfx announces future errors as warnings; so does a
 * .vsix past its budget (scripts/budgets.ts).
 *
 * A config is a tfx overrides file (`configs/<config>.json`) plus, for a variant installed beside the
 * release in one organization, the names that must not collide there: each task's id, name and friendly
 * name, the connection type and the hub's name. tfx overrides reach the manifest only, never task.json,
 * so the variant is written into a staged copy of exactly what ships, which tfx then packages.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { checkBudget } from './budgets';
import { buildGate, buildHub, buildTask } from './build';

const root = path.resolve(__dirname, '..');
export const PACKAGE_DIR = path.join(root, 'dist', 'package');
export const CONFIGS = ['release', 'dev'] as const;
export type Config = (typeof CONFIGS)[number];

/** What a variant renames so that it installs beside the release. */
export interface Variant {
  /** By the release task's name. */
  tasks: Record<string, { name: string; friendlyName: string }>;
  connectionType: { name: string; displayName: string };
  hubName: string;
}

interface ConfigFile {
  id: string;
  variant?: Variant;
  [override: string]: unknown;
}

interface Manifest {
  icons?: { default?: string };
  content?: Record<string, { path?: string }>;
  screenshots?: Array<{ path: string }>;
  files?: Array<{ path: string }>;
  contributions: Array<{ type: string; properties: Record<string, unknown> }>;
}

interface TaskJson {
  id: string;
  name: string;
  inputs: Array<{ type: string }>;
}

/** Builds once, then packages each config. */
export async function packageExtensions(configs: readonly Config[] = CONFIGS): Promise<Record<Config, string>> {
  buildGate();
  await Promise.all([buildTask(), buildHub()]);
  const written: Partial<Record<Config, string>> = {};
  for (const config of configs) written[config] = await packageBuilt(config);
  return written as Record<Config, string>;
}

export async function packageExtension(config: Config = 'release'): Promise<string> {
  return (await packageExtensions([config]))[config];
}

async function packageBuilt(config: Config): Promise<string> {
  const { variant, ...overrides } = readJson<ConfigFile>(path.join(root, 'configs', `${config}.json`));
  const out = path.join(PACKAGE_DIR, config);
  const stage = path.join(out, 'stage');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  const manifest = readJson<Manifest>(path.join(root, 'vss-extension.json'));
  for (const file of shippedPaths(manifest)) cpSync(path.join(root, file), path.join(stage, file), { recursive: true });
  if (variant) applyVariant(stage, manifest, variant, overrides.id);
  writeJson(path.join(stage, 'vss-extension.json'), manifest);
  writeJson(path.join(out, 'overrides.json'), overrides);

  const tfx = path.join(path.dirname(require.resolve('tfx-cli/package.json')), '_build', 'tfx-cli.js');
  const args = [
    'extension',
    'create',
    '--root',
    stage,
    '--manifest-globs',
    'vss-extension.json',
    '--overrides-file',
    path.join(out, 'overrides.json'),
  ];
  const output = await run(process.execPath, [tfx, ...args, '--output-path', out, '--no-prompt', '--no-color']);
  const warnings = output.split('\n').filter((line) => /warning/i.test(line));
  if (warnings.length > 0) throw new Error(`tfx warned, so the package is refused:\n${warnings.join('\n')}`);
  const [vsix] = readdirSync(out).filter((file) => file.endsWith('.vsix'));
  if (!vsix) throw new Error(`tfx wrote no .vsix:\n${output}`);
  rmSync(stage, { recursive: true, force: true });
  checkBudget('vsix', statSync(path.join(out, vsix)).size);
  return path.join(out, vsix);
}

/** Every file or folder the manifest names: the only things that ship. */
function shippedPaths(manifest: Manifest): string[] {
  return [
    manifest.icons?.default,
    ...Object.values(manifest.content ?? {}).map((item) => item.path),
    ...(manifest.screenshots ?? []).map((shot) => shot.path),
    ...(manifest.files ?? []).map((file) => file.path),
  ].filter((file): file is string => typeof file === 'string');
}

function applyVariant(stage: string, manifest: Manifest, variant: Variant, extensionId: string): void {
  const of = (type: string) => manifest.contributions.filter((contribution) => contribution.type === type);
  const releaseType = of('ms.vss-endpoint.service-endpoint-type').map((endpoint) => String(endpoint.properties.name));
  for (const endpoint of of('ms.vss-endpoint.service-endpoint-type')) Object.assign(endpoint.properties, variant.connectionType);
  for (const hub of of('ms.vss-web.hub')) hub.properties.name = variant.hubName;
  for (const task of of('ms.vss-distributed-task.task')) {
    const file = path.join(stage, String(task.properties.name), 'task.json');
    const taskJson = readJson<TaskJson>(file);
    const renamed = variant.tasks[taskJson.name];
    if (!renamed) throw new Error(`The variant names no ${taskJson.name} task: add it to the config's variant.tasks.`);
    taskJson.id = variantTaskId(taskJson.id, extensionId);
    Object.assign(taskJson, renamed);
    for (const input of taskJson.inputs) {
      if (releaseType.some((name) => input.type === `connectedService:${name}`))
        input.type = `connectedService:${variant.connectionType.name}`;
    }
    writeJson(file, taskJson);
  }
}

/**
 * The variant's task id: a name-based UUID (version 5, RFC 9562 §5.5) of the extension id in the release
 * task's id as namespace, so it is the same on every build and differs for every variant.
 */
export function variantTaskId(releaseId: string, extensionId: string): string {
  const namespace = Buffer.from(releaseId.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(extensionId, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function writeJson(file: string, json: unknown): void {
  writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
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
  const config = values.config as Config;
  if (!CONFIGS.includes(config)) {
    console.error(`--config must be ${CONFIGS.join(' or ')}, not "${config}".`);
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
