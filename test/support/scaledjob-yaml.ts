/** A ScaledJob manifest as `kubectl get -o yaml` or a repository holds it: the tests' one, shaped per test. */
export interface ScaledJobYaml {
  name?: string;
  pool: string;
  /** `scalingStrategy.strategy`, when the ScaledJob sets one. */
  strategy?: string;
  /** More lines of `spec`, indented as its fields are. */
  spec?: string;
  /** More lines of the trigger's metadata, indented as its keys are. */
  metadata?: string;
  /** The trigger's `authenticationRef`. */
  authentication?: string;
}

/** Agents for the pool's kubectl jobs, at most 10, one for every two waiting jobs (`targetPipelinesQueueLength: "2"`). */
export function scaledJobYaml(job: ScaledJobYaml): string {
  return [
    'apiVersion: keda.sh/v1alpha1',
    'kind: ScaledJob',
    'metadata:',
    `  name: ${job.name ?? 'azp-agent'}`,
    'spec:',
    '  jobTargetRef:',
    '    template:',
    '      spec:',
    '        containers: [{ name: agent, image: "azp-agent:4.248.0" }]',
    '  maxReplicaCount: 10',
    ...(job.strategy ? ['  scalingStrategy:', `    strategy: ${job.strategy}`] : []),
    ...(job.spec ? [job.spec] : []),
    '  triggers:',
    '    - type: azure-pipelines',
    '      metadata:',
    `        poolName: ${job.pool}`,
    '        targetPipelinesQueueLength: "2"',
    ...(job.metadata ? [job.metadata] : []),
    ...(job.authentication ? ['      authenticationRef:', `        name: ${job.authentication}`] : []),
  ].join('\n');
}
