/**
 * How long "what KEDA sees" takes for a large pool: 5,000 job requests counted by 10 triggers, then the
 * coverage across them. Run: `npx tsx bench/core-keda.ts`.
 */
import { analyseCoverage } from '../core/keda/coverage';
import { KedaScaler, countQueue } from '../core/keda/count';
import { parseScalingMetadata } from '../core/keda/trigger';
import { parseKedaVersion } from '../core/keda/version';
import type { JobRequest } from '../core/model/types';

const REQUESTS = 5_000;
const ROUNDS = 20;
const CAPABILITIES = ['maven', 'docker', 'java -equals 17', 'gpu', 'node', 'dotnet60', 'cmake', 'Python'];

const requests: JobRequest[] = Array.from({ length: REQUESTS }, (_, i) => ({
  requestId: 100_000 + i,
  demands: [...CAPABILITIES.filter((_, c) => (i >> c) % 3 === 0), 'Agent.Version -gtVersion 3.220.0'],
  queueTime: new Date(1_700_000_000_000 + i * 1000),
  result: i % 4 === 0 ? 'succeeded' : undefined,
  receiveTime: i % 7 === 0 ? new Date(1_700_000_000_000 + i * 1000) : undefined,
  matchedAgents: [{ id: 1, name: `template-${i % 5}` }, { id: 2, name: 'linux-scaledjob-abcde-fghij' }],
  definitionName: `pipeline-${i % 40}`,
}));

const version = parseKedaVersion('2.21');
const triggerMetadata: Record<string, string>[] = [
  {},
  { demands: 'maven,docker' },
  { demands: 'maven,docker,java -equals 17', requireAllDemands: 'true' },
  { demands: 'gpu', requireAllDemandsAndIgnoreOthers: 'true' },
  { demands: 'NODE,PYTHON', caseInsensitiveDemandsProcessing: 'true' },
  { demands: 'dotnet60,cmake,maven', fetchUnfinishedJobsOnly: 'true' },
  { parent: 'template-3' },
  { parent: 'template-4', fetchUnfinishedJobsOnly: 'true' },
  { demands: 'docker', scaleOnInFlight: 'false' },
  { demands: 'maven,gpu,node,docker,python', caseInsensitiveDemandsProcessing: 'true', requireAllDemands: 'true' },
];
const scalers = triggerMetadata.map((metadata, triggerIndex): { name: string; scaler: KedaScaler } => {
  const parsed = parseScalingMetadata({ poolID: '12', ...metadata }, version);
  if (!parsed.ok) throw new Error(parsed.kedaLog);
  const scaler: KedaScaler = { version, settings: parsed.value, organizationUrl: 'https://dev.azure.com/contoso', poolId: 12, triggerIndex };
  return { name: `trigger-${triggerIndex}`, scaler };
});

function time(label: string, run: () => void): void {
  run(); // warm-up
  const start = performance.now();
  for (let round = 0; round < ROUNDS; round++) run();
  console.log(`${label}: ${((performance.now() - start) / ROUNDS).toFixed(2)} ms`);
}

time(`count ${REQUESTS} requests × ${scalers.length} triggers`, () => scalers.forEach(({ scaler }) => countQueue(scaler, requests)));
time(`coverage of ${REQUESTS} requests across ${scalers.length} triggers`, () => analyseCoverage(requests, scalers));
