import { KedaFinding, kedaFinding } from './findings';
import type { ScaledJobSpec, TriggerSources } from './types';
// Its sentences, registered for the faces that render what this module produces.
import './view-messages';

/**
 * A ScaledJob or ScaledObject manifest as KEDA reads it (its documents already parsed from YAML): every
 * `azure-pipelines` trigger with the sources KEDA resolves for it (the trigger's metadata, the
 * TriggerAuthentication's parameters, the scale target's container environment, `pkg/scaling/resolver`),
 * and the scaling settings around it. A value that lives in a Secret or ConfigMap not in the file is known
 * to be set but not what it is (`unresolved`): KEDA's checks see it as present, and nothing shows it.
 */

export const AZURE_PIPELINES = 'azure-pipelines';

export type ManifestKind = 'ScaledJob' | 'ScaledObject';

export interface ManifestScaler {
  readonly kind: ManifestKind;
  readonly name: string;
  /** ScaledJob: its replica counts and strategy. ScaledObject: its replica counts only. */
  readonly spec: ScaledJobSpec;
  readonly triggers: readonly ManifestTrigger[];
  readonly findings: readonly KedaFinding[];
}

export type ManifestTrigger =
  | {
      /** The position in `spec.triggers`, which names KEDA's metric (`s<index>-azure-pipelines-<pool>`). */
      readonly index: number;
      readonly type: typeof AZURE_PIPELINES;
      readonly metricType: 'AverageValue' | 'Value';
      readonly sources: TriggerSources;
    }
  | { readonly index: number; readonly type: string };

export interface Manifest {
  readonly scalers: readonly ManifestScaler[];
  /** About the file as a whole (no ScaledJob or ScaledObject in it). */
  readonly findings: readonly KedaFinding[];
}

const UNRESOLVED_PREFIX = '‹set by ';

/** A value the cluster sets from a source not in the file: KEDA's checks see it as present. */
export function unresolved(source: string): string {
  return `${UNRESOLVED_PREFIX}${source}›`;
}

export function isUnresolved(value: string): boolean {
  return value.startsWith(UNRESOLVED_PREFIX);
}

type Doc = Record<string, unknown>;

export function readManifest(documents: readonly unknown[]): Manifest {
  // `kubectl get -o yaml` writes a `List` of items.
  const docs = documents
    .flatMap((doc) => (isRecord(doc) && doc.kind === 'List' && Array.isArray(doc.items) ? doc.items : [doc]))
    .filter(isRecord);
  const scalers = docs
    .filter((doc) => doc.kind === 'ScaledJob' || doc.kind === 'ScaledObject')
    .map((doc) => readScaler(doc, new Resources(docs)));
  return { scalers, findings: scalers.length === 0 ? [kedaFinding('manifestNoScaler')] : [] };
}

