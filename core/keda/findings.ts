import type { Params } from '../model/findings';
import type { KedaMessageKey } from './messages';

export type Severity = 'error' | 'warning' | 'info';

type Suffix<K, P extends string> = K extends `${P}${infer Code}` ? Code : never;

export type KedaFindingCode = Suffix<KedaMessageKey, 'keda.finding.'>;
export type KedaErrorCode = Suffix<KedaMessageKey, 'keda.error.'>;

/** Something the user should know about a trigger, its jobs or its ScaledJob; rendered from `messageKey`. */
export interface KedaFinding {
  readonly code: KedaFindingCode;
  readonly severity: Severity;
  readonly params: Params;
  readonly messageKey: KedaMessageKey;
}

/** A reason KEDA refuses to build the scaler, with KEDA's own text for searching the operator's log. */
export interface KedaError {
  readonly code: KedaErrorCode;
  readonly params: Params;
  readonly messageKey: KedaMessageKey;
  /**
   * This error's part of KEDA's message. Go's JSON decoder texts are reproduced only for the failures users
   * meet (an empty body, an HTML page, a bare array, a value that is no integer): elsewhere the text ends
   * before the decoder's detail, or is `''` when the decoder's text is all KEDA says.
   */
  readonly kedaText: string;
}

/** `error`: jobs will not get agents; `warning`: scaling is off or fragile; `info`: worth knowing, harmless alone. */
const SEVERITY: Readonly<Record<KedaFindingCode, Severity>> = {
  keyNotSupportedByVersion: 'warning',
  scaleOnInFlightIgnoredUpTo219: 'warning',
  scaleOnInFlightIgnoredV220: 'warning',
  unknownMetadataKey: 'warning',
  metadataKeyCaseMismatch: 'warning',
  demandItemPadded: 'error',
  demandItemDuplicated: 'warning',
  demandItemEmpty: 'warning',
  demandAgentVersionIgnored: 'info',
  parentIgnoresDemands: 'warning',
  requireAllDemandsWins: 'info',
  jobsToFetchAboveServiceCap: 'warning',
  jobsToFetchIgnoredWithParent: 'info',
  jobsToFetchNotPositive: 'warning',
  targetNotPositive: 'error',
  poolNameWinsOverPoolId: 'info',
  emptyPersonalAccessToken: 'error',
  demandlessJobsMatchEveryTrigger: 'info',
  parentNotInMatchedAgents: 'error',
  parentNameCaseMismatch: 'error',
  jobsWithoutMatchedAgents: 'warning',
  queuedJobsBeyondTopWindow: 'error',
  defaultStrategyExcludesInFlight: 'warning',
  accurateStrategyCountsInFlight: 'warning',
  customPercentageUnparseable: 'warning',
  customDeductionMissing: 'error',
  eagerNotInVersion: 'warning',
  strategyRefusedByCrd: 'error',
  calculationRefusedByCrd: 'error',
  minWithoutMaxPanics: 'error',
  poolIdFromProbe: 'error',
  manifestNoScaler: 'error',
  manifestNoAzurePipelinesTrigger: 'error',
  manifestFieldNotInteger: 'error',
  manifestFieldNotString: 'error',
  manifestMetricTypeUnsupported: 'error',
  manifestContainerMissing: 'error',
  manifestTriggerNotModelled: 'warning',
  manifestAuthenticationNotInFile: 'info',
  manifestAuthenticationExternal: 'info',
  jobsNoTriggerCounts: 'error',
  jobsCountedByManyTriggers: 'warning',
};

export function kedaFinding(code: KedaFindingCode, params: Params = {}): KedaFinding {
  return { code, severity: SEVERITY[code], params, messageKey: `keda.finding.${code}` };
}

export function kedaError(code: KedaErrorCode, params: Params, kedaText: string): KedaError {
  return { code, params, messageKey: `keda.error.${code}`, kedaText };
}
