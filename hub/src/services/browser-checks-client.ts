import type { AdoClient } from '../../../core/ado/client';
import { CHECKS_API_VERSION, checkRoutes, readCheckConfiguration, type ChecksPort } from '../../../core/ado/checks';
import { readList, readOne } from '../../../core/ado/wire';
import type { PoolCheckClient } from '../../../core/guard/pool-check';
import type { CheckConfiguration } from '../../../core/model/types';
import { boundedCall, readCall } from './browser-ado-client';
import { restExchange, type RestEndpoint, type RestRequest } from './rest-fetch';

/** The checks area (PipelinesChecks), sent as the extension API's clients send their calls (`rest-fetch.ts`). */
class ChecksFetchClient {
  constructor(private readonly endpoint: RestEndpoint) {}

  queueChecks(project: string, queueId: number): Promise<unknown> {
    return this.request({ path: checkRoutes.queueChecks(project, queueId) });
  }

  add(project: string, configuration: Record<string, unknown>): Promise<unknown> {
    return this.request({ method: 'POST', path: checkRoutes.configurations(project), body: configuration });
  }

  delete(project: string, id: number): Promise<unknown> {
    return this.request({ method: 'DELETE', path: checkRoutes.configuration(project, id) });
  }

  private async request(request: Omit<RestRequest, 'apiVersion'>): Promise<unknown> {
    return (await restExchange(this.endpoint, { ...request, apiVersion: CHECKS_API_VERSION })).body;
  }
}

/**
 * The pool check's calls from the hub: pools and queues through the page's client, the checks as the
 * portal's REST clients send calls, every failure an `AdoError` as the command line's are. Loaded with the pool panel.
 */
export class BrowserChecksClient implements PoolCheckClient, ChecksPort {
  private readonly rest: ChecksFetchClient;

  constructor(
    private readonly client: Pick<AdoClient, 'listPools' | 'listQueues'>,
    endpoint: RestEndpoint,
    private readonly callTimeoutMs: number,
  ) {
    this.rest = new ChecksFetchClient(endpoint);
  }

  listPools(name?: string) {
    return this.client.listPools(name);
  }

  listQueues(project: string) {
    return this.client.listQueues(project);
  }

  listQueueChecks(project: string, queueId: number): Promise<CheckConfiguration[]> {
    return readCall(
      'GET',
      checkRoutes.queueChecks(project, queueId),
      () => this.rest.queueChecks(project, queueId),
      (body) => readList(body, readCheckConfiguration),
      this.callTimeoutMs,
    );
  }

  addCheck(project: string, configuration: Record<string, unknown>): Promise<CheckConfiguration> {
    return readCall(
      'POST',
      checkRoutes.configurations(project),
      () => this.rest.add(project, configuration),
      (body) => readOne(body, readCheckConfiguration),
      this.callTimeoutMs,
    );
  }

  async deleteCheck(project: string, id: number): Promise<void> {
    await boundedCall('DELETE', checkRoutes.configuration(project, id), () => this.rest.delete(project, id), this.callTimeoutMs);
  }
}
