// The Chromium the e2e tests use (tests/support/browser.ts), for benches written in CommonJS: CHROME_PATH if set,
// else Debian's /usr/bin/chromium, else the binary inside the @sparticuz/chromium npm package.
const fs = require('node:fs');

async function chromiumPath() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  if (fs.existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const mod = require('@sparticuz/chromium');
  return (mod.default ?? mod).executablePath();
}

module.exports = { chromiumPath };
