/**
 * Renders the icons from their vector sources in images/src with Chromium, so that every PNG the
 * package ships can be made again, at exactly the size the manifest and task.json declare.
 * Run: `npm run icons` (needs /usr/bin/chromium: `bash scripts/install-chromium.sh`).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';

const root = path.resolve(__dirname, '..');

export const ICONS = [
  { source: 'images/src/extension.svg', output: 'images/extension.png', size: 128 },
  { source: 'images/src/extension.svg', output: 'tasks/KedaPoolGuardV1/icon.png', size: 32 },
  { source: 'images/src/extension.svg', output: 'tasks/KedaPoolGateV1/icon.png', size: 32 },
  { source: 'images/src/hub-light.svg', output: 'images/hub-light.png', size: 16 },
  { source: 'images/src/hub-dark.svg', output: 'images/hub-dark.png', size: 16 },
] as const;

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    for (const icon of ICONS) {
      const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
      const svg = readFileSync(path.join(root, icon.source)).toString('base64');
      await page.setContent(
        `<html><body style="margin:0;background:transparent"><img style="display:block;width:${icon.size}px;height:${icon.size}px" src="data:image/svg+xml;base64,${svg}"></body></html>`,
      );
      await page.screenshot({ path: path.join(root, icon.output), omitBackground: true });
      await page.close();
      console.log(`${icon.output} (${icon.size}x${icon.size}) from ${icon.source}`);
    }
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
