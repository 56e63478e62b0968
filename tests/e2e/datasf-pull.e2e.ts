import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { seriousViolations } from '../support/e2e';
import { FakeDataSf } from '../support/fake-datasf';
import { tempDir } from '../support/processes';

/**
 * The Imports page's DataSF pull, as an admin sets it. The stand-in for DataSF serves no rows here (the shared e2e
 * database stays as the other files expect it); the pull's loads are covered by tests/integration/datasf-pull.test.ts.
 */
const url = () => process.env.SRA_E2E_URL!;
let browser: Browser;
let page: Page;
let fake: FakeDataSf;
const shots = tempDir('e2e-datasf-pull');

beforeAll(async () => {
  fake = new FakeDataSf([], ['row_id', 'incident_datetime', 'report_datetime', 'data_as_of']);
  await fake.start();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  await page.goto(url());
  await page.getByLabel('Email').fill('admin@localhost');
  await page.getByLabel('Password').fill(process.env.SRA_E2E_ADMIN_PASSWORD!);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-email').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await fake?.stop();
});

async function pullUntilDone(): Promise<string> {
  await page.getByRole('button', { name: 'Pull now' }).click();
  const state = page.getByTestId('datasf-pull-state');
  // Running (said until the page asks again, 2 s later), then done.
  await state.filter({ hasText: 'Pulling now' }).waitFor();
  await state.filter({ hasNotText: 'Pulling now' }).filter({ hasText: /The last pull (succeeded|failed)\./ }).waitFor({ timeout: 60_000 });
  return (await state.textContent()) ?? '';
}

describe('the DataSF pull on the Imports page', () => {
  it('an admin sets the address and schedule, pulls now, and reads why a pull failed or what it did', async () => {
    await page.goto(`${url()}/#/import-batches`);
    const panel = page.getByTestId('datasf-pull');
    await panel.waitFor();
    expect(await page.getByLabel('DataSF address').inputValue()).toBe('https://data.sfgov.org');
    expect(await page.getByLabel('Every (hours)').inputValue()).toBe('24');
    expect(await page.getByRole('switch', { name: 'Pull on a schedule' }).isChecked()).toBe(false);

    // A wrong address: DataSF's path is not there (404, not tried again).
    await page.getByLabel('DataSF address').fill(`${fake.baseUrl}/nowhere`);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('DataSF pull settings saved').waitFor();
    expect(await pullUntilDone()).toMatch(/The last pull failed\. DataSF could not be reached: HTTP 404 Not Found, not tried again \(is the address right\?\) at page 1; nothing was stored\. The schedule is off/);
    await page.screenshot({ path: path.join(shots, 'datasf-pull-failed.png'), fullPage: true });

    // The right address, on a schedule every 12 hours: the pull asks, DataSF has nothing, nothing is loaded.
    await page.getByLabel('DataSF address').fill(fake.baseUrl);
    await page.getByLabel('Every (hours)').fill('12');
    await page.getByRole('switch', { name: 'Pull on a schedule' }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('DataSF pull settings saved').waitFor();
    expect(await pullUntilDone()).toMatch(/The last pull succeeded\. DataSF had no rows; nothing to load\..*Next pull /);
    expect(fake.requests.at(-1)).toMatchObject({ offset: 0, order: 'row_id', where: null });
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'datasf-pull-succeeded.png'), fullPage: true });

    // The schedule off again, as the other files expect the server.
    await page.getByRole('switch', { name: 'Pull on a schedule' }).uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('DataSF pull settings saved').waitFor();
    process.stdout.write(`screenshots in ${shots}\n`);
  });
});
