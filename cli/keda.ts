/**
 * `keda-pool-guard keda`: what KEDA's `azure-pipelines` triggers count in their pools, job by job, and what
 * the ScaledJob around them does now (or the ScaledObject's replicas), in the KEDA release named. The
 * triggers come from a manifest (`-f`) or from flags, one trigger per `--pool`. Exit codes: 0 every waiting
 * job is counted, 1 some waiting job is not (it waits forever) or a finding warns, 3 KEDA rejects a trigger,
 * the manifest is refused, or a pool could not be read.
 */
import type { AdoClient, RestAdoClient } from '../core/ado/client';
import { AdoError } from '../core/ado/errors';
import { failureReport, missingPoolReport, type AccessContext, type FailureScope } from '../core/guard/failures';
import { InputError, parseOrganizationUrl, sameOrganizationUrl } from '../core/guard/inputs';
import { countQueue } from '../core/keda/count';
import { kedaFinding, type KedaFinding } from '../core/keda/findings';
import { isUnresolved, readManifest, type Manifest } from '../core/keda/manifest';
import { jobsAmbiguity, manifestPlans, scaledObjectView, type ScalerPlan, type TriggerPlan } from '../core/keda/manifest-plan';
import { resolvePool } from '../core/keda/pool';
import { scaledJobView } from '../core/keda/scaledjob-view';
import { parseScalingMetadata } from '../core/keda/trigger';
import type { ScaledJobSpec, ScalingSettings } from '../core/keda/types';
import { KedaUsageError } from '../core/keda/usage-error';
import { NEWEST_MODELLED, type KedaVersion } from '../core/keda/version';
import { renderFinding } from '../core/model/render';
import type { PoolReport } from '../core/model/verdict';
import { OPTIONS, TRIGGER_OPTIONS, type OptionSpec } from '../core/options';
import { inertJson } from '../core/model/plaintext';
import { flagOf, type CommandLine } from './args';
import { connect, requiredOrganization, type Connection } from './connect';
import { EXIT, type CliIo } from './io';
import {
  kedaReportJson,
  renderScalerView,
  uncountedWaitingJobs,
  type KedaPoolView,
  type ScalerView,
  type TriggerView,
} from './keda-report';
import { text } from './text';

type KedaClient = AdoClient & Pick<RestAdoClient, 'probePoolId'>;

export async function runKedaCommand(args: CommandLine, io: CliIo): Promise<number> {
  let version: KedaVersion;
  try {
    version = args.read('kedaVersion');
  } catch (error) {
    if (!(error instanceof KedaUsageError)) throw error;
    io.err(text(error.messageKey, error.params));
    return EXIT.error;
  }
  if (version.newerThanModelled) {
    const warning = text('keda.usage.versionNewer', { version: version.label, newest: NEWEST_MODELLED.label });
    io.err(`${text('severity.warning', {})}: ${warning}`);
  }

  const file = args.text('file');
  const plans = file === undefined ? plansFromFlags(args, version) : plansFromManifest(await manifestOf(file, args, io), args, version);
  const parsedTriggers = plans.flatMap((plan) => plan.triggers.map((trigger) => trigger.parsed));
  // Nothing KEDA would build needs no call: the refusals are all there is to say.
  const connection = parsedTriggers.some((parsed) => parsed.ok)
    ? await connect(args, io, file === undefined ? requiredOrganization(args, 'keda') : manifestOrganization(parsedTriggers, args))
    : undefined;

  const views: ScalerView[] = [];
  for (const plan of plans) views.push(await viewScaler(plan, version, args, connection));
  for (const view of views) {
    const failures = view.triggers.flatMap((trigger) => ('messages' in trigger ? [trigger.messages.join('\n\n')] : []));
    if (failures.length > 0) io.err(failures.join('\n\n'));
  }
  if (args.read('json')) io.out(inertJson(kedaReportJson(version, views), 2));
  else {
    const shown = views.map(renderScalerView).filter((text) => text !== '');
    if (shown.length > 0) io.out(shown.join('\n\n'));
  }
  return Math.max(EXIT.ready, ...views.map(exitCode));
}

async function manifestOf(file: string, args: CommandLine, io: CliIo) {
  // The manifest says which pools and which trigger: flags that say it too would contradict it.
  const conflict = args.given.find((name) => (OPTIONS[name] as OptionSpec).inManifest);
  if (conflict) throw new InputError('cli.fileConflict', { flag: flagOf(conflict) });
  // The YAML parser loads with the first manifest: the flags alone never need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, as said above
  const { readManifestDocuments } = require('./manifest-file') as typeof import('./manifest-file');
  return readManifest(await readManifestDocuments(file, io));
}

