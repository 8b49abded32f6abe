/**
 * Two implementations of the service's demand rules, written apart on purpose: the product's
 * (`core/model/demands.ts`, `core/model/version.ts`, `core/model/capabilities.ts`) and the sandbox's
 * (`sandbox/demands.ts`, `sandbox/agent-version.ts`, `sandbox/capabilities.ts`). On a seeded corpus of
 * demand texts, capability sets and versions they must agree on which texts are demands, on what those
 * demands say, on which agents satisfy them, and on how versions read and compare. Every disagreement
 * is printed with its case, so it can be replayed and settled against the service's sources.
 *
 * The product judges an agent as it reads it from the service: the system capabilities as served
 * (with `Agent.Name` and `Agent.Version`), the user capabilities, the version.
 */
import assert from 'node:assert/strict';
import { capabilitySet } from '../../core/model/capabilities';
import * as core from '../../core/model/demands';
import { compareVersions, parseVersion } from '../../core/model/version';
import { compareAgentVersions, parseAgentVersion } from '../../sandbox/agent-version';
import { effectiveCapabilities, servedSystemCapabilities, storedCapabilities, type CapabilityHolder } from '../../sandbox/capabilities';
import * as sandbox from '../../sandbox/demands';
import { pick, randomSource } from '../support/random';

const SEED = 14_014;
const CASES = 10_000;

/**
 * Letters whose upper and lower case map one to one, so that every reading of "ignoring case" agrees:
 * exotic ones (dotless i, final sigma, sharp s, the Kelvin sign) are left to sandbox/README.md.
 */
const LETTERS = ['a', 'B', 'k', 'Z', 'é', 'É', 'ü', 'Ü', 'ж', 'Ж'];
const NAMES = [
  'java',
  'JAVA',
  'Java',
  'kubectl',
  'Agent.Version',
  'agent.version',
  'Agent.Name',
  'AGENT.NAME',
  'Agent.OS',
  'node.js',
  'constructor',
  'hasOwnProperty',
  'a|b',
  '-x',
  'é',
  'É',
];
/** .NET's `\s` in its kinds: ASCII controls, NEL, space separators, line and paragraph separators. */
const WHITE = [' ', ' ', ' ', '\t', '\n', '\r', '\v', '\f', '\u0085', '\u00a0', '\u2003', '\u2028', '\u3000'];
const OPERATORS = ['equals', 'gtVersion'];
const NOT_OPERATORS = ['Equals', 'GTVERSION', 'gtversion', 'startsWith', 'constructor', ''];
const COMPONENTS = [
  '0',
  '1',
  '2',
  '3',
  '10',
  '007',
  '17',
  '2147483647',
  '2147483648',
  '99999999999',
  ' 3',
  '4 ',
  '\t5\n',
  '+5',
  '-0',
  '-1',
  '+ 1',
  '',
  'a',
  '6\u0000',
  '7 \u0000',
  '8\u0000 ',
  '１',
];
const WORDS = ['Linux', 'linux', 'LINUX', 'Windows_NT', 'yes', 'true', 'TRUE', '', ' ', 'Crème', 'CRÈME', 'x y', '/usr/bin/java'];

type Random = () => number;

const chance = (random: Random, probability: number) => random() < probability;

function repeat(random: Random, max: number, piece: () => string): string {
  let text = '';
  const count = Math.floor(random() * (max + 1));
  for (let i = 0; i < count; i++) text += piece();
  return text;
}

function version(random: Random): string {
  const parts = 1 + Math.floor(random() * 5);
  let text = Array.from({ length: parts }, () => pick(random, COMPONENTS)).join('.');
  if (chance(random, 0.2)) text += pick(random, ['-LTS', '-rc.1', '-', '-1.2']);
  if (chance(random, 0.05)) text = `-${text}`;
  return text;
}

function value(random: Random): string {
  return chance(random, 0.5) ? version(random) : chance(random, 0.8) ? pick(random, WORDS) : repeat(random, 4, () => pick(random, LETTERS));
}

function name(random: Random): string {
  return chance(random, 0.8) ? pick(random, NAMES) : repeat(random, 4, () => pick(random, [...LETTERS, '.', '_', '-']));
}

function white(random: Random): string {
  return chance(random, 0.7) ? ' ' : pick(random, WHITE) + repeat(random, 2, () => pick(random, WHITE));
}

/** Mostly well-formed demands with one thing off now and then; sometimes noise. */
function demandText(random: Random): string {
  if (chance(random, 0.05)) return repeat(random, 8, () => pick(random, [...LETTERS, ...WHITE, '-', '.', 'equals', '1']));
  const prefix = chance(random, 0.03) ? pick(random, WHITE) : '';
  const suffix = chance(random, 0.08) ? pick(random, ['\n', ' ', '\n\n', '\r\n', '\t']) : '';
  if (chance(random, 0.3)) return prefix + name(random) + suffix;
  const dash = chance(random, 0.95) ? '-' : '';
  const afterDash = chance(random, 0.97) ? '' : ' ';
  const gap = chance(random, 0.95) ? white(random) : '';
  const operatorValue = chance(random, 0.05) ? '' : value(random);
  const inner = chance(random, 0.03) ? `\n${value(random)}` : '';
  return `${prefix}${name(random)}${white(random)}${dash}${afterDash}${pick(random, chance(random, 0.85) ? OPERATORS : NOT_OPERATORS)}${gap}${operatorValue}${inner}${suffix}`;
}

function capabilities(random: Random): Record<string, string> {
  const entries: [string, string][] = Array.from({ length: Math.floor(random() * 6) }, () => [name(random), value(random)]);
  return Object.fromEntries(entries);
}

