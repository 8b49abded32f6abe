/**
 * Core speed on the sandbox's `large` organization (300 pools, 20,000 agents, 5,000 job requests):
 * the data is read once through the REST client, then every pool is judged and counted by 10 KEDA
 * triggers, with the coverage across them. Prints a table and writes bench/results/core.json.
 * Run: `npm run bench`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { RestAdoClient } from '../core/ado/client';
import { readPools } from '../core/ado/snapshots';
import { analyseCoverage, type NamedScaler } from '../core/keda/coverage';
import { parseScalingMetadata } from '../core/keda/trigger';
import { parseKedaVersion } from '../core/keda/version';
import { classificationRules } from '../core/model/classify';
import type { PoolSnapshot } from '../core/model/types';
import { evaluatePool } from '../core/model/verdict';
import { startSandbox } from '../sandbox';

const ROUNDS = 7;
const TRIGGERS: Record<string, string>[] = [
  {},
  { demands: 'kubectl' },
  { demands: 'kubectl,helm' },
  { demands: 'kubectl,helm', requireAllDemands: 'true' },
  { demands: 'docker', requireAllDemandsAndIgnoreOthers: 'true' },
  { demands: 'KUBECTL', caseInsensitiveDemandsProcessing: 'true' },
  { demands: 'kubectl', fetchUnfinishedJobsOnly: 'true' },
  { parent: 'keda-placeholder' },
  { parent: 'keda-placeholder', fetchUnfinishedJobsOnly: 'true' },
  { demands: 'kubectl', scaleOnInFlight: 'false' },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timed(run: () => void): number {
  run(); // warm-up: the first round pays for the JIT
  return median(
    Array.from({ length: ROUNDS }, () => {
      const start = performance.now();
      run();
      return performance.now() - start;
    }),
  );
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ scenario: 'large' });
  let snapshots: PoolSnapshot[];
  try {
    const client = new RestAdoClient({
      orgUrl: sandbox.orgUrl('large'),
      credentials: { kind: 'bearer', token: 'large-build-service-token' },
      timeoutMs: 120_000,
    });
    const pools = await client.listPools();
    const reads = await readPools(
      client,
      pools.map((pool) => pool.name),
    );
    snapshots = reads.flatMap((read) => (read.kind === 'found' ? [read.snapshot] : []));
  } finally {
    await sandbox.stop();
  }
  const agents = snapshots.reduce((n, s) => n + s.agents.length, 0);
  const requests = snapshots.reduce((n, s) => n + s.jobRequests.length, 0);

  const settings = { demands: ['kubectl'], rules: classificationRules() };
  const version = parseKedaVersion('2.21');
  const scalersFor = (poolId: number): NamedScaler[] =>
    TRIGGERS.map((metadata, triggerIndex) => {
      const parsed = parseScalingMetadata({ poolID: String(poolId), ...metadata }, version);
      if (!parsed.ok) throw new Error(parsed.kedaLog);
      return {
        name: `trigger-${triggerIndex}`,
        scaler: { version, settings: parsed.value, organizationUrl: 'https://dev.azure.com/large', poolId, triggerIndex },
      };
    });

  const evaluateMs = timed(() => snapshots.forEach((snapshot) => evaluatePool(snapshot, settings)));
  const kedaMs = timed(() => snapshots.forEach((snapshot) => analyseCoverage(snapshot.jobRequests, scalersFor(snapshot.pool.id))));
  const rows = [
    { measure: `judge ${snapshots.length} pools (${agents} agents)`, medianMs: evaluateMs },
    { measure: `${TRIGGERS.length} KEDA triggers + coverage over ${requests} unfinished requests, every pool`, medianMs: kedaMs },
    { measure: 'both: the large organization with 10 triggers', medianMs: evaluateMs + kedaMs },
  ];
  console.table(rows.map((row) => ({ ...row, medianMs: Number(row.medianMs.toFixed(1)) })));
  const out = path.join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, 'core.json'),
    JSON.stringify(
      { when: new Date().toISOString(), node: process.version, rounds: ROUNDS, pools: snapshots.length, agents, requests, rows },
      null,
      2,
    ) + '\n',
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
