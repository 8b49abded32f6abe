import { line, type Command, type Line } from './findings';
import type { PlaceholderProposal } from './placeholder';
import { singleLine } from './plaintext';

/** Who prints a fix: the pipeline task (a step to add), the command line (a command), the hub (its buttons). */
export type Face = 'task' | 'cli' | 'hub';

/** What fixes need to know to be copy-paste ready. */
export interface GuidanceContext {
  pool: string;
  poolId: number;
  /** Used in commands; without it they read `$AZP_URL`, as Microsoft's agent container script does. */
  organizationUrl?: string;
  markerCapability: string;
  face: Face;
  /** The settings the guard ran with, so that a command it proposes acts on the same terms. */
  run: {
    demands: readonly string[];
    minAgentVersion?: string;
    /** Only when it is not what the guard would pick by itself (the default, or the `parent`). */
    placeholderName?: string;
    parent?: string;
    kedaScaled?: boolean;
    /** Only when it is not the default. */
    staleAfterHours?: number;
  };
}

// Names come from the service and may hold anything; quoted, they stay one argument in a shell.
function shellQuote(value: string): string {
  return `'${singleLine(value).replace(/'/g, `'\\''`)}'`;
}

/** Registers (or, with `--replace`, refreshes) an agent without running it; keeps its user capabilities. */
function configShCommand(context: GuidanceContext, agentName: string): Command {
  const url = context.organizationUrl ? shellQuote(context.organizationUrl) : '"$AZP_URL"';
  return {
    language: 'sh',
    text:
      `./config.sh --unattended --url ${url} --auth pat --token "$AZP_TOKEN"` +
      ` --pool ${shellQuote(context.pool)} --agent ${shellQuote(agentName)} --replace`,
  };
}

/** The task step that makes a change in the pool; `inputs` are YAML lines beside `pools` and `connection`. */
function taskCommand(pool: string, inputs: readonly string[]): Command {
  // A JSON string is a valid YAML double-quoted scalar, whatever the pool name holds.
  const text = [
    '- task: KedaPoolGuard@1',
    '  inputs:',
    `    pools: ${JSON.stringify(singleLine(pool))}`,
    ...inputs.map((input) => `    ${input}`),
    '    connection: <your Azure DevOps connection>',
  ];
  return { language: 'yaml', text: text.join('\n') };
}

/**
 * The command line that does what the guard proposes, on the same terms: the pool, and every setting the
 * check ran with, flags spelled as the option table spells them.
 */
function cliCommand(context: GuidanceContext, command: 'repair' | 'sweep', extra: readonly string[]): Command {
  const { run } = context;
  const url = context.organizationUrl ? shellQuote(context.organizationUrl) : '"$AZP_URL"';
  const words = [
    `keda-pool-guard ${command} --org ${url} --pool ${shellQuote(context.pool)}`,
    ...run.demands.map((demand) => `--demand ${shellQuote(demand)}`),
    ...(run.minAgentVersion ? [`--min-agent-version ${shellQuote(run.minAgentVersion)}`] : []),
    ...(run.placeholderName ? [`--placeholder-name ${shellQuote(run.placeholderName)}`] : []),
    ...(run.parent ? [`--parent ${shellQuote(run.parent)}`] : []),
    ...(run.kedaScaled ? ['--keda-scaled'] : []),
    ...extra,
  ];
  return { language: 'sh', text: words.join(' ') };
}

/** The fix that lets KEDA Pool Guard register (or refresh) the placeholder, as the face that prints it offers it. */
export function repairStep(context: GuidanceContext): Line {
  const { pool } = context;
  switch (context.face) {
    case 'task':
      return line('fix.repairTask', { pool }, taskCommand(pool, ['action: repair']));
    case 'cli':
      return line('fix.repairCli', { pool }, cliCommand(context, 'repair', []));
    case 'hub':
      return line('fix.repairHub', { pool });
  }
}

/** The fix that lets KEDA Pool Guard delete the leftovers, as the face that prints it offers it. */
export function sweepStep(context: GuidanceContext): Line {
  const { pool } = context;
  switch (context.face) {
    case 'task':
      return line('fix.sweepLeftovers', { pool }, taskCommand(pool, ['action: sweep', 'dryRun: false']));
    case 'cli': {
      const hours = context.run.staleAfterHours;
      return line('fix.sweepLeftoversCli', { pool }, cliCommand(context, 'sweep', [...(hours ? [`--older-than ${hours}h`] : []), '--yes']));
    }
    case 'hub':
      return line('fix.sweepLeftoversHub', { pool });
  }
}

/** `repair` is the step that lets KEDA Pool Guard register it, or why it will not: the caller knows which. */
export function registerPlaceholderSteps(
  context: GuidanceContext,
  proposal: PlaceholderProposal,
  demands: string[],
  repair: Line[],
): Line[] {
  const { name, version, basedOn } = proposal;
  const steps = [
    basedOn
      ? line('fix.registerPlaceholderLike', { name, version, demands, agent: basedOn })
      : line('fix.registerPlaceholder', { name, version, demands }),
  ];
  if (proposal.unmetDemands.length > 0) steps.push(line('fix.unmetByKedaAgents', { unmet: proposal.unmetDemands }));
  steps.push(
    ...repair,
    line('fix.configSh', { name }, configShCommand(context, name)),
    line('fix.addMarker', { name, pool: context.pool, marker: context.markerCapability }),
    line('fix.kedaParent', { name }),
  );
  return steps;
}

export function nameAsKedaStep(context: Pick<GuidanceContext, 'pool'>): Line {
  return line('fix.nameAsKeda', { pool: context.pool });
}

export function reregisterStep(context: GuidanceContext, agentName: string): Line {
  return line('fix.reregister', { agent: agentName }, configShCommand(context, agentName));
}
