import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { DashboardResult, ReleasePeriod, ReportDocument, ReportVersionRecord } from '@sra/contracts';
import { apiList, e2eAdminPassword, e2eUrl, json, seriousViolations, setUpAsAdmin, signIn, useChromium } from '../support/e2e';

// Issue 12, as a viewer sees it: the dashboard shows the released set (one Period select, whole months, quarters and
// years, every rule and agency) and the Reports list only published versions. The suite shares one server and
// database across files: this file adds one viewer account and two versions of the report of the data's first month
// (the reports e2e works on the newest month).
const url = e2eUrl;
const VIEWER = { email: 'release.viewer.e2e@example.org', password: 'release-viewer-123' };
const NOTE =
  'You see the released figures: whole months, quarters and years, every rule and agency, medium confidence and above. Counts from 1 to 10, and counts that would give one away, are shown as <11.';

const { newPage } = useChromium();

async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SRA_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** The dashboard once its figures are shown for the months given (or any, without). */
async function ready(page: Page, period?: Pick<ReleasePeriod, 'from' | 'to'>): Promise<void> {
  const months = period ? `[data-from="${period.from}"][data-to="${period.to}"]` : '';
  await page.locator(`[data-testid="dashboard"][data-state="ready"]${months}`).waitFor({ timeout: 30_000 });
}

