/**
 * The certificate files the agent or the environment names, read once before the first request, so that
 * a missing or unreadable file fails the run with a message naming it rather than every request failing.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../core/guard/inputs';
import type { TlsSettings } from './transport';

/** A file and where its name came from (`Agent.CAInfo`, `NODE_EXTRA_CA_CERTS`, `--ca-file`...), for the message. */
export interface NamedFile {
  file: string;
  source: string;
}

export interface CertificateFiles {
  /** PEM certificate authorities to trust besides Node's own. */
  authorities: readonly NamedFile[];
  /** A PEM client certificate and its key, for servers that ask for one. */
  client?: { cert: NamedFile; key: NamedFile; passphrase?: string };
}

export function readCertificates(files: CertificateFiles): TlsSettings {
  const { client } = files;
  return {
    certificateAuthorities: files.authorities.map(readPem),
    ...(client ? { clientCertificate: { cert: readPem(client.cert), key: readPem(client.key), passphrase: client.passphrase } } : {}),
  };
}

function readPem({ file, source }: NamedFile): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new InputError('input.certificateFileUnreadable', { file, source });
  }
}
