/**
 * Where the command's requests go, and which certificate authorities they trust: the environment's
 * conventions (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`, lower case first, as curl and undici read them;
 * `NODE_EXTRA_CA_CERTS`, as Node reads it), each overridden by its flag.
 */
import { parseNoProxy, type ProxyEndpoint, type ProxySettings } from '../core/ado/proxy';
import { parseProxyUrl } from '../core/guard/inputs';
import type { CertificateFiles } from '../node/certificates';

export interface NetworkFlags {
  proxy?: string;
  'no-proxy'?: string;
  'ca-file'?: string;
}

export interface CliNetwork {
  proxy?: ProxySettings;
  certificates: CertificateFiles;
}

export function cliNetwork(flags: NetworkFlags, env: NodeJS.ProcessEnv): CliNetwork {
  const named = (...names: string[]) => names.map((name) => ({ name, value: env[name] })).find(({ value }) => value);
  const read = (source?: { name: string; value?: string }): ProxyEndpoint | undefined =>
    source?.value ? parseProxyUrl(source.value, source.name) : undefined;
  const given = flags.proxy !== undefined ? { name: '--proxy', value: flags.proxy } : undefined;
  const http = read(given ?? named('http_proxy', 'HTTP_PROXY'));
  // Without an https proxy of its own, https goes through the http one, as undici's EnvHttpProxyAgent does.
  const https = read(given ?? named('https_proxy', 'HTTPS_PROXY')) ?? http;
  const bypass = parseNoProxy(flags['no-proxy'] ?? named('no_proxy', 'NO_PROXY')?.value ?? '');
  const caFile = flags['ca-file'] !== undefined ? { file: flags['ca-file'], source: '--ca-file' } : undefined;
  const extra = env.NODE_EXTRA_CA_CERTS ? { file: env.NODE_EXTRA_CA_CERTS, source: 'NODE_EXTRA_CA_CERTS' } : undefined;
  const authority = caFile ?? extra;
  return {
    proxy: http || https ? { ...(http ? { http } : {}), ...(https ? { https } : {}), bypass } : undefined,
    certificates: { authorities: authority ? [authority] : [] },
  };
}