function readScaler(doc: Doc, resources: Resources): ManifestScaler {
  const kind = doc.kind as ManifestKind;
  const name = text(record(doc.metadata).name) ?? '';
  const spec = record(doc.spec);
  const findings: KedaFinding[] = [];
  const where = (field: string) => ({ scaler: name, field });
  const int = (field: string, value: unknown) => {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    findings.push(kedaFinding('manifestFieldNotInteger', { ...where(field), value: String(value) }));
    return undefined;
  };
  const strategy = record(spec.scalingStrategy);
  const percentage = strategy.customScalingRunningJobPercentage;
  if (percentage !== undefined && typeof percentage !== 'string') {
    findings.push(
      kedaFinding('manifestFieldNotString', { ...where('scalingStrategy.customScalingRunningJobPercentage'), value: String(percentage) }),
    );
  }
  const scaledJob: ScaledJobSpec = {
    minReplicaCount: int('minReplicaCount', spec.minReplicaCount),
    maxReplicaCount: int('maxReplicaCount', spec.maxReplicaCount),
    ...(kind === 'ScaledJob'
      ? {
          scalingStrategy: {
            strategy: text(strategy.strategy),
            customScalingQueueLengthDeduction: int(
              'scalingStrategy.customScalingQueueLengthDeduction',
              strategy.customScalingQueueLengthDeduction,
            ),
            customScalingRunningJobPercentage: text(percentage),
            multipleScalersCalculation: text(strategy.multipleScalersCalculation),
          },
        }
      : {}),
  };

  const podSpec =
    kind === 'ScaledJob' ? record(record(record(spec.jobTargetRef).template).spec) : resources.targetPodSpec(record(spec.scaleTargetRef));
  const containerName = text(kind === 'ScaledJob' ? spec.envSourceContainerName : record(spec.scaleTargetRef).envSourceContainerName);
  const container = podSpec && pickContainer(podSpec, containerName);
  if (podSpec && !container) findings.push(kedaFinding('manifestContainerMissing', { scaler: name, container: containerName ?? '' }));
  const env = container ? resources.containerEnv(container) : {};

  const triggers = (Array.isArray(spec.triggers) ? spec.triggers : []).map((raw, index): ManifestTrigger => {
    const trigger = record(raw);
    const type = text(trigger.type) ?? '';
    if (type !== AZURE_PIPELINES) return { index, type };
    const metadata = stringMap(record(trigger.metadata), (key, value) =>
      findings.push(kedaFinding('manifestFieldNotString', { ...where(`triggers[${index}].metadata.${key}`), value: String(value) })),
    );
    const metricType = text(trigger.metricType) ?? 'AverageValue';
    if (metricType !== 'AverageValue' && metricType !== 'Value')
      findings.push(kedaFinding('manifestMetricTypeUnsupported', { scaler: name, index, metricType }));
    const auth = resources.authentication(record(trigger.authenticationRef), env, podSpec, findings, name);
    return {
      index,
      type,
      metricType: metricType === 'Value' ? 'Value' : 'AverageValue',
      sources: { metadata, authParams: auth.params, resolvedEnv: env, podIdentityProvider: auth.podIdentityProvider },
    };
  });
  if (!triggers.some((t) => t.type === AZURE_PIPELINES)) findings.push(kedaFinding('manifestNoAzurePipelinesTrigger', { scaler: name }));
  for (const trigger of triggers) {
    if (trigger.type !== AZURE_PIPELINES)
      findings.push(kedaFinding('manifestTriggerNotModelled', { scaler: name, index: trigger.index, type: trigger.type }));
  }
  return { kind, name, spec: scaledJob, triggers, findings };
}

/** The Secrets, ConfigMaps, TriggerAuthentications and workloads of the file, as KEDA's resolver finds them by name. */
class Resources {
  constructor(private readonly docs: readonly Doc[]) {}

  private named(kind: string, name: string | undefined): Doc | undefined {
    return name === undefined ? undefined : this.docs.find((doc) => doc.kind === kind && record(doc.metadata).name === name);
  }

  /** A Secret's value: `stringData`, else `data` (base64); unresolved when the Secret or the key is not in the file. */
  secret(name: string, key: string): string {
    const doc = this.named('Secret', name);
    const plain = text(record(doc?.stringData)[key]);
    if (plain !== undefined) return plain;
    const encoded = text(record(doc?.data)[key]);
    return encoded !== undefined ? decodeBase64(encoded) : unresolved(`Secret ${name}, key ${key}`);
  }

  configMap(name: string, key: string): string {
    return text(record(this.named('ConfigMap', name)?.data)[key]) ?? unresolved(`ConfigMap ${name}, key ${key}`);
  }

  /** A ScaledObject's target: the Deployment (or the kind it names) in the file, its pod template. */
  targetPodSpec(ref: Doc): Doc | undefined {
    const target = this.named(text(ref.kind) ?? 'Deployment', text(ref.name));
    return target ? record(record(record(target.spec).template).spec) : undefined;
  }

  /** `resolveEnv`: `envFrom` first (with its prefix), then `env`, whose `$(VAR)` references are expanded. */
  containerEnv(container: Doc): Record<string, string> {
    const env: Record<string, string> = {};
    for (const source of Array.isArray(container.envFrom) ? container.envFrom.map(record) : []) {
      const prefix = text(source.prefix) ?? '';
      const secret = text(record(source.secretRef).name);
      const configMap = text(record(source.configMapRef).name);
      const doc = secret ? this.named('Secret', secret) : configMap ? this.named('ConfigMap', configMap) : undefined;
      for (const [key, value] of Object.entries(record(doc?.stringData ?? doc?.data))) {
        if (typeof value === 'string') env[prefix + key] = secret && !doc?.stringData ? decodeBase64(value) : value;
      }
    }
    for (const variable of Array.isArray(container.env) ? container.env.map(record) : []) {
      const name = text(variable.name);
      if (name === undefined) continue;
      const from = record(variable.valueFrom);
      const secretRef = record(from.secretKeyRef);
      const configMapRef = record(from.configMapKeyRef);
      const [secret, secretKey] = [text(secretRef.name), text(secretRef.key)];
      const [configMap, configMapKey] = [text(configMapRef.name), text(configMapRef.key)];
      if (typeof variable.value === 'string' && variable.value !== '') env[name] = expand(variable.value, env);
      else if (secret !== undefined && secretKey !== undefined) env[name] = this.secret(secret, secretKey);
      else if (configMap !== undefined && configMapKey !== undefined) env[name] = this.configMap(configMap, configMapKey);
      // KEDA skips `fieldRef` and `resourceFieldRef`; an empty `value` is an empty variable.
      else if (!variable.valueFrom) env[name] = '';
    }
    return env;
  }

