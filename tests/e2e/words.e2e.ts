import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { CaseRecord } from '@sra/contracts';
import { apiList, e2eAdminPassword, e2eUrl, json, seriousViolations, signIn, useChromium, waitForFlags } from '../support/e2e';
import { childEnv, startServer, stopServer, tempDir, type RunningServer } from '../support/processes';

/*
 * The interface's words (issue 14): empty lists that say what to do next (for the reader's role), our own 404 page,
 * the audit log as sentences linking to what they are about, and no ISO timestamp on the pages people read.
 * Empty lists are looked at on a server of their own with an empty database; the rest on the e2e demo city.
 */
const { newPage } = useChromium();
const ISO_TIMESTAMP = /\d{4}-\d{2}-\d{2}T/;
const STOCK_TEXTS = /No [A-Z][a-z]+ [a-z]+ found|Do you want to add one\?|Not Found|\.\./;
// Screenshots for a person to look at, when asked for (SRA_SCREENSHOTS=<dir>).
const SHOTS = process.env.SRA_SCREENSHOTS;

async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ]) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300); // the layout settles after a resize (a picture for a person, not an assertion)
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function signInAt(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-email').waitFor();
}

/** The page's text once a list or record has loaded (its table, or what it says when empty). */
async function loadedText(page: Page, address: string): Promise<string> {
  await page.goto(address);
  await page.locator('table, [data-testid="empty-state"], [data-testid="empty-filtered"], [data-testid="reports-empty"]').first().waitFor();
  await page.locator('.MuiLinearProgress-root, [aria-label="Loading"]').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
  return page.locator('body').innerText();
}

