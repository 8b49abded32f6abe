/**
 * The test host page's script: what the Azure DevOps portal does for a hub, as far as the SDK can tell.
 * It frames the hub, answers the SDK's handshake with the current (non-legacy) shape, hands out the
 * access token and the host services the hub asks for, and records the page's load in `data-loaded` on
 * <body> (`ok`, or `failed` with the reason in `data-load-error`).
 *
 * Query parameters: org, project, token (a bearer token of a sandbox identity: who the user is),
 * theme (light | dark), failService (a service id the host then refuses, as a portal that cannot provide it), callTimeoutMs (handed to
 * the hub in its contribution's configuration). `window.kedaPoolGuardHost.setTheme('dark')` switches the theme as the portal does;
 * `setToken(token)` hands out another identity's token from then on, as when the user's rights change while
 * the page is open.
 */
import { THEME_IDS, THEMES, type ThemeName } from './themes';

/** The parts of the SDK's XDM module the host uses (`azure-devops-extension-sdk/esm/XDM.js`). */
interface XdmChannel {
  getObjectRegistry(): { register(instanceId: string, instance: object): void };
  invokeRemoteMethod<T>(methodName: string, instanceId: string, params?: unknown[]): Promise<T>;
}
interface XdmModule {
  channelManager: { addChannel(window: Window, targetOrigin?: string): XdmChannel };
}

interface PageContext {
  organization: { id: string; name: string };
  project: { id: string; name: string };
  user: { id: string; name: string };
}

// The extension as the manifest names it; the SDK reports these ids to the page.
const PUBLISHER = 'keda-pool-guard';
const EXTENSION = 'keda-pool-guard';
const CONTRIBUTION = `${PUBLISHER}.${EXTENSION}.keda-pools-hub`;
const HUB_URL = '/_host/hub/hub.html';
// Loaded by URL: the SDK package exports only its main entry, and the host must not load a second SDK.
const XDM_URL = '/_host/XDM.js';

async function main(): Promise<void> {
  const query = new URLSearchParams(location.search);
  const org = query.get('org') ?? 'demo';
  const project = query.get('project') ?? org;
  const session = { token: query.get('token') ?? 'demo-admin-token' };
  const theme: ThemeName = query.get('theme') === 'dark' ? 'dark' : 'light';
  const callTimeoutMs = Number(query.get('callTimeoutMs'));
  const configuration = callTimeoutMs > 0 ? { callTimeoutMs } : {};
  applyHostTheme(theme);

  const contextResponse = await fetch(`/_host/context?${new URLSearchParams({ org, project, token: session.token }).toString()}`);
  if (!contextResponse.ok) throw new Error(((await contextResponse.json()) as { message: string }).message);
  const context = (await contextResponse.json()) as PageContext;
  const xdm = (await import(XDM_URL)) as XdmModule;

  // The channel and its objects must exist before the hub's script runs: its handshake is sent once.
  const frame = document.createElement('iframe');
  frame.id = 'hub';
  frame.title = 'KEDA pools';
  document.body.append(frame);
  const channel = xdm.channelManager.addChannel(frame.contentWindow as Window, location.origin);
  const registry = channel.getObjectRegistry();
  registry.register('DevOps.HostControl', hostControl(context, session, theme, configuration));
  const failService = query.get('failService');
  registry.register('DevOps.ServiceManager', {
    getService: (id: string) => {
      if (id === failService) throw new Error(`The host cannot provide the service ${id}.`);
      return hostService(id, context);
    },
  });
  Object.assign(window, {
    kedaPoolGuardHost: {
      setTheme(name: ThemeName) {
        applyHostTheme(name);
        return channel.invokeRemoteMethod('dispatchEvent', 'DevOps.SdkClient', ['themeChanged', { detail: { data: THEMES[name] } }]);
      },
      setToken(token: string) {
        session.token = token;
      },
    },
  });
  frame.src = HUB_URL;
}

