/**
 * The sandbox's demand rules against the service's: the contract classes in actions/runner@18b5987
 * (src/Sdk/DTWebApi/WebApi/Demand.cs, DemandExists.cs, DemandEquals.cs, DemandMinimumVersion.cs), .NET's
 * `Version.TryParse` and `Int32.TryParse(NumberStyles.Integer)`, and the capability rules of Azure DevOps
 * Server 2022's `TaskAgentExtensions` (decompiled in mjwrona/decompiled). Each case names what it checks.
 */
import assert from 'node:assert/strict';
import { compareAgentVersions, parseAgentVersion, parseDotnetVersion } from '../../sandbox/agent-version';
import { effectiveCapabilities, servedSystemCapabilities, type CapabilityHolder } from '../../sandbox/capabilities';
import { formatDemand, InvalidDemandError, jobDemands, parseDemand, satisfies, type Demand } from '../../sandbox/demands';

function agent(fields: Partial<CapabilityHolder> = {}): CapabilityHolder {
  return { name: 'probe-1', version: '4.248.0', systemCapabilities: {}, userCapabilities: {}, ...fields };
}

const meets = (holder: CapabilityHolder, demand: string) => satisfies(effectiveCapabilities(holder), parseDemand(demand));

function fault(text: string): string | undefined {
  try {
    parseDemand(text);
    return undefined;
  } catch (error) {
    assert.ok(error instanceof InvalidDemandError);
    return error.fault;
  }
}

describe('sandbox demands: the rows of issue 14', () => {
  it('java -gtVersion 2.0.0 is not met by java=2.0: a missing component ranks below 0 (Version.CompareTo)', () => {
    assert.equal(meets(agent({ systemCapabilities: { java: '2.0' } }), 'java -gtVersion 2.0.0'), false);
    assert.equal(meets(agent({ systemCapabilities: { java: '2.0.0' } }), 'java -gtVersion 2.0'), true);
  });

  it('java -gtVersion abc is met by any java: CompareVersion ranks an unreadable minimum below everything', () => {
    for (const value of ['17', '1.0', 'abc', ''])
      assert.equal(meets(agent({ systemCapabilities: { java: value } }), 'java -gtVersion abc'), true, value);
    assert.equal(meets(agent(), 'java -gtVersion abc'), false, 'the capability must still exist');
  });

  it('java -gtVersion 1.0 is not met by an unreadable java', () => {
    assert.equal(meets(agent({ systemCapabilities: { java: 'seventeen' } }), 'java -gtVersion 1.0'), false);
  });

  it('java -Equals 17 is not a demand: Demand.TryParse compares opcodes case-sensitively', () => {
    assert.equal(fault('java -Equals 17'), 'notADemand');
    assert.equal(fault('java -GTVERSION 17'), 'notADemand');
    assert.deepEqual(parseDemand('java -equals 17'), { kind: 'equals', name: 'java', value: '17' });
  });

  it('Agent.Name -equals probe-1 matches the agent named probe-1: the name is an implicit capability', () => {
    assert.equal(meets(agent(), 'Agent.Name -equals probe-1'), true);
    assert.equal(meets(agent(), 'agent.name -equals PROBE-1'), true);
    assert.equal(meets(agent({ name: 'probe-2' }), 'Agent.Name -equals probe-1'), false);
  });

  it('Agent.Name and Agent.Version are derived from the agent (see agents-rest.test.ts for what a registration claims)', () => {
    const stored = agent({ version: '4.248.0', systemCapabilities: { java: '17' } });
    assert.deepEqual(servedSystemCapabilities(stored), { 'Agent.Name': 'probe-1', 'Agent.Version': '4.248.0', java: '17' });
    assert.equal(meets(stored, 'Agent.Version -gtVersion 4.248.0'), true);
    assert.equal(meets(stored, 'Agent.Version -gtVersion 4.248.1'), false);
    assert.deepEqual(servedSystemCapabilities(agent({ version: '' })), { 'Agent.Name': 'probe-1' }, 'no version, no Agent.Version');
  });
});

