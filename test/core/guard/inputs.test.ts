import assert from 'node:assert/strict';
import * as inputs from '../../../core/guard/inputs';
import { parseWaitThreshold } from '../../../core/guard/wait-threshold';
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
    assert.match(
      problem(() => inputs.parsePoolNames(' ,\n ')),
      /No agent pool was given/,
    );
    const many = Array.from({ length: 51 }, (_, i) => `pool-${i}`).join('\n');
    assert.match(
      problem(() => inputs.parsePoolNames(many)),
      /51 pools were given; at most 50/,
    );
  });

  it('validates each demand line and names the bad one', () => {
    assert.deepEqual(inputs.parseDemandLines('kubectl\n Agent.OS -equals Linux \n\n'), ['kubectl', 'Agent.OS -equals Linux']);
    assert.match(
      problem(() => inputs.parseDemandLines('kubectl\njava -lt 17')),
      /Demand `java -lt 17` is not valid/,
    );
  });

  it('refuses a minimum agent version that is no version, in a demand or on its own', () => {
    assert.deepEqual(inputs.parseDemandLines('Agent.Version -gtVersion 3.240.0'), ['Agent.Version -gtVersion 3.240.0']);
    for (const version of ['latest', '1..2', '99999999999.1', '3']) {
      assert.match(
        problem(() => inputs.parseDemandLines(`kubectl\nAgent.Version -gtVersion ${version}`)),
        /the minimum agent version must be numbers/,
        version,
      );
      assert.match(
        problem(() => inputs.parseMinAgentVersion(version)),
        new RegExp(`Demand \`Agent\\.Version -gtVersion ${version.replace(/\./g, '\\.')}\` is not valid`),
      );
    }
    assert.equal(inputs.parseMinAgentVersion(' 3.232.1 '), '3.232.1');
    assert.equal(inputs.parseMinAgentVersion(undefined), undefined);
  });

  it('takes a token as pasted, trimmed, and refuses one no header could carry, without showing it', () => {
    assert.equal(inputs.parseToken(' abc123==\n', 'AZURE_DEVOPS_EXT_PAT'), 'abc123==');
    assert.equal(inputs.parseToken('', 'AZURE_DEVOPS_EXT_PAT'), '');
    for (const token of ['abc\ndef', 'abc def', 'tökén']) {
      const message = problem(() => inputs.parseToken(token, 'AZURE_DEVOPS_EXT_PAT'));
      assert.match(message, /^The token from `AZURE_DEVOPS_EXT_PAT` holds/);
      assert.ok(!message.includes(token), message);
    }
  });

  it('reads name=value capability lines, values may hold =', () => {
    assert.deepEqual(inputs.parseCapabilityLines('kubectl=/usr/bin/kubectl\n opts = a=b \n'), { kubectl: '/usr/bin/kubectl', opts: 'a=b' });
    assert.match(
      problem(() => inputs.parseCapabilityLines('kubectl')),
      /Capability line `kubectl` is not `name=value`/,
    );
    assert.match(
      problem(() => inputs.parseCapabilityLines('=value')),
      /is not `name=value`/,
    );
  });

  it('accepts the documented choices case-insensitively and defaults the empty ones', () => {
    assert.equal(inputs.parseAction(''), 'check');
    assert.equal(inputs.parseAction('Repair'), 'repair');
    assert.equal(inputs.parseFailOn('atrisk'), 'atRisk');
    assert.equal(inputs.parseAction(' SWEEP '), 'sweep');
    assert.match(
      problem(() => inputs.parseAction('delete')),
      /Action `delete` is not known. Use one of `check`, `repair`, `sweep`/,
    );
  });

  it('takes the sweep’s age in hours (task) or with a unit (CLI), above 0 and at most a year', () => {
    assert.equal(inputs.parseStaleAfterHours(''), 24);
    assert.equal(inputs.parseStaleAfterHours(' 0.5 '), 0.5);
    assert.equal(inputs.parseStaleAfterHours('8760'), 8760);
    for (const bad of ['0', '0.0', '-1', '8761', '1e3', '24h', 'day', '.5']) {
      assert.match(
        problem(() => inputs.parseStaleAfterHours(bad)),
        /is not a number of hours above 0 and at most 8760/,
        bad,
      );
    }
    assert.equal(inputs.parseOlderThan(''), 24);
    assert.equal(inputs.parseOlderThan('90m'), 1.5);
    assert.equal(inputs.parseOlderThan('24h'), 24);
    assert.equal(inputs.parseOlderThan(' 2D '), 48);
    assert.equal(inputs.parseOlderThan('365d'), 8760);
    for (const bad of ['0m', '24', '2w', '-1h', '366d', 'h', '1.5.1h']) {
      assert.match(
        problem(() => inputs.parseOlderThan(bad)),
        /is not a duration above 0 and at most 365 days/,
        bad,
      );
    }
  });

  it('deletes only for an explicit false: an empty or mistyped dryRun is refused or stays a dry run', () => {
    assert.equal(inputs.parseDryRun(''), true);
    assert.equal(inputs.parseDryRun('True'), true);
    assert.equal(inputs.parseDryRun(' FALSE '), false);
    for (const bad of ['flase', 'no', '0', 'yes'])
      assert.match(
        problem(() => inputs.parseDryRun(bad)),
        /is neither `true` nor `false`/,
        bad,
      );
  });

  it('takes a time-out from 1 second to an hour', () => {
    assert.equal(inputs.parseTimeoutSeconds(''), 60);
    assert.equal(inputs.parseTimeoutSeconds(' 90 '), 90);
    for (const bad of ['0', '-5', '3601', '1.5', '1e3', 'soon']) {
      assert.match(
        problem(() => inputs.parseTimeoutSeconds(bad)),
        /is not a whole number of seconds from 1 to 3600/,
        bad,
      );
    }
  });

  it('reads the longest acceptable wait in whole seconds up to a day, none when empty', () => {
    assert.equal(parseWaitThreshold(''), undefined);
    assert.equal(parseWaitThreshold(' 90 '), 90_000);
    assert.equal(parseWaitThreshold('86400'), 86_400_000);
    for (const bad of ['0', '-5', '86401', '1.5', '2m', 'soon']) {
      assert.match(
        problem(() => parseWaitThreshold(bad)),
        /is not a whole number of seconds from 1 to 86400/,
        bad,
      );
    }
  });

  it('refuses agent names the service would refuse', () => {
    assert.equal(inputs.parsePlaceholderName(''), 'keda-placeholder');
    assert.equal(inputs.parsePlaceholderName('dotnet60-keda-template'), 'dotnet60-keda-template');
    for (const bad of ['a/b', 'x'.repeat(65), 'tab\there', 'a"b']) {
      assert.match(
        problem(() => inputs.parsePlaceholderName(bad)),
        /is not a valid agent name/,
      );
    }
  });

  it('normalises organization URLs and refuses a project path', () => {
    assert.equal(inputs.parseOrganizationUrl('https://dev.azure.com/contoso/'), 'https://dev.azure.com/contoso');
    assert.equal(inputs.parseOrganizationUrl('https://contoso.visualstudio.com/'), 'https://contoso.visualstudio.com');
    assert.equal(inputs.parseOrganizationUrl('https://tfs.example/tfs/DefaultCollection'), 'https://tfs.example/tfs/DefaultCollection');
    assert.match(
      problem(() => inputs.parseOrganizationUrl('https://dev.azure.com/contoso/web/_build')),
      /Give the organization alone: `https:\/\/dev.azure.com\/contoso`/,
    );
    assert.match(
      problem(() => inputs.parseOrganizationUrl('https://dev.azure.com/')),
      /names no organization/,
    );
    for (const bad of [
      'dev.azure.com/contoso',
      'ftp://x/y',
      'https://user:pw@dev.azure.com/contoso',
      'https://dev.azure.com/contoso?x=1',
    ]) {
      assert.match(
        problem(() => inputs.parseOrganizationUrl(bad)),
        /Organization URL/,
        bad,
      );
    }
  });

  it('never fails on random input with anything but its own errors', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = 'ab =,-\n\r\t/:.@%[]#;`"\'\\\u00e9\u4e2d\u0000';
    const random = () => Array.from({ length: Math.floor(next() * 30) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    const parsers = [
      inputs.parsePoolNames,
      inputs.parseDemandLines,
      inputs.parseCapabilityLines,
      inputs.parseAction,
      inputs.parseFailOn,
      inputs.parseTimeoutSeconds,
      inputs.parsePlaceholderName,
      inputs.parseOrganizationUrl,
      inputs.parseStaleAfterHours,
      inputs.parseOlderThan,
      inputs.parseDryRun,
      parseWaitThreshold,
    ];
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
