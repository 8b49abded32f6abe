import type { IExtensionDataManager, IExtensionDataService } from 'azure-devops-extension-api';
import { readHubSettings, type HubSettings } from '../model/settings';

/** Where the hub keeps its settings: one document per project, shared by everyone who opens the page. */
export interface SettingsStore {
  load(): Promise<HubSettings>;
  save(settings: HubSettings): Promise<void>;
}

/**
 * Settings in the extension data service, at the collection ("Default") scope under a key naming the
 * project, so each project has its own and every member sees the same.
 */
export class ExtensionDataSettingsStore implements SettingsStore {
  private manager: Promise<IExtensionDataManager> | undefined;

  constructor(
    private readonly service: () => Promise<IExtensionDataService>,
    private readonly accessToken: () => Promise<string>,
    private readonly extensionId: string,
    private readonly projectId: string,
  ) {}

  async load(): Promise<HubSettings> {
    const stored = await (await this.dataManager()).getValue<unknown>(this.key(), { scopeType: 'Default' });
    return readHubSettings(stored);
  }

  async save(settings: HubSettings): Promise<void> {
    await (await this.dataManager()).setValue(this.key(), settings, { scopeType: 'Default' });
  }

  private key(): string {
    return `settings-${this.projectId}`;
  }

  private dataManager(): Promise<IExtensionDataManager> {
    this.manager ??= (async () => (await this.service()).getExtensionDataManager(this.extensionId, await this.accessToken()))();
    // A failed attempt is not kept, so the next load or save tries again.
    this.manager.catch(() => (this.manager = undefined));
    return this.manager;
  }
}
