import * as fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * A real Chromium: CHROME_PATH if set, else Debian's /usr/bin/chromium, else
 * the binary shipped inside the @sparticuz/chromium npm package, so the tests
 * run on a fresh machine where nothing but Node and npm is installed.
 */
interface SparticuzChromium {
  executablePath(): Promise<string>;
}

export async function chromiumPath(): Promise<string> {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  if (fs.existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  // The package's CommonJS build (Jest runs tests as CommonJS).
  const mod = require('@sparticuz/chromium') as { default?: SparticuzChromium } & SparticuzChromium;
  return (mod.default ?? mod).executablePath();
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
