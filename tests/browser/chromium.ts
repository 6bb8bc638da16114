import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/**
 * Launch the system Chromium (Debian's /usr/bin/chromium here; CHROMIUM_PATH elsewhere).
 * Browser downloads are impossible on our machines, so playwright-core never fetches one.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to a Chrome or Chromium binary.`,
    );
  }
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}
