/**
 * A sandbox with the hub's test host, in a worker thread of its own (see `startTimedHubHarness`): the
 * browser driver's event handling stays off the thread that serves the browser, as the portal's servers
 * are not in the browser's machine either.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startSandbox, type FaultRule, type TlsOptions } from '../../sandbox';
import { hubHostMount } from '../../sandbox/host/mount';

export interface SandboxWorkerData {
  scenario: string;
  faults: FaultRule[];
  hubDir: string;
  tls: TlsOptions;
}

const options = workerData as SandboxWorkerData;
startSandbox({ scenario: options.scenario, faults: options.faults, mounts: [hubHostMount(options.hubDir)], tls: options.tls }).then(
  (sandbox) => {
    parentPort!.postMessage({ url: sandbox.url });
    parentPort!.once('message', () => void sandbox.stop().then(() => parentPort!.postMessage({ stopped: true })));
  },
  (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
