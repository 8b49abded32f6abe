/**
 * The YAML parser the KEDA tab loads when a manifest is applied, never before: its own chunk, out of the hub's
 * first load and of the pool panel (`scripts/budgets.ts`).
 */
import { parseAllDocuments } from 'yaml';
import { readManifestText, type ManifestText } from '../../../core/keda/manifest-text';

export function parseManifestText(text: string): ManifestText {
  return readManifestText(parseAllDocuments(text));
}
