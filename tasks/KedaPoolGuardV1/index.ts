/**
 * The pipeline task: reads its inputs, runs the guard (or the sweep), and reports through the agent's
 * logging commands. Every rule lives in core/; this file only adapts it to azure-pipelines-task-lib.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tl from 'azure-pipelines-task-lib/task';
import { RestAdoClient } from '../../core/ado/client';
import { signedIn } from '../../core/ado/entra';
import { describeError, internalErrorDetails, isInternalError } from '../../core/guard/errors';
import { issueText } from '../../core/guard/issues';
import { planText } from '../../core/guard/plan-lines';
import { reportJson, totals } from '../../core/guard/report';
import { runGuard, type GuardResult } from '../../core/guard/run';
import { summaryMarkdown } from '../../core/guard/summary';
import { runSweep, type SweepResult } from '../../core/guard/sweep';
import { sweepHeading, sweepLogLines, sweepReportJson, sweepSummaryMarkdown } from '../../core/guard/sweep-report';
import type { Finding, Params } from '../../core/model/findings';
import { userAgent } from '../../core/product';
import { inertJson } from '../../core/model/plaintext';
import { formatMessage, renderFinding, type Translation } from '../../core/model/render';
import { readCertificates } from '../../node/certificates';
import { nodeTransport } from '../../node/transport';
import { SHARED_KEYS, SHARED_MODULE, TASK_MESSAGES, type TaskMessageKey } from './messages';
import { readTaskSettings, type AgentInputs } from './settings';
import { taskText } from './text';

const SUMMARY_TITLE = 'KEDA Pool Guard';

async function main(): Promise<void> {
  // English until the texts in the agent's language are loaded: a failure to load them is reported too.
  let translation: Translation = {};
  try {
    tl.setResourcePath(path.join(__dirname, 'task.json'));
    tl.setResourcePath(path.join(__dirname, ...SHARED_MODULE));
    translation = localizedCatalog();
    const settings = readTaskSettings(agentInputs);
    const deadline = Date.now() + settings.timeoutMs;
    const transport = nodeTransport({ proxy: settings.network.proxy, tls: readCertificates(settings.network.certificates) });
    const client = new RestAdoClient({
      orgUrl: settings.organizationUrl,
      // A service principal signs in first, within the same time-out.
      credentials: await signedIn(settings.credentials, { transport, deadline, userAgent: userAgent('task'), mask: masked }),
      timeoutMs: deadline - Date.now(),
      userAgent: userAgent('task'),
      transport,
    });
    if (settings.action === 'sweep') publishSweep(await runSweep(client, settings.request), translation);
    else publish(await runGuard(client, settings.request), translation);
  } catch (error) {
    // The stack of a bug of ours goes to the debug log (shown with `System.Debug`), which its message asks for.
    if (isInternalError(error)) tl.debug(internalErrorDetails(error));
    tl.setResult(
      tl.TaskResult.Failed,
      describeError(error, 'task.internalError', (key, params) => taskText(key, params, 'text', translation)),
    );
  }
}

/**
 * Every sentence the task shows, in the agent's language: task.json's `messages` and the shared module's,
 * each overlaid by its `Strings/` through `tl.loc`.
 */
function localizedCatalog(): Translation {
  const catalog: Record<string, string> = {};
  for (const key of [...(Object.keys(TASK_MESSAGES) as TaskMessageKey[]), ...SHARED_KEYS]) catalog[key] = tl.loc(key);
  return catalog;
}

/** task-lib behind the task's reading of its settings. */
const agentInputs: AgentInputs = {
  input: (name) => tl.getInput(name, false),
  boolInput: (name) => tl.getBoolInput(name, false),
  variable: (name) => tl.getVariable(name),
  endpointUrl: (id) => tl.getEndpointUrl(id, true),
  // Not `getEndpointAuthorizationParameter`, whose debug line prints the secret before it can be masked.
  endpointSecret: (id, key) => masked(tl.getEndpointAuthorization(id, true)?.parameters?.[key] ?? ''),
  endpointParameter: (id, key) => tl.getEndpointAuthorization(id, true)?.parameters?.[key],
  endpointScheme: (id) => tl.getEndpointAuthorization(id, true)?.scheme,
  endpointData: (id, key) => tl.getEndpointDataParameter(id, key, true),
  // task-lib's own debug line for the password variable is masked by the agent, which holds it as a secret.
  proxy: () => {
    const proxy = tl.getHttpProxyConfiguration();
    if (!proxy) return undefined;
    return {
      url: proxy.proxyUrl,
      username: proxy.proxyUsername,
      password: masked(proxy.proxyPassword ?? ''),
      bypass: proxy.proxyBypassHosts ?? [],
    };
  },
  certificates: () => {
    const certificates = tl.getHttpCertConfiguration();
    return certificates ? { ...certificates, passphrase: masked(certificates.passphrase ?? '') } : undefined;
  },
};

