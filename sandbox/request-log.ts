/** Every request to the organizations' routes, so tests can assert what a client actually sent. */
import type { FaultKind } from './faults';

export interface LoggedRequest {
  /** When the request arrived (ISO). */
  at: string;
  method: string;
  /** Path and query exactly as sent. */
  url: string;
  accept?: string;
  userAgent?: string;
  /** The Authorization scheme word as sent (`Basic`, `Bearer`...), null when absent. */
  authScheme: string | null;
  /** The identity the credentials resolved to, null when none did. */
  identity: string | null;
  /** null while unanswered, and for good when a fault reset the connection or hung. */
  status: number | null;
  fault?: FaultKind;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];

  add(entry: LoggedRequest): LoggedRequest {
    this.entries.push(entry);
    return entry;
  }

  list(): LoggedRequest[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.entries = [];
  }
}
