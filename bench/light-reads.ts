/**
 * What the hub's list would transfer for the `large` organization if it read agents without their
 * capabilities and asked the service the questions that need them (`?demands=`), beside what it reads
 * today: the JSON bodies of each kind of read, summed over the self-hosted pools, as the browser client
 * asks for them (bare arrays, numeric enums, `/Date()/` dates, no URLs). Issue 18 asks for at most 11 MB;
 * this shows which reads stand in the way. Writes bench/results/light-reads.json. Run:
 * `npm run bench:light`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEFAULT_CLASSIFICATION_RULES } from '../core/model/classify';
import { demandSetsOf } from '../core/model/demand-sets';
import { formatDemand, isAgentVersionDemand } from '../core/model/demands';
import { startSandbox } from '../sandbox';

const ACCEPT = 'application/json;api-version=7.2-preview.1;excludeUrls=true;enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true';
const TOKEN = 'large-build-service-token';
/** As `core/ado/snapshots.ts` reads a pool's history. */
const HISTORY = 25;

type ReadKind =
  | 'agentsWithCapabilities'
  | 'unfinishedRequests'
  | 'recentRequests'
  | 'agentsWithoutCapabilities'
  | 'agentsWithoutCapabilitiesOrLastRequest'
  | 'markerQuestion'
  | 'kubernetesQuestion'
  | 'jobDemandSetQuestions'
  | 'jobDemandQuestions'
  /** Of `unfinishedRequests`: their `matchedAgents`, always sent; the rules read them only for KEDA's `parent` on stuck jobs. */
  | 'matchedAgentsOfUnfinishedRequests';

async function main(): Promise<void> {
  const sandbox = await startSandbox({ scenario: 'large' });
  try {
    const base = `${sandbox.orgUrl('large')}/_apis/distributedtask/pools`;
    const get = async (resource: string): Promise<string> => {
      const response = await fetch(`${base}${resource}`, { headers: { Accept: ACCEPT, Authorization: `Bearer ${TOKEN}` } });
      if (!response.ok) throw new Error(`GET ${resource}: HTTP ${response.status}`);
      return response.text();
    };
    const totals = new Map<ReadKind, { requests: number; bytes: number; gzippedBytes: number }>();
    const add = (kind: ReadKind, bytes: number, gzippedBytes: number) => {
      const total = totals.get(kind) ?? { requests: 0, bytes: 0, gzippedBytes: 0 };
      totals.set(kind, { requests: total.requests + 1, bytes: total.bytes + bytes, gzippedBytes: total.gzippedBytes + gzippedBytes });
    };
    // Gzipped at level 6, as the bytes the service would send a browser that accepts gzip (whether it does is not confirmed).
    const gzipped = (text: string) => gzipSync(text, { level: 6 }).length;
    const count = (kind: ReadKind, body: string) => add(kind, Buffer.byteLength(body), gzipped(body));
    const asked = (demands: readonly string[]) => `?demands=${encodeURIComponent(demands.join(','))}`;
    const pools = JSON.parse(await get('')) as { id: number; isHosted: boolean }[];
    const selfHosted = pools.filter((pool) => !pool.isHosted);
    for (const { id } of selfHosted) {
      count(
        'agentsWithCapabilities',
        await get(`/${id}/agents?includeCapabilities=true&includeAssignedRequest=true&includeLastCompletedRequest=true`),
      );
      count(
        'agentsWithoutCapabilities',
        await get(`/${id}/agents?includeCapabilities=false&includeAssignedRequest=true&includeLastCompletedRequest=true`),
      );
      count('agentsWithoutCapabilitiesOrLastRequest', await get(`/${id}/agents?includeCapabilities=false&includeAssignedRequest=true`));
      const unfinished = await get(`/${id}/jobrequests?completedRequestCount=0`);
      const recent = await get(`/${id}/jobrequests?%24top=${HISTORY}`);
      count('unfinishedRequests', unfinished);
      const withoutMatched = (JSON.parse(unfinished) as Record<string, unknown>[]).map(({ matchedAgents: _, ...request }) => request);
      const rest = JSON.stringify(withoutMatched);
      add(
        'matchedAgentsOfUnfinishedRequests',
        Buffer.byteLength(unfinished) - Buffer.byteLength(rest),
        gzipped(unfinished) - gzipped(rest),
      );
      count('recentRequests', recent);
      count('markerQuestion', await get(`/${id}/agents${asked([DEFAULT_CLASSIFICATION_RULES.markerCapability])}`));
      for (const capability of DEFAULT_CLASSIFICATION_RULES.kubernetesCapabilities) {
        count('kubernetesQuestion', await get(`/${id}/agents${asked([capability])}`));
      }
      // `Agent.Version` is judged from each agent's `version`; every other demand of the pool's jobs is a question.
      // Only the demands are read here; the client turns `/Date()/` into dates, which the set order does not need.
      const requests = [...JSON.parse(unfinished), ...JSON.parse(recent)] as { requestId: number; demands?: string[] }[];
      const sets = demandSetsOf(requests.map(({ requestId, demands }) => ({ requestId, demands: demands ?? [] }))).map((set) =>
        set.demands.filter((demand) => !isAgentVersionDemand(demand)).map(formatDemand),
      );
      for (const set of sets.filter((demands) => demands.length > 0))
        count('jobDemandSetQuestions', await get(`/${id}/agents${asked(set)}`));
      for (const demand of new Set(sets.flat())) count('jobDemandQuestions', await get(`/${id}/agents${asked([demand])}`));
    }
    const figures = Object.fromEntries(totals);
    const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
    console.log(`Reads of the ${selfHosted.length} self-hosted pools of large, JSON bodies as the hub's client asks for them:`);
    for (const [kind, { requests, bytes, gzippedBytes }] of totals)
      console.log(`  ${kind.padEnd(40)} ${String(requests).padStart(5)} requests ${mb(bytes).padStart(10)} (${mb(gzippedBytes)} gzipped)`);
    // Every agent must be listed (counts, status, staleness) and every unfinished and recent job read: no
    // form of those reads is smaller, whatever is asked about capabilities.
    const floor = ['agentsWithoutCapabilitiesOrLastRequest', 'unfinishedRequests', 'recentRequests'] as const;
    const floorBytes = floor.reduce((total, kind) => total + (totals.get(kind)?.bytes ?? 0), 0);
    const floorGzipped = floor.reduce((total, kind) => total + (totals.get(kind)?.gzippedBytes ?? 0), 0);
    console.log(`  the least an exact read can transfer (${floor.join(' + ')}): ${mb(floorBytes)} (${mb(floorGzipped)} gzipped)`);
    const out = path.join(__dirname, 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      path.join(out, 'light-reads.json'),
      JSON.stringify({ when: new Date().toISOString(), pools: selfHosted.length, reads: figures, floorBytes, floorGzipped }, null, 2) +
        '\n',
    );
  } finally {
    await sandbox.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
