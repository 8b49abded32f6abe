/**
 * Runs the built task as the agent does: a fresh `node` on the task.json target, inputs and
 * endpoints in `INPUT_*` / `ENDPOINT_*` variables, and the `##vso[...]` logging commands read back.
 * Every run is checked clean: no secret printed or written, no crash.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { AgentInputs } from '../../tasks/KedaPoolGuardV1/settings';
import { assertCleanRun } from '../support/clean-output';
import { SECRETS } from '../support/tokens';

export interface LoggingCommand {
  name: string;
  properties: Record<string, string>;
  data: string;
}

export interface TaskRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  commands: LoggingCommand[];
  /** `Succeeded`, `SucceededWithIssues` or `Failed`: the worst `task.complete`, as the agent keeps it. */
  result?: string;
  errors: string[];
  warnings: string[];
  /** Output variables (`isOutput=true`) by name. */
  outputs: Record<string, string>;
  /** The Markdown attached as the build summary. */
  summary?: string;
  /** `Agent.TempDirectory`: the only place the task may write. */
  tempDirectory: string;
  durationMs: number;
}

export interface AgentJob {
  /** The task folder holding task.json and the bundled target. */
  taskDir: string;
  inputs: Record<string, string>;
  collectionUri: string;
  project?: string;
  /** The job's own token (`SystemVssConnection`); omitted to run without one. */
  jobToken?: string;
  /** A service connection, referenced by the `connection` input. */
  connection?: { id: string; url: string; token: string };
  /** An Azure Resource Manager connection, referenced by the `azureConnection` input. */
  azureConnection?: AzureConnection;
  /** The agent's variables, e.g. `Agent.ProxyUrl`, as it hands them to a task. */
  variables?: Record<string, string>;
  /** The agent's secret variables, e.g. `Agent.ProxyPassword`: masked by the agent, never printed by the task. */
  secretVariables?: Record<string, string>;
  env?: Record<string, string>;
  /** Further values the run must never print, such as a wrong secret handed to it. */
  secrets?: readonly string[];
}

/** An Azure Resource Manager service connection as the agent hands it to a task. */
export interface AzureConnection {
  id: string;
  /** `WorkloadIdentityFederation` or `ServicePrincipal`. */
  scheme: string;
  /** `serviceprincipalid`, `tenantid`, and `serviceprincipalkey` with `authenticationType: spnKey` for a secret. */
  parameters: Record<string, string>;
  /** E.g. `activeDirectoryAuthority`, the Entra authority of the connection's cloud. */
  data?: Record<string, string>;
}

const RESULT_RANK: Record<string, number> = { Succeeded: 0, SucceededWithIssues: 1, Failed: 2 };

export async function runTask(job: AgentJob): Promise<TaskRun> {
  const run = await runTaskUnchecked(job);
  const agentSecrets = job.secretVariables ?? {};
  assertCleanRun({ ...run, stdout: maskedByAgent(run.stdout, agentSecrets), directory: run.tempDirectory }, [
    ...SECRETS,
    ...Object.values(agentSecrets),
    ...(job.secrets ?? []),
  ]);
  return run;
}

/**
 * The agent masks its secret variables in everything a task prints. task-lib prints the proxy's and the
 * client certificate's passwords in a debug line of its own as it loads (`_exposeProxySettings`,
 * `_exposeCertSettings` in `internal.ts`), so those lines are masked here as the agent masks them; the
 * secrets must appear nowhere else.
 */
function maskedByAgent(stdout: string, secrets: Record<string, string>): string {
  return agentLines(stdout)
    .map((line) => {
      const command = parseCommand(line);
      const own = command?.name === 'task.debug' && Object.entries(secrets).some(([name, value]) => command.data === `${name}=${value}`);
      return own ? '##vso[task.debug]***' : line;
    })
    .join('\n');
}

/** The environment variable the agent hands a variable in: `Agent.ProxyUrl` -> `AGENT_PROXYURL`. */
function variableKey(name: string): string {
  return name.toUpperCase().replace(/\./g, '_');
}

