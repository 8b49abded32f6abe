/**
 * JSON Web Tokens signed RS256 (RFC 7515, 7519), as Azure DevOps signs its OIDC tokens and Microsoft Entra
 * its access tokens. Each issuer has a key of its own, made when it first signs, for the life of the process.
 */
import { generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

export type Claims = Record<string, unknown>;

export class JwtIssuer {
  private keys?: { privateKey: KeyObject; publicKey: KeyObject };

  sign(claims: Claims): string {
    const { privateKey } = this.keyPair();
    const signed = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}`;
    return `${signed}.${sign('sha256', Buffer.from(signed), privateKey).toString('base64url')}`;
  }

  /** The claims of a token this issuer signed, or undefined for anything else (claims are not judged here). */
  verify(token: string): Claims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3 || !this.keys) return undefined;
    const [header, payload, signature] = parts;
    if (!verify('sha256', Buffer.from(`${header}.${payload}`), this.keys.publicKey, Buffer.from(signature, 'base64url'))) return undefined;
    try {
      return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
    } catch {
      return undefined;
    }
  }

  private keyPair() {
    return (this.keys ??= generateKeyPairSync('rsa', { modulusLength: 2048 }));
  }
}

/** Seconds since the epoch, as `iat`, `nbf` and `exp` count. */
export function epochSeconds(at = Date.now()): number {
  return Math.floor(at / 1000);
}

function encode(json: Claims): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}
