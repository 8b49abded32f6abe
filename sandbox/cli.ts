/**
 * `npm start` / `npm run sandbox -- --port 0 --scenario large`: serves a scenario until Ctrl-C and
 * prints how to reach it.
 */
import { parseArgs } from 'node:util';
import { banner } from './banner';
import { startSandbox } from './index';
import { scaledJobsForKedaPools, startKedaLoop } from './keda-loop';

const USAGE =
  'Usage: tsx sandbox/cli.ts [--port 8080 (0 = any free port)] [--host 127.0.0.1] [--scenario demo | <file>] [--keda (KEDA ScaledJobs scale the keda* pools)]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      scenario: { type: 'string', default: 'demo' },
      keda: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, not "${values.port}". ${USAGE}`);

  const sandbox = await startSandbox({ scenario: values.scenario, port, host: values.host });
  const scaledJobs = values.keda ? scaledJobsForKedaPools(sandbox.state.values()) : [];
  const keda = scaledJobs.length > 0 ? startKedaLoop(sandbox.state.values(), scaledJobs) : undefined;
  console.log(banner(sandbox, values.scenario, scaledJobs));
  const stop = () =>
    void Promise.resolve(keda?.stop())
      .then(() => sandbox.stop())
      .then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
