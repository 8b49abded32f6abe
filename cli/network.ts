/**
 * Where the command's requests go, and which certificate authorities they trust: the environment's
 * conventions (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`, lower case first, as curl and undici read them;
 * `NODE_EXTRA_CA_CERTS`, as Node reads it), each overridden by its flag.
 */
import { parseNoProxy, type ProxyEndpoint, type ProxySettings } from '../core/ado/proxy';
import { parseProxyUrl } from '../core/guard/inputs';
import type { CertificateFiles } from '../node/certificates';
import type { CommandLine } from './args';

export interface CliNetwork {
  proxy?: ProxySettings;
  certificates: CertificateFiles;
}

export function cliNetwork(args: Pick<CommandLine, 'text'>, env: NodeJS.ProcessEnv): CliNetwork {
  const flags = { proxy: args.text('proxy'), noProxy: args.text('noProxy'), caFile: args.text('caFile') };
  const named = (...names: string[]) => names.map((name) => ({ name, value: env[name] })).find(({ value }) => value);
  const read = (source?: { name: string; value?: string }): ProxyEndpoint | undefined =>
    source?.value ? parseProxyUrl(source.value, source.name) : undefined;
  const given = flags.proxy !== undefined ? { name: '--proxy', value: flags.proxy } : undefined;
  const http = read(given ?? named('http_proxy', 'HTTP_PROXY'));
  // Without an https proxy of its own, https goes through the http one, as undici's EnvHttpProxyAgent does.
  const https = read(given ?? named('https_proxy', 'HTTPS_PROXY')) ?? http;
  const bypass = parseNoProxy(flags.noProxy ?? named('no_proxy', 'NO_PROXY')?.value ?? '');
  const caFile = flags.caFile !== undefined ? { file: flags.caFile, source: '--ca-file' } : undefined;
  const extra = env.NODE_EXTRA_CA_CERTS ? { file: env.NODE_EXTRA_CA_CERTS, source: 'NODE_EXTRA_CA_CERTS' } : undefined;
  const authority = caFile ?? extra;
  return {
    proxy: http || https ? { ...(http ? { http } : {}), ...(https ? { https } : {}), bypass } : undefined,
    certificates: { authorities: authority ? [authority] : [] },
  };
}
