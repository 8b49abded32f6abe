/**
 * A manifest's text as kubectl reads it: every YAML document of it, as plain data for `readManifest`, or
 * where the YAML is broken. One reading for the command line's `keda -f` and the hub's pasted manifest.
 * The `yaml` package weighs on whoever imports this module: the faces load it only when a manifest comes.
 */
import { parseAllDocuments } from 'yaml';

export type ManifestText =
  | { readonly ok: true; readonly documents: readonly unknown[] }
  /** The first syntax error: its line and column (1-based), and the parser's sentence about it. */
  | { readonly ok: false; readonly line: number; readonly column: number; readonly problem: string };

export function parseManifestText(text: string): ManifestText {
  const parsed = parseAllDocuments(text);
  // `parseAllDocuments` answers an empty stream with an empty document list or a single empty one.
  const documents = Array.isArray(parsed) ? parsed : [parsed];
  for (const document of documents) {
    const [error] = document.errors;
    if (error) {
      const [start] = error.linePos ?? [];
      // The parser's first sentence, without the excerpt of the text it appends.
      const problem = error.message
        .split('\n')[0]
        .replace(/ at line \d+, column \d+:?$/, '')
        .replace(/\.$/, '');
      return { ok: false, line: start?.line ?? 0, column: start?.col ?? 0, problem };
    }
  }
  return { ok: true, documents: documents.map((document) => document.toJS({ maxAliasCount: 100 }) as unknown) };
}
