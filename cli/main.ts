/**
 * `keda-pool-guard`: the guard's checks from a terminal. Exit codes: 0 ready, 1 at risk, 2 blocked,
 * 3 error (bad input, or a pool that could not be read, repaired or swept).
 */
import { parseArgs } from 'node:util';
import { RestAdoClient } from '../core/ado/client';
import { describeError, internalErrorDetails, isInternalError } from '../core/guard/errors';
import * as inputs from '../core/guard/inputs';
import { reportJson } from '../core/guard/report';
import { runGuard, type GuardResult } from '../core/guard/run';
import { inertJson } from '../core/model/plaintext';
import { userAgent } from '../core/product';
import { readCertificates } from '../node/certificates';
import { nodeTransport } from '../node/transport';
import { EXIT, type CliIo } from './io';
import { cliCredentials, PAT_VARIABLE, TOKEN_VARIABLE } from './credentials';
import { cliNetwork } from './network';
import { renderPoolTable } from './table';
import { runKedaView } from './keda';
import { runGateCommand } from './gate';
import { runSweepCommand } from './sweep';
import { text } from './text';

export { PAT_VARIABLE } from './credentials';

const OPTIONS = {
  org: { type: 'string' },
  pool: { type: 'string', multiple: true },
  demand: { type: 'string', multiple: true },
  'min-agent-version': { type: 'string' },
  'placeholder-name': { type: 'string' },
  'placeholder-capability': { type: 'string', multiple: true },
  'require-online-agent': { type: 'boolean' },
  'keda-scaled': { type: 'boolean' },
  'fail-on': { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  proxy: { type: 'string' },
  'no-proxy': { type: 'string' },
  'ca-file': { type: 'string' },
  'token-from-az': { type: 'boolean' },
  // `repair` only.
  'dry-run': { type: 'boolean' },
  // `sweep` only.
  'older-than': { type: 'string' },
  yes: { type: 'boolean' },
  // `keda` only: the trigger's metadata, named as in the ScaledJob's YAML.
  parent: { type: 'string' },
  demands: { type: 'string' },
  'require-all-demands': { type: 'boolean' },
  'require-all-demands-and-ignore-others': { type: 'boolean' },
  'case-insensitive-demands': { type: 'boolean' },
  'jobs-to-fetch': { type: 'string' },
  'fetch-unfinished-jobs-only': { type: 'boolean' },
  'scale-on-in-flight': { type: 'string' },
  'keda-version': { type: 'string' },
  // `gate` only.
  project: { type: 'string' },
  connection: { type: 'string' },
  'timeout-minutes': { type: 'string' },
  'retry-minutes': { type: 'string' },
} as const;

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's own sentence ends with a full stop, and the template adds one.
    const problem = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
    io.err(text('cli.badArguments', { problem }));
    return EXIT.error;
  }
  const { values, positionals } = parsed;
  const [command = 'help'] = positionals;
  if (values.help || command === 'help') {
    io.out(text('cli.usage', { variable: PAT_VARIABLE, tokenVariable: TOKEN_VARIABLE, olderThan: `${inputs.DEFAULT_STALE_AFTER_HOURS}h` }));
    return values.help || positionals.length > 0 ? EXIT.ready : EXIT.error;
  }
  try {
    if (command !== 'check' && command !== 'repair' && command !== 'keda' && command !== 'sweep' && command !== 'gate')
      throw new inputs.InputError('cli.unknownCommand', { value: command });
    if (values['dry-run'] && command !== 'repair') throw new inputs.InputError('cli.dryRunOnlyForRepair', {});
    const organizationUrl = inputs.parseOrganizationUrl(required(values.org, '--org'));
    const pools = inputs.parsePoolNames((values.pool ?? []).join('\n'));
    const timeoutMs = inputs.parseTimeoutSeconds(values.timeout ?? '') * 1000;
    const { credentials, access } = await cliCredentials(values['token-from-az'] ?? false, io.env, timeoutMs);
    const network = cliNetwork(values, io.env);
    const client = new RestAdoClient({
      orgUrl: organizationUrl,
      credentials,
      timeoutMs,
      userAgent: userAgent('cli'),
      transport: io.transport ?? nodeTransport({ proxy: network.proxy, tls: readCertificates(network.certificates) }),
      clock: io.clock,
    });
    if (command === 'keda') return await runKedaView(client, pools, values, io, access);
    if (command === 'sweep') return await runSweepCommand(client, pools, values, io, access);
    if (command === 'gate') return await runGateCommand(client, positionals[1], pools, values, io, { organizationUrl, access });

    const result = await runGuard(client, {
      pools,
      demands: inputs.parseDemandLines((values.demand ?? []).join('\n')),
      // A dry run judges the pools, and shows the plan `repair` would follow.
      action: values['dry-run'] ? 'check' : command,
      failOn: inputs.parseFailOn(values['fail-on'] ?? ''),
      requireOnlineAgent: values['require-online-agent'] ?? false,
      minAgentVersion: inputs.parseMinAgentVersion(values['min-agent-version']),
      placeholderName: inputs.parsePlaceholderName(values['placeholder-name'] ?? values.parent ?? ''),
      parent: inputs.parseParent(values.parent),
      kedaScaled: values['keda-scaled'] ?? false,
      placeholderCapabilities: inputs.parseCapabilityLines((values['placeholder-capability'] ?? []).join('\n')),
      organizationUrl,
      access,
    });
    io.out(values.json ? inertJson(reportJson(result), 2) : renderPoolTable(result, command === 'repair'));
    return exitCode(result);
  } catch (error) {
    io.err(describeError(error, 'cli.internalError', text));
    // The stack of a bug of ours only when asked for: the message says how to ask.
    if (values.debug && isInternalError(error)) io.err(internalErrorDetails(error));
    return EXIT.error;
  }
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new inputs.InputError('cli.flagMissing', { flag });
  return value;
}

export function exitCode(result: GuardResult): number {
  return result.errored || result.verdict === 'unknown' ? EXIT.error : EXIT[result.verdict];
}

if (require.main === module) {
  // runCli settles every failure itself into an exit code; it never rejects.
  void runCli(process.argv.slice(2), {
    env: process.env,
    out: (text) => process.stdout.write(text + '\n'),
    err: (text) => process.stderr.write(text + '\n'),
  }).then((code) => {
    process.exitCode = code;
  });
}
