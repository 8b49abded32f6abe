/** What the sandbox prints when it starts: where it is, who may call it, and what to try. */
import type { Sandbox } from './index';
import type { ScaledJobConfig } from './keda-loop';
import type { OrgState } from './state';

export function banner(sandbox: Sandbox, scenarioName: string, scaledJobs: readonly ScaledJobConfig[]): string {
  const lines = [`KEDA Pool Guard sandbox (scenario ${scenarioName}) at ${sandbox.url}`, ''];
  for (const org of sandbox.state.values()) lines.push(...describeOrganization(sandbox, org), '');
  if (scaledJobs.length > 0) {
    const where = scaledJobs.map((job) => `${job.org}/${job.trigger.poolName}`).join(', ');
    lines.push(`KEDA: a ScaledJob per pool scales agent pods for waiting jobs on ${where}.`, '');
  }
  lines.push(...examples(sandbox, [...sandbox.state.values()][0]), '', 'Ctrl-C stops the sandbox.');
  return lines.join('\n');
}

function describeOrganization(sandbox: Sandbox, org: OrgState): string[] {
  const roles = ({ poolRoles, queueRoles }: { poolRoles: Record<string, string>; queueRoles?: Record<string, string> }) => {
    const entries = Object.entries(poolRoles);
    const everyPool = entries.length > 1 ? 'every other pool' : 'every pool';
    const onPools = entries.map(([pool, role]) => `${role} on ${pool === '*' ? everyPool : pool}`).join(', ') || 'no pool';
    const onQueues = Object.entries(queueRoles ?? {}).map(
      ([queue, role]) => `${role} on ${queue === '*' ? 'every queue' : `queue ${queue}`}`,
    );
    return [onPools, ...onQueues].join(', ');
  };
  return [
    `Organization ${org.name}: ${sandbox.orgUrl(org.name)}`,
    `  Pools: ${summarize(org.listPools().map((pool) => `${pool.name} (id ${pool.id}, ${pool.agents.size} agents)`))}`,
    ...org.listProjects().map((project) => `  Project ${project.name}: queues ${summarize(project.queues.map((queue) => queue.name))}`),
    '  Credentials (Basic: any user name, the PAT as password):',
    ...org.identities.flatMap((identity) => [
      ...(identity.pat ? [`    ${identity.name}: PAT ${identity.pat} (${roles(identity)})`] : []),
      ...(identity.bearer ? [`    ${identity.name}: Bearer ${identity.bearer} (${roles(identity)})`] : []),
    ]),
  ];
}

/** Large scenarios hold hundreds of pools; the banner names the first few. */
function summarize(items: string[], shown = 8): string {
  return items.length <= shown ? items.join(', ') : `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}

function examples(sandbox: Sandbox, org: OrgState | undefined): string[] {
  if (!org) return [];
  const pat = org.identities.find((identity) => identity.pat)?.pat ?? '<pat>';
  const pool = org.listPools().find((candidate) => candidate.agents.size > 0) ?? org.listPools()[0];
  const apis = `${sandbox.orgUrl(org.name)}/_apis/distributedtask`;
  return [
    'Try:',
    `  curl -u :${pat} ${apis}/pools`,
    ...(pool
      ? [
          `  curl -u :${pat} '${apis}/pools/${pool.id}/agents?includeCapabilities=true'`,
          `  curl -u :${pat} '${apis}/pools/${pool.id}/jobrequests?$top=10'`,
          `  curl -X POST -H 'Content-Type: application/json' -d '{"pool":"${pool.name}","demands":[]}' ${sandbox.url}/_sandbox/${org.name}/jobs`,
        ]
      : []),
    `  curl ${sandbox.url}/_sandbox/state/${org.name}`,
    `  curl ${sandbox.url}/_sandbox/requests`,
  ];
}
