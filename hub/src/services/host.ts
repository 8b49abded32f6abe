import * as SDK from 'azure-devops-extension-sdk';
import type { IExtensionDataService, ILocationService, IProjectPageService } from 'azure-devops-extension-api';
import type { AdoClient } from '../../../core/ado/client';
import { BrowserAdoClient, CALL_TIMEOUT_MS } from './browser-ado-client';
import { ExtensionDataSettingsStore, type SettingsStore } from './settings-store';
import type { RestEndpoint } from './rest-fetch';
import { TASK_AGENT_AREA_ID, TaskAgentFetchClient } from './task-agent-rest';

// Service ids as strings: the API declares them in a `const enum`, which isolated modules cannot read.
const PROJECT_PAGE_SERVICE = 'ms.vss-tfs-web.tfs-page-data-service';
const LOCATION_SERVICE = 'ms.vss-features.location-service';
const EXTENSION_DATA_SERVICE = 'ms.vss-features.extension-data-service';

/** Everything the page needs from the portal, gathered once after the handshake. */
export interface HubServices {
  project: { id: string; name: string };
  /** The organization URL without a trailing slash, as the guidance's commands need it. */
  organizationUrl: string;
  client: AdoClient;
  /** The organization and the user's token, for the clients the page makes later. */
  endpoint: RestEndpoint;
  /** The limit on one REST call, for the clients the page makes later. */
  callTimeoutMs: number;
  settings: SettingsStore;
}

/** Thrown when the page is opened outside a project: the hub is a project page. */
export class NoProjectError extends Error {
  override readonly name = 'NoProjectError';
}

export async function connectToHost(): Promise<HubServices> {
  const [projectService, locationService] = await Promise.all([
    SDK.getService<IProjectPageService>(PROJECT_PAGE_SERVICE),
    SDK.getService<ILocationService>(LOCATION_SERVICE),
  ]);
  const [project, rootUrl] = await Promise.all([projectService.getProject(), locationService.getResourceAreaLocation(TASK_AGENT_AREA_ID)]);
  if (!project) throw new NoProjectError('The page was opened outside a project.');
  const organizationUrl = rootUrl.replace(/\/+$/, '');
  const timeoutMs = callTimeoutMs(SDK.getConfiguration());
  const endpoint: RestEndpoint = { rootUrl: `${organizationUrl}/`, accessToken: () => SDK.getAccessToken() };
  return {
    project: { id: project.id, name: project.name },
    organizationUrl,
    client: new BrowserAdoClient(new TaskAgentFetchClient(endpoint), timeoutMs),
    endpoint,
    callTimeoutMs: timeoutMs,
    settings: new ExtensionDataSettingsStore(
      () => SDK.getService<IExtensionDataService>(EXTENSION_DATA_SERVICE),
      () => SDK.getAccessToken(),
      SDK.getExtensionContext().id,
      project.id,
    ),
  };
}

/**
 * The limit on one REST call: 30 s, unless the contribution's configuration sets `callTimeoutMs`. The
 * manifest sets none, so the portal's is always 30 s; the test host sets a short one, so that a test of a
 * hanging call waits seconds, not half a minute.
 */
function callTimeoutMs(configuration: { [key: string]: unknown }): number {
  const configured = configuration.callTimeoutMs;
  return typeof configured === 'number' && configured > 0 ? configured : CALL_TIMEOUT_MS;
}
