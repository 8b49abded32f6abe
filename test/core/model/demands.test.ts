import { strict as assert } from 'node:assert';
import { capabilitySet } from '../../../core/model/capabilities';
import {
  DEFAULT_MIN_AGENT_VERSION,
  DemandParseError,
  formatDemand,
  parseDemand,
  parseDemands,
  satisfies,
  satisfiesAll,
  unmetDemands,
  withImplicitAgentVersion,
  type Demand,
} from '../../../core/model/demands';
import { compareVersions, parseVersion } from '../../../core/model/version';
import { randomSource, randomString } from '../../support/random';

describe('demands: parsing the service grammar', () => {
  const valid: [string, Demand][] = [
    ['kubectl', { name: 'kubectl', operator: 'exists' }],
    ['java -equals 17', { name: 'java', operator: 'equals', value: '17' }],
    ['Agent.Version -gtVersion 2.182.1', { name: 'Agent.Version', operator: 'gtVersion', value: '2.182.1' }],
    ['Agent.OS -equals Windows NT', { name: 'Agent.OS', operator: 'equals', value: 'Windows NT' }],
    ['a -equals   spaced value  ', { name: 'a', operator: 'equals', value: 'spaced value  ' }],
    ['a\t-equals\tx', { name: 'a', operator: 'equals', value: 'x' }],
    ['kubectl\n', { name: 'kubectl', operator: 'exists' }],
    ['a -equals x\n', { name: 'a', operator: 'equals', value: 'x' }],
    ['a -equals\nx', { name: 'a', operator: 'equals', value: 'x' }],
    ['a\u00a0-equals\u2003x', { name: 'a', operator: 'equals', value: 'x' }],
    ['a\u0085-equals x', { name: 'a', operator: 'equals', value: 'x' }],
    ['名前 -equals 値', { name: '名前', operator: 'equals', value: '値' }],
    ['a-b.c_d -equals -x', { name: 'a-b.c_d', operator: 'equals', value: '-x' }],
  ];
  for (const [text, expected] of valid) {
    it(`parses ${JSON.stringify(text)}`, () => assert.deepEqual(parseDemand(text), expected));
  }

  const invalid: [string, string][] = [
    ['', 'empty'],
    ['   ', 'empty'],
    [' kubectl', 'malformed'],
    ['two words', 'malformed'],
    ['a\n\nb', 'malformed'],
    ['java -Equals 17', 'unknownOperator'],
    ['java -ne 17', 'unknownOperator'],
    ['java --equals 17', 'unknownOperator'],
    ['java -equals=17 x', 'unknownOperator'],
    ['java -equals', 'missingValue'],
    ['java -equals ', 'missingValue'],
    ['java -gtVersion \t', 'missingValue'],
    ['java -lt', 'unknownOperator'],
    ['a -equals x\ny', 'malformed'],
  ];
  for (const [text, kind] of invalid) {
    it(`rejects ${JSON.stringify(text)} (${kind})`, () => {
      assert.throws(
        () => parseDemand(text),
        (error: unknown) => error instanceof DemandParseError && error.problem.kind === kind && error.demand === text,
      );
    });
  }

  it('says in its message which demand is wrong and which forms are accepted', () => {
    const error = (() => {
      try {
        parseDemand('java -Equals 17');
      } catch (caught) {
        return caught as DemandParseError;
      }
      throw new Error('no error');
    })();
    assert.equal(error.name, 'DemandParseError');
    assert.match(error.message, /`java -Equals 17`/);
    assert.match(error.message, /`-Equals` is not an operator/);
    assert.match(error.message, /`name`, `name -equals value` or `name -gtVersion value`/);
  });

  it('parses lines as people type them: trimmed, blank lines skipped', () => {
    assert.deepEqual(parseDemands(['  helm ', '', 'java -equals 17', '\t']).map(formatDemand), ['helm', 'java -equals 17']);
  });
});

describe('demands: property tests on random input', () => {
  const alphabet = [
    'a',
    'B',
    '.',
    '_',
    '-',
    '-',
    ' ',
    ' ',
    '\t',
    '\n',
    '\r',
    '\u0085',
    '\u00a0',
    '\u2028',
    '\ufeff',
    'é',
    '😀',
    '\ud800',
    '=',
    '1',
    '9',
    'equals',
    'gtVersion',
    ' -equals ',
    ' -gtVersion ',
    '-Equals',
  ];

  it('never throws anything but DemandParseError, and every parse round-trips through formatDemand', () => {
    const random = randomSource(20240501);
    let parsed = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = randomString(random, alphabet, 12);
      let demand: Demand;
      try {
        demand = parseDemand(text);
      } catch (error) {
        assert.ok(error instanceof DemandParseError, `${JSON.stringify(text)} threw ${String(error)}`);
        assert.equal(error.demand, text);
        continue;
      }
      parsed++;
      assert.deepEqual(parseDemand(formatDemand(demand)), demand, `round trip of ${JSON.stringify(text)}`);
    }
    assert.ok(parsed > 500, `only ${parsed} random strings parsed: the generator is too hostile to test round trips`);
  });

  it('formats well-formed demands back to the same text', () => {
    const random = randomSource(7);
    const word = ['a', 'Z', '.', '_', '-', '1', 'é'];
    for (let i = 0; i < 2_000; i++) {
      const name = randomString(random, word, 8) || 'n';
      const value = (randomString(random, [...word, ' '], 8).trimStart() || 'v').replace(/^-/, 'v');
      const text = [name, `${name} -equals ${value}`, `${name} -gtVersion ${value}`][i % 3];
      assert.equal(formatDemand(parseDemand(text)), text);
    }
  });
});

