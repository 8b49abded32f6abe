/**
 * `npm start`: the demo. Serves the sandbox's `demo` organization with KEDA scaling its keda* pools,
 * runs the guard over every pool as a pipeline step would, and keeps serving until Ctrl-C so that
 * the command line, and the project hub in a browser (framed by the test host page), can be tried against it.
 */
import { parseArgs } from 'node:util';
import { PAT_VARIABLE, runCli } from '../cli/main';
import { startSandbox } from '../sandbox';
import { banner } from '../sandbox/banner';
import { hostPagePath, hubHostMount } from '../sandbox/host/mount';
import { scaledJobsForKedaPools, startKedaLoop } from '../sandbox/keda-loop';
import { buildHub } from './build';

const ORG = 'demo';
const ADMIN_PAT = 'demoadminpat0000000000000000000000000000000000000000';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '8080' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535 (0 = any free port), not "${values.port}".`);
  const sandbox = await startSandbox({ scenario: 'demo', port, mounts: [hubHostMount(await buildHub())] });
  const scaledJobs = scaledJobsForKedaPools(sandbox.state.values());
  const keda = startKedaLoop(sandbox.state.values(), scaledJobs);
  console.log(banner(sandbox, 'demo', scaledJobs));

  const org = sandbox.orgUrl(ORG);
  const pools = scaledJobs.map((job) => job.trigger.poolName);
  const cli = (args: string[]) => `${PAT_VARIABLE}=${ADMIN_PAT} npx tsx cli/main.ts ${args.map(shellWord).join(' ')}`;
  const check = ['check', '--org', org, ...pools.flatMap((pool) => ['--pool', pool]), '--demand', 'kubectl'];
  console.log(`\nThe guard over every pool, as a pipeline step runs it before the KEDA jobs queue:\n  ${cli(check)}\n`);
  const code = await runCli(check, { env: { [PAT_VARIABLE]: ADMIN_PAT }, out: console.log, err: console.error });
  console.log(`\n(exit code ${code}: 0 ready, 1 at risk, 2 blocked, 3 error)\n`);
  console.log(
    `Repair the empty pool, then check it again:\n  ${cli(['repair', '--org', org, '--pool', 'keda-empty', '--demand', 'kubectl'])}`,
  );
  const refresh = ['repair', '--org', org, '--pool', 'keda-old-placeholder', '--demand', 'kubectl'];
  console.log(`See what repair would do to the outdated placeholder, then do it:\n  ${cli([...refresh, '--dry-run'])}\n  ${cli(refresh)}`);
  console.log(
    `What a KEDA trigger would count in a pool:\n  ${cli(['keda', '--org', org, '--pool', 'keda-ready', '--demands', 'kubectl'])}`,
  );
  const gate = ['--org', org, '--project', 'demo', '--pool', 'keda-empty', '--demand', 'kubectl'];
  console.log(
    `Hold back every stage of project demo that uses keda-empty until an agent can take its jobs, with no agent and no YAML change:\n  ${cli(['gate', 'install', ...gate, '--connection', 'azure-devops-pools'])}\n  ${cli(['gate', 'show', ...gate])}`,
  );
  const hub = (token: string, theme: 'light' | 'dark' = 'light') => sandbox.url + hostPagePath({ org: ORG, project: 'demo', token, theme });
  console.log(`\nThe project hub "KEDA pools", as the portal shows it:\n  ${hub('demo-admin-token')}  (Dana Admin, pool Administrator)`);
  console.log(`  ${hub('demo-reader-token', 'dark')}  (Riley Reader, dark theme)`);
  console.log('\nCtrl-C stops the demo.');

  const stop = () =>
    void keda
      .stop()
      .then(() => sandbox.stop())
      .then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
