/**
 * The sandbox for tests and tools: a local Azure DevOps organization (or several) that Microsoft's
 * client libraries accept.
 *
 *   const sandbox = await startSandbox({ scenario: 'demo' });
 *   const api = new WebApi(sandbox.orgUrl('contoso'), getPersonalAccessTokenHandler(pat));
 *   ...
 *   await sandbox.stop();
 */
import { FaultInjector, type FaultRule } from './faults';
import { startKedaLoop, type KedaLoop, type KedaLoopOptions, type ScaledJobConfig } from './keda-loop';
import { RequestLog, type LoggedRequest } from './request-log';
import { loadScenario } from './scenario-loader';
import type { Scenario } from './scenario-types';
import { SandboxServer, type SandboxMount, type TlsOptions } from './server';
import { startStage, type StageOptions, type StageRun } from './stages';
import { OrgState } from './state';

export interface StartSandboxOptions {
  /** A scenario, or the name of one in `sandbox/scenarios/` (`.json`, or `.ts` generator), or a path. Default `demo`. */
  scenario?: Scenario | string;
  /** Default 0: a free port. */
  port?: number;
  host?: string;
  faults?: FaultRule[];
  /** KEDA ScaledJobs to play against the scenario's pools (`keda-loop.ts`). */
  keda?: readonly ScaledJobConfig[];
  /** E.g. `{ autoRun: false }`: the KEDA loop then moves only on `sandbox.keda.tick()`. */
  kedaOptions?: KedaLoopOptions;
  /** Served beside the organizations, e.g. the hub's test host (`host/mount.ts`). */
  mounts?: readonly SandboxMount[];
  /** Serve HTTPS, with HTTP/2, as dev.azure.com does (the URL then starts with `https://`). */
  tls?: TlsOptions;
  /**
   * The organizations' time: when the scenario's relative times are resolved, and what every change is stamped
   * with; the KEDA loop's too, unless `kedaOptions.now` says otherwise. A test that moves it moves the service.
   */
  clock?: () => Date;
}

export interface Sandbox {
  /** e.g. `http://127.0.0.1:41234` (`https://` with TLS), no trailing slash. */
  url: string;
  /** The organization URL clients take, e.g. `http://127.0.0.1:41234/contoso`, no trailing slash. */
  orgUrl(org: string): string;
  /** Organization states by their scenario name. */
  state: ReadonlyMap<string, OrgState>;
  /** One organization's state by name, case-insensitive; throws for an unknown name. */
  org(name: string): OrgState;
  /**
   * `dropHung()` resets the requests a hang holds (`SandboxServer.dropHung`); `onHang(listener)` hears of
   * each request a hang takes, and returns how to stop listening.
   */
  faults: { set(rules: FaultRule[]): void; clear(): void; dropHung(): void; onHang(listener: () => void): () => void };
  requests: { list(): LoggedRequest[]; clear(): void };
  /** The KEDA loop, when ScaledJobs were given. */
  keda?: KedaLoop;
  /**
   * A pipeline stage reaching a pool (`stages.ts`): the checks on the project's queue are evaluated, and its
   * job queues only when they pass; `evaluate()` on the result is the next evaluation of a held-back stage.
   */
  startStage(org: string, options: StageOptions): Promise<StageRun>;
  stop(): Promise<void>;
}

export async function startSandbox(options: StartSandboxOptions = {}): Promise<Sandbox> {
  const scenario = loadScenario(options.scenario ?? 'demo');
  const orgs = scenario.organizations.map((seed) => new OrgState(seed, options.clock));
  const names = orgs.map((state) => state.name.toLowerCase());
  if (new Set(names).size !== names.length) throw new Error(`Scenario organizations must have distinct names: ${names.join(', ')}.`);
  // Started before listening, so a ScaledJob naming an unknown pool fails without leaving a server behind.
  const clock = options.clock;
  const kedaOptions = clock ? { now: () => clock().getTime(), ...options.kedaOptions } : options.kedaOptions;
  const keda = options.keda?.length ? startKedaLoop(orgs, options.keda, kedaOptions) : undefined;
  const faults = new FaultInjector(options.faults);
  const log = new RequestLog();
  const server = new SandboxServer(orgs, faults, log, options.mounts, options.tls);
  const url = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1').catch(async (error: unknown) => {
    await keda?.stop();
    throw error;
  });

  const org = (name: string): OrgState => {
    const found = server.findOrg(name);
    if (!found) throw new Error(`The sandbox has no organization "${name}" (it has ${orgs.map((o) => o.name).join(', ')}).`);
    return found;
  };
  return {
    url,
    orgUrl: (name) => `${url}/${org(name).name}`,
    state: new Map(orgs.map((state) => [state.name, state])),
    org,
    faults: {
      set: (rules) => faults.set(rules),
      clear: () => faults.clear(),
      dropHung: () => server.dropHung(),
      onHang: (listener) => server.onHang(listener),
    },
    requests: { list: () => log.list(), clear: () => log.clear() },
    keda,
    startStage: (name, stage) => startStage(org(name), url, stage),
    stop: async () => {
      await keda?.stop();
      await server.close();
    },
  };
}

export type { FaultRule, FaultKind } from './faults';
export type { SandboxMount, SandboxRequest, SandboxResponse, TlsOptions } from './server';
export type { KedaLoop, KedaLoopOptions, ScaledJobConfig } from './keda-loop';
export type { LoggedRequest } from './request-log';
export { DEFAULT_MIN_AGENT_VERSION, OrgState } from './state';
export { runServerTask, ServerTaskRunError } from './server-tasks/run';
export type { ServerTaskJson, ServerTaskOutcome, ServerTaskRun, ServiceEndpoint } from './server-tasks/run';
export { endpointTypeHeaders } from './server-tasks/endpoint-types';
export type { CheckRun, StageOptions, StageRun, StageStatus } from './stages';
export type { OrgEvent, StoredAgent, StoredJobRequest, StoredPool } from './state';
