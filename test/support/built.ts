/** The shipped task and command line, built once per test process however many suites run them. */
import { buildCli, buildTask } from '../../scripts/build';

let task: Promise<string> | undefined;
let cli: Promise<string> | undefined;

/** The folder of the bundled task, as the agent gets it. */
export function builtTask(): Promise<string> {
  return (task ??= buildTask());
}

/** The single-file command line. */
export function builtCli(): Promise<string> {
  return (cli ??= buildCli());
}
