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
import { InputError, parseDemandLines, parseMinAgentVersion } from '../core/guard/inputs';
import { installPoolCheck, removePoolCheck, showPoolCheck, type PoolCheckClient } from '../core/guard/pool-check';
import { parsePoolCheckSettings } from '../core/guard/pool-check-inputs';
import {
  gateAlternative,
  installParagraphs,
  removeParagraphs,
  showParagraphs,
  type PoolCheckWording,
} from '../core/guard/pool-check-report';
import { inertJson } from '../core/model/plaintext';
import { renderFinding } from '../core/model/render';
import { EXIT, type CliIo } from './io';
import { text } from './text';

export const GATE_ACTIONS = ['install', 'show', 'remove'] as const;

/** The flags `gate` reads, as `main.ts` declares them. */
export interface GateFlags {
  project?: string;
  demand?: string[];
  'min-agent-version'?: string;
  connection?: string;
  'timeout-minutes'?: string;
  'retry-minutes'?: string;
  json?: boolean;
}

export async function runGateCommand(
  client: PoolCheckClient,
  action: string | undefined,
  pools: readonly string[],
  flags: GateFlags,
  io: CliIo,
  context: { organizationUrl: string; access: AccessContext },
): Promise<number> {
  if (!GATE_ACTIONS.includes(action as (typeof GATE_ACTIONS)[number])) throw new InputError('cli.gateAction', { value: action ?? '' });
  const project = flags.project?.trim();
  if (!project) throw new InputError('cli.flagMissing', { flag: '--project' });
  const demands = parseDemandLines((flags.demand ?? []).join('\n'));
  const minAgentVersion = parseMinAgentVersion(flags['min-agent-version']);
  const settings =
    action === 'install'
      ? parsePoolCheckSettings({
          demands,
          minAgentVersion,
          connection: flags.connection,
          timeoutMinutes: flags['timeout-minutes'],
          retryMinutes: flags['retry-minutes'],
          names: { connection: '--connection', timeoutMinutes: '--timeout-minutes', retryMinutes: '--retry-minutes' },
        })
      : undefined;
  const wording: PoolCheckWording = { format: 'text', organizationUrl: context.organizationUrl };
  const results: unknown[] = [];
  let exit: number = EXIT.ready;
  for (const pool of pools) {
    const target = { project, pool };
    try {
      if (action === 'install' && settings) {
        const result = await installPoolCheck(client, target, settings);
        results.push(result);
        if (!flags.json) io.out(installParagraphs(result, wording).join('\n\n'));
      } else if (action === 'remove') {
        const result = await removePoolCheck(client, target);
        results.push(result);
        if (!flags.json) io.out(removeParagraphs(result, wording).join('\n\n'));
      } else {
        const result = await showPoolCheck(client, target);
        results.push(result);
        const gate = gateAlternative(result.pool.name, { demands, minAgentVersion }, wording);
        if (!flags.json) io.out([...showParagraphs(result, wording), gate.intro, gate.yaml].join('\n\n'));
      }
    } catch (error) {
      exit = EXIT.error;
      if (error instanceof AdoError) {
        io.err(
          failureReport(pool, error, { demands }, context.access)
            .findings.map((finding) => renderFinding(finding, 'text'))
            .join('\n\n'),
        );
      } else if (error instanceof InputError) io.err(describeError(error, 'cli.internalError', text));
      else throw error;
    }
  }
  if (flags.json) io.out(inertJson(results.length === 1 ? results[0] : results, 2));
  return exit;
}
