import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { seriousViolations } from '../support/e2e';
import { REPO_ROOT } from '../support/paths';
import { tempDir } from '../support/processes';

/*
 * Issue 15 in the browser: a file of real December 2018 rows with blank categories and two codes DataSF's 2018 catalog
 * does not know (tests/fixtures/README.md). The batch page lists the unknown codes with their counts, an admin
 * describes one from there, and an incident of such a code says "no category published".
 */
const url = () => process.env.SRA_E2E_URL!;
const FIXTURE = path.join(REPO_ROOT, 'tests/fixtures/datasf-incidents-2018-12-uncategorised.csv');
const shots = process.env.SRA_SCREENSHOT_DIR ?? tempDir('e2e-incident-codes');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(url());
  await page.getByLabel('Email').fill('admin@localhost');
  await page.getByLabel('Password').fill(process.env.SRA_E2E_ADMIN_PASSWORD!);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-email').waitFor();
});
afterAll(async () => browser?.close());

/** Loads a file from the Imports page, and opens its batch once its evaluation is done. */
async function load(kind: string, file: string, rows: number): Promise<void> {
  await page.goto(`${url()}/#/import-batches/create`);
  await page.getByTestId('import-kind').selectOption(kind);
  await page.getByTestId('import-file').setInputFiles(file);
  await page.locator(`[data-testid="import-preview"][data-file="${path.basename(file)}"]`).waitFor({ timeout: 60_000 });
  expect(await page.getByTestId('preview-count-rejected').textContent()).toBe('0');
  await page.getByTestId('import-load').click();
  await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
  expect(await page.getByTestId('import-count-inserted').textContent()).toBe(String(rows));
  expect(await page.getByTestId('import-count-rejected').textContent()).toBe('0');
  await page.getByTestId('import-batch-link').click();
  await page.getByTestId('batch-outcome-done').waitFor({ timeout: 120_000 });
}

/** A screenshot at desktop width and at phone width, for a person to look at. */
async function look(name: string): Promise<void> {
  await page.screenshot({ path: path.join(shots, `${name}-1440.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(shots, `${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe('uncategorised and unknown incident codes', () => {
  it('lists the codes not in the catalog on the batch page, lets an admin describe one, and shows "no category published" on an incident and a case', async () => {
    await load('incidents', FIXTURE, 6);

    // The batch page: two codes the catalog does not know, with how many rows carry each.
    const table = page.getByTestId('batch-unknown-codes');
    await table.waitFor();
    const rows = page.getByTestId('batch-unknown-code');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toMatch(/^12075\s+Military Ordinance\s+2\s+Describe$/);
    expect(await rows.nth(1).innerText()).toMatch(/^65021\s+Driving, Stunt Vehicle\/Street Racing\s+1\s+Describe$/);
    expect(await page.getByRole('heading', { name: 'Codes not in the catalog (2)' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await look('batch-unknown-codes');
    const batchUrl = page.url();

    // Describe 12075 from there: the form comes filled with the code and the file's words.
    await page.getByTestId('describe-code-12075').click();
    await page.locator('input[name="code"]').waitFor();
    expect(await page.locator('input[name="code"]').inputValue()).toBe('12075');
    expect(await page.locator('input[name="description"]').inputValue()).toBe('Military Ordinance');
    await page.locator('input[name="source"]').fill('DataSF wg3w-h783 rows of 2019-2024 carry 12075 "Military Ordinance" with no category');
    expect(await seriousViolations(page)).toEqual([]);
    await look('incident-code-create');
    await page.getByRole('button', { name: 'Add to the catalog' }).click();
    await page.getByTestId('incident-code-provenance').waitFor();
    expect(await page.getByTestId('incident-code-provenance').textContent()).toBe('Added by an admin');
    expect(await page.getByTestId('incident-code-category').textContent()).toBe('no category published');
    expect(await seriousViolations(page)).toEqual([]);
    await look('incident-code-show');

    // Back on the batch page the code reads as described; the other still waits.
    await page.goto(batchUrl);
    await page.getByTestId('batch-unknown-code-described').waitFor();
    expect(await page.getByTestId('batch-unknown-code-described').textContent()).toBe('Described since as “Military Ordinance”');
    expect(await page.getByTestId('describe-code-65021').count()).toBe(1);

    // The incident of a 12075 row: its category is absent, and says so.
    await page.goto(`${url()}/#/incidents/180905588/show`);
    await page.getByTestId('incident-category').waitFor();
    expect(await page.getByTestId('incident-category').textContent()).toBe('no category published');
    expect(await page.getByTestId('incident-row-category').first().textContent()).toBe('no category published');
    expect(await seriousViolations(page)).toEqual([]);
    await look('incident-no-category');

    // The victim of 180908009 (15200, no category) arrested in the same incident: a case whose report has no category.
    const dir = tempDir('e2e-incident-codes-files');
    const persons = path.join(dir, 'persons-15200.csv');
    const arrests = path.join(dir, 'arrests-15200.csv');
    fs.writeFileSync(persons, 'Incident Number,Person Key,Person Role\n180908009,RP-E2E-15200,victim\n');
    fs.writeFileSync(
      arrests,
      'arrest_id,incident_number,person_key,arrest_datetime,arrest_date,arresting_agency,custody_type,booked_charges_statute\nRA-E2E-15200,180908009,RP-E2E-15200,2018-12-01T21:00,2018-12-01,SFPD,booked,647(b) PC/M\n',
    );
    await load('incident-persons', persons, 1);
    await load('arrests', arrests, 1);
    const found = await page.request.get(`${url()}/api/cases?filter=${encodeURIComponent(JSON.stringify({ reportIncidentNumber: '180908009' }))}`);
    const cases = (await found.json()) as Array<{ id: string; incidentCategory: string | null }>;
    expect(cases.map((c) => c.incidentCategory)).toEqual([null]);
    await page.goto(`${url()}/#/cases/${cases[0].id}/show`);
    await page.getByTestId('case-reports').waitFor();
    expect(await page.getByTestId('case-reports').textContent()).toMatch(/^Incident 180908009, no category published, /);
    expect(await page.locator('main').innerText()).not.toMatch(/\bnull\b/);
    expect(await seriousViolations(page)).toEqual([]);
    await look('case-no-category');
    // The Flagged cases list, narrowed to it: the category under the sentence says so too.
    await page.goto(`${url()}/#/cases?filter=${encodeURIComponent(JSON.stringify({ reportIncidentNumber: '180908009' }))}`);
    await page.getByTestId(`case-link-${cases[0].id}`).waitFor();
    expect(await page.locator('main').innerText()).toContain('no category published');
    expect(await seriousViolations(page)).toEqual([]);

    // The catalog list, filtered to the admins' codes.
    await page.goto(`${url()}/#/incident-codes?filter=${encodeURIComponent(JSON.stringify({ provenance: 'admin' }))}`);
    await page.getByTestId('incident-code').first().waitFor();
    expect(await page.getByTestId('incident-code').allTextContents()).toEqual(['12075']);
    expect(await seriousViolations(page)).toEqual([]);
    await look('incident-codes-list');
  });
});
