import type { Page } from 'playwright-core';
import type { CaseRecord, IncidentSummary } from '@sra/contracts';
import { apiList, e2eAdminPassword, e2eUrl, json, seriousViolations, signIn, useChromium, waitForFlags } from '../support/e2e';

// Issue 14: finding a case or an incident by part of its number, from the lists and from the app bar; and lists that
// fit a 1,440 px screen and a phone. Against the demo city of the global setup; this file only reads (and makes one
// report draft and a meeting if there are none, so their lists have a row).
const url = e2eUrl;
const { newPage } = useChromium();

const SEARCH_LABEL = 'Incident number, arrest or decision id';

/** The incident numbers shown in the incidents list. */
const shownIncidents = (page: Page) => page.locator('[data-testid^="incident-link-"]').allTextContents();

describe('search by incident number', () => {
  let admin: Page;
  let kase: CaseRecord;
  beforeAll(async () => {
    admin = await newPage();
    await signIn(admin, 'admin@localhost', e2eAdminPassword());
    await waitForFlags(admin);
    [kase] = (await apiList<CaseRecord>(admin, 'cases', { filter: { status: ['current'] } })).rows;
    expect(kase.reportIncidentNumbers.length).toBeGreaterThan(0);
  });
  afterAll(async () => admin?.context().close());

  it('finds incidents on the Incidents page by the start of their number', async () => {
    const number = kase.reportIncidentNumbers[0];
    const prefix = number.slice(0, number.length - 3);
    const expected = await apiList<IncidentSummary>(admin, 'incidents', { filter: { q: prefix }, range: [0, 24], sort: ['reportDatetime', 'DESC'] });
    expect(expected.total).toBeGreaterThan(0);
    expect(expected.rows.every((row) => row.id.startsWith(prefix))).toBe(true);

    await admin.goto(`${url()}/#/incidents`);
    await admin.getByTestId('incidents-table').waitFor();
    await admin.getByLabel(SEARCH_LABEL).fill(prefix);
    await admin.waitForFunction((want) => document.querySelector('[data-testid="incidents-total"]')?.textContent?.replace(/,/g, '') === String(want), expected.total, {
      timeout: 20_000,
    });
    expect(await shownIncidents(admin)).toEqual(expected.rows.map((row) => row.id));
    expect(await seriousViolations(admin)).toEqual([]);
  });

  it('finds cases on the Flagged cases page by the start of their report’s incident number', async () => {
    const number = kase.reportIncidentNumbers[0];
    const prefix = number.slice(0, number.length - 2);
    const expected = await apiList<CaseRecord>(admin, 'cases', { filter: { q: prefix, status: ['current'] }, range: [0, 24], sort: ['actionDate', 'DESC'] });
    expect(expected.rows.map((c) => c.id)).toContain(kase.id);

    await admin.goto(`${url()}/#/cases`);
    await admin.getByTestId('cases-table').waitFor();
    await admin.getByLabel(SEARCH_LABEL).fill(prefix);
    await admin.waitForFunction(
      (ids) => {
        const shown = [...document.querySelectorAll('[data-case-id]')].map((el) => el.getAttribute('data-case-id'));
        return shown.length === ids.length && shown.every((id, i) => id === ids[i]);
      },
      expected.rows.map((c) => c.id),
      { timeout: 20_000 },
    );
    expect(await seriousViolations(admin)).toEqual([]);
  });

  it('opens an incident from the app bar by its number, and lists the incidents starting with a partial one', async () => {
    const number = kase.reportIncidentNumbers[0];
    await admin.goto(`${url()}/#/reports`);
    const box = admin.getByTestId('global-search');
    await box.fill(number);
    await box.press('Enter');
    await admin.waitForURL((address) => address.hash === `#/incidents/${encodeURIComponent(number)}/show`);
    expect(await admin.getByTestId('incident-number').textContent()).toBe(number);

    const prefix = number.slice(0, 4);
    await box.fill(prefix);
    await box.press('Enter');
    await admin.waitForURL((address) => address.hash.startsWith('#/incidents?'));
    await admin.getByTestId('incidents-table').waitFor();
    expect(await admin.getByLabel(SEARCH_LABEL).inputValue()).toBe(prefix);
    const shown = await shownIncidents(admin);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((id) => id.startsWith(prefix))).toBe(true);
  });
});