describe('what a viewer sees of the released set', () => {
  let firstMonth = '';

  beforeAll(async () => {
    firstMonth = await setUpAsAdmin(newPage, { users: [{ ...VIEWER, role: 'viewer' }] }, async (admin) => {
      const dashboard = await json<DashboardResult>(await admin.request.get(`${url()}/api/dashboard`));
      return dashboard.dataRange!.firstReport.slice(0, 7);
    });
  }, 300_000);

  it('the dashboard offers one Period select, reloads the figures of the quarter chosen, and says what the figures are', async () => {
    const page = await newPage();
    await signIn(page, VIEWER.email, VIEWER.password);
    await ready(page);
    const first = await json<DashboardResult>(await page.request.get(`${url()}/api/dashboard`));
    const release = first.release!;
    expect(release).toBeTruthy();

    // One select, no other filter.
    const select = page.getByTestId('filter-period');
    expect(await select.inputValue()).toBe(release.period.id);
    for (const other of ['filter-from', 'filter-to', 'filter-rule', 'filter-agency', 'filter-district', 'filter-threshold']) {
      expect(`${other}: ${await page.getByTestId(other).count()}`).toBe(`${other}: 0`);
    }
    // Grouped years, quarters, months, each newest first, every released period once.
    const groups = await select.locator('optgroup').evaluateAll((els) =>
      els.map((el) => [el.getAttribute('label'), [...el.querySelectorAll('option')].map((o) => o.getAttribute('value'))]),
    );
    const ids = (kind: ReleasePeriod['kind']) => release.periods.filter((p) => p.kind === kind).map((p) => p.id).sort().reverse();
    expect(groups).toEqual(
      [
        ['Years', ids('year')],
        ['Quarters', ids('quarter')],
        ['Months', ids('month')],
      ].filter(([, list]) => list.length > 0),
    );

    // The note under the title, and no review widgets (a viewer has no review statuses nor open reviews).
    const note = (await page.getByTestId('release-note').textContent())!;
    expect(note.startsWith(NOTE)).toBe(true);
    if (release.snapped) expect(note).toContain(release.snapped);
    expect(first.reviewStatus).toEqual([]);
    expect(first.openReviews).toBeNull();
    expect(await page.getByTestId('chart-review-status').count()).toBe(0);
    expect(await page.getByTestId('card-open-reviews').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'viewer-dashboard');

    // A quarter other than the one shown: the page asks for exactly its months and shows them.
    const quarter = release.periods.find((p) => p.kind === 'quarter' && p.id !== release.period.id)!;
    expect(quarter).toBeDefined();
    const asked = page.waitForRequest((request) => {
      const u = new URL(request.url());
      return u.pathname === '/api/dashboard' && u.searchParams.get('from') === quarter.from && u.searchParams.get('to') === quarter.to;
    });
    await select.selectOption(quarter.id);
    const request = await asked;
    // Nothing but the period is asked for.
    expect([...new URL(request.url()).searchParams.keys()].sort()).toEqual(['from', 'to']);
    await ready(page, quarter);
    expect(await page.getByTestId('filter-period').inputValue()).toBe(quarter.id);
    const shown = await json<DashboardResult>(await page.request.get(`${url()}/api/dashboard?from=${quarter.from}&to=${quarter.to}`));
    expect(shown.release!.period).toEqual(quarter);
    expect(await page.getByTestId('card-eligible').getAttribute('data-value')).toBe(shown.overall.eligibleReports === null ? '' : String(shown.overall.eligibleReports));
    expect(await page.getByTestId('dashboard-view').textContent()).toContain(quarter.label);
    expect((await page.getByTestId('release-note').textContent())!.startsWith(NOTE)).toBe(true);
    await screenshot(page, 'viewer-dashboard-quarter');
    await page.context().close();
  }, 300_000);

  it('the Reports list shows a viewer the published versions only', async () => {
    const admin = await newPage();
    await signIn(admin, 'admin@localhost', e2eAdminPassword());
    const made = await json<ReportVersionRecord>(await admin.request.post(`${url()}/api/reports`, { data: { month: firstMonth } }));
    const published = await json<ReportVersionRecord>(await admin.request.post(`${url()}/api/reports/${encodeURIComponent(made.id)}/publish`, { data: {} }));
    const draft = await json<ReportVersionRecord>(
      await admin.request.post(`${url()}/api/reports`, { data: { month: firstMonth, reason: 'A draft a viewer must not see (viewer e2e)' } }),
    );
    expect([published.status, draft.status]).toEqual(['published', 'draft']);
    await admin.context().close();

    const page = await newPage();
    await signIn(page, VIEWER.email, VIEWER.password);
    await page.getByRole('menuitem', { name: 'Reports' }).click();
    await page.getByTestId(`report-link-${published.id}`).waitFor();
    // No draft anywhere in the list, of this month or any other; no status filter to look for one with.
    const { rows, total } = await apiList<ReportVersionRecord>(page, 'reports', { range: [0, 499] });
    expect(rows.length).toBe(total);
    expect(rows.filter((r) => r.status !== 'published')).toEqual([]);
    const listed = await page.locator('[data-testid^="report-status-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-status')));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((status) => status !== 'published')).toEqual([]);
    expect(await page.getByTestId(`report-link-${draft.id}`).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Status' }).count()).toBe(0);
    // The published version is the month's latest for a viewer: nothing says a newer one exists.
    expect(await page.getByTestId(`report-superseded-${published.id}`).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'viewer-reports');

    // The published version's page: each chart the document says has nothing to draw is that sentence, not empty
    // axes; every other chart is drawn.
    await page.getByTestId(`report-link-${published.id}`).click();
    await page.locator('[data-testid="report-document"][data-edition="public"]').waitFor();
    const document = await json<ReportDocument>(await page.request.get(`${url()}/api/reports/${encodeURIComponent(published.id)}/document`));
    const charts = document.sections.flatMap((section) => section.charts);
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) {
      const figure = page.getByTestId(`report-chart-${chart.id}`);
      const sentence = figure.getByTestId(`report-chart-${chart.id}-nothing-to-draw`);
      if (chart.nothingToDraw) {
        expect(await sentence.textContent()).toBe(chart.nothingToDraw);
        expect(await figure.locator('svg.recharts-surface').count()).toBe(0);
      } else {
        await figure.locator('svg.recharts-surface').first().waitFor();
        expect(await sentence.count()).toBe(0);
      }
    }
    await screenshot(page, 'viewer-report');

    // The draft's address is a 404, as for a report that does not exist.
    expect((await page.request.get(`${url()}/api/reports/${encodeURIComponent(draft.id)}`)).status()).toBe(404);
    expect((await page.request.get(`${url()}/api/reports/${encodeURIComponent(draft.id)}/files/public/pdf`)).status()).toBe(404);
    await page.context().close();
  }, 300_000);
});
