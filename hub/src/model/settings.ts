import { DEFAULT_PLACEHOLDER_NAME } from '../../../core/guard/inputs';
import { DEFAULT_CLASSIFICATION_RULES, classificationRules } from '../../../core/model/classify';
import type { PoolSettings } from '../../../core/model/settings';
import { DEFAULT_PENDING_THRESHOLD_MINUTES } from '../../../core/model/verdict';

/** One `azure-pipelines` trigger a user saved for a pool; `poolName` is the pool's, so it is not stored. */
export interface SavedTrigger {
  /** The ScaledJob's name, which tells the triggers on one pool apart. */
  name: string;
  /** The trigger's other metadata, as written in the ScaledJob. */
  metadata: Record<string, string>;
  kedaVersion: string;
}

/** What the jobs sent to one pool need, and the KEDA triggers scaling it. */
export interface PoolPreferences {
  /** The jobs' demands, one a line, in the service's form; empty: only the implicit `Agent.Version`. */
  demands: string[];
  minAgentVersion?: string;
  triggers: SavedTrigger[];
  /** The user names the pool as KEDA-scaled, whatever the evidence. */
  kedaScaled?: boolean;
  /** KEDA's `parent`, when the pool's trigger counts jobs through a named template agent. */
  parent?: string;
}

/** The hub's settings for one project, stored with the extension data service. */
export interface HubSettings {
  /** The placeholder's name: what the placeholder button registers, unless a pool's KEDA `parent` names it. */
  placeholderName: string;
  placeholderPatterns: string[];
  markerCapability: string;
  staleAfterHours: number;
  pendingThresholdMinutes: number;
  /** By pool id: names can change, ids cannot. */
  pools: Record<string, PoolPreferences>;
}

export const DEFAULT_HUB_SETTINGS: HubSettings = {
  placeholderName: DEFAULT_PLACEHOLDER_NAME,
  placeholderPatterns: [...DEFAULT_CLASSIFICATION_RULES.placeholderPatterns],
  markerCapability: DEFAULT_CLASSIFICATION_RULES.markerCapability,
  staleAfterHours: DEFAULT_CLASSIFICATION_RULES.staleAfterHours,
  pendingThresholdMinutes: DEFAULT_PENDING_THRESHOLD_MINUTES,
  pools: {},
};

export const NO_POOL_PREFERENCES: PoolPreferences = { demands: [], triggers: [] };

export function poolPreferences(settings: HubSettings, poolId: number): PoolPreferences {
  return settings.pools[String(poolId)] ?? NO_POOL_PREFERENCES;
}

export function withPoolPreferences(settings: HubSettings, poolId: number, preferences: PoolPreferences): HubSettings {
  return { ...settings, pools: { ...settings.pools, [String(poolId)]: preferences } };
}

/**
 * KEDA's `parent` for a pool: set in its settings, or else the one its saved triggers use (all of them
 * must agree; triggers naming different parents leave it unset, and the KEDA view shows each).
 */
export function poolParent(preferences: PoolPreferences): string | undefined {
  if (preferences.parent) return preferences.parent;
  const parents = new Set(preferences.triggers.map((trigger) => trigger.metadata.parent?.trim()).filter((parent) => parent));
  return parents.size === 1 ? [...parents][0] : undefined;
}

/** How the model judges one pool with these settings. A saved KEDA trigger names the pool as KEDA-scaled. */
export function poolSettings(settings: HubSettings, poolId: number, organizationUrl: string): PoolSettings {
  const preferences = poolPreferences(settings, poolId);
  return {
    demands: preferences.demands,
    minAgentVersion: preferences.minAgentVersion,
    kedaScaled: preferences.kedaScaled === true || preferences.triggers.length > 0,
    rules: classificationRules({
      placeholderName: settings.placeholderName,
      parent: poolParent(preferences),
      placeholderPatterns: settings.placeholderPatterns,
      markerCapability: settings.markerCapability,
      staleAfterHours: settings.staleAfterHours,
    }),
    pendingThresholdMinutes: settings.pendingThresholdMinutes,
    organizationUrl,
  };
}

/**
 * Stored settings as read back: written by an older or newer hub, or edited elsewhere. Whatever does not
 * have the expected shape falls back to its default, so a bad document never breaks the page.
 */
export function readHubSettings(stored: unknown): HubSettings {
  if (!isRecord(stored)) return DEFAULT_HUB_SETTINGS;
  const d = DEFAULT_HUB_SETTINGS;
  return {
    placeholderName: nonEmptyString(stored.placeholderName) ?? d.placeholderName,
    placeholderPatterns: stringList(stored.placeholderPatterns) ?? d.placeholderPatterns,
    markerCapability: nonEmptyString(stored.markerCapability) ?? d.markerCapability,
    staleAfterHours: positiveNumber(stored.staleAfterHours) ?? d.staleAfterHours,
    pendingThresholdMinutes: positiveNumber(stored.pendingThresholdMinutes) ?? d.pendingThresholdMinutes,
    pools: isRecord(stored.pools)
      ? Object.fromEntries(
          Object.entries(stored.pools)
            .filter(([id]) => /^\d+$/.test(id))
            .map(([id, value]) => [id, readPoolPreferences(value)]),
        )
      : {},
  };
}

function readPoolPreferences(stored: unknown): PoolPreferences {
  if (!isRecord(stored)) return NO_POOL_PREFERENCES;
  const minAgentVersion = nonEmptyString(stored.minAgentVersion);
  const parent = nonEmptyString(stored.parent);
  const triggers = Array.isArray(stored.triggers) ? stored.triggers.flatMap(readTrigger) : [];
  return {
    demands: stringList(stored.demands) ?? [],
    ...(minAgentVersion ? { minAgentVersion } : {}),
    triggers,
    ...(stored.kedaScaled === true ? { kedaScaled: true } : {}),
    ...(parent ? { parent } : {}),
  };
}

function readTrigger(stored: unknown): SavedTrigger[] {
  if (!isRecord(stored) || !isRecord(stored.metadata)) return [];
  const name = nonEmptyString(stored.name);
  const kedaVersion = nonEmptyString(stored.kedaVersion);
  if (!name || !kedaVersion) return [];
  const metadata = Object.fromEntries(
    Object.entries(stored.metadata).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  return [{ name, metadata, kedaVersion }];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