/** Masked line by line: task-lib refuses a secret of several lines, and a pasted token may hold a line break. */
function masked(secret: string): string {
  for (const part of secret.split(/[\r\n]+/)) if (part.trim() !== '') tl.setSecret(part.trim());
  return secret;
}

function publish(result: GuardResult, translation: Translation): void {
  for (const pool of result.pools) {
    console.log(
      formatMessage(
        'summary.pool',
        { pool: pool.name, verdict: formatMessage(`verdict.${pool.report.verdict}`, {}, 'text', translation) },
        'text',
        translation,
      ),
    );
    if (pool.plan) console.log(planText(pool.name, pool.plan, translation));
    logFindings(pool.report.findings, translation);
  }
  setOutputs(guardOutputs(result, translation));
  attachSummary(summaryMarkdown(result, translation));
  const loc = (key: TaskMessageKey) => taskText(key, {}, 'text', translation);
  if (result.errored) tl.setResult(tl.TaskResult.Failed, loc('task.errored'));
  else if (result.fails) tl.setResult(tl.TaskResult.Failed, loc(result.verdict === 'blocked' ? 'task.blocked' : 'task.atRiskFails'));
  else if (result.verdict === 'atRisk') tl.setResult(tl.TaskResult.SucceededWithIssues, loc('task.atRisk'));
  else tl.setResult(tl.TaskResult.Succeeded, loc('task.ready'));
}

/**
 * Every agent, one line each, in the log (the build summary shows the first ones); the `report` output
 * leaves the agents out, since output variables reach later steps as environment variables.
 */
function publishSweep(result: SweepResult, translation: Translation): void {
  for (const pool of result.pools) {
    console.log(sweepHeading(pool, result.dryRun, 'text', translation));
    for (const line of sweepLogLines(pool, translation)) console.log(line);
    logFindings(pool.findings, translation);
  }
  setOutputs({ sweptAgents: String(result.deleted), report: inertJson(sweepReportJson(result, { agents: false }, translation)) });
  attachSummary(sweepSummaryMarkdown(result, translation));
  const loc = (key: TaskMessageKey, params: Params = {}) => taskText(key, params, 'text', translation);
  const warned = result.pools.some((pool) => pool.findings.some((finding) => finding.severity === 'warning'));
  if (result.errored) tl.setResult(tl.TaskResult.Failed, loc('task.sweepErrored'));
  else if (warned) tl.setResult(tl.TaskResult.SucceededWithIssues, loc('task.sweepWarned'));
  else if (result.dryRun) tl.setResult(tl.TaskResult.Succeeded, loc('task.sweepDryRun', { count: result.wouldDelete }));
  else tl.setResult(tl.TaskResult.Succeeded, loc('task.swept', { count: result.deleted }));
}

/** Each finding in full in the log; errors and warnings also as the pipeline's issues. */
function logFindings(findings: readonly Finding[], translation: Translation): void {
  for (const finding of findings) {
    console.log(renderFinding(finding, 'text', translation));
    if (finding.severity === 'error') tl.error(issueText(finding, translation));
    else if (finding.severity === 'warning') tl.warning(issueText(finding, translation));
  }
}

function guardOutputs(result: GuardResult, translation: Translation): Record<string, string> {
  const sum = totals(result);
  return {
    verdict: result.verdict,
    report: inertJson(reportJson(result, translation)),
    registeredAgents: String(sum.registered),
    onlineAgents: String(sum.online),
    placeholderAgents: String(sum.placeholder),
    kedaAgents: String(sum.keda),
  };
}

function setOutputs(outputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(outputs)) tl.setVariable(name, value, false, true);
}

function attachSummary(markdown: string): void {
  const folder = tl.getVariable('Agent.TempDirectory') ?? process.cwd();
  const file = path.join(folder, `keda-pool-guard-${process.pid}.md`);
  fs.writeFileSync(file, markdown);
  tl.addAttachment('Distributedtask.Core.Summary', SUMMARY_TITLE, file);
}

// `main` settles every failure into the step's result; it never rejects.
void main();