  /**
   * `resolveAuthRef`: the TriggerAuthentication (or ClusterTriggerAuthentication) the trigger names, its
   * `secretTargetRef`, `configMapTargetRef` and `env` parameters, and its pod identity. One not in the file is
   * taken to give `organizationURL` and `personalAccessToken`, as KEDA's docs set it up, and said so.
   */
  authentication(
    ref: Doc,
    env: Readonly<Record<string, string>>,
    podSpec: Doc | undefined,
    findings: KedaFinding[],
    scaler: string,
  ): { params?: Record<string, string>; podIdentityProvider?: string } {
    const name = text(ref.name);
    if (name === undefined) return {};
    const kind = text(ref.kind) ?? 'TriggerAuthentication';
    const doc = this.named(kind, name);
    if (!doc) {
      findings.push(kedaFinding('manifestAuthenticationNotInFile', { scaler, kind, name }));
      return { params: { organizationURL: unresolved(`${kind} ${name}`), personalAccessToken: unresolved(`${kind} ${name}`) } };
    }
    const spec = record(doc.spec);
    const params: Record<string, string> = {};
    for (const ref of list(spec.secretTargetRef)) {
      const [parameter, secret, key] = [text(ref.parameter), text(ref.name), text(ref.key)];
      if (parameter && secret && key) params[parameter] = this.secret(secret, key);
    }
    for (const ref of list(spec.configMapTargetRef)) {
      const [parameter, configMap, key] = [text(ref.parameter), text(ref.name), text(ref.key)];
      if (parameter && configMap && key) params[parameter] = this.configMap(configMap, key);
    }
    for (const ref of list(spec.env)) {
      const [parameter, variable] = [text(ref.parameter), text(ref.name)];
      if (!parameter || !variable) continue;
      const container = text(ref.containerName);
      const source = container && podSpec ? pickContainer(podSpec, container) : undefined;
      const value = source ? this.containerEnv(source)[variable] : env[variable];
      if (value !== undefined) params[parameter] = value;
    }
    const external = ['hashiCorpVault', 'azureKeyVault', 'gcpSecretManager', 'awsSecretManager'].filter((key) => spec[key] !== undefined);
    if (external.length > 0) {
      findings.push(kedaFinding('manifestAuthenticationExternal', { scaler, name, sources: external }));
      params.organizationURL ??= unresolved(external[0]);
      params.personalAccessToken ??= unresolved(external[0]);
    }
    return { params, podIdentityProvider: text(record(spec.podIdentity).provider) };
  }
}

/** The container KEDA reads the environment of: the one named, else the first. */
function pickContainer(podSpec: Doc, name: string | undefined): Doc | undefined {
  const containers = list(podSpec.containers);
  return name === undefined ? containers[0] : containers.find((c) => c.name === name);
}

/** Kubernetes' `$(VAR)` references to variables defined before, `$$` for a literal `$`. */
function expand(value: string, env: Readonly<Record<string, string>>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (reference, name: string | undefined) =>
    name === undefined ? '$' : Object.hasOwn(env, name) ? env[name] : reference,
  );
}

function decodeBase64(encoded: string): string {
  const binary = atob(encoded.replace(/\s/g, ''));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** Trigger metadata is `map[string]string` in the CRD: any other value is refused by Kubernetes. */
function stringMap(map: Doc, refused: (key: string, value: unknown) => void): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(map)) {
    if (typeof value === 'string') result[key] = value;
    else refused(key, value);
  }
  return result;
}

function isRecord(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown): Doc {
  return isRecord(value) ? value : {};
}

function list(value: unknown): Doc[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