describe('sandbox demands: parsing as Demand.TryParse does', () => {
  const parsed: [string, Demand][] = [
    ['kubectl', { kind: 'exists', name: 'kubectl' }],
    ['-x', { kind: 'exists', name: '-x' }],
    ['kubectl\n', { kind: 'exists', name: 'kubectl' }],
    ['java -equals 17', { kind: 'equals', name: 'java', value: '17' }],
    ['java \t -equals \u00a0 17', { kind: 'equals', name: 'java', value: '17' }],
    ['Agent.OS -equals Windows NT ', { kind: 'equals', name: 'Agent.OS', value: 'Windows NT ' }],
    ['java -equals -17', { kind: 'equals', name: 'java', value: '-17' }],
    ['java -equals 17\r\n', { kind: 'equals', name: 'java', value: '17\r' }],
    ['java -equals \n17', { kind: 'equals', name: 'java', value: '17' }],
    ['java\u2003-gtVersion\u300017', { kind: 'minimumVersion', name: 'java', value: '17' }],
    ['a|b -equals <x> ##vso[x]', { kind: 'equals', name: 'a|b', value: '<x> ##vso[x]' }],
  ];
  for (const [text, demand] of parsed) {
    it(`reads ${JSON.stringify(text)}`, () => assert.deepEqual(parseDemand(text), demand));
  }

  const refused: [string, string, string][] = [
    ['', 'notADemand', 'no name'],
    [' java', 'notADemand', 'white space before the name'],
    ['java ', 'notADemand', 'white space after a bare name'],
    ['java\n\n', 'notADemand', '$ allows one final line feed only'],
    ['java -equals', 'notADemand', 'an operator without white space and value'],
    ['java -equals ', 'emptyValue', 'an operator with an empty value: DemandEquals throws'],
    ['java -gtVersion \t', 'emptyValue', 'white space only is no value'],
    ['java -equals 17\nmore', 'notADemand', '. stops at a line feed'],
    ['java - equals 17', 'notADemand', 'the opcode follows the dash directly'],
    ['java -startsWith 17', 'notADemand', 'an unknown opcode'],
    ['java -constructor 17', 'notADemand', 'an opcode is no object member'],
    ['java equals 17', 'notADemand', 'no dash'],
  ];
  for (const [text, expected, why] of refused) {
    it(`refuses ${JSON.stringify(text)}: ${why}`, () => assert.equal(fault(text), expected));
  }

  it('writes demands back as GetExpression does', () => {
    assert.deepEqual(
      ['kubectl', 'java  -equals   17', 'Agent.Version\t-gtVersion 3.232.1'].map((text) => formatDemand(parseDemand(text))),
      ['kubectl', 'java -equals 17', 'Agent.Version -gtVersion 3.232.1'],
    );
  });
});

describe('sandbox demands: matching', () => {
  const holder = agent({
    version: '3.240.1',
    systemCapabilities: { 'Agent.OS': 'Linux', java: '17.0.2-LTS', maven: 'yes', Café: 'Crème' },
    userCapabilities: { maven: 'no', Team: 'Platform' },
  });
  const cases: [string, boolean, string][] = [
    ['java', true, 'exists'],
    ['JAVA', true, 'names ignore case'],
    ['docker', false, 'absent'],
    ['agent.os -equals linux', true, 'values ignore case'],
    ['Agent.OS -equals Windows_NT', false, 'a different value'],
    ['maven -equals no', true, 'a user capability wins a name clash'],
    ['team -equals PLATFORM', true, 'user capabilities count'],
    ['CAFÉ -equals crème', true, 'letters beyond ASCII ignore case too'],
    ['java -gtVersion 17', true, 'at least, despite the name'],
    ['java -gtVersion 17.0.2', true, 'the -LTS suffix is cut'],
    ['java -gtVersion 17.1', false, 'older'],
    ['Agent.OS -gtVersion 1.0', false, 'an unreadable capability fails a readable minimum'],
    ['Agent.Version -gtVersion 3.240.1', true, 'equal versions'],
    ['Agent.Version -gtVersion 3.240.2', false, 'the implicit version is older'],
  ];
  for (const [demand, expected, why] of cases) {
    it(`${expected ? 'meets' : 'does not meet'} "${demand}": ${why}`, () => assert.equal(meets(holder, demand), expected));
  }
});

