import type { Page } from 'playwright-core';
import type { FlagRecord, ReportCell, ReportDocument, ReportVersionRecord } from '@sra/contracts';
import { e2eAdminPassword, e2eUrl, json, seriousViolations, setUpAsAdmin, signIn, useChromium } from '../support/e2e';

// The suite shares one server and database across files: this file adds one viewer account and two versions of
// one month's report (the month of the newest flagged report), publishing the first. Every figure it checks comes
// from the API's own document of the same version, so reviews other files change do not matter.
const url = e2eUrl;
const VIEWER = { email: 'reports.viewer.e2e@example.org', password: 'reports-viewer-123' };
const SF_MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit' });

const { newPage } = useChromium();

/** `YYYY-MM` of an instant, in San Francisco time (as reports count months). */
function sfMonth(iso: string): string {
  const parts = SF_MONTH.formatToParts(new Date(iso));
  return `${parts.find((p) => p.type === 'year')?.value}-${parts.find((p) => p.type === 'month')?.value}`;
}

/**
 * The flags of the demo city are evaluated in the background after start-up: wait for them, then the report time
 * of the newest flagged report (flags of a repealed section need no report: they have none).
 */
async function newestReportAt(page: Page): Promise<string> {
  const deadline = Date.now() + 100_000;
  for (;;) {
    const params = new URLSearchParams({ sort: JSON.stringify(['reportAt', 'DESC']), range: JSON.stringify([0, 99]) });
    const flags = await json<FlagRecord[]>(await page.request.get(`${url()}/api/flags?${params}`));
    const reportAt = flags.find((flag) => flag.reportAt)?.reportAt;
    if (reportAt) return reportAt;
    if (Date.now() > deadline) throw new Error('no flagged report after 100 s: the demo data did not load');
    await page.waitForTimeout(500); // a polling interval, not a wait for something to have happened
  }
}

const apiRecord = async (page: Page, id: string) => json<ReportVersionRecord>(await page.request.get(`${url()}/api/reports/${encodeURIComponent(id)}`));
const apiDocument = async (page: Page, id: string, edition: 'public' | 'internal') =>
  json<ReportDocument>(await page.request.get(`${url()}/api/reports/${encodeURIComponent(id)}/document?edition=${edition}`));

/** What the page must show for a cell: numbers written as in English, a hidden count as its display text. */
function expectedText(cell: ReportCell): string {
  if (cell === null) return 'none';
  if (typeof cell === 'number') return cell.toLocaleString('en-US');
  if (typeof cell === 'object') return cell.display;
  return cell;
}

/** The body rows of a table on the page, cell by cell, as text. */
async function shownRows(page: Page, tableId: string): Promise<string[][]> {
  return page
    .getByTestId(`report-table-${tableId}`)
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())));
}

/** Every table of the document, as the page shows it, equals the document's cells. */
async function expectTablesShown(page: Page, document: ReportDocument): Promise<void> {
  const tables = document.sections.flatMap((section) => section.tables);
  expect(tables.length).toBeGreaterThan(0);
  for (const table of tables) {
    expect({ table: table.id, rows: await shownRows(page, table.id) }).toEqual({ table: table.id, rows: table.rows.map((row) => row.map(expectedText)) });
  }
}

async function waitForEdition(page: Page, edition: 'public' | 'internal'): Promise<void> {
  await page.locator(`[data-testid="report-document"][data-edition="${edition}"]`).waitFor();
}

/** The report id in the address of a show page (`#/reports/2022-05%3A1/show`). */
function idFromAddress(page: Page): string {
  const match = /#\/reports\/([^/]+)\/show/.exec(page.url());
  if (!match) throw new Error(`not a report page: ${page.url()}`);
  return decodeURIComponent(match[1]);
}

async function openList(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: 'Reports' }).click();
  await page.waitForURL(/#\/reports/);
}

/** "New report" on the list: the month, and the reason when the server asks for one. */
async function startNewReport(page: Page, month: string): Promise<void> {
  await page.getByTestId('report-new').click();
  await page.getByTestId('report-new-month').fill(month);
  await page.getByTestId('report-new-submit').click();
}

