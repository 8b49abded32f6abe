/**
 * `keda -f <file>`: the manifest as kubectl would read it, every YAML document of the file (or of standard
 * input, for `-f -`), handed to core as plain data.
 */
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { InputError } from '../core/guard/inputs';
import type { CliIo } from './io';

export async function readManifestDocuments(file: string, io: CliIo): Promise<unknown[]> {
  const source = file === '-' ? 'standard input' : file;
  let text: string;
  try {
    text = file === '-' ? await (io.stdin ?? readStdin)() : readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError('cli.manifestUnreadable', { file: source, reason: code === 'ENOENT' ? 'no such file' : (code ?? 'not readable') });
  }
  const documents = parseAllDocuments(text);
  // `parseAllDocuments` answers an empty stream with an empty document list or a single empty one.
  for (const document of Array.isArray(documents) ? documents : [documents]) {
    const [error] = document.errors;
    if (error) {
      const [start] = error.linePos ?? [];
      // The parser's first sentence, without the excerpt of the file it appends.
      const problem = error.message
        .split('\n')[0]
        .replace(/ at line \d+, column \d+:?$/, '')
        .replace(/\.$/, '');
      throw new InputError('cli.manifestNotYaml', { file: source, line: start?.line ?? 0, column: start?.col ?? 0, problem });
    }
  }
  return (Array.isArray(documents) ? documents : [documents]).map((document) => document.toJS({ maxAliasCount: 100 }) as unknown);
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}
