/**
 * `keda-pool-guard keda`: what an `azure-pipelines` trigger with the given metadata would count in each
 * pool, job by job. Exit codes: 0 every waiting job is counted, 1 some waiting job is not (it waits
 * forever) or a finding warns, 3 KEDA rejects the trigger or a pool could not be read.
 */
import type { AdoClient } from '../core/ado/client';
import { AdoError } from '../core/ado/errors';
import { failureReport, missingPoolReport, type AccessContext, type FailureScope } from '../core/guard/failures';
import { countQueue } from '../core/keda/count';
import { parseScalingMetadata } from '../core/keda/trigger';
import { KedaUsageError } from '../core/keda/usage-error';
import { NEWEST_MODELLED, type KedaVersion } from '../core/keda/version';
import { TRIGGER_OPTIONS } from '../core/options';
import { inertJson } from '../core/model/plaintext';
import { formatMessage, renderFinding } from '../core/model/render';
import type { PoolReport } from '../core/model/verdict';
import { kedaViewJson, renderKedaView, uncountedWaitingJobs, type KedaPoolView } from './keda-report';
import type { CommandLine } from './args';
import { EXIT, type CliIo } from './io';

/** A pool KEDA would reject or we could not read: what to print, and whether the flags themselves are at fault. */
interface Failure {
  readonly messages: readonly string[];
  /** KEDA rejects the trigger whatever the pool, so the other pools need not be tried. */
  readonly triggerRejected: boolean;
}

export async function runKedaView(
  client: AdoClient,
  organizationUrl: string,
  args: CommandLine,
  io: CliIo,
  access: AccessContext,
): Promise<number> {
  const pools = args.read('pools');
  let version: KedaVersion;
  try {
    version = args.read('kedaVersion');
  } catch (error) {
    if (!(error instanceof KedaUsageError)) throw error;
    io.err(formatMessage(error.messageKey, error.params, 'text'));
    return EXIT.error;
  }
  if (version.newerThanModelled) {
    io.err(
      `${formatMessage('severity.warning', {}, 'text')}: ${formatMessage('keda.usage.versionNewer', { version: version.label, newest: NEWEST_MODELLED.label }, 'text')}`,
    );
  }

  const views: KedaPoolView[] = [];
  let exit: number = EXIT.ready;
  // One pool after the other: usually there is one, and the report keeps the order given.
  for (const pool of pools) {
    const outcome = await viewPool(client, organizationUrl, pool, version, args, access);
    if ('messages' in outcome) {
      io.err(outcome.messages.join('\n\n'));
      if (outcome.triggerRejected) return EXIT.error;
      exit = EXIT.error;
      continue;
    }
    views.push(outcome);
    exit = Math.max(exit, exitCode(outcome));
  }
  if (views.length > 0) {
    // One pool (the usual case) gives one object; several give an array of them.
    const json = views.length === 1 ? kedaViewJson(views[0]) : views.map(kedaViewJson);
    io.out(args.read('json') ? inertJson(json, 2) : views.map(renderKedaView).join('\n\n'));
  }
  return exit;
}

async function viewPool(
  client: AdoClient,
  organizationUrl: string,
  pool: string,
  version: KedaVersion,
  args: CommandLine,
  access: AccessContext,
): Promise<KedaPoolView | Failure> {
  const parsed = parseScalingMetadata(triggerMetadata(pool, args), version);
  if (!parsed.ok) {
    const messages = [
      ...parsed.errors.map((error) => formatMessage(error.messageKey, error.params, 'text')),
      formatMessage('keda.view.kedaLog', { log: parsed.kedaLog }, 'text'),
      ...parsed.findings.map((finding) => formatMessage(finding.messageKey, finding.params, 'text')),
    ];
    return { messages, triggerRejected: true };
  }

  let scope: FailureScope = 'organization';
  try {
    // KEDA's own lookup: `?poolName=`, and exactly one pool must answer.
    const found = await client.listPools(pool);
    if (found.length === 0) return unreadable(missingPoolReport(pool, { demands: [] }, access));
    if (found.length > 1) {
      return {
        messages: [formatMessage('keda.error.poolNameAmbiguous', { count: found.length, name: pool }, 'text')],
        triggerRejected: false,
      };
    }
    const [{ id, name }] = found;
    scope = 'pool';
    const requests = await client.listUnfinishedJobRequests(id);
    const queue = countQueue({ version, settings: parsed.value, organizationUrl, poolId: id, triggerIndex: 0 }, requests);
    return { pool: { id, name }, version, settings: parsed.value, queue, findings: [...parsed.findings, ...queue.findings] };
  } catch (error) {
    if (!(error instanceof AdoError)) throw error;
    return unreadable(failureReport(pool, error, { demands: [] }, access, scope));
  }
}

/**
 * Only the options given become metadata, values as typed: KEDA then applies its own defaults and parsing,
 * and rejects what it would reject in the cluster (`--jobs-to-fetch 10 --parent x`).
 */
function triggerMetadata(pool: string, args: CommandLine): Record<string, string> {
  const metadata: Record<string, string> = { poolName: pool };
  for (const [name, key] of TRIGGER_OPTIONS) {
    const value = args.text(name);
    if (value !== undefined) metadata[key] = value;
  }
  return metadata;
}

/** The guard's own finding for a pool it could not read: the cause (bad token, no access, time-out...) and the fix. */
function unreadable(report: PoolReport): Failure {
  return { messages: report.findings.map((finding) => renderFinding(finding, 'text')), triggerRejected: false };
}

/** Warnings and errors alike: a trigger KEDA accepts may still scale wrongly (a padded demand, a missing parent). */
function exitCode(view: KedaPoolView): number {
  const warned = view.findings.some((finding) => finding.severity !== 'info');
  return uncountedWaitingJobs(view) > 0 || warned ? EXIT.atRisk : EXIT.ready;
}