describe('sandbox demands: versions as Version.TryParse reads them', () => {
  const versions: [string, number[] | undefined][] = [
    ['1.2', [1, 2]],
    ['1.2.3', [1, 2, 3]],
    ['1.2.3.4', [1, 2, 3, 4]],
    ['1', undefined],
    ['1.2.3.4.5', undefined],
    ['1..2', undefined],
    ['1.2.', undefined],
    ['.1', undefined],
    ['01.002.0003', [1, 2, 3]],
    [' 1 .\t2\n', [1, 2]],
    ['+1.+2', [1, 2]],
    ['-0.1', [0, 1]],
    ['-1.2', undefined],
    ['+ 1.2', undefined],
    ['1.2\u0000', [1, 2]],
    ['1.2 \u0000\u0000', [1, 2]],
    ['1.2\u0000 ', undefined],
    ['1.2\u00a0', undefined],
    ['2147483647.0', [2147483647, 0]],
    ['2147483648.0', undefined],
    ['00000000000000000000001.0', [1, 0]],
    ['1.2a', undefined],
    ['１.２', undefined],
  ];
  for (const [text, expected] of versions) {
    it(`reads ${JSON.stringify(text)} as ${expected ? expected.join('.') : 'no version'}`, () =>
      assert.deepEqual(parseDotnetVersion(text), expected));
  }

  it('cuts at the first dash, unless the text starts with one (ParseVersion)', () => {
    assert.deepEqual(parseAgentVersion('17.0.2-LTS'), [17, 0, 2]);
    assert.deepEqual(parseAgentVersion('1.2-rc.1-x'), [1, 2]);
    assert.deepEqual(parseAgentVersion('1.2-'), [1, 2]);
    assert.deepEqual(parseAgentVersion('-0.5'), [0, 5]);
    assert.equal(parseAgentVersion('-1.5'), undefined);
    assert.equal(parseAgentVersion(''), undefined);
    assert.equal(parseAgentVersion(undefined), undefined);
  });

  it('orders versions as Version.CompareTo and CompareVersion do', () => {
    const ascending = ['junk', '1.0', '1.0.0', '1.0.0.0', '1.0.1', '1.1', '2.0-beta', '10.0'];
    for (let i = 0; i + 1 < ascending.length; i++) {
      assert.ok(compareAgentVersions(ascending[i], ascending[i + 1]) < 0, `${ascending[i]} < ${ascending[i + 1]}`);
      assert.ok(compareAgentVersions(ascending[i + 1], ascending[i]) > 0, `${ascending[i + 1]} > ${ascending[i]}`);
    }
    assert.equal(compareAgentVersions('2.0-beta', '2.0'), 0);
    assert.equal(compareAgentVersions('x', ''), 0, 'two unreadable versions are equal');
  });
});

describe('sandbox demands: a queued job', () => {
  it('keeps one of each demand and the highest agent version minimum, last (MaxAndRemove)', () => {
    const demands = ['Agent.Version -gtVersion 3.9', 'kubectl', 'KUBECTL', 'agent.version -gtVersion 4.0-rc', 'helm'].map(parseDemand);
    assert.deepEqual(jobDemands(demands, '3.232.1', '2.218.1').map(formatDemand), ['kubectl', 'helm', 'agent.version -gtVersion 4.0-rc']);
    assert.deepEqual(jobDemands(demands, '5.0', '2.218.1').map(formatDemand), ['kubectl', 'helm', 'Agent.Version -gtVersion 5.0']);
    assert.deepEqual(jobDemands([parseDemand('helm')], undefined, '2.218.1').map(formatDemand), [
      'helm',
      'Agent.Version -gtVersion 2.218.1',
    ]);
  });
});
