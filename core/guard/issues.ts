import type { Finding } from '../model/findings';
import { formatMessage, type Translation } from '../model/render';

/** A finding as one issue line in the pipeline: what is wrong, then the first fix. */
export function issueText(finding: Finding, translation: Translation = {}): string {
  const summary = formatMessage(`finding.${finding.code}`, finding.params, 'text', translation);
  const [first] = finding.guidance;
  return first ? `${summary} ${formatMessage(first.key, first.params, 'text', translation)}` : summary;
}
