import { getClient } from 'azure-devops-extension-api';
import { TaskAgentRestClient } from 'azure-devops-extension-api/TaskAgent';
import type { AdoClient } from '../../../core/ado/client';
import { CHECKS_API_VERSION, checkRoutes, type ChecksPort } from '../../../core/ado/checks';
import { readCheckConfiguration, readList, readOne } from '../../../core/ado/wire';
import type { PoolCheckClient } from '../../../core/guard/pool-check';
import type { CheckConfiguration } from '../../../core/model/types';
import { boundedCall, readCall } from './browser-ado-client';

const CONFIGURATIONS = '{project}/_apis/pipelines/checks/configurations';

/**
 * The checks area (PipelinesChecks), which the portal's REST library has no client for: its TaskAgent client
 * with three more routes (the package exports no other base to extend; `beginRequest` is its protected way
 * to call a route), so the checks are called with the signed-in user's token and the same Accept options
 * (bare arrays, numeric enums) as the pools are.
 */
class ChecksRestClient extends TaskAgentRestClient {
  queueChecks(project: string, queueId: number): Promise<unknown> {
    return this.beginRequest({
      apiVersion: CHECKS_API_VERSION,
      routeTemplate: CONFIGURATIONS,
      routeValues: { project },
      queryParams: { resourceType: 'queue', resourceId: queueId, $expand: 'settings' },
    });
  }

  add(project: string, configuration: Record<string, unknown>): Promise<unknown> {
    return this.beginRequest({
      apiVersion: CHECKS_API_VERSION,
      routeTemplate: CONFIGURATIONS,
      routeValues: { project },
      method: 'POST',
      body: configuration,
    });
  }

  delete(project: string, id: number): Promise<unknown> {
    return this.beginRequest({
      apiVersion: CHECKS_API_VERSION,
      routeTemplate: `${CONFIGURATIONS}/{id}`,
      routeValues: { project, id },
      method: 'DELETE',
    });
  }
}

/**
 * The pool check's calls from the hub: pools and queues through the page's client, the checks through the
 * portal's REST base, every failure an `AdoError` as the command line's are. Loaded with the pool panel.
 */
export class BrowserChecksClient implements PoolCheckClient, ChecksPort {
  private readonly rest: ChecksRestClient;

  constructor(
    private readonly client: Pick<AdoClient, 'listPools' | 'listQueues'>,
    organizationUrl: string,
    private readonly callTimeoutMs: number,
  ) {
    this.rest = getClient(ChecksRestClient, { rootPath: `${organizationUrl}/` });
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
