import type { Transport } from '../core/ado/transport';
import type { Clock } from '../core/clock';

/** What the command needs from its surroundings, so that tests run it in-process. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
  /** The network; Node's `fetch` unless a test puts a fault of its own in the way. */
  transport?: Transport;
  /** The time budget's clock; the system's unless a test brings its own. */
  clock?: Clock;
  /** Standard input, for `keda -f -`; the process's unless a test brings its own. */
  stdin?: () => Promise<string>;
}

/** The command's exit codes: 0 ready, 1 at risk, 2 blocked, 3 error. */
export const EXIT = { ready: 0, atRisk: 1, blocked: 2, error: 3 } as const;