function hostControl(context: PageContext, session: { token: string }, theme: ThemeName, configuration: object): object {
  return {
    initialHandshake: () => ({
      contributionId: CONTRIBUTION,
      initialConfig: configuration,
      themeData: THEMES[theme],
      context: {
        extension: { id: `${PUBLISHER}.${EXTENSION}`, publisherId: PUBLISHER, extensionId: EXTENSION, version: '0.1.0' },
        user: {
          id: context.user.id,
          name: context.user.name,
          displayName: context.user.name,
          descriptor: `aad.${context.user.id}`,
          imageUrl: '',
        },
        host: { id: context.organization.id, name: context.organization.name, serviceVersion: 'sandbox', type: 4, isHosted: true },
        pageContext: {
          webContext: { project: context.project, team: { id: context.project.id, name: `${context.project.name} Team` } },
          globalization: { culture: 'en-US', theme: THEME_IDS[theme], timeZoneId: 'UTC', timezoneOffset: 0 },
        },
      },
    }),
    getAccessToken: () => ({ token: session.token }),
    getAppToken: () => ({ token: session.token }),
    notifyLoadSucceeded: () => {
      document.body.dataset.loaded = 'ok';
    },
    notifyLoadFailed: (error: unknown) => {
      document.body.dataset.loaded = 'failed';
      document.body.dataset.loadError = String(error);
    },
    resize: () => undefined,
  };
}

/** The host services a hub may ask for; the SDK turns each function into a call back to this page. */
function hostService(id: string, context: PageContext): object {
  switch (id) {
    case 'ms.vss-tfs-web.tfs-page-data-service':
      return { getProject: () => context.project };
    case 'ms.vss-features.location-service':
      return {
        getResourceAreaLocation: () => `${location.origin}/${context.organization.name}/`,
        getServiceLocation: () => `${location.origin}/${context.organization.name}/`,
      };
    case 'ms.vss-features.extension-data-service':
      return { getExtensionDataManager: () => extensionDataManager(context.organization.name) };
    case 'ms.vss-features.host-navigation-service':
      return {
        getHash: () => '',
        setHash: () => undefined,
        replaceHash: () => undefined,
        onHashChanged: () => undefined,
        getQueryParams: () => ({}),
        setQueryParams: () => undefined,
        getPageRoute: () => ({ id: CONTRIBUTION, routeValues: { project: context.project.name } }),
        navigate: () => undefined,
        openNewWindow: (url: string) => void window.open(url, '_blank', 'noopener'),
        reload: () => location.reload(),
        setDocumentTitle: (title: string) => void (document.title = title),
      };
    default:
      throw new Error(`The test host does not provide the service ${id}.`);
  }
}

/** Documents kept by the test host's server, so they outlive a reload as the real service's do. */
function extensionDataManager(org: string): object {
  const url = (key: string) => `/_host/data/${encodeURIComponent(org)}/${encodeURIComponent(key)}`;
  const unsupported = (what: string) => () => Promise.reject(new Error(`The test host's extension data service does not support ${what}.`));
  return {
    async getValue(key: string, options?: { defaultValue?: unknown }) {
      const { value } = (await (await fetch(url(key))).json()) as { value: unknown };
      return value ?? options?.defaultValue;
    },
    async setValue(key: string, value: unknown) {
      const response = await fetch(url(key), {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ value }),
      });
      if (!response.ok) throw new Error(`Saving ${key} failed with HTTP ${response.status}.`);
      return value;
    },
    getDocument: unsupported('documents'),
    getDocuments: unsupported('documents'),
    createDocument: unsupported('documents'),
    setDocument: unsupported('documents'),
    updateDocument: unsupported('documents'),
    deleteDocument: unsupported('documents'),
    queryCollectionsByName: unsupported('collections'),
    queryCollections: unsupported('collections'),
  };
}

function applyHostTheme(theme: ThemeName): void {
  document.documentElement.dataset.theme = theme;
  document.body.style.background = THEMES[theme]['background-color'];
}

main().catch((error: unknown) => {
  document.body.dataset.loaded = 'failed';
  document.body.dataset.loadError = error instanceof Error ? error.message : String(error);
  document.body.textContent = `The test host could not start: ${document.body.dataset.loadError}`;
});