/** `runTask` without its checks, for a test that expects the task to stop on a fault of its own. */
export function runTaskUnchecked(job: AgentJob): Promise<TaskRun> {
  const task = JSON.parse(readFileSync(path.join(job.taskDir, 'task.json'), 'utf8')) as { execution: Record<string, { target: string }> };
  const target = path.join(job.taskDir, task.execution.Node20_1.target);
  const temp = mkdtempSync(path.join(tmpdir(), 'kpg-agent-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    AGENT_TEMPDIRECTORY: temp,
    SYSTEM_COLLECTIONURI: job.collectionUri,
    ...(job.project ? { SYSTEM_TEAMPROJECT: job.project } : {}),
    ...job.env,
  };
  for (const [name, value] of Object.entries(job.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  for (const [name, value] of Object.entries(job.variables ?? {})) env[variableKey(name)] = value;
  for (const [name, value] of Object.entries(job.secretVariables ?? {})) env[`SECRET_${variableKey(name)}`] = value;
  if (job.jobToken !== undefined) {
    env.ENDPOINT_AUTH_SYSTEMVSSCONNECTION = JSON.stringify({ parameters: { AccessToken: job.jobToken }, scheme: 'OAuth' });
    env.ENDPOINT_URL_SYSTEMVSSCONNECTION = job.collectionUri;
  }
  if (job.connection) {
    const id = job.connection.id;
    env.INPUT_CONNECTION = id;
    env[`ENDPOINT_URL_${id}`] = job.connection.url;
    env[`ENDPOINT_AUTH_${id}`] = JSON.stringify({ parameters: { apitoken: job.connection.token }, scheme: 'Token' });
  }
  if (job.azureConnection) {
    const { id, scheme, parameters, data } = job.azureConnection;
    env.INPUT_AZURECONNECTION = id;
    env[`ENDPOINT_URL_${id}`] = 'https://management.azure.com/';
    env[`ENDPOINT_AUTH_${id}`] = JSON.stringify({ parameters, scheme });
    for (const [key, value] of Object.entries(data ?? {})) env[`ENDPOINT_DATA_${id}_${key.toUpperCase()}`] = value;
  }
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [target], { env, cwd: temp, timeout: 120_000 }, (error, stdout, stderr) => {
      const exitCode = error && typeof error.code === 'number' ? error.code : 0;
      resolve(readRun(stdout, stderr, exitCode, temp, Date.now() - started));
    });
  });
}

/** Lines as the agent reads a process's output: `\r\n`, `\n` and a lone `\r` all end one. */
function agentLines(output: string): string[] {
  return output.split(/\r\n|\r|\n/);
}

function readRun(stdout: string, stderr: string, exitCode: number, tempDirectory: string, durationMs: number): TaskRun {
  const commands = agentLines(stdout).flatMap((line) => {
    const command = parseCommand(line);
    return command ? [command] : [];
  });
  const of = (name: string) => commands.filter((c) => c.name === name);
  const result = of('task.complete')
    .map((c) => c.properties.result)
    .reduce<string | undefined>((worst, r) => (worst === undefined || RESULT_RANK[r] > RESULT_RANK[worst] ? r : worst), undefined);
  const issues = (type: string) =>
    of('task.issue')
      .filter((c) => c.properties.type === type)
      .map((c) => c.data);
  const outputs = Object.fromEntries(
    of('task.setvariable')
      .filter((c) => c.properties.isOutput === 'true')
      .map((c) => [c.properties.variable, c.data]),
  );
  const attachment = of('task.addattachment').find((c) => c.properties.type === 'Distributedtask.Core.Summary');
  return {
    exitCode,
    stdout,
    stderr,
    commands,
    result,
    errors: issues('error'),
    warnings: issues('warning'),
    outputs,
    summary: attachment ? readFileSync(attachment.data, 'utf8') : undefined,
    tempDirectory,
    durationMs,
  };
}

/** The agent's parser: the command starts at `##vso[`, properties are `k=v;` pairs, escapes undone. */
export function parseCommand(line: string): LoggingCommand | undefined {
  const start = line.indexOf('##vso[');
  if (start < 0) return undefined;
  const close = line.indexOf(']', start);
  if (close < 0) return undefined;
  const [name, ...pairs] = line.slice(start + 6, close).split(' ');
  const properties: Record<string, string> = {};
  for (const pair of pairs.join(' ').split(';')) {
    const equals = pair.indexOf('=');
    if (equals > 0) properties[pair.slice(0, equals).trim()] = unescape(pair.slice(equals + 1));
  }
  return { name, properties, data: unescape(line.slice(close + 1)) };
}

function unescape(value: string): string {
  // `%` is escaped first when writing, so it is restored last.
  return value
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%5D/g, ']')
    .replace(/%3B/g, ';')
    .replace(/%AZP25/g, '%');
}

