/**
 * Who the command calls Azure DevOps as: the Azure CLI's signed-in account (`--token-from-az`), a
 * Microsoft Entra token (`AZURE_DEVOPS_EXT_TOKEN`), or a personal access token (`AZURE_DEVOPS_EXT_PAT`,
 * the Azure CLI devops extension's variable), in that order.
 */
import { AZURE_DEVOPS_RESOURCE } from '../core/ado/entra';
import type { Credentials } from '../core/ado/http';
import type { AccessContext } from '../core/guard/failures';
import { InputError, parseToken } from '../core/guard/inputs';
import { singleLine } from '../core/model/plaintext';

export const PAT_VARIABLE = 'AZURE_DEVOPS_EXT_PAT';
/** A Microsoft Entra access token for Azure DevOps, sent as a bearer token. */
export const TOKEN_VARIABLE = 'AZURE_DEVOPS_EXT_TOKEN';
const AZ_TOKEN = 'az account get-access-token';

export interface CliCredentials {
  credentials: Credentials;
  access: AccessContext;
}

export async function cliCredentials(fromAzureCli: boolean, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<CliCredentials> {
  if (fromAzureCli) return bearer(await azureCliToken(env, timeoutMs), 'azureCli');
  const token = parseToken(env[TOKEN_VARIABLE] ?? '', TOKEN_VARIABLE);
  if (token !== '') return bearer(token, 'environment');
  const pat = parseToken(env[PAT_VARIABLE] ?? '', PAT_VARIABLE);
  if (pat === '') throw new InputError('cli.patMissing', { variable: PAT_VARIABLE, tokenVariable: TOKEN_VARIABLE });
  return { credentials: { kind: 'pat', token: pat }, access: { kind: 'personalAccessToken', via: 'environment' } };
}

function bearer(token: string, via: 'environment' | 'azureCli'): CliCredentials {
  return { credentials: { kind: 'bearer', token }, access: { kind: 'bearerToken', via } };
}

/**
 * The signed-in Azure CLI's token for the Azure DevOps resource, as `az account get-access-token --resource
 * 499b84ac-…` prints it (learn.microsoft.com, "Use service principals & managed identities in Azure DevOps").
 */
function azureCliToken(env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  // On Windows `az` is a batch file, which Node runs only through a shell.
  const windows = process.platform === 'win32';
  const args = ['account', 'get-access-token', '--resource', AZURE_DEVOPS_RESOURCE, '--output', 'json'];
  // Node's child processes bring its sockets and streams with them: loaded by `--token-from-az` alone, so that
  // every other start (`--version`, `--help`, a PAT) does without them (bench/cli.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, as said above
  const { execFile } = require('node:child_process') as typeof import('node:child_process');
  return new Promise((resolve, reject) => {
    execFile(windows ? 'az.cmd' : 'az', args, { env, timeout: timeoutMs, shell: windows, windowsHide: true }, (error, stdout, stderr) => {
      if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') return reject(new InputError('cli.azMissing', {}));
      if (error) {
        const said =
          stderr.split(/\r?\n/).find((line) => line.trim() !== '') ??
          (error.killed ? 'no answer in time' : `exit code ${String(error.code)}`);
        // Its sentence ends with a full stop, and the template adds one.
        return reject(new InputError('cli.azFailed', { detail: singleLine(said.trim().replace(/\.$/, '')) }));
      }
      try {
        const token = (JSON.parse(stdout) as { accessToken?: unknown }).accessToken;
        if (typeof token === 'string' && token !== '') return resolve(parseToken(token, AZ_TOKEN));
      } catch {
        // Falls through to the message below.
      }
      reject(new InputError('cli.azMalformed', {}));
    });
  });
}
