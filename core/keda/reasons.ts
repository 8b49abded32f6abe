import type { MessageKey } from '../messages';
import type { Params } from '../model/findings';
import { formatMessage, type RenderFormat, type Translation } from '../model/render';
import type { DemandMode } from './demands';
import type { JobReason } from './types';

/**
 * Why a trigger counts one job request or leaves it out, as one sentence for the CLI and the hub
 * ("not counted: the trigger's demands `kubectl,docker` do not include `helm`, which the job demands").
 */
export function renderJobReason(reason: JobReason, format: RenderFormat, translation: Translation = {}): string {
  const { key, params } = reasonMessage(reason);
  return formatMessage(key, params, format, translation);
}

interface Message {
  readonly key: MessageKey;
  readonly params: Params;
}

function reasonMessage(reason: JobReason): Message {
  switch (reason.code) {
    case 'beyondTopWindow':
      // Positions count from 0 in the model, from 1 for people.
      return { key: 'keda.reason.beyondTopWindow', params: { position: reason.position + 1, window: reason.window } };
    case 'finished':
      return { key: 'keda.reason.finished', params: { result: reason.result } };
    case 'receivedExcluded':
      return {
        key: reason.rule === 'v2.20' ? 'keda.reason.receivedExcluded' : 'keda.reason.receivedExcluded.scaleOnInFlightFalse',
        params: {},
      };
    case 'countedNoFilter':
      return { key: 'keda.reason.countedNoFilter', params: {} };
    case 'countedParent':
      return { key: 'keda.reason.countedParent', params: { parent: reason.parent } };
    case 'parentNotInMatchedAgents':
      return {
        key: reason.matchedAgents.length > 0 ? 'keda.reason.parentNotInMatchedAgents' : 'keda.reason.parentNotInMatchedAgents.none',
        params: { parent: reason.parent, matchedAgents: reason.matchedAgents },
      };
    case 'noMatchedAgents':
      return { key: 'keda.reason.noMatchedAgents', params: { parent: reason.parent } };
    case 'countedDemands':
      return { key: COUNTED_DEMANDS[reason.mode], params: {} };
    case 'demandMismatch':
      return demandMismatchMessage(reason);
  }
}

const COUNTED_DEMANDS: Readonly<Record<DemandMode, MessageKey>> = {
  default: 'keda.reason.countedDemands',
  requireAllDemands: 'keda.reason.countedDemands.requireAllDemands',
  requireAllDemandsAndIgnoreOthers: 'keda.reason.countedDemands.requireAllDemandsAndIgnoreOthers',
};

/** The setting that makes every trigger demand required, as the user writes it in the trigger. */
const REQUIRING_SETTING: Readonly<Record<Exclude<DemandMode, 'default'>, string>> = {
  requireAllDemands: 'requireAllDemands: "true"',
  requireAllDemandsAndIgnoreOthers: 'requireAllDemandsAndIgnoreOthers: "true"',
};

/**
 * The first rule of the mode that the job breaks: a job demand the trigger lacks (every mode but
 * `requireAllDemandsAndIgnoreOthers` requires them all), then a trigger demand the job lacks (every mode but
 * the default requires them all). When every item found a partner, only duplicates can have spoilt the pair
 * count KEDA compares.
 */
function demandMismatchMessage(reason: Extract<JobReason, { code: 'demandMismatch' }>): Message {
  const { mode } = reason;
  if (mode !== 'requireAllDemandsAndIgnoreOthers' && reason.jobItemsWithoutMatch.length > 0) {
    // Joined as KEDA reads them, so a stray space after a comma shows.
    return { key: 'keda.reason.demandMismatch', params: { missing: reason.jobItemsWithoutMatch, trigger: reason.triggerItems.join(',') } };
  }
  if (mode !== 'default' && reason.triggerItemsWithoutMatch.length > 0) {
    return {
      key: 'keda.reason.demandMismatch.triggerDemandNotInJob',
      params: { missing: reason.triggerItemsWithoutMatch, setting: REQUIRING_SETTING[mode] },
    };
  }
  return { key: 'keda.reason.demandMismatch.duplicated', params: { pairs: reason.pairCount } };
}
