/**
 * The pipeline task: reads its inputs, runs the guard, and reports through the agent's logging
 * commands. Every rule lives in core/; this file only adapts it to azure-pipelines-task-lib.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tl from 'azure-pipelines-task-lib/task';
import { RestAdoClient } from '../../core/ado/client';
import type { Credentials } from '../../core/ado/http';
import { describeError } from '../../core/guard/errors';
import type { AccessContext } from '../../core/guard/failures';
import * as inputs from '../../core/guard/inputs';
import { issueText } from '../../core/guard/issues';
import { reportJson, totals } from '../../core/guard/report';
import { runGuard, type GuardRequest, type GuardResult } from '../../core/guard/run';
import { summaryMarkdown } from '../../core/guard/summary';
import { ENGLISH, type MessageKey } from '../../core/messages';
import { renderFinding, formatMessage, type Translation } from '../../core/model/render';

const SUMMARY_TITLE = 'KEDA Pool Guard';

async function main(): Promise<void> {
  tl.setResourcePath(path.join(__dirname, 'task.json'));
  const translation = localizedCatalog();
  try {
    const { request, credentials, timeoutMs } = readInputs();
    const client = new RestAdoClient({ orgUrl: request.organizationUrl, credentials, timeoutMs });
    publish(await runGuard(client, request), translation);
  } catch (error) {
    tl.setResult(tl.TaskResult.Failed, describeError(error, translation));
  }
}

/** The catalog in the agent's language: task.json `messages`, overlaid by its `Strings/` through `tl.loc`. */
function localizedCatalog(): Translation {
  const catalog: Partial<Record<MessageKey, string>> = {};
  for (const key of Object.keys(ENGLISH) as MessageKey[]) catalog[key] = tl.loc(key);
  return catalog;
}

function readInputs(): { request: GuardRequest; credentials: Credentials; timeoutMs: number } {
  const connection = tl.getInput('connection', false);
  const { organizationUrl, credentials, access } = connection ? fromConnection(connection) : fromJobToken();
  const request: GuardRequest = {
    pools: inputs.parsePoolNames(tl.getInput('pools', false) ?? ''),
    demands: inputs.parseDemandLines(tl.getInput('demands', false) ?? ''),
    action: inputs.parseAction(tl.getInput('action', false) ?? ''),
    failOn: inputs.parseFailOn(tl.getInput('failOn', false) ?? ''),
    requireOnlineAgent: tl.getBoolInput('requireOnlineAgent', false),
    placeholderName: inputs.parsePlaceholderName(tl.getInput('placeholderName', false) ?? ''),
    placeholderCapabilities: inputs.parseCapabilityLines(tl.getInput('placeholderCapabilities', false) ?? ''),
    organizationUrl,
    access,
  };
  return { request, credentials, timeoutMs: inputs.parseTimeoutSeconds(tl.getInput('timeoutSeconds', false) ?? '') * 1000 };
}

function fromJobToken(): { organizationUrl: string; credentials: Credentials; access: AccessContext } {
  const token = endpointSecret('SystemVssConnection', 'AccessToken');
  const collectionUri = tl.getVariable('System.CollectionUri') ?? tl.getVariable('System.TeamFoundationCollectionUri') ?? '';
  if (token === '' || collectionUri === '') throw new inputs.InputError('input.jobTokenMissing', {});
  const organizationUrl = inputs.parseOrganizationUrl(collectionUri);
  return {
    organizationUrl,
    credentials: { kind: 'bearer', token },
    access: { kind: 'jobToken', organization: organizationName(organizationUrl), project: tl.getVariable('System.TeamProject') },
  };
}

function fromConnection(id: string): { organizationUrl: string; credentials: Credentials; access: AccessContext } {
  const token = endpointSecret(id, 'apitoken');
  const url = tl.getEndpointUrl(id, true) ?? '';
  if (token === '' || url === '') throw new inputs.InputError('input.connectionIncomplete', { connection: id });
  return {
    organizationUrl: inputs.parseOrganizationUrl(url),
    credentials: { kind: 'pat', token },
    access: { kind: 'personalAccessToken', via: 'connection' },
  };
}

/** Read without `getEndpointAuthorizationParameter`, whose debug line prints the secret before it can be masked. */
function endpointSecret(id: string, key: string): string {
  const token = tl.getEndpointAuthorization(id, true)?.parameters?.[key] ?? '';
  if (token !== '') tl.setSecret(token);
  return token;
}

function organizationName(organizationUrl: string): string {
  const url = new URL(organizationUrl);
  return url.pathname.split('/').filter(Boolean).pop() ?? url.hostname.split('.')[0];
}

function publish(result: GuardResult, translation: Translation): void {
  for (const pool of result.pools) {
    console.log(formatMessage('summary.pool', { pool: pool.name, verdict: formatMessage(`verdict.${pool.report.verdict}`, {}, 'text', translation) }, 'text', translation));
    for (const finding of pool.report.findings) {
      console.log(renderFinding(finding, 'text', translation));
      if (finding.severity === 'error') tl.error(issueText(finding, translation));
      else if (finding.severity === 'warning') tl.warning(issueText(finding, translation));
    }
  }
  setOutputs(result, translation);
  attachSummary(summaryMarkdown(result, translation));
  const loc = (key: MessageKey) => formatMessage(key, {}, 'text', translation);
  if (result.errored) tl.setResult(tl.TaskResult.Failed, loc('task.errored'));
  else if (result.fails) tl.setResult(tl.TaskResult.Failed, loc(result.verdict === 'blocked' ? 'task.blocked' : 'task.atRiskFails'));
  else if (result.verdict === 'atRisk') tl.setResult(tl.TaskResult.SucceededWithIssues, loc('task.atRisk'));
  else tl.setResult(tl.TaskResult.Succeeded, loc('task.ready'));
}

function setOutputs(result: GuardResult, translation: Translation): void {
  const sum = totals(result);
  const outputs: Record<string, string> = {
    verdict: result.verdict,
    report: JSON.stringify(reportJson(result, translation)),
    registeredAgents: String(sum.registered),
    onlineAgents: String(sum.online),
    placeholderAgents: String(sum.placeholder),
    kedaAgents: String(sum.keda),
  };
  for (const [name, value] of Object.entries(outputs)) tl.setVariable(name, value, false, true);
}

function attachSummary(markdown: string): void {
  const folder = tl.getVariable('Agent.TempDirectory') ?? process.cwd();
  const file = path.join(folder, `keda-pool-guard-${process.pid}.md`);
  fs.writeFileSync(file, markdown);
  tl.addAttachment('Distributedtask.Core.Summary', SUMMARY_TITLE, file);
}

void main();
