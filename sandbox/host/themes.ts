/**
 * Theme variables as the portal sends them in the handshake (`themeData`, names without `--`): the SDK writes
 * them into `:root`, and azure-devops-ui's styles read them. Palette entries are RGB triples used inside
 * `rgba(...)`; the others are whole colours. The values follow the portal's light and dark themes closely
 * enough to show that the page follows them; they are not a copy of Microsoft's theme files.
 */
export type ThemeName = 'light' | 'dark';

const LIGHT: Record<string, string> = {
  'background-color': 'rgba(255, 255, 255, 1)',
  'callout-background-color': 'rgba(255, 255, 255, 1)',
  'text-primary-color': 'rgba(0, 0, 0, 0.9)',
  'text-secondary-color': 'rgba(0, 0, 0, 0.55)',
  'text-disabled-color': 'rgba(0, 0, 0, 0.38)',
  'communication-foreground': 'rgba(0, 90, 158, 1)',
  'communication-background': 'rgba(0, 120, 212, 1)',
  'focus-border-color': 'rgba(0, 120, 212, 1)',
  'palette-neutral-0': '255, 255, 255',
  'palette-neutral-2': '248, 248, 248',
  'palette-neutral-4': '244, 244, 244',
  'palette-neutral-8': '234, 234, 234',
  'palette-neutral-10': '218, 218, 218',
  'palette-neutral-20': '200, 200, 200',
  'palette-neutral-100': '0, 0, 0',
};

const DARK: Record<string, string> = {
  'background-color': 'rgba(32, 31, 30, 1)',
  'callout-background-color': 'rgba(45, 44, 43, 1)',
  'callout-filtered-background-color': 'rgba(0, 0, 0, 0.5)',
  'callout-shadow-color': 'rgba(0, 0, 0, 0.44)',
  'callout-shadow-secondary-color': 'rgba(0, 0, 0, 0.36)',
  'panel-shadow-color': 'rgba(0, 0, 0, 0.44)',
  'panel-shadow-secondary-color': 'rgba(0, 0, 0, 0.36)',
  'text-primary-color': 'rgba(255, 255, 255, 0.9)',
  'text-secondary-color': 'rgba(255, 255, 255, 0.6)',
  'text-disabled-color': 'rgba(255, 255, 255, 0.38)',
  'text-on-communication-background': 'rgba(255, 255, 255, 1)',
  'communication-foreground': 'rgba(71, 158, 245, 1)',
  'communication-background': 'rgba(0, 120, 212, 1)',
  'focus-border-color': 'rgba(71, 158, 245, 1)',
  'focus-pulse-max-color': 'rgba(71, 158, 245, 0.55)',
  'splitter-border-color': 'rgba(255, 255, 255, 0.12)',
  'component-grid-row-hover-color': 'rgba(255, 255, 255, 0.04)',
  'component-grid-selected-row-color': 'rgba(0, 120, 212, 0.28)',
  'component-grid-focus-border-color': 'rgba(71, 158, 245, 1)',
  'component-grid-cell-bottom-border-color': 'rgba(255, 255, 255, 0.08)',
  'component-grid-action-selected-cell-hover-color': 'rgba(0, 120, 212, 0.4)',
  'component-label-default-color': 'rgba(255, 255, 255, 0.12)',
  'component-label-default-color-hover': 'rgba(255, 255, 255, 0.2)',
  'status-error-text': 'rgba(241, 112, 123, 1)',
  'status-error-foreground': 'rgba(241, 112, 123, 1)',
  'status-error-background': 'rgba(68, 39, 38, 1)',
  'status-warning-text': 'rgba(252, 225, 0, 1)',
  'status-warning-background': 'rgba(67, 53, 25, 1)',
  'status-success-background': 'rgba(57, 61, 27, 1)',
  'status-success-foreground': 'rgba(84, 176, 84, 1)',
  'status-info-foreground': 'rgba(71, 158, 245, 1)',
  'palette-neutral-0': '30, 30, 30',
  'palette-neutral-2': '37, 36, 35',
  'palette-neutral-4': '41, 40, 39',
  'palette-neutral-6': '47, 46, 45',
  'palette-neutral-8': '54, 53, 52',
  'palette-neutral-10': '65, 64, 63',
  'palette-neutral-20': '90, 89, 88',
  'palette-neutral-30': '121, 119, 117',
  'palette-neutral-60': '170, 168, 166',
  'palette-neutral-80': '210, 208, 206',
  'palette-neutral-100': '255, 255, 255',
  'palette-black-alpha-2': 'rgba(255, 255, 255, 0.02)',
  'palette-black-alpha-4': 'rgba(255, 255, 255, 0.04)',
  'palette-black-alpha-6': 'rgba(255, 255, 255, 0.06)',
  'palette-black-alpha-8': 'rgba(255, 255, 255, 0.08)',
  'palette-black-alpha-10': 'rgba(255, 255, 255, 0.1)',
  'palette-black-alpha-20': 'rgba(255, 255, 255, 0.2)',
  'palette-black-alpha-30': 'rgba(255, 255, 255, 0.3)',
  'palette-black-alpha-60': 'rgba(255, 255, 255, 0.6)',
  'palette-primary-tint-10': '40, 134, 222',
  'palette-primary-tint-20': '71, 158, 245',
  'palette-primary-tint-30': '108, 178, 247',
  'palette-primary-tint-40': '150, 200, 250',
  'palette-primary-shade-10': '0, 103, 184',
  'palette-primary-shade-20': '0, 87, 156',
  'palette-primary-shade-30': '0, 64, 115',
  'palette-primary-darkened-6': '0, 105, 191',
  'palette-primary-darkened-10': '0, 98, 176',
};

export const THEMES: Record<ThemeName, Record<string, string>> = { light: LIGHT, dark: DARK };

/** The portal's theme ids, as the page context names them. */
export const THEME_IDS: Record<ThemeName, string> = { light: 'ms.vss-web.vsts-theme', dark: 'ms.vss-web.vsts-theme-dark' };
