import { strict as assert } from 'node:assert';
import { KedaUsageError } from '../../../core/keda/usage-error';
import { parseKedaVersion, receivedJobsRule } from '../../../core/keda/version';

describe('core/keda versions', () => {
  const cases: [string, number, number, string][] = [
    ['2.10.1', 10, 1, 'upTo2.19'],
    ['2.19', 19, 0, 'upTo2.19'],
    ['v2.19.3', 19, 3, 'upTo2.19'],
    ['2.20', 20, 0, 'v2.20'],
    ['2.20.1', 20, 1, 'v2.20'],
    [' 2.21.0 ', 21, 0, 'from2.21'],
    ['2.22.0-rc1', 22, 0, 'from2.21'],
  ];
  for (const [text, minor, patch, band] of cases) {
    it(`"${text}" → 2.${minor}.${patch}, band ${band}`, () => {
      const version = parseKedaVersion(text);
      assert.deepEqual([version.minor, version.patch, version.band], [minor, patch, band]);
    });
  }

  it('rejects what it cannot read, saying how to write it', () => {
    for (const text of ['', 'latest', '1.5', '2', '2.x']) {
      assert.throws(
        () => parseKedaVersion(text),
        (e: unknown) => e instanceof KedaUsageError && e.messageKey === 'keda.usage.versionUnreadable' && /2\.20\.1/.test(e.message),
        text,
      );
    }
  });

  it('accepts releases newer than the newest modelled one, and says so', () => {
    const modelled = parseKedaVersion('2.21.3');
    const newer = parseKedaVersion('2.22.0');
    const major = parseKedaVersion('v3.0');
    assert.deepEqual([modelled.newerThanModelled, newer.newerThanModelled, major.newerThanModelled], [false, true, true]);
    assert.deepEqual([newer.band, major.band], ['from2.21', 'from2.21']);
  });

  it('rejects releases older than the oldest modelled one', () => {
    assert.throws(
      () => parseKedaVersion('2.10.0'),
      (e: unknown) => e instanceof KedaUsageError && e.messageKey === 'keda.usage.versionTooOld' && e.message.includes('2.10.1'),
    );
  });

  it('tells which rule leaves received jobs out', () => {
    assert.deepEqual(
      [
        receivedJobsRule(parseKedaVersion('2.19'), false),
        receivedJobsRule(parseKedaVersion('2.20.1'), true),
        receivedJobsRule(parseKedaVersion('2.21'), true),
        receivedJobsRule(parseKedaVersion('2.21'), false),
      ],
      [undefined, 'v2.20', undefined, 'scaleOnInFlightFalse'],
    );
  });
});
