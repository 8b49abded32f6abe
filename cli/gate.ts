/**
 * `keda-pool-guard gate install|show|remove`: the pool check on the project's agent queue for each pool,
 * which holds back every stage that uses the pool while no registered agent can take its jobs (an Invoke
 * REST API check; see `core/model/pool-check.ts`). `show` also prints the agentless gate's YAML, the
 * same guard as a job of the pipeline. Exit codes: 0 done, 3 an error (bad input, or a pool or queue that
 * could not be read or changed).
 */
import { AdoError } from '../core/ado/errors';
import { describeError } from '../core/guard/errors';
import { failureReport, type AccessContext } from '../core/guard/failures';
import { InputError } from '../core/guard/inputs';
import { installPoolCheck, removePoolCheck, showPoolCheck, type GateAction, type PoolCheckClient } from '../core/guard/pool-check';
import { parsePoolCheckSettings } from '../core/guard/pool-check-inputs';
import { failedGatePoolJson, gatePoolJson, gateReportJson, type GatePoolJson, type GatePoolResult } from '../core/guard/pool-check-json';
import {
  gateAlternative,
  installParagraphs,
  removeParagraphs,
  showParagraphs,
  type PoolCheckWording,
} from '../core/guard/pool-check-report';
import type { PoolCheckSettings } from '../core/model/pool-check';
import { inertJson } from '../core/model/plaintext';
import { renderFinding } from '../core/model/render';
import { findingJson, type FindingJson } from '../core/guard/report';
import { flagOf, helpCommand, type CommandLine } from './args';
import { requiredPools, type Connection } from './connect';
import { EXIT, type CliIo } from './io';
import { text } from './text';

/** What `gate` was asked to do, checked before anything is called; `install` with the check to install. */
export type GateCommand = {
  project: string;
  pools: readonly string[];
  demands: readonly string[];
  minAgentVersion?: string;
} & ({ action: 'install'; settings: PoolCheckSettings } | { action: Exclude<GateAction, 'install'> });

export function readGateCommand(args: CommandLine): GateCommand {
  // The command line checked it against `SUBCOMMANDS.gate`.
  const action = args.subcommand as GateAction;
  const project = args.read('project');
  if (!project) throw new InputError('cli.flagMissing', { flag: flagOf('project'), help: helpCommand('gate') });
  const pools = requiredPools(args, 'gate');
  const demands = args.read('demands');
  const minAgentVersion = args.read('minAgentVersion');
  const job = { project, pools, demands, minAgentVersion };
  if (action !== 'install') return { ...job, action };
  const settings = parsePoolCheckSettings({
    demands,
    minAgentVersion,
    connection: args.read('checkConnection'),
    timeoutMinutes: args.read('checkTimeoutMinutes'),
    retryMinutes: args.read('checkRetryMinutes'),
    names: {
      connection: flagOf('checkConnection'),
      timeoutMinutes: flagOf('checkTimeoutMinutes'),
      retryMinutes: flagOf('checkRetryMinutes'),
    },
  });
  return { ...job, action, settings };
}

export async function runGateCommand(gate: GateCommand, args: CommandLine, io: CliIo, connect: () => Promise<Connection>): Promise<number> {
  const { project, pools, demands, minAgentVersion } = gate;
  const { client, access, organizationUrl } = await connect();
  const json = args.read('json');
  const wording: PoolCheckWording = { format: 'text', organizationUrl };
  const results: GatePoolJson[] = [];
  for (const pool of pools) {
    try {
      const done = await gatePool(client, gate, { project, pool });
      results.push(gatePoolJson(pool, done));
      if (!json) io.out(paragraphs(done, { demands, minAgentVersion }, wording).join('\n\n'));
    } catch (error) {
      const failure = describeFailure(pool, error, demands, access);
      results.push(failedGatePoolJson(pool, project, failure.findings));
      if (!json) io.err(failure.text);
    }
  }
  const report = gateReportJson(gate.action, results);
  if (json) io.out(inertJson(report, 2));
  return report.errored ? EXIT.error : EXIT.ready;
}

async function gatePool(client: PoolCheckClient, gate: GateCommand, target: { project: string; pool: string }): Promise<GatePoolResult> {
  if (gate.action === 'install') return { action: 'install', result: await installPoolCheck(client, target, gate.settings) };
  if (gate.action === 'remove') return { action: 'remove', result: await removePoolCheck(client, target) };
  return { action: 'show', result: await showPoolCheck(client, target) };
}

function paragraphs(
  done: GatePoolResult,
  job: { demands: readonly string[]; minAgentVersion?: string },
  wording: PoolCheckWording,
): string[] {
  if (done.action === 'install') return installParagraphs(done.result, wording);
  if (done.action === 'remove') return removeParagraphs(done.result, wording);
  // `show` also prints the agentless gate's YAML: the same guard as a job of the pipeline.
  const gate = gateAlternative(done.result.pool.name, job, wording);
  return [...showParagraphs(done.result, wording), gate.intro, gate.yaml];
}

/** Why a pool failed, for the terminal and for `--json`; a bug of ours goes on to the command's handler. */
function describeFailure(
  pool: string,
  error: unknown,
  demands: readonly string[],
  access: AccessContext,
): { text: string; findings: FindingJson[] } {
  if (error instanceof AdoError) {
    const { findings } = failureReport(pool, error, { demands }, access);
    return {
      text: findings.map((finding) => renderFinding(finding, 'text')).join('\n\n'),
      findings: findings.map((finding) => findingJson(finding)),
    };
  }
  if (error instanceof InputError) {
    const message = describeError(error, 'cli.internalError', text);
    return { text: message, findings: [{ code: error.key, severity: 'error', message }] };
  }
  throw error;
}
