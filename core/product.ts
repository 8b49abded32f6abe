/**
 * How KEDA Pool Guard introduces itself to the service. The version is the one in package.json:
 * `npm run bump` writes it here too, and a test keeps the two equal.
 */
export const PRODUCT_NAME = 'KedaPoolGuard';
export const PRODUCT_VERSION = '1.0.0';

/**
 * The `User-Agent` of every request (RFC 9110 §10.1.5: product/version, then a comment), so that an
 * organization's administrators can tell the guard's calls from others in their logs and audit.
 */
export function userAgent(face: 'task' | 'cli'): string {
  return `${PRODUCT_NAME}/${PRODUCT_VERSION} (${face})`;
}
