import { line, type Command, type Line } from './findings';
import type { PlaceholderProposal } from './placeholder';
import { singleLine } from './plaintext';

/** What fixes need to know to be copy-paste ready. */
export interface GuidanceContext {
  pool: string;
  poolId: number;
  /** Used in commands; without it they read `$AZP_URL`, as Microsoft's agent container script does. */
  organizationUrl?: string;
  markerCapability: string;
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

export function repairStep(context: GuidanceContext): Line {
  return line('fix.repairTask', { pool: context.pool }, taskCommand(context.pool, ['action: repair']));
}

export function sweepStep(context: GuidanceContext): Line {
  return line('fix.sweepLeftovers', { pool: context.pool }, taskCommand(context.pool, ['action: sweep', 'dryRun: false']));
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

export function nameAsKedaStep(context: GuidanceContext): Line {
  return line('fix.nameAsKeda', { pool: context.pool });
}

export function reregisterStep(context: GuidanceContext, agentName: string): Line {
  return line('fix.reregister', { agent: agentName }, configShCommand(context, agentName));
}
