/**
 * What users download: the .vsix, the task folder the agent fetches for every job, and the hub's
 * JavaScript (at first load, and what loads on demand), CSS and icon fonts, raw and gzipped, beside
 * their budgets (scripts/budgets.ts). Writes bench/results/size.json.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUDGETS } from '../scripts/budgets';
import { packageExtension } from '../scripts/package';

const root = path.resolve(__dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

/** hub.js and every chunk it imports statically, read from the built files themselves. */
function firstLoad(hubDir: string): string[] {
  const loaded = new Set<string>();
  const load = (file: string) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const [, imported] of readFileSync(file, 'utf8').matchAll(/(?:^|[;}])\s*import\s*(?:[^"'()]*?from\s*)?["'](\.\/[^"']+)["']/g))
      load(path.join(path.dirname(file), imported));
  };
  load(path.join(hubDir, 'hub.js'));
  return [...loaded];
}

function measure(label: string, paths: string[]) {
  const bytes = paths.reduce((n, file) => n + statSync(file).size, 0);
  const gzipped = paths.reduce((n, file) => n + gzipSync(readFileSync(file), { level: 9 }).length, 0);
  return { what: label, kib: Math.round(bytes / 1024), gzippedKib: Math.round(gzipped / 1024) };
}

async function main(): Promise<void> {
  const vsix = await packageExtension('release');
  const hub = path.join(root, 'dist', 'hub');
  const scripts = files(hub).filter((file) => file.endsWith('.js'));
  const atFirstLoad = firstLoad(hub);
  const kibOf = (bytes: number) => Math.round(bytes / 1024);
  const rows = [
    { what: '.vsix', kib: kibOf(statSync(vsix).size), gzippedKib: kibOf(statSync(vsix).size), budgetKib: kibOf(BUDGETS.vsix.bytes) },
    measure('task folder (dist/tasks/KedaPoolGuardV1)', files(path.join(root, 'dist', 'tasks', 'KedaPoolGuardV1'))),
    {
      ...measure(`hub JavaScript at first load (${atFirstLoad.map((file) => path.basename(file)).join(', ')})`, atFirstLoad),
      budgetKib: kibOf(BUDGETS.hubFirstLoad.bytes),
      goalKib: kibOf(BUDGETS.hubFirstLoad.goalBytes),
    },
    measure(
      'hub JavaScript on demand (pool panel, settings)',
      scripts.filter((file) => !atFirstLoad.includes(file)),
    ),
    measure('hub CSS (hub.css)', [path.join(hub, 'hub.css')]),
    measure('hub icon fonts', files(path.join(hub, 'fonts'))),
  ];
  console.table(rows);
  mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  writeFileSync(path.join(__dirname, 'results', 'size.json'), JSON.stringify({ when: new Date().toISOString(), rows }, null, 2) + '\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
