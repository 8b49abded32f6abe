/**
 * What an Azure Pipelines agent started by a KEDA ScaledJob looks like to Azure DevOps: its name is the
 * pod name and its system capabilities include the pod's environment.
 */
import type { Random } from './random';

/**
 * The characters Kubernetes uses for generated name suffixes (`k8s.io/apimachinery` rand: no vowels
 * and no 0, 1, 3, so suffixes never spell words).
 */
const KUBERNETES_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * `<scaledjob>-xxxxx-yyyyy`: the Job gets `generateName: <scaledjob>-`, its pod another suffix, and the
 * agent is named after the pod's hostname (e.g. `azdevops-scaledjob-x7k2p-9qzrt`).
 */
export function podName(scaledJobName: string, random: Random): string {
  const suffix = () => random.text(KUBERNETES_SUFFIX_ALPHABET, 5);
  return `${scaledJobName}-${suffix()}-${suffix()}`;
}

/** Whether an agent name is one `podName` gives for this ScaledJob. */
export function isPodName(scaledJobName: string, agentName: string): boolean {
  const suffix = `[${KUBERNETES_SUFFIX_ALPHABET}]{5}`;
  return agentName.startsWith(`${scaledJobName}-`) && new RegExp(`^${suffix}-${suffix}$`).test(agentName.slice(scaledJobName.length + 1));
}

export interface PodAgentDescription {
  podName: string;
  agentVersion: string;
  /** Tool capabilities of the agent image (e.g. `kubectl` -> its path). */
  tools: Record<string, string>;
}

/** Every environment variable of the agent process becomes a system capability; these come from the pod. */
export function podSystemCapabilities(pod: PodAgentDescription): Record<string, string> {
  return {
    'Agent.Name': pod.podName,
    'Agent.Version': pod.agentVersion,
    'Agent.ComputerName': pod.podName,
    'Agent.HomeDirectory': '/azp',
    'Agent.OS': 'Linux',
    'Agent.OSArchitecture': 'X64',
    HOSTNAME: pod.podName,
    KUBERNETES_SERVICE_HOST: '10.0.0.1',
    KUBERNETES_SERVICE_PORT: '443',
    KUBERNETES_SERVICE_PORT_HTTPS: '443',
    AZP_WORK: '/azp/_work',
    HOME: '/root',
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    ...pod.tools,
  };
}

/** `uname -a`-style text the agent reports for a pod on an AKS Ubuntu node. */
export const POD_OS_DESCRIPTION = 'Linux 5.15.0-1079-azure #88-Ubuntu SMP Tue Dec 10 17:26:46 UTC 2024';
