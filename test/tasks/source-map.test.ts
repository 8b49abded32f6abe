import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { decodeMappings, encodeMappings } from '../../scripts/source-map';
import { builtTask } from '../support/built';

const ROOT = path.resolve(__dirname, '..', '..');

/** The built task run with plain `node`, as the agent runs it, with the given environment. */
function runNode(script: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 }, (_error, stdout, stderr) =>
      resolve(`${stdout}\n${stderr}`),
    );
  });
}

describe('the task bundle’s source map', function () {
  this.timeout(60_000);
  let taskDir: string;
  let map: SourceMap;
  let bundle: string;
  before(async () => {
    taskDir = await builtTask();
    bundle = readFileSync(path.join(taskDir, 'task.js'), 'utf8');
    map = new SourceMap(JSON.parse(readFileSync(path.join(taskDir, 'task.js.map'), 'utf8')));
  });

  /** Where a piece of the bundle comes from, by the map. */
  const originOf = (text: string) => {
    const offset = bundle.indexOf(text);
    assert.ok(offset >= 0, `${text} is in the bundle`);
    const before = bundle.slice(0, offset).split('\n');
    return map.findEntry(before.length - 1, before[before.length - 1].length) as { originalSource?: string; originalLine?: number };
  };

  it('ships beside the bundle, which names it', () => {
    assert.match(bundle, /\n\/\/# sourceMappingURL=task\.js\.map\n?$/);
  });

  it('leads from the bundle back to KEDA Pool Guard’s own sources, by their paths in the repository', () => {
    const origin = originOf('"input.poolsEmpty",');
    assert.equal(origin.originalSource?.replace(/^file:\/\/.*?\/(?=core\/)/, ''), 'core/guard/inputs.ts');
    const line = readFileSync(path.join(ROOT, 'core/guard/inputs.ts'), 'utf8').split('\n')[origin.originalLine!];
    assert.match(line, /input\.poolsEmpty/);
    const sources = (JSON.parse(readFileSync(path.join(taskDir, 'task.js.map'), 'utf8')) as { sources: string[] }).sources;
    for (const source of sources) assert.ok(readFileSync(path.join(ROOT, source)), `${source} is a file of the repository`);
  });

  it('maps no bundled package: their frames stay positions in the bundle, and the map stays small', () => {
    assert.equal(originOf('Proxy response (').originalSource, undefined);
    // Its own sources only: about 110 KiB, against 720 KiB for the whole bundle; all of it ships in the .vsix.
    const size = readFileSync(path.join(taskDir, 'task.js.map')).length;
    console.log(`      task.js.map: ${(size / 1024).toFixed(0)} KiB`);
    assert.ok(size < 256 * 1024, `${size} bytes`);
  });

  it('in a debug run, turns a stack trace in the log into frames of the sources, run as the agent runs the task', async () => {
    // A temp directory the vault cannot write its key to: task-lib fails as it loads and logs the stack.
    const folder = mkdtempSync(path.join(tmpdir(), 'kpg-map-'));
    const blocked = path.join(folder, 'a-file');
    writeFileSync(blocked, '');
    try {
      const env = { AGENT_TEMPDIRECTORY: path.join(blocked, 'temp') };
      const debug = await runNode(path.join(taskDir, 'index.js'), { ...env, SYSTEM_DEBUG: 'true' });
      assert.match(debug, /tasks\/KedaPoolGuardV1\/index\.ts:\d+:\d+/, debug);
      // Other runs do not pay for reading the map as the bundle loads.
      const plain = await runNode(path.join(taskDir, 'index.js'), env);
      assert.match(plain, /ENOTDIR/);
      assert.doesNotMatch(plain, /index\.ts:\d+/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('reads and writes the mappings’ VLQ segments without loss', () => {
    const mappings = (JSON.parse(readFileSync(path.join(taskDir, 'task.js.map'), 'utf8')) as { mappings: string }).mappings;
    assert.equal(encodeMappings(decodeMappings(mappings)), mappings);
    assert.equal(encodeMappings(decodeMappings('AAAA,SAAS;;CAACA,E')), 'AAAA,SAAS;;CAACA,E');
  });
});
