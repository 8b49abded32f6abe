import type { MessageKey } from '../messages';

export type Severity = 'error' | 'warning' | 'info';
/** What the findings about a pool that was read add up to. */
export type Judgement = 'ready' | 'atRisk' | 'blocked';
/** A pool's verdict: a judgement, or `unknown` when the pool could not be read. */
export type Verdict = Judgement | 'unknown';

/** Message parameters: plain data, so findings serialise to JSON and render in any language. */
export type ParamValue = string | number | readonly string[];
export type Params = Readonly<Record<string, ParamValue>>;

/** A command to show verbatim (a code block in Markdown). */
export interface Command {
  language: 'sh' | 'yaml';
  text: string;
}

/** One sentence of a finding: a message key, its parameters and maybe a command to run. */
export interface Line {
  key: MessageKey;
  params: Params;
  command?: Command;
}

/** Parameters of each finding; durations are milliseconds. */
export interface FindingParams {
  poolNotFound: { pool: string };
  poolEmpty: { pool: string };
  demandsUnsatisfiable: { pool: string; demands: string[]; serviceMessage: string };
  noPlaceholder: { pool: string; kedaAgents: string[] };
  placeholderUnfit: { pool: string; placeholders: string[] };
  placeholderOutdated: { placeholder: string; version: string; kedaAgent: string; kedaVersion: string };
  placeholderMissingCapabilities: { placeholder: string; kedaAgent: string; capabilities: string[] };
  placeholderOnline: { placeholders: string[] };
  placeholderDisabled: { placeholder: string };
  placeholderUnmarked: { placeholders: string[]; marker: string };
  parentMissing: { pool: string; parent: string };
  parentUnfit: { parent: string; unmet: string[] };
  noOnlineAgent: { pool: string };
  recentJobsUnsatisfiable: { pool: string; count: number };
  awaitingAgentUpdate: { pool: string; version: string; agents: string[] };
  placeholderLacksUndemanded: { placeholder: string; kedaAgent: string; capabilities: string[] };
  hostedPool: { pool: string };
  azureProvisionedPool: { pool: string };
  jobsStuck: { pool: string; count: number; oldestMs: number; thresholdMs: number };
  staleAgents: { pool: string; agents: string[]; thresholdMs: number };
  // The guard's own: a pool it could not read, and what `repair` did.
  credentialsRejected: { pool: string };
  accessDenied: { pool: string };
  throttled: { pool: string; retryAfterSeconds: number };
  timedOut: { pool: string };
  organizationNotFound: { pool: string };
  unexpectedAnswer: { pool: string; status: number };
  serviceFailed: { pool: string; status: number };
  proxyRefused: { pool: string; proxy: string; status: number };
  proxyUnreachable: { pool: string; proxy: string };
  certificateUntrusted: { pool: string; host: string };
  hostNotFound: { pool: string; host: string };
  connectionRefused: { pool: string; host: string };
  placeholderRegistered: { pool: string; name: string; version: string };
  placeholderNameTaken: { pool: string; name: string };
  placeholderRefreshed: { pool: string; name: string; version: string };
  placeholderAlreadyRefreshed: { pool: string; name: string };
  placeholderRefreshUnderway: { pool: string; name: string };
  placeholderChangedMeanwhile: { pool: string; name: string };
  repairNotNeeded: { pool: string };
  repairNotForHostedPool: { pool: string };
  repairNotForProvisionedPool: { pool: string };
  repairNotForStaticPool: { pool: string };
  repairLeavesForeignPlaceholder: { pool: string; agent: string };
  repairNameTaken: { pool: string; agent: string };
  repairDenied: { pool: string };
  repairFailed: { pool: string };
  // What a sweep did, or in a dry run would do.
  sweepDryRun: { pool: string; count: number; thresholdMs: number };
  sweepNotKedaPool: { pool: string };
  agentsSwept: { pool: string; count: number; agents: string[] };
  agentsChangedDuringSweep: { pool: string; count: number; agents: string[] };
  sweepPlanOutdated: { pool: string; agent: string };
  sweepDenied: { pool: string; count: number };
  sweepFailed: { pool: string; count: number; agents: string[] };
}

export type FindingCode = keyof FindingParams;

/** Severity is fixed per code, so a code always weighs the same in the verdict. */
export const SEVERITY: { readonly [C in FindingCode]: Severity } = {
  poolNotFound: 'error',
  poolEmpty: 'error',
  demandsUnsatisfiable: 'error',
  noPlaceholder: 'warning',
  placeholderUnfit: 'warning',
  placeholderOutdated: 'info',
  placeholderMissingCapabilities: 'warning',
  placeholderOnline: 'warning',
  parentMissing: 'warning',
  parentUnfit: 'warning',
  noOnlineAgent: 'warning',
  recentJobsUnsatisfiable: 'warning',
  awaitingAgentUpdate: 'warning',
  placeholderLacksUndemanded: 'info',
  hostedPool: 'info',
  azureProvisionedPool: 'info',
  jobsStuck: 'warning',
  placeholderDisabled: 'info',
  placeholderUnmarked: 'info',
  staleAgents: 'info',
  credentialsRejected: 'error',
  accessDenied: 'error',
  throttled: 'error',
  timedOut: 'error',
  organizationNotFound: 'error',
  unexpectedAnswer: 'error',
  proxyRefused: 'error',
  proxyUnreachable: 'error',
  certificateUntrusted: 'error',
  hostNotFound: 'error',
  connectionRefused: 'error',
  serviceFailed: 'error',
  repairDenied: 'error',
  repairFailed: 'error',
  placeholderRegistered: 'info',
  placeholderNameTaken: 'info',
  placeholderRefreshed: 'info',
  placeholderAlreadyRefreshed: 'info',
  placeholderRefreshUnderway: 'info',
  placeholderChangedMeanwhile: 'warning',
  repairNotNeeded: 'info',
  repairNotForHostedPool: 'info',
  repairNotForProvisionedPool: 'info',
  repairNotForStaticPool: 'warning',
  repairLeavesForeignPlaceholder: 'warning',
  repairNameTaken: 'warning',
  sweepDryRun: 'info',
  sweepNotKedaPool: 'info',
  agentsSwept: 'info',
  agentsChangedDuringSweep: 'info',
  sweepPlanOutdated: 'warning',
  sweepDenied: 'error',
  sweepFailed: 'error',
};

export type Finding = {
  [C in FindingCode]: {
    code: C;
    severity: Severity;
    params: FindingParams[C];
    /** Evidence behind the finding, one line each. */
    details: Line[];
    /** What to do, in order of preference. */
    guidance: Line[];
  };
}[FindingCode];

export function finding<C extends FindingCode>(code: C, params: FindingParams[C], guidance: Line[], details: Line[] = []): Finding {
  // TypeScript cannot narrow the mapped union through a generic code; the fields agree by construction.
  return { code, severity: SEVERITY[code], params, details, guidance } as Finding;
}

export function line(key: MessageKey, params: Params = {}, command?: Command): Line {
  return command ? { key, params, command } : { key, params };
}

export function verdictOf(findings: readonly Finding[]): Judgement {
  if (findings.some((f) => f.severity === 'error')) return 'blocked';
  return findings.some((f) => f.severity === 'warning') ? 'atRisk' : 'ready';
}
