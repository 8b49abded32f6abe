/**
 * The task's inputs, variables and service connection turned into the guard's request. It reads the
 * agent through `AgentInputs` (task-lib in `index.ts`), so tests drive the same reading in-process,
 * e.g. with thousands of generated inputs.
 */
import { DEFAULT_AUTHORITY, type ServicePrincipalProof, type SignInCredentials } from '../../core/ado/entra';
import type { ProxySettings } from '../../core/ado/proxy';
import type { AccessContext } from '../../core/guard/failures';
import * as inputs from '../../core/guard/inputs';
import type { GuardRequest } from '../../core/guard/run';
import type { SweepRequest } from '../../core/guard/sweep';
import { OPTIONS, taskInput, type OptionName } from '../../core/options';
import type { CertificateFiles } from '../../node/certificates';

/** What the task reads from the agent; the methods mirror the task-lib calls `index.ts` makes. */
export interface AgentInputs {
  input(name: string): string | undefined;
  boolInput(name: string): boolean;
  variable(name: string): string | undefined;
  endpointUrl(id: string): string | undefined;
  /** An endpoint's authorization parameter, registered as a secret before anything can print it. */
  endpointSecret(id: string, key: string): string;
  /** An endpoint's authorization parameter that is no secret (a tenant or client id), shown in messages. */
  endpointParameter(id: string, key: string): string | undefined;
  /** An endpoint's authorization scheme, e.g. `WorkloadIdentityFederation`. */
  endpointScheme(id: string): string | undefined;
  /** An endpoint's data parameter, e.g. an Azure connection's `activeDirectoryAuthority`. */
  endpointData(id: string, key: string): string | undefined;
  /** The agent's proxy (`tl.getHttpProxyConfiguration`), its password registered as a secret. */
  proxy(): AgentProxy | undefined;
  /** The agent's certificate settings (`tl.getHttpCertConfiguration`), the key's passphrase registered as a secret. */
  certificates(): AgentCertificates | undefined;
}

/** What the agent was configured with (`config.sh --proxyurl --proxyusername --proxypassword`, `.proxybypass`). */
export interface AgentProxy {
  url: string;
  username?: string;
  password?: string;
  /** Regular expressions, tested on each request's URL. */
  bypass: readonly string[];
}

/** `config.sh --sslcacert --sslclientcert --sslclientcertkey`; the agent passes file names. */
export interface AgentCertificates {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  passphrase?: string;
}

/** Where the task's requests go, and which certificates they trust and present: the agent's own settings. */
export interface TaskNetwork {
  proxy?: ProxySettings;
  certificates: CertificateFiles;
}

/** What the task runs: the guard's check or repair, or a sweep of leftover agents. */
export type TaskRun = { action: GuardRequest['action']; request: GuardRequest } | { action: 'sweep'; request: SweepRequest };

export type TaskSettings = TaskRun & {
  organizationUrl: string;
  credentials: SignInCredentials;
  timeoutMs: number;
  network: TaskNetwork;
};

/** The options the task reads as text inputs. */
type TaskOption = Extract<
  OptionName,
  | 'pools'
  | 'demands'
  | 'parent'
  | 'action'
  | 'staleAfterHours'
  | 'dryRun'
  | 'failOn'
  | 'placeholderCapabilities'
  | 'timeoutSeconds'
  | 'waitThreshold'
>;

/** Every input is checked before the first call: a bad one fails the step with one message naming it. */
export function readTaskSettings(agent: AgentInputs): TaskSettings {
  const text = (name: string) => agent.input(name) ?? '';
  // Each input read by the option table's parser (`core/options.ts`), the same as the command line's.
  const read = <N extends TaskOption>(name: N): ReturnType<(typeof OPTIONS)[N]['parse']> =>
    OPTIONS[name].parse(text(taskInput(name))) as ReturnType<(typeof OPTIONS)[N]['parse']>;
  const [connection, azureConnection] = [agent.input('connection'), agent.input('azureConnection')];
  if (connection && azureConnection) throw new inputs.InputError('input.connectionsBoth', {});
  const { organizationUrl, credentials, access } = azureConnection
    ? fromAzureConnection(agent, azureConnection)
    : connection
      ? fromConnection(agent, connection)
      : fromJobToken(agent);
  const common = {
    pools: read('pools'),
    demands: read('demands'),
    placeholderName: inputs.parsePlaceholderNameOrParent(text('placeholderName'), text('parent')),
    parent: read('parent'),
    kedaScaled: agent.boolInput('kedaScaled'),
    access,
  };
  const action = read('action');
  const run: TaskRun =
    action === 'sweep'
      ? {
          action,
          request: {
            ...common,
            staleAfterHours: read('staleAfterHours'),
            dryRun: read('dryRun'),
          },
        }
      : {
          action,
          request: {
            ...common,
            action,
            failOn: read('failOn'),
            waitThresholdMs: read('waitThreshold'),
            requireOnlineAgent: agent.boolInput('requireOnlineAgent'),
            placeholderCapabilities: read('placeholderCapabilities'),
            organizationUrl,
            face: 'task',
          },
        };
  return {
    ...run,
    organizationUrl,
    credentials,
    timeoutMs: read('timeoutSeconds') * 1000,
    network: readNetwork(agent),
  };
}