function plansFromManifest(manifest: Manifest, args: CommandLine, version: KedaVersion): ScalerPlan[] {
  const count = jobsAmbiguity(manifest, args.has('runningJobs') || args.has('pendingJobs'));
  if (count !== undefined) throw new InputError('cli.fileJobsAmbiguous', { count });
  return manifestPlans(manifest, version);
}

/** One trigger per pool, its metadata the flags given, values as typed: KEDA applies its own defaults and checks. */
function plansFromFlags(args: CommandLine, version: KedaVersion): ScalerPlan[] {
  const decides = (['strategy', 'maxReplicaCount', 'minReplicaCount', 'runningJobs', 'pendingJobs'] as const).some((name) =>
    args.has(name),
  );
  const spec: ScaledJobSpec = {
    minReplicaCount: args.read('minReplicaCount'),
    maxReplicaCount: args.read('maxReplicaCount'),
    scalingStrategy: { strategy: args.read('strategy') },
  };
  if (!args.has('pools')) throw new InputError('cli.kedaSourceMissing', {});
  return args.read('pools').map((pool) => {
    const metadata: Record<string, string> = { poolName: pool };
    for (const [name, key] of TRIGGER_OPTIONS) {
      const value = args.text(name);
      if (value !== undefined) metadata[key] = value;
    }
    const parsed = parseScalingMetadata(metadata, version);
    return {
      spec,
      decide: decides ? 'jobs' : 'none',
      triggers: [{ index: 0, metricType: 'AverageValue', parsed: parsed.ok ? { ...parsed, value: { settings: parsed.value } } : parsed }],
      findings: [],
    };
  });
}

/**
 * The organization the manifest's triggers call: the one `--org` gives, which must agree with the manifest's,
 * or the manifest's own, when the file holds it.
 */
function manifestOrganization(parsed: readonly TriggerPlan['parsed'][], args: CommandLine): string {
  const urls = [...new Set(parsed.flatMap((p) => (p.ok && p.value.organizationUrl !== undefined ? [p.value.organizationUrl] : [])))];
  const known = urls.filter((url) => !isUnresolved(url));
  if (args.has('organizationUrl')) {
    const given = args.read('organizationUrl');
    const other = known.find((url) => !sameOrganizationUrl(url, given));
    if (other) throw new InputError('cli.fileOrganizationConflict', { manifest: other, given });
    return given;
  }
  if (known.length > 1) throw new InputError('cli.fileOrganizationsDiffer', { urls: known });
  if (known.length === 1) return parseOrganizationUrl(known[0]);
  throw new InputError('cli.fileOrganizationUnknown', { source: urls[0]?.replace(/^‹set by (.*)›$/, '$1') ?? '' });
}

async function viewScaler(
  plan: ScalerPlan,
  version: KedaVersion,
  args: CommandLine,
  connection: Connection | undefined,
): Promise<ScalerView> {
  const triggers: TriggerView[] = [];
  // One trigger after the other: usually there is one, and the report keeps their order.
  for (const trigger of plan.triggers) triggers.push(await viewTrigger(trigger, version, connection));
  const counted = triggers.flatMap((view) => ('queue' in view ? [view] : []));
  const jobs = { running: args.read('runningJobs') ?? 0, pending: args.read('pendingJobs') ?? 0 };
  const base = { kind: plan.kind, name: plan.name, version, triggers, findings: plan.findings };
  if (plan.decide === 'jobs' && counted.length > 0) {
    const jobsGiven = args.has('runningJobs') || args.has('pendingJobs');
    return { ...base, decision: { kind: 'jobs', ...scaledJobView(plan.spec, counted, jobs, jobsGiven, version) } };
  }
  if (plan.decide === 'replicas' && isNonEmpty(counted)) {
    return { ...base, decision: { kind: 'replicas', ...scaledObjectView(plan.spec, counted), findings: [] } };
  }
  return base;
}

