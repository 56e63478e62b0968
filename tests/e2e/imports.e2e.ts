import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { seriousViolations } from '../support/e2e';
import { INCIDENT_HEADER, csv, incidentRow } from '../support/ingest-helpers';
import { tempDir } from '../support/processes';

const url = () => process.env.SRA_E2E_URL!;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  await page.goto(url());
  await page.getByLabel('Email').fill('admin@localhost');
  await page.getByLabel('Password').fill(process.env.SRA_E2E_ADMIN_PASSWORD!);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-email').waitFor();
});
afterAll(async () => browser?.close());

/** Chooses the kind and the file: the page then shows what loading it would do (nothing stored yet). */
async function choose(kind: string, file: string): Promise<void> {
  await page.goto(`${url()}/#/import-batches/create`);
  await page.getByTestId('import-kind').selectOption(kind);
  await page.getByTestId('import-file').setInputFiles(file);
  // The preview of this file (choosing the kind again may first have checked the file chosen before).
  await page.locator(`[data-testid="import-preview"][data-file="${path.basename(file)}"]`).waitFor({ timeout: 60_000 });
}

/** Chooses a file, then loads it with the preview's button. */
async function upload(kind: string, file: string): Promise<void> {
  await choose(kind, file);
  await page.getByTestId('import-load').click();
  await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
}

