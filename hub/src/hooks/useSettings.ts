import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_HUB_SETTINGS, type HubSettings } from '../model/settings';
import type { SettingsStore } from '../services/settings-store';

export interface Settings {
  /** Undefined while loading. */
  settings?: HubSettings;
  /** Loading failed: the defaults are in use, and the page says so. */
  loadFailed: boolean;
  /** Saves and applies; rejects when the store refuses, leaving the applied settings as they were. */
  save(next: HubSettings): Promise<void>;
}

export function useSettings(store: SettingsStore): Settings {
  const [settings, setSettings] = useState<HubSettings>();
  const [loadFailed, setLoadFailed] = useState(false);

  useEffect(() => {
    let live = true;
    store.load().then(
      (loaded) => live && setSettings(loaded),
      () => {
        if (!live) return;
        // The page still works with the defaults; the banner tells the user their settings are not applied.
        setLoadFailed(true);
        setSettings(DEFAULT_HUB_SETTINGS);
      },
    );
    return () => {
      live = false;
    };
  }, [store]);

  const save = useCallback(
    async (next: HubSettings) => {
      await store.save(next);
      setSettings(next);
      setLoadFailed(false);
    },
    [store],
  );
  return { settings, loadFailed, save };
}
