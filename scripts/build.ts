/**
 * Builds what ships and what the end-to-end tests run:
 *   dist/tasks/KedaPoolGuardV1/  the task as the agent gets it: one bundle (task.js) and its source map beside
 *                                task.json, task.loc.json and the localizable strings (`Strings/`, `shared/`),
 *                                and the index.js that loads them
 *   dist/tasks/KedaPoolGateV1/   the agentless gate: its task.json and icon, which Azure Pipelines runs itself
 *   dist/cli/keda-pool-guard.js  the command line, one file
 *   dist/hub/                    the project hub: hub.html, its JS (hub.js and chunks), its CSS and icon fonts
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { checkBudget } from './budgets';
import { subsetIconFonts } from './icon-fonts';
import { ownSourcesOnly, type SourceMap } from './source-map';

const root = path.resolve(__dirname, '..');
const TASK = 'KedaPoolGuardV1';
const GATE = 'KedaPoolGateV1';

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
  copyTaskFiles(outDir);
  return outDir;
}

/** The gate is a server task: no code of ours runs, the service reads its task.json. */
export function buildGate(outDir = path.join(root, 'dist', 'tasks', GATE)): string {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const file of ['task.json', 'icon.png']) cpSync(path.join(root, 'tasks', GATE, file), path.join(outDir, file));
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

/**
 * What travels beside the bundle: task.json and the shared messages' module with their `Strings/`, where
 * `tl.loc` finds them, and the icon. task-lib's own strings are in the bundle: since 5.x it embeds them
 * (`lib-resource.js`) and reads no `lib.json` or `Strings/` of its own, which would clash with the task's.
 */
export function copyTaskFiles(outDir: string): void {
  for (const entry of ['task.json', 'task.loc.json', 'Strings', 'shared', 'icon.png']) {
    cpSync(path.join(root, 'tasks', TASK, entry), path.join(outDir, entry), { recursive: true });
  }
}

/** Where the command line's bundle goes, from the repository root: the package's `bin` and the image's entrypoint. */
export const CLI_BUNDLE = path.join('dist', 'cli', 'keda-pool-guard.js');

export async function buildCli(outFile = path.join(root, CLI_BUNDLE)): Promise<string> {
  await build({ ...common, entryPoints: [path.join(root, 'cli', 'main.ts')], outfile: outFile, banner: { js: '#!/usr/bin/env node' } });
  return outFile;
}

/** The browsers the portal supports; everything they have natively is not shipped again. */
const HUB_TARGETS = ['chrome110', 'firefox110', 'safari16'];

/**
 * What azure-devops-ui and the extension API import for old browsers, each a polyfill that does nothing
 * where the feature exists, as it does in every target: Promise, Object.assign, ES2015 string methods,
 * IntersectionObserver, fetch. Left out, they are 25 KB less to load.
 */
const NATIVE_IN_TARGETS = /^(es6-promise\/auto|es6-object-assign\/auto|es6-string-polyfills|intersection-observer|whatwg-fetch)$/;

/**
 * The hub renders with Preact's React compatibility layer, not React: azure-devops-ui and the hub's own code
 * import `react` and `react-dom` as written, and get `preact/compat` (and its `client` and `jsx-runtime`,
 * esbuild carrying the subpath over), which is about 120 KiB less to load at first (React's DOM renderer
 * alone is 127 KiB). Types stay React's; the browser tests run the hub as built, on Preact.
 */
const REACT_AS_PREACT = { react: 'preact/compat', 'react-dom': 'preact/compat' };

const hubOptions = {
  entryPoints: { hub: path.join(root, 'hub', 'src', 'index.tsx') },
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: HUB_TARGETS,
  minify: true,
  sourcemap: false,
  legalComments: 'eof',
  logLevel: 'warning',
  tsconfig: path.join(root, 'hub', 'tsconfig.json'),
  loader: { '.woff': 'file', '.woff2': 'file' },
  assetNames: 'fonts/[name]-[hash]',
  define: { 'process.env.NODE_ENV': '"production"' },
  alias: REACT_AS_PREACT,
  metafile: true,
} satisfies BuildOptions;

/** Resolves `filter` to an empty module: the polyfills above, and the styles in the code pass. */
function leaveOut(name: string, filter: RegExp): Plugin {
  return {
    name,
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: name }));
      build.onLoad({ filter: /.*/, namespace: name }, () => ({ contents: '', loader: 'js' }));
    },
  };
}