/** An agent as the sandbox stores it: the implicit capabilities and same-name duplicates already folded. */
function agent(random: Random): CapabilityHolder {
  return {
    name: chance(random, 0.5) ? pick(random, ['probe-1', 'PROBE-1', 'java']) : name(random),
    version: chance(random, 0.9) ? version(random) : '',
    systemCapabilities: storedCapabilities(capabilities(random)),
    userCapabilities: storedCapabilities(chance(random, 0.5) ? capabilities(random) : {}),
  };
}

type Parsed = { demand: string; operator: string; value?: string } | { refused: true };

function coreParse(text: string): Parsed {
  try {
    const demand = core.parseDemand(text);
    return { demand: demand.name, operator: demand.operator, ...('value' in demand && { value: demand.value }) };
  } catch (error) {
    assert.ok(error instanceof core.DemandParseError, `core threw ${String(error)} for ${JSON.stringify(text)}`);
    return { refused: true };
  }
}

function sandboxParse(text: string): Parsed {
  try {
    const demand = sandbox.parseDemand(text);
    const operator = demand.kind === 'minimumVersion' ? 'gtVersion' : demand.kind;
    return { demand: demand.name, operator, ...('value' in demand && { value: demand.value }) };
  } catch (error) {
    assert.ok(error instanceof sandbox.InvalidDemandError, `the sandbox threw ${String(error)} for ${JSON.stringify(text)}`);
    return { refused: true };
  }
}

interface Disagreement {
  case: number;
  what: string;
  input: unknown;
  core: unknown;
  sandbox: unknown;
}

describe('cross-check: core and the sandbox agree on demands', () => {
  it(`agree on ${CASES.toLocaleString('en')} seeded cases (seed ${SEED})`, () => {
    const random = randomSource(SEED);
    const disagreements: Disagreement[] = [];
    const disagree = (entry: Disagreement) => disagreements.push(entry);
    let texts = 0;
    let parsedBoth = 0;
    let refusedBoth = 0;
    let judged = 0;
    let satisfied = 0;

    for (let index = 0; index < CASES; index++) {
      const [left, right] = [version(random), version(random)];
      const [coreVersion, sandboxVersion] = [parseVersion(left) ?? null, parseAgentVersion(left) ?? null];
      if (JSON.stringify(coreVersion) !== JSON.stringify(sandboxVersion)) {
        disagree({ case: index, what: 'version reading', input: left, core: coreVersion, sandbox: sandboxVersion });
      }
      if (Math.sign(compareVersions(left, right)) !== Math.sign(compareAgentVersions(left, right))) {
        disagree({
          case: index,
          what: 'version order',
          input: [left, right],
          core: compareVersions(left, right),
          sandbox: compareAgentVersions(left, right),
        });
      }

      const holder = agent(random);
      const caseTexts = Array.from({ length: 1 + Math.floor(random() * 4) }, () => demandText(random));
      texts += caseTexts.length;
      const demands: [core.Demand, sandbox.Demand][] = [];
      for (const text of caseTexts) {
        const [fromCore, fromSandbox] = [coreParse(text), sandboxParse(text)];
        if (JSON.stringify(fromCore) !== JSON.stringify(fromSandbox)) {
          disagree({ case: index, what: 'parsing', input: text, core: fromCore, sandbox: fromSandbox });
        } else if ('refused' in fromCore) {
          refusedBoth++;
        } else {
          parsedBoth++;
          const pair: [core.Demand, sandbox.Demand] = [core.parseDemand(text), sandbox.parseDemand(text)];
          if (core.formatDemand(pair[0]) !== sandbox.formatDemand(pair[1])) {
            disagree({
              case: index,
              what: 'writing back',
              input: text,
              core: core.formatDemand(pair[0]),
              sandbox: sandbox.formatDemand(pair[1]),
            });
          }
          demands.push(pair);
        }
      }

      // The product reads the agent from the service: served system capabilities, user capabilities, version.
      const asRead = capabilitySet(servedSystemCapabilities(holder), holder.userCapabilities, holder.version);
      const asStored = effectiveCapabilities(holder);
      for (const [coreDemand, sandboxDemand] of demands) {
        const [byCore, bySandbox] = [core.satisfies(asRead, coreDemand), sandbox.satisfies(asStored, sandboxDemand)];
        judged++;
        if (byCore) satisfied++;
        if (byCore !== bySandbox) {
          disagree({
            case: index,
            what: 'matching',
            input: { agent: holder, demand: core.formatDemand(coreDemand) },
            core: byCore,
            sandbox: bySandbox,
          });
        }
      }
      const [allByCore, allBySandbox] = [
        core.satisfiesAll(
          asRead,
          demands.map(([coreDemand]) => coreDemand),
        ),
        sandbox.satisfiesAll(
          asStored,
          demands.map(([, sandboxDemand]) => sandboxDemand),
        ),
      ];
      if (allByCore !== allBySandbox) {
        disagree({ case: index, what: 'matching all', input: { agent: holder, texts: caseTexts }, core: allByCore, sandbox: allBySandbox });
      }
    }

    assert.deepEqual(
      disagreements.slice(0, 10),
      [],
      `${disagreements.length} disagreement(s), the first ones shown; replay with seed ${SEED} and the case number`,
    );
    console.log(
      `      ${texts} demand texts (${parsedBoth} demands, ${refusedBoth} refused by both), ${judged} judged, ${satisfied} satisfied`,
    );
    // The corpus must exercise both outcomes, or agreement would mean little.
    assert.ok(parsedBoth > texts / 2 && refusedBoth > texts / 10, `${parsedBoth} of ${texts} demand texts parsed, ${refusedBoth} refused`);
    assert.ok(satisfied > judged / 5 && satisfied < (judged * 4) / 5, `${satisfied} of ${judged} demands satisfied`);
  });
});
