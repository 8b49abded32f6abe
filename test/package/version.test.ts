import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { nextVersion, productVersion, taskVersion, VERSIONED_FILES } from '../../scripts/version';

describe('one version, kept in package.json', () => {
  it('is the same in package.json, vss-extension.json, both task.json and the User-Agent (run `npm run bump` to change it)', () => {
    const text = (file: string) => readFileSync(path.join(__dirname, '..', '..', file), 'utf8');
    const read = (file: string) => JSON.parse(text(file));
    const version = read(VERSIONED_FILES.packageJson).version;
    assert.equal(read(VERSIONED_FILES.manifest).version, version);
    assert.deepEqual(read(VERSIONED_FILES.task).version, taskVersion(version));
    assert.deepEqual(read(VERSIONED_FILES.gate).version, taskVersion(version));
    assert.equal(productVersion(text(VERSIONED_FILES.product)), version);
    assert.equal(taskVersion(version).Major, 1, 'the tasks stay KedaPoolGuard@1 and KedaPoolGate@1');
  });

  it('bumps by part or to a given version, and refuses anything else', () => {
    assert.equal(nextVersion('1.2.3', 'patch'), '1.2.4');
    assert.equal(nextVersion('1.2.3', 'minor'), '1.3.0');
    assert.equal(nextVersion('1.2.3', 'major'), '2.0.0');
    assert.equal(nextVersion('1.2.3', '1.4.0'), '1.4.0');
    assert.throws(() => nextVersion('1.2.3', 'next'), /"next" is not patch, minor, major or a version/);
  });
});
