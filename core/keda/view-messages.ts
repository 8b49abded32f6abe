import { registerMessages } from '../on-demand-messages';

/**
 * The KEDA view's own sentences, beside the emulation's (`messages.ts`): what a ScaledJob's spec makes KEDA
 * do, its decision with the arithmetic, a ScaledObject's replicas, and what reading a manifest shows. Only the views that compute them
 * show them (the command line's `keda` and the hub's KEDA tab), so they stay out of the shared catalog that
 * every face loads first, and register themselves when this module is imported, which every module that
 * produces them does (`scaledjob.ts`, `decision-lines.ts`, `manifest.ts`).
 */
export const KEDA_VIEW_MESSAGES = {
  // What a ScaledJob's spec makes KEDA do, release by release (`scaledjob.ts`), and a release newer than modelled.
  'keda.usage.versionNewer':
    'KEDA {version} is newer than {newest}, the newest release this check models: the results assume it behaves as {newest}. Check the release notes of the releases since, or update KEDA Pool Guard.',
  'keda.finding.customPercentageUnparseable':
    '`customScalingRunningJobPercentage` is {value:code}, which KEDA cannot read as a number, so it silently uses the `default` strategy. Write it as a decimal such as "0.5".',
  'keda.finding.customDeductionMissing':
    'The `custom` strategy is selected but `customScalingQueueLengthDeduction` is not set: KEDA {version} reads it without checking and panics (kedacore/keda#7798), so this ScaledJob creates no Jobs. Set it (0 for no deduction), or upgrade KEDA to 2.20.2, which takes an absent deduction as 0.',
  'keda.finding.eagerNotInVersion':
    'KEDA {version} has no `eager` strategy (added in 2.15.0) and silently uses `default`, which subtracts every running Job. Upgrade KEDA to 2.15.0 or later, or choose `default` or `accurate` knowingly.',
  'keda.finding.strategyRefusedByCrd':
    'KEDA {version}’s ScaledJob definition accepts `scalingStrategy.strategy` only as one of {allowed:code}, so Kubernetes refuses a ScaledJob with {value:code} and KEDA never scales it. Use one of those values, or leave `strategy` out for the default.',
  'keda.finding.calculationRefusedByCrd':
    'KEDA {version}’s ScaledJob definition accepts `scalingStrategy.multipleScalersCalculation` only as one of {allowed:code}, so Kubernetes refuses a ScaledJob with {value:code} and KEDA never scales it. Use one of those values, or leave it out for `max`.',
  'keda.finding.minWithoutMaxPanics':
    'KEDA {version} reads `maxReplicaCount` unchecked whenever `minReplicaCount` is set (fixed in 2.11.0, kedacore/keda#4567), so this ScaledJob, which sets only `minReplicaCount`, makes KEDA panic and creates no Jobs. Set `maxReplicaCount` too, or upgrade KEDA.',

  'keda.finding.poolIdFromProbe':
    'KEDA {version} polls pool {polled}, not {given}: up to 2.16 it takes the id to poll from the answer to {url:code}, which holds {polled} at its top level. Set `poolName` instead of `poolID`, or upgrade KEDA to 2.17 or later.',
  'keda.finding.manifestNoScaler':
    'The file holds no ScaledJob and no ScaledObject (`kind: ScaledJob` or `kind: ScaledObject`, apiVersion keda.sh/v1alpha1). Give the manifest you apply with kubectl, or `kubectl get scaledjob <name> -o yaml`.',
  'keda.finding.manifestNoAzurePipelinesTrigger':
    '{scaler:code} has no trigger of type `azure-pipelines`, so nothing in it counts the pool’s jobs. Add one, or give the manifest of the ScaledJob that scales the agents.',
  'keda.finding.manifestFieldNotInteger':
    '{scaler:code}: {field:code} is {value:code}, which is not a whole number, so Kubernetes refuses the object and KEDA never sees it. Write a whole number without quotes.',
  'keda.finding.manifestFieldNotString':
    '{scaler:code}: {field:code} is {value:code} without quotes, so Kubernetes refuses the object (the field holds text) and KEDA never sees it. Quote the value, such as "2".',
  'keda.finding.manifestMetricTypeUnsupported':
    '{scaler:code}: trigger {index} has the metric type {metricType:code}, which KEDA refuses for this scaler (only `AverageValue`, the default, and `Value`). Remove `metricType` or set one of those.',
  'keda.finding.manifestContainerMissing':
    '{scaler:code}: no container {container:code} in the pod template (or no container at all), so KEDA cannot read the environment the trigger’s `...FromEnv` keys name and the trigger fails. Name an existing container in `envSourceContainerName`.',
  'keda.finding.manifestTriggerNotModelled':
    '{scaler:code}: trigger {index} is of type {type:code}, which this view does not model; the decision below leaves it out, so KEDA may create more Jobs than shown.',
  'keda.finding.manifestAuthenticationNotInFile':
    '{scaler:code} names {kind} {name:code}, which is not in the file: it is taken to give `organizationURL` and `personalAccessToken`. Add it to the file to have it checked.',
  'keda.finding.manifestAuthenticationExternal':
    '{scaler:code}: TriggerAuthentication {name:code} reads {sources:code}, which this view cannot read; its values are taken to be set.',
  'keda.view.triggerHeading': '{kind} {name:code}, trigger {index} (azure-pipelines)',
  'keda.view.poolById': 'pool {id}',
  'keda.decision.heading': 'What KEDA {version} does now with ScaledJob {name:code}:',
  'keda.decision.headingFlags': 'What KEDA {version} does now with a ScaledJob around this trigger:',
  'keda.decision.maxReplicaCount': 'max = maxReplicaCount {maxReplicaCount} − minReplicaCount {min} = {max} (KEDA’s MaxReplicaCount()).',
  'keda.decision.maxValue': 'maxScale = ceil(min(queue length {queueLength} ÷ target {target}, max {max})) = {maxScale}.',
  'keda.decision.maxValueCombined':
    'maxScale = ceil(min({maxValue}, max {max})) = {maxScale}, the triggers combined by multipleScalersCalculation {calculation:code}.',
  'keda.decision.maxValueNoTarget': 'maxScale = 0: a trigger with `metricType: Value` gives a ScaledJob no scale of its own.',
  'keda.decision.scaleTo': 'scaleTo = ceil(queue length {queueLength}) = {scaleTo}.',
  'keda.decision.scaleToEager': 'scaleTo = max = {scaleTo} (the eager strategy asks for as many Jobs as it may).',
  'keda.decision.jobsGiven': 'Jobs of this ScaledJob in the cluster: {running} running, {pending} of them pending, as given.',
  'keda.decision.jobsAssumed':
    'Jobs of this ScaledJob in the cluster taken as {running} running, {pending} pending: count them with `kubectl get jobs -l scaledjob.keda.sh/name=<name>` and give them for an exact answer.',
  'keda.decision.runningAboveMin': 'running = {running} running Jobs − minReplicaCount {min} = {beyond}.',
  'keda.decision.limit.belowMinimum':
    '{running} running Jobs are fewer than minReplicaCount {min}: KEDA tops up, {min} − {running} = {effective}.',
  'keda.decision.limit.default': 'default strategy: maxScale {maxScale} − running {running} = {effective}.',
  'keda.decision.limit.custom':
    'custom strategy: min(maxScale {maxScale} − deduction {deduction} − int(running {running} × {percentage}), max {max}) = {effective}.',
  'keda.decision.limit.accurateCapped':
    'accurate strategy: maxScale {maxScale} + running {running} − pending {pending} = {sum} is above max {max}, so max {max} − running {running} = {effective}.',
  'keda.decision.limit.accurate':
    'accurate strategy: maxScale {maxScale} + running {running} − pending {pending} = {sum} is not above max {max}, so maxScale {maxScale} − pending {pending} = {effective}.',
  'keda.decision.limit.accurateCappedBefore219':
    'accurate strategy (before 2.19.0): maxScale {maxScale} + running {running} = {sum} is above max {max}, so max {max} − running {running} = {effective}.',
  'keda.decision.limit.accurateBefore219':
    'accurate strategy (before 2.19.0): maxScale {maxScale} + running {running} = {sum} is not above max {max}, so maxScale {maxScale} − pending {pending} = {effective}.',
  'keda.decision.limit.eager': 'eager strategy: min(max {max} − running {running} − pending {pending}, maxScale {maxScale}) = {effective}.',
  'keda.decision.limit.stopped': 'KEDA cannot scale this ScaledJob (see the error below).',
  'keda.decision.create': 'Jobs to create now: min(scaleTo {scaleTo}, {effective}) = {jobs}.',
  'keda.decision.createNone': 'Jobs to create now: 0, as the limit is {effective}.',
  'keda.decision.inactive': 'Jobs to create now: 0. No trigger is active, and minReplicaCount is 0.',
  'keda.replicas.heading': 'What KEDA {version} and its HPA do now with ScaledObject {name:code}:',
  'keda.replicas.active':
    'Replicas: ceil(queue length {queueLength} ÷ target {target}) = {metricReplicas}, within [{floor}, {max}]: {replicas}.',
  'keda.replicas.floor':
    'Replicas: no trigger is active, but minReplicaCount {min} keeps the HPA, which follows ceil(queue length {queueLength} ÷ target {target}) = {metricReplicas} within [{floor}, {max}]: {replicas}.',
  'keda.replicas.zero':
    'Replicas: 0. No trigger is active and minReplicaCount is 0, so KEDA scales the target to zero after its cooldownPeriod.',
  'keda.replicas.noTarget': 'Replicas: none computed, as the target is not positive and the HPA refuses it.',
} as const satisfies Record<string, string>;

export type KedaViewMessageKey = keyof typeof KEDA_VIEW_MESSAGES;

registerMessages(KEDA_VIEW_MESSAGES);
