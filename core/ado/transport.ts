/**
 * The one place that touches the network. The task and the CLI use `fetchTransport`; tests and other
 * hosts can pass their own, so the client layer never depends on a runtime.
 */
export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

export interface TransportResponse {
  status: number;
  header(name: string): string | null;
  text: string;
}

export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

export const fetchTransport: Transport = async ({ method, url, headers, body, signal }) => {
  // Redirects are not followed: the service answers a bad token with a redirect to a sign-in page,
  // which must surface as "unauthorized", and a redirect would carry the Authorization header along.
  const response = await fetch(url, { method, headers, body, signal, redirect: 'manual' });
  return { status: response.status, header: (name) => response.headers.get(name), text: await response.text() };
};