/** One trigger: as KEDA builds it (its refusal, with KEDA's log), then its pool's unfinished jobs counted. */
async function viewTrigger(plan: TriggerPlan, version: KedaVersion, connection: Connection | undefined): Promise<TriggerView> {
  // Without a connection every trigger was refused (`runKedaCommand` connects as soon as one is not).
  const { parsed } = plan;
  if (!parsed.ok) {
    const messages = [
      ...parsed.errors.map((error) => text(error.messageKey, error.params)),
      text('keda.view.kedaLog', { log: parsed.kedaLog }),
      ...parsed.findings.map((finding) => text(finding.messageKey, finding.params)),
    ];
    return { index: plan.index, messages, triggerRejected: true };
  }
  if (!connection) throw new Error('A trigger KEDA accepts, and no connection to read its pool.');
  const { client, access, organizationUrl } = connection;
  const { settings } = parsed.value;
  let label =
    settings.pool.kind === 'name' ? settings.pool.name : settings.pool.kind === 'id' ? String(settings.pool.id) : settings.pool.text;
  let scope: FailureScope = 'organization';
  let notes: KedaFinding[] = [];
  try {
    const pool = await resolveTriggerPool(client, organizationUrl, settings, version, access);
    if ('failure' in pool) return { index: plan.index, ...pool.failure };
    [scope, label, notes] = ['pool', String(pool.id), pool.findings];
    const requests = await client.listUnfinishedJobRequests(pool.id);
    const queue = countQueue({ version, settings, organizationUrl, poolId: pool.id, triggerIndex: plan.index }, requests);
    const view: KedaPoolView = { pool, version, settings, queue, findings: [...parsed.findings, ...notes, ...queue.findings] };
    return { index: plan.index, metricType: plan.metricType, ...view };
  } catch (error) {
    if (!(error instanceof AdoError)) throw error;
    const failure = unreadable(failureReport(label, error, { demands: [] }, access, scope));
    const messages = [...notes.map((note) => text(note.messageKey, note.params)), ...failure.messages];
    return { ...failure, index: plan.index, messages };
  }
}

/**
 * The pool the scaler polls, found as KEDA finds it: by name (exactly one must answer), by the id given (2.17
 * and later), or (2.16 and earlier) by the id the probe's answer holds.
 */
async function resolveTriggerPool(
  client: KedaClient,
  organizationUrl: string,
  settings: ScalingSettings,
  version: KedaVersion,
  access: AccessContext,
): Promise<{ id: number; name: string; findings: KedaFinding[] } | { failure: { messages: string[]; triggerRejected: boolean } }> {
  const { pool } = settings;
  switch (pool.kind) {
    case 'name': {
      const found = await client.listPools(pool.name);
      if (found.length === 1) return { id: found[0].id, name: found[0].name, findings: [] };
      if (found.length === 0) return { failure: unreadable(missingPoolReport(pool.name, { demands: [] }, access)) };
      return {
        failure: {
          messages: [text('keda.error.poolNameAmbiguous', { count: found.length, name: pool.name })],
          triggerRejected: false,
        },
      };
    }
    case 'id':
      return { id: pool.id, name: text('keda.view.poolById', { id: pool.id }), findings: [] };
    case 'probedId': {
      const body = await client.probePoolId(pool.text);
      const resolved = resolvePool(organizationUrl, pool, { status: 200, body: JSON.stringify(body ?? null) }, version);
      if (!resolved.ok) return { failure: { messages: [text(resolved.error.messageKey, resolved.error.params)], triggerRejected: false } };
      const findings =
        String(resolved.poolId) === pool.text
          ? []
          : [kedaFinding('poolIdFromProbe', { version: version.label, given: pool.text, polled: resolved.poolId, url: resolved.url })];
      return { id: resolved.poolId, name: text('keda.view.poolById', { id: resolved.poolId }), findings };
    }
  }
}

/** The guard's own finding for a pool it could not read: the cause (bad token, no access, time-out...) and the fix. */
function unreadable(report: PoolReport): { messages: string[]; triggerRejected: boolean } {
  return { messages: report.findings.map((finding) => renderFinding(finding, 'text')), triggerRejected: false };
}

/** Warnings and errors alike: a trigger KEDA accepts may still scale wrongly (a padded demand, a missing parent). */
function exitCode(view: ScalerView): number {
  const findings = [...view.findings, ...(view.decision?.findings ?? [])];
  // Kubernetes refuses the manifest, or KEDA cannot scale it at all.
  if (findings.some((finding) => finding.severity === 'error' && finding.code.startsWith('manifest'))) return EXIT.error;
  if (view.decision?.kind === 'jobs' && view.decision.decision.limit.rule === 'stopped') return EXIT.error;
  if (view.triggers.some((trigger) => 'messages' in trigger)) return EXIT.error;
  const counted = view.triggers.flatMap((trigger) => ('queue' in trigger ? [trigger] : []));
  const warned = [...findings, ...counted.flatMap((trigger) => trigger.findings)].some((finding) => finding.severity !== 'info');
  return counted.some((trigger) => uncountedWaitingJobs(trigger) > 0) || warned ? EXIT.atRisk : EXIT.ready;
}

function isNonEmpty<T>(items: readonly T[]): items is readonly [T, ...T[]] {
  return items.length > 0;
}
