/**
 * A corporate HTTP proxy in miniature: it tunnels `CONNECT host:port` and forwards absolute-form requests,
 * asks for Basic credentials when it has some (407), and resolves names its own way: the hosts it maps
 * (unresolvable `.invalid` names, RFC 6761) lead to local servers such as the sandbox, so that these are
 * reachable through the proxy only. Every request it was asked for is logged.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface TestProxyOptions {
  /** `host:port` as the client asks for it -> `host:port` actually connected to. */
  routes: Record<string, string>;
  /** Basic credentials it requires; none: it lets everyone through. */
  credentials?: { username: string; password: string };
}

export interface TestProxy {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** `CONNECT host:port`, or `METHOD http://host/path`, in order of arrival; refused ones too. */
  requests: string[];
  stop(): Promise<void>;
}

export async function startProxy(options: TestProxyOptions): Promise<TestProxy> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const expected = options.credentials
    ? `Basic ${Buffer.from(`${options.credentials.username}:${options.credentials.password}`).toString('base64')}`
    : undefined;
  const authorized = (request: IncomingMessage) => expected === undefined || request.headers['proxy-authorization'] === expected;

  const server: Server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    if (!authorized(request)) {
      response.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="test proxy"' }).end();
      return;
    }
    const url = new URL(request.url ?? '/');
    const route = options.routes[`${url.hostname}:${url.port || 80}`];
    if (!route) {
      response.writeHead(502).end();
      return;
    }
    const [host, port] = route.split(':');
    const headers = { ...request.headers };
    delete headers['proxy-authorization'];
    const upstream = httpRequest(
      { host, port: Number(port), method: request.method, path: url.pathname + url.search, headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });

  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    requests.push(`CONNECT ${request.url}`);
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (!authorized(request)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test proxy"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const route = options.routes[request.url ?? ''];
    if (!route) {
      client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, port] = route.split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A local port with nothing listening on it: a proxy that refuses every connection. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