describe('lists fit the screen', () => {
  let page: Page;
  beforeAll(async () => {
    page = await newPage();
    await signIn(page, 'admin@localhost', e2eAdminPassword());
    await waitForFlags(page);
    // The reports list needs a row to show its table.
    if ((await apiList(page, 'reports')).total === 0) await json(await page.request.post(`${url()}/api/reports`, { data: { month: '2022-05' } }));
  });
  afterAll(async () => page?.context().close());

  it('shows the flagged cases whole on a 1,440 px screen, "What happened" included', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${url()}/#/cases`);
    await page.getByTestId('cases-table').locator('tbody tr').first().waitFor();
    const fit = await page.evaluate(() => {
      // the table scrolls inside react-admin's wrapper (the box around it must not clip the bulk actions toolbar)
      const box = document.querySelector('[data-testid="cases-table-box"] .RaDataTable-tableWrapper')!;
      return { scrollWidth: box.scrollWidth, clientWidth: box.clientWidth, page: document.documentElement.scrollWidth, screen: window.innerWidth };
    });
    expect(fit.scrollWidth).toBeLessThanOrEqual(fit.clientWidth);
    expect(fit.page).toBeLessThanOrEqual(fit.screen);
    const header = page.getByRole('columnheader', { name: 'What happened' });
    const where = (await header.boundingBox())!;
    expect(where.x + where.width).toBeLessThanOrEqual(1440);
    await expect(header.isVisible()).resolves.toBe(true);
  });

  it.each([[1440], [390]])('at %i px, the bulk actions over a selected row are on top and can be clicked', async (width) => {
    // a fresh page of that width, as a person on that screen would open it (a page narrowed from a wide screen keeps
    // its menu open, which on a phone covers the list)
    const page = await newPage();
    await page.setViewportSize({ width, height: 900 });
    await signIn(page, 'admin@localhost', e2eAdminPassword());
    await page.goto(`${url()}/#/cases`);
    await page.getByTestId('cases-table').locator('tbody tr').first().waitFor();
    await page.getByTestId('cases-table').locator('tbody tr').first().getByRole('checkbox').check();
    const button = page.getByTestId('bulk-status');
    await button.waitFor();
    // what a click at the button's centre would reach: the button itself, not the list's card drawn over it
    await page.waitForFunction(() => {
      const target = document.querySelector('[data-testid="bulk-status"]');
      if (!target) return false;
      const r = target.getBoundingClientRect();
      const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return r.height > 0 && !!hit && target.contains(hit);
    });
    await button.click({ timeout: 5_000 });
    const dialog = page.getByTestId('bulk-status-dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it.each([
    ['cases'],
    ['incidents'],
    ['reports'],
    ['arrests'],
    ['da-decisions'],
    ['import-batches'],
    ['policy-versions'],
    ['charge-codes'],
    ['meetings'],
    ['users'],
    ['audit-log'],
  ])('on a 390 px phone, the %s list does not scroll the page sideways', async (resource) => {
    if (resource === 'meetings' && (await apiList(page, 'meetings')).total === 0) {
      await json(await page.request.post(`${url()}/api/meetings`, { data: { date: '2022-07-01', title: 'A meeting for the width test' } }));
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${url()}/#/${resource}`);
    await page.locator('main table tbody tr').first().waitFor();
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
  });

  it('on a 390 px phone, the users list fits without scrolling its table, each row saying role and account', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${url()}/#/users`);
    const table = page.getByTestId('users-table');
    await table.locator('tbody tr').first().waitFor();
    const fit = await page.evaluate(() => {
      const box = document.querySelector('[data-testid="users-table-box"] .RaDataTable-tableWrapper')!;
      return { scrollWidth: box.scrollWidth, clientWidth: box.clientWidth, page: document.documentElement.scrollWidth };
    });
    expect(fit.scrollWidth).toBeLessThanOrEqual(fit.clientWidth);
    expect(fit.page).toBeLessThanOrEqual(390);
    // The secondary columns are folded under the email, which says them instead.
    for (const header of ['Role', 'Account', 'Last signed in', 'Created']) expect(await table.getByRole('columnheader', { name: header }).isVisible()).toBe(false);
    expect(await table.locator('tbody tr').first().textContent()).toMatch(/(Administrator|Admin|Analyst|Reviewer|Viewer)[^·]* · (Active|Deactivated)/);
    expect(await seriousViolations(page)).toEqual([]);
    if (process.env.SRA_E2E_LOOK_DIR) await page.screenshot({ path: `${process.env.SRA_E2E_LOOK_DIR}/users-390.png`, fullPage: true });

    // At 1,440 px every column is there, and nothing scrolls.
    await page.setViewportSize({ width: 1440, height: 900 });
    for (const header of ['Email', 'Name', 'Role', 'Account', 'Last signed in', 'Created']) {
      await table.getByRole('columnheader', { name: header }).waitFor();
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
    if (process.env.SRA_E2E_LOOK_DIR) await page.screenshot({ path: `${process.env.SRA_E2E_LOOK_DIR}/users-1440.png`, fullPage: true });
  });
});