describe('the Reports pages', () => {
  let month = '';
  let firstId = '';
  let internal: ReportDocument;
  let publicDocument: ReportDocument;

  beforeAll(async () => {
    month = await setUpAsAdmin(newPage, { waitForFlags: false, users: [{ ...VIEWER, role: 'viewer' }] }, async (admin) => sfMonth(await newestReportAt(admin)));
  });

  it('lets an admin make a draft for a month with flags, and shows its internal edition exactly as the server made it', async () => {
    const page = await newPage();
    await signIn(page, 'admin@localhost', e2eAdminPassword());
    await openList(page);
    await page.getByTestId('report-new').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await startNewReport(page, month);
    await page.waitForURL(/#\/reports\/[^/]+\/show/);
    firstId = idFromAddress(page);
    const record = await apiRecord(page, firstId);
    expect(record).toMatchObject({ month, status: 'draft', superseded: false, generatedBy: 'admin@localhost' });
    expect(firstId).toBe(`${month}:${record.version}`);

    // case-level roles start on the internal edition
    internal = await apiDocument(page, firstId, 'internal');
    await waitForEdition(page, 'internal');
    expect(await page.getByTestId('report-title').textContent()).toBe(internal.title);
    expect(await page.getByTestId('report-hash').textContent()).toBe(internal.contentHash);
    expect(internal.contentHash).toBe(record.contentHash);
    expect(internal.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByTestId('report-meta').textContent()).toMatch(new RegExp(`^Internal edition · Version ${record.version} · Draft · Made `));
    expect(await page.getByTestId('report-status').getAttribute('data-status')).toBe('draft');
    await expectTablesShown(page, internal);
    // the month has flags, so the internal edition lists at least one case
    const cases = internal.sections.find((s) => s.id === 'cases')?.tables.find((t) => t.id === 'flagged-cases');
    expect(cases?.rows.length).toBeGreaterThan(0);
    // one row per case (issue 11): each case id once, whatever the number of rules it breaches
    expect(cases?.columns[0]).toBe('Case');
    expect(new Set(cases?.rows.map((row) => row[0])).size).toBe(cases?.rows.length);
    // the action, a short phrase, is not wrapped word by word: its cell is at least 10em wide
    const actionCell = page.getByTestId('report-table-flagged-cases').locator('tbody tr').first().locator('th, td').nth(1);
    const { width, fontSize } = await actionCell.evaluate((el) => ({ width: el.getBoundingClientRect().width, fontSize: parseFloat(getComputedStyle(el).fontSize) }));
    expect(width).toBeGreaterThanOrEqual(10 * fontSize);

    // each chart: a heading, a picture, and its numbers for screen readers (a null value is "no value")
    const charts = internal.sections.flatMap((s) => s.charts);
    expect(charts.length).toBeGreaterThan(0);
    let keysChecked = 0;
    for (const chart of charts) {
      const figure = page.getByTestId(`report-chart-${chart.id}`);
      expect(await figure.getByRole('heading').textContent()).toBe(chart.title);
      const numbers = await page
        .getByTestId(`report-chart-numbers-${chart.id}`)
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())));
      expect(numbers.map((row) => row[0])).toEqual(chart.categories);
      expect(numbers.map((row) => row.slice(1).map((v) => v === 'no value'))).toEqual(
        chart.categories.map((_, i) => chart.series.map((series) => series.values[i] === null)),
      );
      // a line chart draws a line per series, a bar chart a group of bars per series
      if (chart.series.some((series) => series.values.some((v) => v !== null))) {
        expect(await figure.locator(`[role="img"] .recharts-${chart.kind === 'line' ? 'line' : 'bar'}`).count()).toBe(chart.series.length);
        // a line chart, or bars of several series, has a key naming each series in order
        const key = await figure.getByTestId('chart-legend').locator('li').allTextContents();
        expect(key).toEqual(chart.kind === 'line' || chart.series.length > 1 ? chart.series.map((series) => series.name) : []);
        keysChecked += key.length;
      }
    }
    expect(keysChecked).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);

    // the download links are for the edition shown
    expect(await page.getByTestId('report-download-pdf').getAttribute('href')).toBe(`/api/reports/${encodeURIComponent(firstId)}/files/internal/pdf`);

    // each case is named by its reference (the start of its id), which opens the Flagged cases list searched for it
    const reference = String(cases!.rows[0][0]);
    expect(reference).toMatch(/^[0-9a-f]{8}$/);
    const link = page.getByTestId('report-case-link').first();
    expect(await link.textContent()).toBe(reference);
    await link.click();
    await page.waitForURL((address) => address.hash.startsWith('#/cases?'));
    await page.getByTestId('cases-table').locator('tbody tr').first().waitFor();
    const listed = await page.locator('[data-testid^="case-link-"]').evaluateAll((links) => links.map((a) => a.getAttribute('data-testid')!.slice('case-link-'.length)));
    // (an all-digit reference may also match incident numbers: the case is among those listed)
    expect(listed.filter((id) => id.startsWith(reference))).toHaveLength(1);
    await page.context().close();
  });

  it('shows the public edition with small counts hidden and no case in it', async () => {
    const page = await newPage();
    await signIn(page, 'admin@localhost', e2eAdminPassword());
    await page.goto(`${url()}/#/reports/${encodeURIComponent(firstId)}/show`);
    await waitForEdition(page, 'internal');
    await page.getByTestId('report-edition-public').click();
    await waitForEdition(page, 'public');

    publicDocument = await apiDocument(page, firstId, 'public');
    expect(await page.getByTestId('report-title').textContent()).toBe(publicDocument.title);
    // one snapshot, two editions: the same fingerprint
    expect(await page.getByTestId('report-hash').textContent()).toBe(internal.contentHash);
    await expectTablesShown(page, publicDocument);

    // a count from 1 to 10 in the internal summary is hidden in the public one, shown as "<11" and explained
    const threshold = publicDocument.suppressionThreshold;
    const internalSummary = internal.sections[0].tables[0];
    const publicSummary = publicDocument.sections[0].tables[0];
    expect(publicSummary.id).toBe(internalSummary.id);
    const small: Array<[number, number]> = [];
    internalSummary.rows.forEach((row, r) => row.forEach((cell, c) => typeof cell === 'number' && cell > 0 && cell < threshold && small.push([r, c])));
    for (const [r, c] of small) expect(publicSummary.rows[r][c]).toEqual({ suppressed: true, display: `<${threshold}` });
    const hidden = page.locator(`[data-testid="report-table-${publicSummary.id}"] abbr[data-suppressed="true"]`);
    const hiddenInDocument = publicSummary.rows.flat().filter((cell) => typeof cell === 'object' && cell !== null).length;
    expect(await hidden.count()).toBe(hiddenInDocument);
    if (small.length > 0) {
      const cell = page.getByTestId(`report-table-${publicSummary.id}`).locator('tbody tr').nth(small[0][0]).locator('th, td').nth(small[0][1]);
      expect(await cell.textContent()).toBe(`<${threshold}`);
      expect(await cell.locator('abbr').getAttribute('title')).toMatch(/^Hidden to protect privacy: a count from 1 to 10/);
    }

    // no case: neither its incident number nor its flag appears anywhere on the public page
    const cases = internal.sections.find((s) => s.id === 'cases')!.tables[0];
    const incidentNumbers = cases.rows.map((row) => row[4]).filter((n): n is string => typeof n === 'string' && /^\d+$/.test(n));
    const flagIds = cases.rows.map((row) => String(row[0]));
    expect(incidentNumbers.length + flagIds.length).toBeGreaterThan(0);
    expect(publicDocument.sections.map((s) => s.id)).not.toContain('cases');
    const text = await page.locator('body').innerText();
    for (const value of [...incidentNumbers, ...flagIds]) expect(text.includes(value)).toBe(false);
    expect(await page.getByTestId('report-download-pdf').getAttribute('href')).toBe(`/api/reports/${encodeURIComponent(firstId)}/files/public/pdf`);
    expect(await seriousViolations(page)).toEqual([]);

    // printing prints the report alone
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await page.getByTestId('report-print').click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.MuiAppBar-root').isVisible()).toBe(false);
    expect(await page.getByTestId('demo-banner').isVisible()).toBe(false);
    expect(await page.getByTestId('report-toolbar').isVisible()).toBe(false);
    expect(await page.getByRole('menuitem', { name: 'Reports' }).isVisible()).toBe(false);
    expect(await page.getByTestId('report-title').isVisible()).toBe(true);
    expect(await page.getByTestId('report-table-summary-by-rule').isVisible()).toBe(true);
    await page.context().close();
  });

  it('publishes the draft, offers its PDF, and asks a reason for a new version of the month', async () => {
    const page = await newPage();
    await signIn(page, 'admin@localhost', e2eAdminPassword());
    await page.goto(`${url()}/#/reports/${encodeURIComponent(firstId)}/show`);
    await waitForEdition(page, 'internal');
    await page.getByTestId('report-publish').click();
    // the first publication of a month needs no reason
    expect(await page.getByTestId('report-publish-reason').count()).toBe(0);
    await page.getByTestId('report-publish-submit').click();
    await page.locator('[data-testid="report-status"][data-status="published"]').waitFor();
    await page.locator('[data-testid="report-document"][data-edition="internal"]').getByText(/· Published · Made/).waitFor();
    const published = await apiRecord(page, firstId);
    expect(published).toMatchObject({ status: 'published', publishedBy: 'admin@localhost' });
    expect(await page.getByTestId('report-publish').count()).toBe(0);

    // the public PDF, through the page's own link
    await page.getByTestId('report-edition-public').click();
    await waitForEdition(page, 'public');
    const href = await page.getByTestId('report-download-pdf').getAttribute('href');
    const pdf = await page.request.get(`${url()}${href}`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pdf.headers()['content-disposition']).toBe(`attachment; filename="compliance-report-${month}-v${published.version}-public.pdf"`);

    // again: the month was published, so the server asks why
    await openList(page);
    await startNewReport(page, month);
    const notice = page.getByTestId('report-new-error');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(new RegExp(`^${month} was already published \\(version ${published.version}\\): a new version needs a reason`));
    const reason = 'Late arrests file loaded (reports e2e)';
    await page.getByTestId('report-new-reason').fill(reason);
    await page.getByTestId('report-new-submit').click();
    await page.waitForURL(new RegExp(`#/reports/${encodeURIComponent(`${month}:${published.version + 1}`)}/show`));
    const second = await apiRecord(page, `${month}:${published.version + 1}`);
    expect(second).toMatchObject({ month, version: published.version + 1, status: 'draft', reason, superseded: false });
    expect(await page.getByTestId('report-reason').textContent()).toBe(reason);
    await waitForEdition(page, 'internal');
    expect(await page.getByTestId('report-hash').textContent()).toBe(second.contentHash);

    // the list: both versions, the first published and replaced; filtered by month and status
    await openList(page);
    await page.getByLabel('Month', { exact: true }).fill(month);
    await page.getByTestId(`report-link-${second.id}`).waitFor();
    await page.waitForFunction(
      (m) => [...document.querySelectorAll('[data-testid^="report-link-"]')].every((el) => el.getAttribute('data-testid')!.startsWith(`report-link-${m}:`)),
      month,
    );
    expect(await page.getByTestId(`report-status-${firstId}`).getAttribute('data-status')).toBe('published');
    expect(await page.getByTestId(`report-superseded-${firstId}`).count()).toBe(1);
    expect(await page.getByTestId(`report-superseded-${second.id}`).count()).toBe(0);
    expect(await page.getByTestId(`report-reason-${second.id}`).textContent()).toBe(reason);
    expect(await page.getByTestId(`report-flags-${firstId}`).textContent()).toBe((published.flags as number).toLocaleString('en-US'));
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Published' }).click();
    await page.getByTestId(`report-link-${second.id}`).waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid^="report-link-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')))).toEqual([
      `report-link-${firstId}`,
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('shows a viewer the list and the public edition only', async () => {
    const page = await newPage();
    await signIn(page, VIEWER.email, VIEWER.password);
    await openList(page);
    await page.getByTestId(`report-link-${firstId}`).waitFor();
    expect(await page.getByTestId('report-new').count()).toBe(0);
    // The list's figures are not for viewers (issue 12): the server sends none, the page has no column for them.
    const record = await apiRecord(page, firstId);
    expect([record.eligibleReports, record.flaggedReports, record.flags]).toEqual([null, null, null]);
    expect(await page.getByTestId(`report-flagged-${firstId}`).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId(`report-link-${firstId}`).click();
    await waitForEdition(page, 'public');
    expect(await page.getByTestId('report-hash').textContent()).toBe(publicDocument.contentHash);
    await expectTablesShown(page, publicDocument);
    expect(await page.getByTestId('report-edition-public-only').isVisible()).toBe(true);
    expect(await page.getByTestId('report-edition-internal').count()).toBe(0);
    expect(await page.getByText('Internal', { exact: true }).count()).toBe(0);
    expect(await page.getByTestId('report-publish').count()).toBe(0);
    expect(await page.getByTestId('report-new').count()).toBe(0);
    expect(await page.getByTestId('report-download-pdf').getAttribute('href')).toBe(`/api/reports/${encodeURIComponent(firstId)}/files/public/pdf`);
    expect(await seriousViolations(page)).toEqual([]);

    // and the server refuses the internal edition, in every form
    const id = encodeURIComponent(firstId);
    expect((await page.request.get(`${url()}/api/reports/${id}/document?edition=internal`)).status()).toBe(403);
    expect((await page.request.get(`${url()}/api/reports/${id}/files/internal/pdf`)).status()).toBe(403);
    expect((await page.request.get(`${url()}/api/reports/${id}/files/public/pdf`)).status()).toBe(200);
    expect((await page.request.post(`${url()}/api/reports`, { data: { month } })).status()).toBe(403);
    await page.context().close();
  });
});