describe('the demo data', () => {
  it('is loaded in the background on first start, and every page then says it is synthetic', async () => {
    for (let i = 0; i < 120; i++) {
      const info = await page.request.get(`${url()}/api/app-info`);
      if ((await info.json()).demoData) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await page.goto(url());
    await page.getByTestId('demo-banner').waitFor();
    expect(await page.getByTestId('demo-banner').textContent()).toMatch(/synthetic/);
  });
});

describe('the Imports page', () => {
  const dir = tempDir('e2e-upload');
  const good = path.join(dir, 'incidents-good.csv');
  const mixed = path.join(dir, 'incidents-mixed.csv');
  const pii = path.join(dir, 'arrests-with-names.csv');
  beforeAll(() => {
    fs.writeFileSync(good, csv([INCIDENT_HEADER, incidentRow({ rowId: '9500003074', number: '950000001' }), incidentRow({ rowId: '9500103074', number: '950000002' })]));
    fs.writeFileSync(
      mixed,
      csv([INCIDENT_HEADER, incidentRow({ rowId: '9600003074', number: '960000001' }), incidentRow({ rowId: '9600103074', number: '960000002', at: 'not a time' })]),
    );
    fs.writeFileSync(pii, 'arrest_id,incident_number,person_key,arrest_date,arresting_agency,custody_type,list_of_booked_charges,Last Name\nA1,1,SFP-aaaaaaa,2024-03-09,SFPD,cited,647B,Doe\n');
  });

  it('loads a file with a progress bar and shows the counts', async () => {
    await upload('incidents', good);
    expect(await page.getByTestId('import-status').textContent()).toBe('loaded');
    expect(await page.getByTestId('import-count-rows-read').textContent()).toBe('2');
    expect(await page.getByTestId('import-count-inserted').textContent()).toBe('2');
    expect(await seriousViolations(page)).toEqual([]);
    // the same file again: nothing changes
    await upload('incidents', good);
    expect(await page.getByTestId('import-count-unchanged').textContent()).toBe('2');
    expect(await page.getByTestId('import-count-inserted').textContent()).toBe('0');
  });

  it('shows a refused file with its reason, and offers no button to load it', async () => {
    await choose('arrests', pii);
    expect(await page.getByTestId('import-refusal-reason').textContent()).toMatch(/"Last Name"/);
    expect(await page.getByTestId('import-load').count()).toBe(0);
  });

  it('shows what a correcting file would change before loading it, asks to confirm the updates by number, and says what the load did to the flags', async () => {
    const corrected = path.join(dir, 'incidents-corrected.csv');
    // Row 9500003074 (loaded above) becomes an assault; 9500103074 stays as it was; one new row; one row with no time.
    fs.writeFileSync(
      corrected,
      csv([
        INCIDENT_HEADER,
        incidentRow({ rowId: '9500003074', number: '950000001', category: 'Assault', sub: 'Simple Assault' }),
        incidentRow({ rowId: '9500103074', number: '950000002' }),
        incidentRow({ rowId: '9500203074', number: '950000003' }),
        incidentRow({ rowId: '9500303074', number: '950000004', at: 'later' }),
      ]),
    );
    const before = await page.request.get(`${url()}/api/import-batches?range=${encodeURIComponent('[0,0]')}`);
    const batchesBefore = before.headers()['content-range'];
    await choose('incidents', corrected);
    expect(await page.getByTestId('preview-count-inserted').textContent()).toBe('1');
    expect(await page.getByTestId('preview-count-updated').textContent()).toBe('1');
    expect(await page.getByTestId('preview-count-unchanged').textContent()).toBe('1');
    expect(await page.getByTestId('preview-count-rejected').textContent()).toBe('1');
    const changes = await page.getByTestId('preview-changes').textContent();
    expect(changes).toContain('Row ID 9500003074');
    expect(changes).toContain('Incident Category: Robbery → Assault');
    expect(changes).toContain('Incident Subcategory: Robbery - Other → Simple Assault');
    expect(await page.getByTestId('preview-rejects').textContent()).toMatch(/later/);
    expect(await page.getByTestId('import-load').textContent()).toBe('Load and update 1 existing record');
    // Nothing stored by the preview: no new batch.
    const after = await page.request.get(`${url()}/api/import-batches?range=${encodeURIComponent('[0,0]')}`);
    expect(after.headers()['content-range']).toBe(batchesBefore);
    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(process.env.SRA_SCREENSHOT_DIR ?? dir, 'imports-preview.png'), fullPage: true });

    await page.getByTestId('import-load').click();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-count-updated').textContent()).toBe('1');
    expect(await page.getByTestId('import-count-inserted').textContent()).toBe('1');
    await page.getByTestId('import-batch-link').click();
    // No one is named on these incidents: the load can neither add, change nor withdraw a flag.
    await page.getByTestId('batch-outcome-done').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('batch-outcome-new').textContent()).toBe('0');
    expect(await page.getByTestId('batch-outcome-changed').textContent()).toBe('0');
    expect(await page.getByTestId('batch-outcome-withdrawn').textContent()).toBe('0');
    expect(await page.getByTestId('batch-outcome-unchanged').textContent()).toMatch(/^\d+$/);
    expect(await page.getByTestId('batch-outcome-cases-new').textContent()).toBe('0');
    expect(await page.getByTestId('batch-outcome-cases-withdrawn').textContent()).toBe('0');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(process.env.SRA_SCREENSHOT_DIR ?? dir, 'imports-batch-outcome.png'), fullPage: true });
  });

  it('does not load when the records changed since the preview: shows the new number of updates on the button', async () => {
    const base = path.join(dir, 'incidents-race.csv');
    fs.writeFileSync(base, csv([INCIDENT_HEADER, incidentRow({ rowId: '9510003074', number: '951000001' }), incidentRow({ rowId: '9510103074', number: '951000002' })]));
    await upload('incidents', base);
    const edit = path.join(dir, 'incidents-race-edit.csv');
    fs.writeFileSync(edit, csv([INCIDENT_HEADER, incidentRow({ rowId: '9510003074', number: '951000001', district: 'Tenderloin' })]));
    await choose('incidents', edit);
    expect(await page.getByTestId('import-load').textContent()).toBe('Load and update 1 existing record');
    // Meanwhile someone else loads the same correction: the file would now change nothing.
    const other = await page.request.post(`${url()}/api/ingest/incidents?confirmUpdates=1`, {
      multipart: { file: { name: 'other.csv', mimeType: 'text/csv', buffer: fs.readFileSync(edit) } },
    });
    expect(other.status()).toBe(200);
    await page.getByTestId('import-load').click();
    await page.getByTestId('import-conflict').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-conflict').textContent()).toMatch(/The check said it would update 1 existing record; it would now update 0 existing records/);
    expect(await page.getByTestId('import-preview-summary').textContent()).toMatch(/would change nothing: its records are already loaded as they are/);
    expect(await page.getByTestId('preview-count-unchanged').textContent()).toBe('1');
    expect(await page.getByTestId('import-load').textContent()).toBe('Load this file');
    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(process.env.SRA_SCREENSHOT_DIR ?? dir, 'imports-conflict.png'), fullPage: true });
  });

  it('opens a batch with its rejected rows, downloadable as CSV', async () => {
    await upload('incidents', mixed);
    expect(await page.getByTestId('import-count-rejected').textContent()).toBe('1');
    await page.getByTestId('import-batch-link').click();
    await page.getByTestId('batch-rejects').waitFor();
    expect(await page.getByTestId('batch-rejects').textContent()).toMatch(/not a time/);
    const href = await page.getByTestId('rejects-download').getAttribute('href');
    const download = await page.request.get(new URL(href!, url()).toString());
    expect(await download.text()).toMatch(/^line,column,value,reason\n3,Incident Datetime,not a time,/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('lists the batches, newest first', async () => {
    await page.goto(`${url()}/#/import-batches`);
    await page.getByText('incidents-mixed.csv').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