/** The agent's proxy serves every request, http and https alike, except those its bypass list names. */
function readNetwork(agent: AgentInputs): TaskNetwork {
  const proxy = agent.proxy();
  const endpoint = proxy && inputs.parseProxyUrl(proxy.url, 'Agent.ProxyUrl', { username: proxy.username, password: proxy.password });
  const certificates = agent.certificates();
  const { caFile, certFile, keyFile, passphrase } = certificates ?? {};
  return {
    proxy: endpoint && { http: endpoint, https: endpoint, bypass: inputs.parseBypassPatterns(proxy.bypass) },
    certificates: {
      authorities: caFile ? [{ file: caFile, source: 'Agent.CAInfo' }] : [],
      // The agent sets the three together, or none (`--sslclientcert` needs the key and the archive).
      ...(certFile && keyFile
        ? {
            client: {
              cert: { file: certFile, source: 'Agent.ClientCert' },
              key: { file: keyFile, source: 'Agent.ClientCertKey' },
              passphrase,
            },
          }
        : {}),
    },
  };
}

interface Connection {
  organizationUrl: string;
  credentials: SignInCredentials;
  access: AccessContext;
}

function fromJobToken(agent: AgentInputs): Connection {
  const { token, organizationUrl } = jobToken(agent);
  if (token === '') throw new inputs.InputError('input.jobTokenMissing', {});
  return {
    organizationUrl,
    credentials: { kind: 'bearer', token },
    access: { kind: 'jobToken', organization: organizationName(organizationUrl), project: agent.variable('System.TeamProject') },
  };
}

function fromConnection(agent: AgentInputs, id: string): Connection {
  const token = inputs.parseToken(agent.endpointSecret(id, 'apitoken'), id);
  const url = agent.endpointUrl(id) ?? '';
  if (token === '' || url === '') throw new inputs.InputError('input.connectionIncomplete', { connection: id });
  return {
    organizationUrl: inputs.parseOrganizationUrl(url),
    credentials: { kind: 'pat', token },
    access: { kind: 'personalAccessToken', via: 'connection' },
  };
}

/** The job's own token and organization, which every job gets from the agent. */
function jobToken(agent: AgentInputs): { token: string; organizationUrl: string } {
  const token = inputs.parseToken(agent.endpointSecret('SystemVssConnection', 'AccessToken'), 'System.AccessToken');
  const collectionUri = agent.variable('System.CollectionUri') ?? agent.variable('System.TeamFoundationCollectionUri') ?? '';
  if (collectionUri === '') throw new inputs.InputError('input.jobTokenMissing', {});
  return { token, organizationUrl: inputs.parseOrganizationUrl(collectionUri) };
}

/**
 * An Azure Resource Manager connection, read as Microsoft's tasks read it (`azure-arm-endpoint.ts`): its
 * service principal signs in to the job's own organization, with workload identity federation or a secret.
 */
function fromAzureConnection(agent: AgentInputs, id: string): Connection {
  const clientId = agent.endpointParameter(id, 'serviceprincipalid') ?? '';
  const tenantId = agent.endpointParameter(id, 'tenantid') ?? '';
  if (clientId === '' || tenantId === '') throw new inputs.InputError('input.azureConnectionIncomplete', { connection: id });
  const job = jobToken(agent);
  const authority = agent.endpointData(id, 'activeDirectoryAuthority') || DEFAULT_AUTHORITY;
  return {
    organizationUrl: job.organizationUrl,
    credentials: {
      kind: 'servicePrincipal',
      signIn: {
        authorityUrl: inputs.parseAuthorityUrl(authority),
        tenantId,
        clientId,
        connection: id,
        proof: azureProof(agent, id, job.token),
      },
    },
    access: { kind: 'servicePrincipal', clientId },
  };
}

function azureProof(agent: AgentInputs, id: string, jobToken: string): ServicePrincipalProof {
  const scheme = agent.endpointScheme(id) ?? '';
  if (scheme.toLowerCase() === 'workloadidentityfederation') {
    const oidcRequestUri = agent.variable('System.OidcRequestUri') ?? '';
    if (oidcRequestUri === '' || jobToken === '') throw new inputs.InputError('input.oidcUnavailable', { connection: id });
    return { kind: 'federated', oidcRequestUri, serviceConnectionId: id, jobToken };
  }
  const authenticationType = agent.endpointParameter(id, 'authenticationType') ?? 'spnKey';
  if (scheme.toLowerCase() === 'serviceprincipal' && authenticationType === 'spnKey') {
    const secret = agent.endpointSecret(id, 'serviceprincipalkey');
    if (secret === '') throw new inputs.InputError('input.azureConnectionIncomplete', { connection: id });
    return { kind: 'secret', secret };
  }
  throw new inputs.InputError('input.azureSchemeUnsupported', {
    connection: id,
    scheme: scheme === 'ServicePrincipal' ? authenticationType : scheme,
  });
}

function organizationName(organizationUrl: string): string {
  const url = new URL(organizationUrl);
  return url.pathname.split('/').filter(Boolean).pop() ?? url.hostname.split('.')[0];
}
