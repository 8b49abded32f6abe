import { isKedaKind, podNameMatcher, type ClassificationRules, type ClassifiedAgent } from './classify';
import { line, type Line } from './findings';
import type { JobRequest, Pool } from './types';

/**
 * What a pool is, which decides which rules apply to it. Only a KEDA-scaled pool needs a placeholder,
 * and only there may the guard register or delete agents: in a static pool an offline placeholder turns
 * jobs that would fail fast into jobs that wait for ever, and the agents of hosted and Azure-provisioned
 * pools belong to the service.
 */
export type PoolKind = 'keda' | 'static' | 'hosted' | 'azureProvisioned';

const NAMED = new Set(['namePattern', 'configuredName', 'parentName']);

/** Agent names an evidence item names, at most this many (the count says how many there were). */
const NAMES_SHOWN = 3;

/** Why a pool is judged to be of its kind, strongest evidence first. */
export type KindEvidence =
  /** The user said so: the task's `kedaScaled`, the CLI's `--keda-scaled`, the hub's pool setting. */
  | { code: 'namedByUser' }
  | { code: 'markerCapability'; agents: string[]; count: number }
  /**
   * Agents registered now named as a ScaledJob's pods are. A Kubernetes capability alone is no evidence:
   * agents of a plain Deployment run in Kubernetes too, and such a pool is static.
   */
  | { code: 'kedaAgents'; agents: string[]; count: number }
  /** Agents with pod names ran the pool's recent jobs, though none may be registered now. */
  | { code: 'kedaHistory'; agents: string[]; count: number }
  /** Agents named as placeholders are: held registered so that jobs queue while nothing runs. */
  | { code: 'placeholderNamed'; agents: string[]; count: number }
  | { code: 'microsoftHosted' }
  | { code: 'elasticPool' }
  | { code: 'agentCloud'; agentCloudId: number }
  | { code: 'noKedaEvidence' };

export interface PoolKindJudgement {
  kind: PoolKind;
  evidence: KindEvidence[];
}

export interface PoolKindInput {
  pool: Pool;
  classified: readonly ClassifiedAgent[];
  /** Recent job requests; their reserved agents may be gone since. */
  history?: readonly JobRequest[];
  rules: ClassificationRules;
  /** The user names the pool as KEDA-scaled, whatever the evidence. */
  kedaScaled?: boolean;
}

export function judgePoolKind(input: PoolKindInput): PoolKindJudgement {
  const provided = judgeProvidedPool(input.pool);
  if (provided) return provided;
  const evidence = kedaEvidence(input);
  return evidence.length > 0 ? { kind: 'keda', evidence } : { kind: 'static', evidence: [{ code: 'noKedaEvidence' }] };
}

function kedaEvidence({ classified, history = [], rules, kedaScaled }: PoolKindInput): KindEvidence[] {
  const evidence: KindEvidence[] = kedaScaled ? [{ code: 'namedByUser' }] : [];
  const marked = classified.filter((c) => c.reasons.some((reason) => reason.code === 'markerCapability'));
  if (marked.length > 0)
    evidence.push(
      named(
        'markerCapability',
        marked.map((c) => c.agent.name),
      ),
    );
  const pods = classified.filter((c) => isKedaKind(c.kind) && c.reasons.some((reason) => reason.code === 'podName'));
  if (pods.length > 0)
    evidence.push(
      named(
        'kedaAgents',
        pods.map((c) => c.agent.name),
      ),
    );
  const podName = podNameMatcher(rules);
  const ranJobs = new Set(history.flatMap((request) => (request.reservedAgent ? [request.reservedAgent.name] : [])));
  const ranInPods = [...ranJobs].filter((name) => podName(name) !== undefined);
  if (ranInPods.length > 0) evidence.push(named('kedaHistory', ranInPods));
  // Named as placeholders are, and not already counted by the marker.
  const byName = classified.filter(
    (c) => c.kind === 'placeholder' && !marked.includes(c) && c.reasons.some((reason) => NAMED.has(reason.code)),
  );
  if (byName.length > 0)
    evidence.push(
      named(
        'placeholderNamed',
        byName.map((c) => c.agent.name),
      ),
    );
  return evidence;
}

function named<C extends 'markerCapability' | 'kedaAgents' | 'kedaHistory' | 'placeholderNamed'>(code: C, agents: string[]): KindEvidence {
  return { code, agents: agents.slice(0, NAMES_SHOWN), count: agents.length } as KindEvidence;
}

/**
 * A pool whose agents the service provides, judged by its own fields alone (reference azure-devops-api.md
 * §8, §9): Microsoft's pools say `isHosted`; VM scale set agent pools carry the `elasticPool` option;
 * Managed DevOps Pools are provisioned through an agent cloud (`agentCloudId`), which hosted pools also
 * have, so it counts only for self-hosted ones. Undefined for a self-hosted pool.
 */
export function judgeProvidedPool(pool: Pool): PoolKindJudgement | undefined {
  if (pool.isHosted) return { kind: 'hosted', evidence: [{ code: 'microsoftHosted' }] };
  const provisioned: KindEvidence[] = [
    ...(pool.options?.includes('elasticPool') ? [{ code: 'elasticPool' } as const] : []),
    ...(pool.agentCloudId !== undefined ? [{ code: 'agentCloud', agentCloudId: pool.agentCloudId } as const] : []),
  ];
  return provisioned.length > 0 ? { kind: 'azureProvisioned', evidence: provisioned } : undefined;
}

/** Kinds whose agents the service provides: never empty "blocked", never a placeholder, never a write. */
export function isProvidedByService(kind: PoolKind): boolean {
  return kind === 'hosted' || kind === 'azureProvisioned';
}

/** One piece of evidence as a sentence of a finding's details. */
export function evidenceLine(evidence: KindEvidence): Line {
  return line(`evidence.${evidence.code}`, evidence);
}