describe('demands: matching against capabilities', () => {
  const agent = capabilitySet(
    { Java: '17', 'Agent.Version': '3.240.1', maven: '', 'Agent.OS': 'Linux', node: 'v20.11.0-custom', weird: 'abc' },
    { java: '21', gpu: 'true' },
    '3.240.1',
  );
  const table: [string, boolean][] = [
    ['java', true],
    ['JAVA', true],
    ['maven', true],
    ['docker', false],
    ['java -equals 21', true],
    ['java -equals 17', false],
    ['agent.os -equals LINUX', true],
    ['Agent.OS -equals Windows_NT', false],
    ['Agent.Version -gtVersion 3.240.1', true],
    ['Agent.Version -gtVersion 3.240', true],
    ['Agent.Version -gtVersion 3.240.2', false],
    ['Agent.Version -gtVersion 2.999.999', true],
    ['Agent.Version -gtVersion 10.0.0', false],
    ['Agent.Version -gtVersion 3.240.1-preview', true],
    ['weird -gtVersion 1.0', false],
    ['weird -gtVersion not-a-version', true],
    ['missing -gtVersion not-a-version', false],
    ['gpu', true],
  ];
  for (const [text, expected] of table) {
    it(`${expected ? 'satisfies' : 'fails'} ${text}`, () => assert.equal(satisfies(agent, parseDemand(text)), expected));
  }

  it('falls back to the agent version field when Agent.Version is not a capability', () => {
    const bare = capabilitySet(undefined, undefined, '2.210.1');
    assert.equal(satisfies(bare, parseDemand('Agent.Version -gtVersion 2.182.1')), true);
    assert.equal(satisfies(bare, parseDemand('Agent.Version -gtVersion 3.232.1')), false);
  });

  it('lets a user capability win over a system one of the same name, whatever the case', () => {
    assert.equal(satisfies(agent, parseDemand('JAVA -equals 21')), true);
  });

  it('names the demands an agent fails', () => {
    const demands = parseDemands(['helm', 'java -equals 21', 'Agent.Version -gtVersion 4.0.0']);
    assert.deepEqual(unmetDemands(agent, demands).map(formatDemand), ['helm', 'Agent.Version -gtVersion 4.0.0']);
    assert.equal(satisfiesAll(agent, demands.slice(1, 2)), true);
  });
});

describe('demands: versions as the service compares them', () => {
  const table: [string, string, number][] = [
    ['2.182.1', '2.182.1', 0],
    ['2.182.1', '2.182.10', -1],
    ['2.9.0', '2.10.0', -1],
    ['2.0', '2.0.0', -1],
    ['3.240.1-preview', '3.240.1', 0],
    [' 3 . 2 ', '3.2', 0],
    ['+3.2', '3.2', 0],
    ['1', '1.0', -1],
    ['1.2.3.4.5', '0.1', -1],
    ['x', 'y', 0],
    ['2147483648.0', '0.0', -1],
    // .NET's number parser accepts trailing NULs (Number.TrailingZeros); found by test/cross-check/demands.test.ts.
    ['3.2 \u0000', '3.2', 0],
    ['3.2\u0000 ', '3.2', -1],
  ];
  for (const [a, b, expected] of table) {
    it(`${a} vs ${b} → ${expected}`, () => {
      assert.equal(compareVersions(a, b), expected);
      assert.equal(compareVersions(b, a), -expected || 0);
    });
  }

  it('reads 2 to 4 numeric components', () => {
    assert.deepEqual(parseVersion('3.232.1'), [3, 232, 1]);
    assert.equal(parseVersion('3'), undefined);
    assert.equal(parseVersion('3.-1'), undefined);
  });
});

describe('demands: the implicit Agent.Version demand', () => {
  const format = (demands: Demand[]) => demands.map(formatDemand);

  it('adds the default minimum when the demands name none', () => {
    assert.deepEqual(format(withImplicitAgentVersion(parseDemands(['helm']))), [
      'helm',
      `Agent.Version -gtVersion ${DEFAULT_MIN_AGENT_VERSION}`,
    ]);
  });

  it('keeps a listed one, moved last as the service does, when no minimum is given', () => {
    const demands = parseDemands(['Agent.Version -gtVersion 2.182.1', 'kubectl']);
    assert.deepEqual(format(withImplicitAgentVersion(demands)), ['kubectl', 'Agent.Version -gtVersion 2.182.1']);
  });

  it('keeps only the highest when a minimum is given too', () => {
    const demands = parseDemands(['agent.version -gtVersion 2.182.1', 'kubectl']);
    assert.deepEqual(format(withImplicitAgentVersion(demands, '3.1.0')), ['kubectl', 'Agent.Version -gtVersion 3.1.0']);
    assert.deepEqual(format(withImplicitAgentVersion(demands, '2.0.0')), ['kubectl', 'Agent.Version -gtVersion 2.182.1']);
  });

  it('rejects a minimum that is not a version', () => {
    assert.throws(
      () => withImplicitAgentVersion([], 'latest'),
      (e: unknown) => e instanceof DemandParseError && e.problem.kind === 'invalidVersion',
    );
  });
});