/** The logging commands the task writes itself; anything else in its output would be forged. */
const OWN_COMMANDS = new Set(['task.debug', 'task.setsecret', 'task.issue', 'task.complete', 'task.setvariable', 'task.addattachment']);

/**
 * Untrusted values stayed data: a line holds a logging command (`##vso[`, or the log viewer's `##[`)
 * only if it is one of the task's own, each command is one the task writes, variables are only its
 * declared outputs, and the step completes once.
 */
export function assertOnlyOwnCommands(run: TaskRun, taskDir: string): void {
  const task = JSON.parse(readFileSync(path.join(taskDir, 'task.json'), 'utf8')) as {
    outputVariables: Array<{ name: string }>;
    restrictions?: { settableVariables?: { allowed: string[] } };
  };
  const outputs = new Set(task.outputVariables.map((output) => output.name));
  // The agent ignores, with a warning, a variable its restrictions do not allow (names compared ignoring case).
  const allowed = task.restrictions?.settableVariables?.allowed.map((name) => name.toLowerCase());
  for (const line of agentLines(run.stdout)) {
    if (!line.startsWith('##vso[')) {
      assertNoLoggingCommands(line);
      continue;
    }
    const command = parseCommand(line);
    assert.ok(command && OWN_COMMANDS.has(command.name), `not one of the task's commands: ${line}`);
    if (command.name === 'task.setvariable') {
      assert.ok(outputs.has(command.properties.variable), `sets an undeclared variable: ${line}`);
      assert.ok(!allowed || allowed.includes(command.properties.variable.toLowerCase()), `sets a variable the agent would refuse: ${line}`);
    }
  }
  assertNoLoggingCommands(run.stderr);
  assert.equal(run.commands.filter((command) => command.name === 'task.complete').length, 1, 'the step completes once');
}

/** Output no line of which the agent would take for a logging command, nor its log viewer format. */
export function assertNoLoggingCommands(output: string): void {
  for (const line of agentLines(output)) assert.doesNotMatch(line, /##(vso)?\[/i, `a logging command in: ${line}`);
}

/**
 * What the task reads from this job, for `readTaskSettings` in-process: the values `runTask` hands the
 * built task, read as task-lib reads them (an empty input or variable is no value).
 */
export function agentInputsOf(job: Omit<AgentJob, 'taskDir'>): AgentInputs {
  const value = (text: string | undefined) => (text ? text : undefined);
  const inputs: Record<string, string | undefined> = {
    ...job.inputs,
    ...(job.connection ? { connection: job.connection.id } : {}),
    ...(job.azureConnection ? { azureConnection: job.azureConnection.id } : {}),
  };
  const azure = (id: string) => (id === job.azureConnection?.id ? job.azureConnection : undefined);
  const variables: Record<string, string | undefined> = {
    ...job.variables,
    ...job.secretVariables,
    'System.CollectionUri': job.collectionUri,
    'System.TeamProject': job.project,
  };
  // As task-lib reads the agent's proxy and certificate variables (`getHttpProxyConfiguration`, `getHttpCertConfiguration`).
  const proxyUrl = value(variables['Agent.ProxyUrl']);
  const caFile = value(variables['Agent.CAInfo']);
  const certFile = value(variables['Agent.ClientCert']);
  return {
    input: (name) => value(inputs[name]),
    boolInput: (name) => (inputs[name] ?? '').toUpperCase() === 'TRUE',
    variable: (name) => value(variables[name]),
    endpointUrl: (id) => (id === job.connection?.id ? value(job.connection.url) : undefined),
    endpointSecret: (id, key) =>
      (id === 'SystemVssConnection' && key === 'AccessToken'
        ? job.jobToken
        : id === job.connection?.id && key === 'apitoken'
          ? job.connection.token
          : azure(id)?.parameters[key]) ?? '',
    endpointParameter: (id, key) => value(azure(id)?.parameters[key]),
    endpointScheme: (id) => azure(id)?.scheme,
    endpointData: (id, key) => value(azure(id)?.data?.[key]),
    proxy: () =>
      proxyUrl
        ? {
            url: proxyUrl,
            username: value(variables['Agent.ProxyUsername']),
            password: value(variables['Agent.ProxyPassword']),
            bypass: JSON.parse(variables['Agent.ProxyBypassList'] || '[]') as string[],
          }
        : undefined,
    certificates: () =>
      caFile || certFile
        ? {
            caFile,
            certFile,
            keyFile: value(variables['Agent.ClientCertKey']),
            passphrase: value(variables['Agent.ClientCertPassword']),
          }
        : undefined,
  };
}
