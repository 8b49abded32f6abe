import type { Params } from '../model/findings';
import { gateJobYaml, type InstalledPoolCheck, type PoolCheckSettings } from '../model/pool-check';
import type { PoolKindJudgement } from '../model/pool-kind';
import { formatPoolCheck } from '../model/pool-check-text';
import type { RenderFormat } from '../model/render';
import type { InstallResult, PoolCheckState, RemoveResult } from './pool-check';

/**
 * The pool check's results in words, each paragraph one message, for the command line (`text`) and the hub
 * (`markdown`): what changed, when the check holds a stage back, and the connection it needs, which KEDA
 * Pool Guard never creates.
 */

export interface PoolCheckWording {
  format: RenderFormat;
  /** The organization URL, as the Generic connection must hold it. */
  organizationUrl: string;
}

export function installParagraphs(result: InstallResult, wording: PoolCheckWording): string[] {
  const say = sayer(wording);
  const where = { project: result.project, queue: result.queue.name };
  if (result.outcome === 'notNeeded') {
    const { judgement } = result.plan as Extract<InstallResult['plan'], { kind: 'notNeeded' }>;
    return [notNeededParagraph(result.pool.name, judgement, wording)];
  }
  const { check } = result;
  const headline =
    result.outcome === 'unchanged'
      ? say('poolCheck.unchanged', { ...where, name: check.displayName, id: check.id })
      : result.outcome === 'replaced'
        ? say('poolCheck.replaced', {
            ...where,
            name: check.displayName,
            id: check.id,
            old: result.replaced.map((old) => old.id).join(', '),
          })
        : check.demands.length > 0
          ? say('poolCheck.installed', { ...where, name: check.displayName, demands: check.demands })
          : say('poolCheck.installedAnyAgent', { ...where, name: check.displayName });
  return [headline, ...checkDetails(result, check, result.settings, wording)];
}

export function showParagraphs(state: PoolCheckState, wording: PoolCheckWording): string[] {
  const say = sayer(wording);
  const where = { project: state.project, queue: state.queue.name };
  const shown = state.installed.flatMap((check) => [
    check.demands.length > 0
      ? say('poolCheck.shown', {
          ...where,
          name: check.displayName,
          id: check.id,
          poolId: check.poolId,
          demands: check.demands,
          connection: check.connection,
        })
      : say('poolCheck.shownAnyAgent', {
          ...where,
          name: check.displayName,
          id: check.id,
          poolId: check.poolId,
          connection: check.connection,
        }),
    ...checkDetails(state, check, check, wording),
  ]);
  return shown.length > 0 ? shown : [say('poolCheck.none', where)];
}

/** The same guard without a check: the agentless gate as a job of the pipeline, introduced, then its YAML. */
export function gateAlternative(
  pool: string,
  settings: Pick<PoolCheckSettings, 'demands' | 'minAgentVersion'>,
  wording: PoolCheckWording,
): { intro: string; yaml: string } {
  return { intro: sayer(wording)('poolCheck.gate', {}), yaml: gateJobYaml(pool, settings.demands, settings.minAgentVersion) };
}

/** Why a pool whose agents Azure provides gets no check. */
export function notNeededParagraph(pool: string, judgement: PoolKindJudgement, wording: PoolCheckWording): string {
  return sayer(wording)('poolCheck.notNeeded', { pool, kind: formatPoolCheck(`poolKind.${judgement.kind}`, {}, 'text') });
}

export function removeParagraphs(result: RemoveResult, wording: PoolCheckWording): string[] {
  const say = sayer(wording);
  const where = { project: result.project, queue: result.queue.name };
  if (result.removed.length === 0) return [say('poolCheck.none', where)];
  return result.removed.map((check) => say('poolCheck.removed', { ...where, name: check.displayName, id: check.id }));
}

/** When the check holds a stage back, whether it asks for the agent version (and whether the pool still agrees), and its connection. */
function checkDetails(
  state: PoolCheckState,
  check: InstalledPoolCheck,
  timing: { timeoutMinutes?: number; retryMinutes: number; connection: string },
  wording: PoolCheckWording,
): string[] {
  const say = sayer(wording);
  const paragraphs = [
    timing.retryMinutes > 0
      ? say('poolCheck.timing', { retry: timing.retryMinutes, timeout: timing.timeoutMinutes ?? 0 })
      : say('poolCheck.timingFinal', {}),
  ];
  const poolCountsVersion = state.pool.autoUpdate === false;
  if ((check.minAgentVersion !== undefined) !== poolCountsVersion) {
    paragraphs.push(
      say('poolCheck.stale', {
        change: say(poolCountsVersion ? 'poolCheck.stale.noLongerUpdates' : 'poolCheck.stale.nowUpdates', {}),
        effect: say(poolCountsVersion ? 'poolCheck.stale.missesOldAgents' : 'poolCheck.stale.failsWaitingJobs', {}),
      }),
    );
  } else if (check.minAgentVersion !== undefined) {
    paragraphs.push(say('poolCheck.version', { minimum: check.minAgentVersion }));
  } else paragraphs.push(say('poolCheck.versionIgnored', {}));
  paragraphs.push(
    say('poolCheck.connection', {
      connection: timing.connection,
      project: state.project,
      url: wording.organizationUrl,
      pool: state.pool.name,
    }),
  );
  return paragraphs;
}

function sayer({ format }: PoolCheckWording) {
  return (key: Parameters<typeof formatPoolCheck>[0], params: Params) => formatPoolCheck(key, params, format);
}
