/**
 * axe-core, the accessibility engine browsers' own audit tools build on, run inside the hub's frame: it
 * checks the frame's document as it is on screen (computed colours, the accessibility tree), so each
 * state the test brings the hub into is audited as a screen-reader or keyboard user would meet it.
 */
import { readFileSync } from 'node:fs';
import type { AxeResults, ImpactValue, Result } from 'axe-core';
import type { Frame } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** What an audit found: every violation, each with the elements it applies to. */
export interface Violation {
  rule: string;
  impact: ImpactValue | null | undefined;
  help: string;
  targets: string[];
  /** axe's own account of the first element: what it measured (a contrast ratio, a missing attribute). */
  summary: string;
}

/** Runs axe-core on the frame's whole document (WCAG 2.1 A and AA rules plus axe's best practices). */
export async function audit(frame: Frame): Promise<Violation[]> {
  // Colours are measured as they end: a panel still sliding in or a button still fading to its new colour would be judged half-way.
  await frame.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.addScriptTag({ content: AXE_SOURCE });
  const results = await frame.evaluate(() =>
    (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }),
  );
  return results.violations.map(toViolation);
}

function toViolation(result: Result): Violation {
  return {
    rule: result.id,
    impact: result.impact,
    help: result.help,
    targets: result.nodes.map((node) => node.target.join(' ')),
    summary: result.nodes[0]?.failureSummary ?? '',
  };
}

/** One line per violation, for an assertion message a person can act on. */
export function describeViolations(violations: readonly Violation[]): string {
  return violations
    .map((v) => `${v.rule} (${v.impact}): ${v.help}\n    on ${v.targets.slice(0, 5).join(', ')}\n    ${v.summary.replace(/\n/g, '\n    ')}`)
    .join('\n');
}
