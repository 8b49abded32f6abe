/**
 * Fault injection per organization, method and route, so tests can say "the first 2 GETs of
 * agents on pool 3 get 429 with Retry-After 1":
 *
 *   { method: 'GET', route: '/pools/3/agents', kind: 'rateLimit', retryAfterSeconds: 1, times: 2 }
 *
 * Every matching `latency` rule adds its delay; the first matching rule of another kind decides
 * the outcome (and may add its own delay). `times` counts only the requests a rule was applied to.
 */
import { frameworkError, internalError, webApiError } from './errors';
import { errorReply, signInPageReply, type Reply } from './reply';

export const FAULT_KINDS = ['latency', 'rateLimit', 'serverError', 'reset', 'hang', 'malformedJson', 'signInPage'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  /** Organization name (case-insensitive); all organizations when absent. */
  org?: string;
  method?: string;
  /** A string matches as a case-insensitive substring of the path (no query); a RegExp is tested on the path. */
  route?: string | RegExp;
  /**
   * Tested on the query (`?…` included, decoded), for a route called in several forms: a pool's unfinished
   * job requests (`?completedRequestCount=0`) and its recent ones (`?$top=25`). Any query when absent.
   */
  query?: RegExp;
  kind: FaultKind;
  /** serverError only: the status to answer, 500 by default (503, 502... also fine). */
  status?: number;
  latencyMs?: number;
  /** Adds a uniformly random 0..latencyJitterMs to latencyMs. */
  latencyJitterMs?: number;
  /** rateLimit only: the Retry-After seconds, 1 by default. */
  retryAfterSeconds?: number;
  /** Apply to the first N matching requests only. */
  times?: number;
  /** Apply to each matching request with this chance (0..1). */
  probability?: number;
}

/** The JSON form of a rule (PUT /_sandbox/faults): `routeRegex` and `queryRegex` stand for RegExps, case-insensitive. */
export type FaultRuleJson = Omit<FaultRule, 'route' | 'query'> & { route?: string; routeRegex?: string; queryRegex?: string };

export interface FaultDecision {
  delayMs: number;
  /** The rule deciding the outcome; none means the request is served normally after the delay. */
  outcome?: FaultRule;
}

interface ArmedRule {
  rule: FaultRule;
  remaining: number;
}

export class FaultInjector {
  private armed: ArmedRule[] = [];

  constructor(rules: readonly FaultRule[] = []) {
    this.set(rules);
  }

  /** Replaces every rule; their `times` budgets start afresh. */
  set(rules: readonly FaultRule[]): void {
    rules.forEach(validate);
    this.armed = rules.map((rule) => ({ rule, remaining: rule.times ?? Infinity }));
  }

  clear(): void {
    this.armed = [];
  }

  list(): { rule: FaultRule; remaining: number }[] {
    return this.armed.map(({ rule, remaining }) => ({ rule, remaining }));
  }

  decide(org: string | undefined, method: string, path: string, query = ''): FaultDecision {
    const decision: FaultDecision = { delayMs: 0 };
    for (const armed of this.armed) {
      const { rule } = armed;
      if (armed.remaining <= 0 || !applies(rule, org, method, path, query)) continue;
      if (rule.kind !== 'latency' && decision.outcome) continue;
      if (rule.probability !== undefined && Math.random() >= rule.probability) continue;
      armed.remaining--;
      decision.delayMs += (rule.latencyMs ?? 0) + Math.random() * (rule.latencyJitterMs ?? 0);
      if (rule.kind !== 'latency') decision.outcome = rule;
    }
    return decision;
  }
}

export function faultRuleFromJson(json: FaultRuleJson): FaultRule {
  const { routeRegex, queryRegex, ...rule } = json;
  return {
    ...rule,
    ...(routeRegex === undefined ? {} : { route: new RegExp(routeRegex, 'i') }),
    ...(queryRegex === undefined ? {} : { query: new RegExp(queryRegex, 'i') }),
  };
}

function applies(rule: FaultRule, org: string | undefined, method: string, path: string, query: string): boolean {
  if (rule.org !== undefined && rule.org.toLowerCase() !== org?.toLowerCase()) return false;
  if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.query !== undefined && !rule.query.test(query)) return false;
  if (rule.route === undefined) return true;
  return typeof rule.route === 'string' ? path.toLowerCase().includes(rule.route.toLowerCase()) : rule.route.test(path);
}

function validate(rule: FaultRule): void {
  const problem = !FAULT_KINDS.includes(rule.kind)
    ? `kind must be one of ${FAULT_KINDS.join(', ')}`
    : [rule.latencyMs, rule.latencyJitterMs, rule.retryAfterSeconds, rule.times].some((n) => n !== undefined && !(n >= 0))
      ? 'latencyMs, latencyJitterMs, retryAfterSeconds and times must be non-negative numbers'
      : rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)
        ? 'probability must lie between 0 and 1'
        : rule.status !== undefined && !(Number.isInteger(rule.status) && rule.status >= 400 && rule.status <= 599)
          ? 'status must be an HTTP error status'
          : undefined;
  if (problem) throw new Error(`Invalid fault rule ${JSON.stringify(rule)}: ${problem}.`);
}

/** The answer of a fault that replaces the service's answer (not reset, hang or malformedJson). */
export function faultReply(rule: FaultRule): Reply {
  switch (rule.kind) {
    case 'rateLimit':
      return rateLimitReply(rule.retryAfterSeconds ?? 1);
    case 'signInPage':
      return signInPageReply();
    default: {
      const status = rule.status ?? 500;
      if (status === 500) return errorReply(internalError());
      const message = `The service is temporarily unavailable (HTTP ${status}). Please try again later.`;
      return errorReply(webApiError(status, 'VssServiceException', message));
    }
  }
}

/** A blocked request as the rate limiter answers it (reference §11.3). */
function rateLimitReply(retryAfterSeconds: number): Reply {
  const error = frameworkError(
    429,
    'RequestBlockedException',
    "TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource 'Core' in namespace 'User'.",
    {
      'Retry-After': String(retryAfterSeconds),
      'X-RateLimit-Resource': 'Core',
      'X-RateLimit-Delay': retryAfterSeconds.toFixed(3),
      'X-RateLimit-Limit': '200',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + retryAfterSeconds),
    },
  );
  return errorReply(error);
}

/** The service's answer cut in half: a strict prefix of a JSON document is never valid JSON. */
export function corruptJson(reply: Reply): Reply {
  const body = reply.body === '' ? '{"count":1,"value":[' : reply.body.slice(0, Math.ceil(reply.body.length / 2));
  return { ...reply, body };
}
