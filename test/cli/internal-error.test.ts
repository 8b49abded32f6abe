/**
 * A bug of ours in the command line: said as such, with how to report it; its stack only with `--debug`.
 * The bug is planted in the network adapter (an answer whose headers cannot be read), below everything
 * that turns the service's failures into findings.
 */
import assert from 'node:assert/strict';
import { fetchTransport, type Transport } from '../../core/ado/transport';
import { runCli } from '../../cli/main';
import { startSandbox, type Sandbox } from '../../sandbox';
import { assertNoSecretLeaks, assertNoStackTrace } from '../support/clean-output';
import { DEMO } from '../support/tokens';

const withBug: Transport = async (request) => {
  const response = await fetchTransport(request);
  if (!request.url.includes('/agents')) return response;
  return {
    ...response,
    header: () => {
      throw new TypeError("Cannot read properties of undefined (reading 'get')");
    },
  };
};

describe('keda-pool-guard, an internal error', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ scenario: 'demo' });
  });
  after(() => sandbox.stop());

  async function run(...extra: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['check', '--org', sandbox.orgUrl('demo'), '--pool', 'keda-ready', ...extra], {
      env: { AZURE_DEVOPS_EXT_PAT: DEMO.adminPat },
      out: (text) => out.push(text),
      err: (text) => err.push(text),
      transport: withBug,
    });
    const output = { stdout: out.join('\n'), stderr: err.join('\n') };
    assertNoSecretLeaks(output);
    return { code, ...output };
  }

  it('exits 3 and says it is a bug of ours, to report with the output of --debug', async () => {
    const result = await run();
    assert.equal(result.code, 3);
    assert.equal(result.stdout, '');
    assert.match(
      result.stderr,
      /^KEDA Pool Guard stopped on an error in its own code \(`TypeError: Cannot read properties of undefined \(reading 'get'\)`\)/,
    );
    assert.match(
      result.stderr,
      /report it at `https:\/\/github\.com\/keda-pool-guard\/keda-pool-guard\/issues` with what the same command prints with `--debug`/,
    );
    assert.doesNotMatch(result.stderr, /organization URL|not the JSON|Azure DevOps failed/);
    assertNoStackTrace(result);
  });

  it('prints the stack with --debug', async () => {
    const result = await run('--debug');
    assert.equal(result.code, 3);
    const [message, details] = result.stderr.split('\n', 2);
    assert.match(message, /^KEDA Pool Guard stopped on an error in its own code/);
    assert.equal(details, "TypeError: Cannot read properties of undefined (reading 'get')");
    assert.match(result.stderr, /^\s+at .*core[/\\]ado[/\\]http\.ts:\d+:\d+/m);
  });
});
