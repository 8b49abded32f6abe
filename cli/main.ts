/**
 * `keda-pool-guard`: the guard's checks from a terminal. Exit codes: 0 nothing fails by `--fail-on`, 1 at
 * risk (with `--fail-on atRisk`), 2 blocked, 3 error (bad input, or a pool that could not be read, repaired
 * or swept). Each command's options come from the option table (`core/options.ts`).
 */
import { describeError, internalErrorDetails, isInternalError } from '../core/guard/errors';
import { reportJson } from '../core/guard/report';
import { runGuard, type GuardResult } from '../core/guard/run';
import { inertJson } from '../core/model/plaintext';
import { PRODUCT_VERSION } from '../core/product';
import { parseCommandLine, placeholderOptions, type CliCommand, type CommandLine } from './args';
import { commandHelp, mainHelp } from './help';
import { EXIT, type CliIo } from './io';
import { renderPoolTable } from './table';
import { connect, requiredOrganization, requiredPools } from './connect';
import { readGateCommand, runGateCommand } from './gate';
import { runKedaCommand } from './keda';
import { runSweepCommand } from './sweep';
import { text } from './text';
import { runWaitsCommand } from './waits';

export { PAT_VARIABLE } from './credentials';

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: CommandLine | undefined;
  try {
    args = parseCommandLine(argv);
    if (args.version) {
      io.out(text('cli.version', { version: PRODUCT_VERSION }));
      return EXIT.ready;
    }
    if (args.help || !args.command) {
      io.out(args.command ? commandHelp(args.command) : mainHelp());
      // Asked for, help is a success; a bare `keda-pool-guard` is a command line without its command.
      return args.help ? EXIT.ready : EXIT.error;
    }
    return await runCommand(args.command, args, io);
  } catch (error) {
    io.err(describeError(error, 'cli.internalError', text));
    // The stack of a bug of ours only when asked for: the message says how to ask.
    if (args?.has('debug') && isInternalError(error)) io.err(internalErrorDetails(error));
    return EXIT.error;
  }
}

async function runCommand(command: CliCommand, args: CommandLine, io: CliIo): Promise<number> {
  // `keda -f` may take the organization from the manifest.
  if (command === 'keda') return runKedaCommand(args, io);
  const organizationUrl = requiredOrganization(args, command);
  // Bad input is refused before any credential is looked for.
  if (command === 'gate') return runGateCommand(readGateCommand(args), args, io, () => connect(args, io, organizationUrl));
  const pools = requiredPools(args, command);
  const { client, access } = await connect(args, io, organizationUrl);
  if (command === 'sweep') return runSweepCommand(client, pools, args, io, access);
  if (command === 'waits') return runWaitsCommand(client, pools, args, io, access);

  const result = await runGuard(client, {
    pools,
    demands: args.read('demands'),
    // A dry run judges the pools, and shows the plan `repair` would follow.
    action: command === 'repair' && args.read('repairDryRun') ? 'check' : command,
    failOn: args.read('failOn'),
    waitThresholdMs: args.read('waitThreshold'),
    requireOnlineAgent: args.read('requireOnlineAgent'),
    minAgentVersion: args.read('minAgentVersion'),
    ...placeholderOptions(args),
    kedaScaled: args.read('kedaScaled'),
    placeholderCapabilities: args.read('placeholderCapabilities'),
    organizationUrl,
    access,
    face: 'cli',
  });
  io.out(args.read('json') ? inertJson(reportJson(result), 2) : renderPoolTable(result, command === 'repair'));
  return exitCode(result);
}

/** Non-zero only when the result fails by `--fail-on`, an error always. */
export function exitCode(result: GuardResult): number {
  if (result.errored || result.verdict === 'unknown') return EXIT.error;
  return result.fails ? EXIT[result.verdict] : EXIT.ready;
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