describe('an empty database', () => {
  const ADMIN_PASSWORD = 'words-e2e-admin-password';
  const dataDir = tempDir('words-empty');
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(childEnv({ AUDIT_DATA_DIR: dataDir, PORT: '0', AUDIT_ADMIN_PASSWORD: ADMIN_PASSWORD, AUDIT_DEMO: 'false' }));
  });
  afterAll(async () => {
    if (server) await stopServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('an empty flagged cases list says where cases come from and, to those who load data, where to load it', async () => {
    const page = await newPage();
    await signInAt(page, server.url, 'admin@localhost', ADMIN_PASSWORD);
    const text = await loadedText(page, `${server.url}/#/cases`);
    const empty = page.getByTestId('empty-state');
    expect(await empty.getByRole('heading').textContent()).toBe('No flagged cases yet');
    expect(await empty.innerText()).toContain('Cases appear after an import is evaluated. Load data under Imports.');
    expect(text).not.toMatch(STOCK_TEXTS);
    await shoot(page, 'empty-cases-admin');
    await empty.getByRole('link', { name: 'Imports' }).click();
    await page.waitForURL(/#\/import-batches$/);
    expect(await seriousViolations(page)).toEqual([]);

    // A reviewer cannot load data: the list says who does.
    await json(await page.request.post(`${server.url}/api/users`, { data: { email: 'rita.reviewer@example.org', role: 'reviewer', password: 'words-e2e-reviewer-1' } }));
    const reviewer = await newPage();
    await signInAt(reviewer, server.url, 'rita.reviewer@example.org', 'words-e2e-reviewer-1');
    await loadedText(reviewer, `${server.url}/#/cases`);
    const told = await reviewer.getByTestId('empty-state').innerText();
    expect(told).toContain('Cases appear after an import is evaluated. An administrator or analyst loads the data');
    expect(await reviewer.getByTestId('empty-state').getByRole('link').count()).toBe(0);
    await page.context().close();
    await reviewer.context().close();
  });

  it('a list filtered to nothing says so and clears its filters', async () => {
    const page = await newPage();
    await signInAt(page, server.url, 'admin@localhost', ADMIN_PASSWORD);
    await loadedText(page, `${server.url}/#/users?filter=${encodeURIComponent(JSON.stringify({ q: 'nobody-by-this-name' }))}`);
    expect(await page.getByTestId('empty-filtered').innerText()).toContain('No account matches these filters.');
    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await page.getByText('admin@localhost').first().waitFor();

    // A day filter: the browser's date picker, with the day chosen said below it in the app's style.
    // (An empty list without filters shows only its empty state: a filter in the address brings the inputs.)
    await page.goto(`${server.url}/#/incidents?filter=${encodeURIComponent(JSON.stringify({ incidentCategory: 'assault' }))}`);
    await page.getByLabel('Reported on or after').fill('2022-06-06');
    await page.getByText('Jun 6, 2022', { exact: true }).waitFor();
    expect(await page.getByLabel('Reported on or before').count()).toBe(1);
    await shoot(page, 'day-filter');
    await page.context().close();
  });
});

describe('the demo city', () => {
  it('has a 404 page of its own, with a way home', async () => {
    const page = await newPage();
    await signIn(page, 'admin@localhost', e2eAdminPassword());
    await page.goto(`${e2eUrl()}/#/no-such-page`);
    const notFound = page.getByTestId('not-found');
    await notFound.waitFor();
    const text = await notFound.innerText();
    expect(text).toContain('There is no page at this address');
    expect(text).toContain('/no-such-page');
    expect(await page.locator('body').innerText()).not.toMatch(/Not Found|\.\.|Either you typed a wrong URL/);
    expect(await page.locator('[data-testid="HotTubIcon"]').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'not-found');
    await notFound.getByRole('link', { name: 'Go to the dashboard' }).click();
    await page.waitForURL((url) => url.hash === '#/' || url.hash === '');
    await page.getByTestId('signed-in-email').waitFor();
    await page.context().close();
  });

  it('writes the audit log as sentences that link to what each entry is about', async () => {
    const page = await newPage();
    await signIn(page, 'admin@localhost', e2eAdminPassword());
    await waitForFlags(page);
    // A case with a report's incident number: the log names it by that number.
    const { rows } = await apiList<CaseRecord>(page, 'cases', { range: [0, 49], sort: ['actionDate', 'DESC'] });
    const viewed = rows.find((c) => c.reportIncidentNumbers.length > 0)!;
    expect(viewed).toBeDefined();
    await json(await page.request.get(`${e2eUrl()}/api/cases/${viewed.id}`));

    await page.goto(`${e2eUrl()}/#/audit-log?filter=${encodeURIComponent(JSON.stringify({ action: 'case.viewed' }))}`);
    const sentence = page.locator('[data-testid^="audit-sentence-"]').filter({ hasText: `Viewed case ${viewed.reportIncidentNumbers[0]}` }).first();
    await sentence.waitFor();
    const entryId = (await sentence.getAttribute('data-testid'))!.replace('audit-sentence-', '');
    expect(await sentence.textContent()).toBe(`Viewed case ${viewed.reportIncidentNumbers[0]}`);
    // The action as recorded stays, on its own line.
    expect(await page.getByTestId(`audit-raw-${entryId}`).textContent()).toBe('case.viewed · 200');
    // Every entry on the page reads as words, not as the raw action.
    for (const text of await page.locator('[data-testid^="audit-sentence-"]').allTextContents()) expect(text).not.toMatch(/\/api\/|^[a-z]+\.[a-z_]+$/);
    expect(await page.locator('body').innerText()).not.toMatch(ISO_TIMESTAMP);

    // The whole log, unfiltered, for the pictures: sign-ins, views, lists, changes.
    await page.goto(`${e2eUrl()}/#/audit-log?filter=${encodeURIComponent('{}')}`);
    await page.locator('[data-testid^="audit-sentence-"]').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'audit-log');

    await page.goto(`${e2eUrl()}/#/audit-log?filter=${encodeURIComponent(JSON.stringify({ action: 'case.viewed' }))}`);
    const link = page.getByTestId(`audit-link-${entryId}`);
    await link.waitFor();
    expect(await link.textContent()).toBe(`case ${viewed.reportIncidentNumbers[0]}`);
    await link.click();
    await page.waitForURL(new RegExp(`#/cases/${viewed.id}/show$`));
    await page.getByTestId('flag-timeline').waitFor();
    await page.context().close();
  });

  it('shows no ISO timestamp on the dashboard, the case page and the lists', async () => {
    const page = await newPage();
    await signIn(page, 'admin@localhost', e2eAdminPassword());
    await waitForFlags(page);
    const { rows } = await apiList<CaseRecord>(page, 'cases', { range: [0, 0], sort: ['actionDate', 'DESC'] });
    const lists = ['cases', 'incidents', 'arrests', 'da-decisions', 'import-batches', 'meetings', 'reports', 'policy-versions', 'users', 'audit-log'];
    for (const list of lists) {
      const text = await loadedText(page, `${e2eUrl()}/#/${list}`);
      expect({ list, iso: ISO_TIMESTAMP.exec(text)?.[0] ?? null }).toEqual({ list, iso: null });
      expect({ list, stock: STOCK_TEXTS.exec(text)?.[0] ?? null }).toEqual({ list, stock: null });
    }
    await page.goto(`${e2eUrl()}/#/`);
    await page.locator('[data-testid="dashboard"][data-state="ready"]').waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(ISO_TIMESTAMP);
    await page.goto(`${e2eUrl()}/#/cases/${rows[0].id}/show`);
    await page.getByTestId('flag-timeline').waitFor();
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(ISO_TIMESTAMP);
    // No date in file form anywhere on the case page either ("Arrest: SFPD, 2022-06-06 07:10" was): the rules'
    // sentences and the facts carry their dates in words (a flag stores `2022-06-06 04:18`).
    for (const sentence of await page.getByTestId('rule-sentence').allTextContents()) expect(sentence).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(/\d{4}-\d{2}-\d{2}/.exec(await page.locator('main').innerText())?.[0] ?? null).toBeNull();
    await page.context().close();
  });
});