/**
 * azure-devops-ui declares no `sideEffects`, so a bundler keeps every module its index files re-export.
 * Its component modules only define things (their styles aside, which stay), so what the hub does not
 * use is left out.
 */
const uiWithoutSideEffects: Plugin = {
  name: 'azure-devops-ui-without-side-effects',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === 'resolved' || args.path.endsWith('.css')) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'resolved',
      });
      if (resolved.errors.length > 0 || !/[\\/]node_modules[\\/]azure-devops-ui[\\/]/.test(resolved.path)) return undefined;
      // CommonImports sets globals the components rely on.
      return /CommonImports/.test(resolved.path) ? resolved : { ...resolved, sideEffects: false };
    });
  },
};

/**
 * The hub as the portal loads it: ES modules for browsers with every path relative, so it works from the
 * extension's files and from a test host alike. The code is split: `hub.js` and the chunks it imports
 * draw the pools list, and the pool panel and the settings come as their own chunks when first opened.
 * The styles are one `hub.css` of everything the hub can show, built by a second pass without splitting
 * (esbuild would split them too, and a lazily loaded chunk's styles are not loaded by anything), and the
 * icon fonts keep only the icons the code uses. The SDK and the API are imported only through their ESM
 * entries, which leaves one copy of the SDK (two would open two channels to the host, and the second
 * never gets its handshake). Past its budget the build fails.
 */
export async function buildHub(outDir = path.join(root, 'dist', 'hub')): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const code = await build({
    ...hubOptions,
    outdir: outDir,
    splitting: true,
    chunkNames: '[name]-[hash]',
    plugins: [leaveOut('native-in-targets', NATIVE_IN_TARGETS), leaveOut('styles-apart', /\.css$/), uiWithoutSideEffects],
  });
  const sdkCopies = Object.keys(code.metafile.inputs).filter((input) => /azure-devops-extension-sdk\/.*SDK(\.min)?\.js$/.test(input));
  if (sdkCopies.length !== 1)
    throw new Error(`The hub bundle must hold exactly one copy of the SDK, not ${sdkCopies.length}: ${sdkCopies.join(', ')}.`);
  const styles = await build({
    ...hubOptions,
    outdir: outDir,
    write: false,
    plugins: [leaveOut('native-in-targets', NATIVE_IN_TARGETS), uiWithoutSideEffects],
  });
  for (const file of styles.outputFiles.filter((output) => !output.path.endsWith('.js'))) {
    mkdirSync(path.dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.contents);
  }
  const scripts = Object.keys(code.metafile.outputs).filter((output) => output.endsWith('.js'));
  await subsetIconFonts(path.join(outDir, 'hub.css'), scripts.map((output) => readFileSync(path.join(root, output), 'utf8')).join('\n'));
  checkBudget('hubFirstLoad', firstLoadBytes(code.metafile, 'hub.js'));
  cpSync(path.join(root, 'hub', 'hub.html'), path.join(outDir, 'hub.html'));
  return outDir;
}

/** The JavaScript a browser loads before the entry runs: the entry and every chunk it imports statically. */
export function firstLoadBytes(metafile: Metafile, entry: string): number {
  const outputs = metafile.outputs;
  const entryPath = Object.keys(outputs).find((output) => path.basename(output) === entry);
  if (!entryPath) throw new Error(`The build has no ${entry}.`);
  const loaded = new Set<string>();
  const load = (output: string) => {
    if (loaded.has(output)) return;
    loaded.add(output);
    for (const imported of outputs[output].imports) if (imported.kind === 'import-statement') load(imported.path);
  };
  load(entryPath);
  return [...loaded].reduce((bytes, output) => bytes + outputs[output].bytes, 0);
}

// The gate is its task.json and icon: copied, not built.
const TARGETS = { task: buildTask, gate: async () => buildGate(), cli: buildCli, hub: buildHub } as const;

if (require.main === module) {
  // `tsx scripts/build.ts cli` builds the command line alone, as `npm pack` needs it; no argument builds all.
  const names = process.argv.slice(2);
  const targets = names.length > 0 ? names : Object.keys(TARGETS);
  const unknown = targets.filter((name) => !Object.hasOwn(TARGETS, name));
  if (unknown.length > 0) {
    console.error(`Unknown build target ${unknown.join(', ')}: use ${Object.keys(TARGETS).join(', ')}.`);
    process.exit(1);
  }
  Promise.all(targets.map((name) => TARGETS[name as keyof typeof TARGETS]())).then(
    (built) => console.log(`Built ${built.map((output) => path.relative(root, output)).join(', ')}.`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
