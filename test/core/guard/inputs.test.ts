import assert from 'node:assert/strict';
import * as inputs from '../../../core/guard/inputs';
import { DemandParseError } from '../../../core/model/demands';
import { formatMessage } from '../../../core/model/render';

const problem = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof inputs.InputError) return formatMessage(error.key, error.params, 'text');
    if (error instanceof DemandParseError) return error.message;
    throw error;
  }
  assert.fail('expected an input error');
};

describe('guard inputs', () => {
  it('reads pool names one a line or comma-separated, trimmed, each once', () => {
    assert.deepEqual(inputs.parsePoolNames(' keda-a, keda-b\r\nKEDA-A\n\n  keda c  '), ['keda-a', 'keda-b', 'keda c']);
    assert.match(problem(() => inputs.parsePoolNames(' ,\n ')), /No agent pool was given/);
    const many = Array.from({ length: 51 }, (_, i) => `pool-${i}`).join('\n');
    assert.match(problem(() => inputs.parsePoolNames(many)), /51 pools were given; at most 50/);
  });

  it('validates each demand line and names the bad one', () => {
    assert.deepEqual(inputs.parseDemandLines('kubectl\n Agent.OS -equals Linux \n\n'), ['kubectl', 'Agent.OS -equals Linux']);
    assert.match(problem(() => inputs.parseDemandLines('kubectl\njava -lt 17')), /Demand `java -lt 17` is not valid/);
  });

  it('reads name=value capability lines, values may hold =', () => {
    assert.deepEqual(inputs.parseCapabilityLines('kubectl=/usr/bin/kubectl\n opts = a=b \n'), { kubectl: '/usr/bin/kubectl', opts: 'a=b' });
    assert.match(problem(() => inputs.parseCapabilityLines('kubectl')), /Capability line `kubectl` is not `name=value`/);
    assert.match(problem(() => inputs.parseCapabilityLines('=value')), /is not `name=value`/);
  });

  it('accepts the documented choices case-insensitively and defaults the empty ones', () => {
    assert.equal(inputs.parseAction(''), 'check');
    assert.equal(inputs.parseAction('Repair'), 'repair');
    assert.equal(inputs.parseFailOn('atrisk'), 'atRisk');
    assert.match(problem(() => inputs.parseAction('delete')), /Action `delete` is not known. Use one of `check`, `repair`/);
  });

  it('takes a time-out from 1 second to an hour', () => {
    assert.equal(inputs.parseTimeoutSeconds(''), 60);
    assert.equal(inputs.parseTimeoutSeconds(' 90 '), 90);
    for (const bad of ['0', '-5', '3601', '1.5', '1e3', 'soon']) {
      assert.match(problem(() => inputs.parseTimeoutSeconds(bad)), /is not a whole number of seconds from 1 to 3600/, bad);
    }
  });

  it('refuses agent names the service would refuse', () => {
    assert.equal(inputs.parsePlaceholderName(''), 'keda-placeholder');
    assert.equal(inputs.parsePlaceholderName('dotnet60-keda-template'), 'dotnet60-keda-template');
    for (const bad of ['a/b', 'x'.repeat(65), 'tab\there', 'a"b']) {
      assert.match(problem(() => inputs.parsePlaceholderName(bad)), /is not a valid agent name/);
    }
  });

  it('normalises organization URLs and refuses a project path', () => {
    assert.equal(inputs.parseOrganizationUrl('https://dev.azure.com/contoso/'), 'https://dev.azure.com/contoso');
    assert.equal(inputs.parseOrganizationUrl('https://contoso.visualstudio.com/'), 'https://contoso.visualstudio.com');
    assert.equal(inputs.parseOrganizationUrl('https://tfs.example/tfs/DefaultCollection'), 'https://tfs.example/tfs/DefaultCollection');
    assert.match(problem(() => inputs.parseOrganizationUrl('https://dev.azure.com/contoso/web/_build')), /Give the organization alone: `https:\/\/dev.azure.com\/contoso`/);
    for (const bad of ['dev.azure.com/contoso', 'ftp://x/y', 'https://user:pw@dev.azure.com/contoso', 'https://dev.azure.com/contoso?x=1']) {
      assert.match(problem(() => inputs.parseOrganizationUrl(bad)), /Organization URL/, bad);
    }
  });

  it('never fails on random input with anything but its own errors', () => {
    let seed = 42;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = 'ab =,-\n\r\t/:.@%[]#;`"\'\\\u00e9\u4e2d\u0000';
    const random = () => Array.from({ length: Math.floor(next() * 30) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    const parsers = [inputs.parsePoolNames, inputs.parseDemandLines, inputs.parseCapabilityLines, inputs.parseAction, inputs.parseFailOn, inputs.parseTimeoutSeconds, inputs.parsePlaceholderName, inputs.parseOrganizationUrl];
    for (let i = 0; i < 2_000; i++) {
      const parse = parsers[i % parsers.length];
      try {
        parse(random());
      } catch (error) {
        assert.ok(error instanceof inputs.InputError || error instanceof DemandParseError, `${parse.name}: ${String(error)}`);
      }
    }
  });
});
