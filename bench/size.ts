/**
 * What users download: the .vsix, the task folder the agent fetches for every job, and the hub's
 * JavaScript and CSS the browser loads, raw and gzipped. Writes bench/results/size.json.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { packageExtension } from '../scripts/package';

const root = path.resolve(__dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

function measure(label: string, paths: string[]) {
  const bytes = paths.reduce((n, file) => n + statSync(file).size, 0);
  const gzipped = paths.reduce((n, file) => n + gzipSync(readFileSync(file), { level: 9 }).length, 0);
  return { what: label, kib: Math.round(bytes / 1024), gzippedKib: Math.round(gzipped / 1024) };
}

async function main(): Promise<void> {
  const vsix = await packageExtension('release');
  const hub = path.join(root, 'dist', 'hub');
  const rows = [
    { what: '.vsix', kib: Math.round(statSync(vsix).size / 1024), gzippedKib: Math.round(statSync(vsix).size / 1024) },
    measure('task folder (dist/tasks/KedaPoolGuardV1)', files(path.join(root, 'dist', 'tasks', 'KedaPoolGuardV1'))),
    measure('hub JavaScript (hub.js)', [path.join(hub, 'hub.js')]),
    measure('hub CSS (hub.css)', [path.join(hub, 'hub.css')]),
    measure('hub fonts', files(path.join(hub, 'fonts'))),
  ];
  console.table(rows);
  mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  writeFileSync(path.join(__dirname, 'results', 'size.json'), JSON.stringify({ when: new Date().toISOString(), rows }, null, 2) + '\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
