/**
 * A manifest's text as kubectl reads it: every YAML document of it, as plain data for `readManifest`, or
 * where the YAML is broken. One reading for the command line's `keda -f` and the hub's pasted manifest. The
 * faces parse with the `yaml` package (`parseAllDocuments`), which core does not import, and hand its
 * documents here.
 */

/** What this reading needs of a parsed document (the `yaml` package's `Document`): its errors, and its data. */
export interface YamlDocument {
  readonly errors: readonly { readonly message: string; readonly linePos?: readonly { line: number; col: number }[] }[];
  toJS(options: { maxAliasCount: number }): unknown;
}

export type ManifestText =
  | { readonly ok: true; readonly documents: readonly unknown[] }
  /** The first syntax error: its line and column (1-based), and the parser's sentence about it. */
  | { readonly ok: false; readonly line: number; readonly column: number; readonly problem: string };

/** `parsed`: what `parseAllDocuments` answers, an empty list (or a single empty document) for an empty text. */
export function readManifestText(parsed: readonly YamlDocument[]): ManifestText {
  for (const document of parsed) {
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
  return { ok: true, documents: parsed.map((document) => document.toJS({ maxAliasCount: 100 })) };
}
