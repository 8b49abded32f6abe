/**
 * Throw-away certificates made with the system's `openssl`: a self-signed one for 127.0.0.1, so the
 * sandbox can speak HTTP/2 to the browser as dev.azure.com does, and a certificate authority of the
 * test's own, standing in for an enterprise's private one. Nothing secret is kept: keys live in a
 * temporary directory for one test run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyPair {
  key: string;
  cert: string;
}

export function selfSignedCertificate(): KeyPair {
  return inTempDir((dir) => {
    const [keyFile, certFile] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    );
    return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
  });
}

export interface CertificateAuthority {
  /** The authority's own certificate (PEM): what a client is told to trust. */
  cert: string;
  /** A certificate it issues for these DNS names (servers) or this common name (clients). */
  issue(names: readonly string[]): KeyPair;
}

/** A private certificate authority, as enterprises run for their proxies and internal servers. */
export function certificateAuthority(name = 'KEDA Pool Guard test CA'): CertificateAuthority {
  const authority = inTempDir((dir) => {
    const [keyFile, certFile] = [join(dir, 'ca-key.pem'), join(dir, 'ca.pem')];
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', `/CN=${name}`);
    return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
  });
  return {
    cert: authority.cert,
    issue: (names) =>
      inTempDir((dir) => {
        const file = (name: string) => join(dir, name);
        writeFileSync(file('ca-key.pem'), authority.key);
        writeFileSync(file('ca.pem'), authority.cert);
        writeFileSync(file('ext.cnf'), `subjectAltName=${names.map((n) => (/^[\d.]+$/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',')}\n`);
        openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('key.pem'), '-out', file('req.csr'), '-subj', `/CN=${names[0]}`);
        openssl(
          'x509',
          '-req',
          '-in',
          file('req.csr'),
          '-CA',
          file('ca.pem'),
          '-CAkey',
          file('ca-key.pem'),
          '-CAcreateserial',
          '-out',
          file('cert.pem'),
          '-days',
          '1',
          '-extfile',
          file('ext.cnf'),
        );
        return { key: readFileSync(file('key.pem'), 'utf8'), cert: readFileSync(file('cert.pem'), 'utf8') };
      }),
  };
}

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { stdio: 'ignore' });
}

function inTempDir<T>(use: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'kpg-tls-'));
  try {
    return use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
