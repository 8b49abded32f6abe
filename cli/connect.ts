/** The client every command calls Azure DevOps with: the credentials, the network path and the time budget it was given. */
import { RestAdoClient } from '../core/ado/client';
import type { AccessContext } from '../core/guard/failures';
import { userAgent } from '../core/product';
import { readCertificates } from '../node/certificates';
import { InputError } from '../core/guard/inputs';
import { helpCommand, type CliCommand, type CommandLine } from './args';
import { cliCredentials } from './credentials';
import type { CliIo } from './io';
import { cliNetwork } from './network';

export interface Connection {
  client: RestAdoClient;
  access: AccessContext;
  /** As given, normalised: what KEDA's URLs start from too. */
  organizationUrl: string;
}

export async function connect(args: CommandLine, io: CliIo, organizationUrl: string): Promise<Connection> {
  const timeoutMs = args.read('timeoutSeconds') * 1000;
  const { credentials, access } = await cliCredentials(args.read('tokenFromAz'), io.env, timeoutMs);
  const network = cliNetwork(args, io.env);
  const client = new RestAdoClient({
    orgUrl: organizationUrl,
    credentials,
    timeoutMs,
    userAgent: userAgent('cli'),
    transport: io.transport ?? networkTransport(network),
    clock: io.clock,
  });
  return { client, access, organizationUrl };
}

/** `--org`, which every command but `keda -f` needs. */
export function requiredOrganization(args: CommandLine, command: CliCommand): string {
  if (!args.has('organizationUrl')) throw new InputError('cli.flagMissing', { flag: '--org', help: helpCommand(command) });
  return args.read('organizationUrl');
}

/** `--pool`, which every command but `keda -f` needs: asked for as the command line spells it. */
export function requiredPools(args: CommandLine, command: CliCommand): string[] {
  if (!args.has('pools')) throw new InputError('cli.flagMissing', { flag: '--pool', help: helpCommand(command) });
  return args.read('pools');
}

/**
 * Node's HTTP stack (undici) is most of the bundle: loaded only when a command calls Azure DevOps, so that
 * `--version`, `--help` and every refused command line start as fast as `node` itself.
 */
function networkTransport(network: ReturnType<typeof cliNetwork>) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, as the comment above says
  const { nodeTransport } = require('../node/transport') as typeof import('../node/transport');
  return nodeTransport({ proxy: network.proxy, tls: readCertificates(network.certificates) });
}
