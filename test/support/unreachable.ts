/**
 * Organization URLs that fail before or instead of an Azure DevOps answer, so that tests can check what
 * the product says about each:
 *
 * - an organization that does not exist: the sandbox answers it as dev.azure.com does (404, plain text
 *   `The resource cannot be found.`; see sandbox/README.md);
 * - a host name that does not resolve: names under `.invalid` never do (RFC 6761 §6.4), so the lookup
 *   fails at once with ENOTFOUND instead of waiting for a resolver;
 * - a connection refused: a loopback port that was just free, so ECONNREFUSED (the fetch standard blocks
 *   the low "bad ports", such as 1, before connecting, so a reserved port would test the wrong thing).
 */
import { createServer } from 'node:net';
import type { Sandbox } from '../../sandbox';

export const UNRESOLVABLE_ORGANIZATION_URL = 'https://dev.azure.invalid/contoso';

/** The URL of an organization the sandbox does not hold, on the sandbox's own host. */
export function missingOrganizationUrl(sandbox: Sandbox, name = 'no-such-organization'): string {
  if ([...sandbox.state.keys()].some((org) => org.toLowerCase() === name.toLowerCase())) {
    throw new Error(`The sandbox does hold an organization named ${name}.`);
  }
  return `${sandbox.url}/${name}`;
}

/** An organization URL on a loopback port nothing listens on. */
export async function refusedOrganizationUrl(): Promise<string> {
  const server = createServer();
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/contoso`;
}
