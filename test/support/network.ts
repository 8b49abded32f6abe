/**
 * Addresses that fail the way real networks fail, for the product's messages: a port nothing listens on
 * (connection refused), and `.invalid` host names (RFC 6761: they never resolve).
 */
import { createServer } from 'node:net';

/** A loopback port that was free a moment ago and is closed now: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const UNRESOLVABLE_ORG_URL = 'https://no-such-host.invalid/contoso';
