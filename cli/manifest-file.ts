/**
 * `keda -f <file>`: the manifest as kubectl would read it, every YAML document of the file (or of standard
 * input, for `-f -`), handed to core as plain data.
 */
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { InputError } from '../core/guard/inputs';
import { readManifestText } from '../core/keda/manifest-text';
import type { CliIo } from './io';

export async function readManifestDocuments(file: string, io: CliIo): Promise<readonly unknown[]> {
  const source = file === '-' ? 'standard input' : file;
  let text: string;
  try {
    text = file === '-' ? await (io.stdin ?? readStdin)() : readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError('cli.manifestUnreadable', { file: source, reason: code === 'ENOENT' ? 'no such file' : (code ?? 'not readable') });
  }
  const parsed = readManifestText(parseAllDocuments(text));
  if (!parsed.ok)
    throw new InputError('cli.manifestNotYaml', { file: source, line: parsed.line, column: parsed.column, problem: parsed.problem });
  return parsed.documents;
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}
