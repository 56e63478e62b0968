import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { REVIEW_STATUS_LABELS, type ComparedPeriod, type DashboardResult, type FigureChange } from '@sra/contracts';
import { csvRecords } from '../support/csv-cells';
import { pdfPages } from '../support/files';
import { e2eAdminPassword, e2eUrl, setUpAsAdmin, signIn, useChromium } from '../support/e2e';

// The dashboard for a meeting (issue 14): printed, downloaded, compared. This file adds one viewer account and
// changes nothing else; every expected number is read from the API response the page itself used.
const url = e2eUrl;
const VIEWER = { email: 'dashprint.viewer.e2e@example.org', password: 'dashprint-viewer-123' };
/** Where to leave pictures of the pages for a person to look at, when asked (`SRA_E2E_LOOK_DIR`). */
const LOOK_DIR = process.env.SRA_E2E_LOOK_DIR;
/** The printable width of a US Letter page with Chromium's default margins (8.5 in less 2 x 0.4 in, 96 px an inch). */
const PAGE_WIDTH = Math.floor((8.5 - 0.8) * 96);

const { newPage } = useChromium();

/** Signs in at 1,440 px, opens the dashboard, and returns the API response its figures came from. */
async function openDashboard(page: Page, email: string, password: string): Promise<DashboardResult> {
  await page.setViewportSize({ width: 1440, height: 900 });
  // Signing in opens the dashboard, which asks for its figures at once.
  const response = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/dashboard' && r.status() === 200, { timeout: 60_000 });
  await signIn(page, email, password);
  await page.goto(`${url()}/#/`);
  const data = (await (await response).json()) as DashboardResult;
  await page.locator(`[data-testid="dashboard"][data-state="ready"][data-from="${data.query.from}"][data-to="${data.query.to}"]`).waitFor({ timeout: 60_000 });
  // The charts are drawn once their box is measured.
  await page.locator('[data-testid="chart-district"] .recharts-wrapper > svg').waitFor({ timeout: 30_000 });
  return data;
}

const display = (page: Page, selector: string) => page.locator(selector).first().evaluate((e) => getComputedStyle(e).display);

/** A change as the strip says it (ComparisonStrip's words), worked out here again from the API's numbers. */
function changeText(c: FigureChange, isRate: boolean): string {
  if (c.change === null) return { suppressed: 'not shown', 'no-data': 'no data', 'no-rate': 'no rate to compare' }[c.withheld!];
  const sign = (n: number, text: string) => (n > 0 ? `+${text}` : n < 0 ? `\u2212${text}` : text);
  if (isRate) {
    const points = Math.round(c.change * 1000) / 10;
    return points === 0 ? 'no change' : `${sign(points, Math.abs(points).toFixed(1))} points`;
  }
  if (c.change === 0) return 'no change';
  const n = sign(c.change, Math.abs(c.change).toLocaleString('en-US'));
  return c.relative === null ? n : `${n} (${sign(c.relative, `${(Math.abs(c.relative) * 100).toFixed(1)}%`)})`;
}

/** The strip on the page says, for every period and figure, the change the API gave. */
async function expectStrip(page: Page, data: DashboardResult): Promise<void> {
  const comparison = data.comparison!;
  expect(comparison).toBeTruthy();
  const periods: ComparedPeriod[] = comparison.sameComparison ? comparison.periods.slice(0, 1) : comparison.periods;
  for (const p of periods) {
    for (const key of ['eligibleReports', 'flaggedReports', 'flags', 'cases', 'complianceRate'] as const) {
      const change = key === 'complianceRate' ? p.complianceRate : p.counts[key];
      const cell = page.getByTestId(`comparison-${p.kind}-${key}`);
      expect(await cell.textContent()).toBe(changeText(change, key === 'complianceRate'));
      expect(await cell.getAttribute('data-change')).toBe(change.change === null ? '' : String(change.change));
    }
  }
}

/** The rows a chart's CSV must hold: the API's numbers, hidden ones as the page shows them ("<11"). */
function expectedCsv(id: string, data: DashboardResult): string[][] {
  const hidden = data.suppression?.label ?? 'not shown';
  const n = (v: number | null) => (v === null ? hidden : String(v));
  switch (id) {
    case 'district':
      return [['Police district', 'Cases', 'Flags'], ...data.byDistrict.map((d) => [d.key ?? 'Unknown district', n(d.cases), n(d.flags)])];
    case 'category':
      return [['Kind of crime', 'Cases', 'Flags'], ...data.byCategory.map((d) => [d.key ?? 'No category published', n(d.cases), n(d.flags)])];
    case 'review-status':
      return [['Review status', 'Cases', 'Flags'], ...data.reviewStatus.map((r) => [REVIEW_STATUS_LABELS[r.status], n(r.cases), n(r.flags)])];
    case 'funnel':
      return [
        ['Step', 'Reports'],
        ['Eligible reports', n(data.funnel.eligibleReports)],
        ['Arrested after reporting', n(data.funnel.arrestedAfter)],
        ['Charged by the DA after reporting', n(data.funnel.chargedAfter)],
        ['Flagged', n(data.funnel.flaggedReports)],
      ];
    case 'monthly': {
      const agencies = data.perAgency.map((a) => a.agency);
      const months = [...new Set(data.monthly.map((m) => m.month))].sort();
      const rate = (m: DashboardResult['monthly'][number]) =>
        m.complianceRate === null
          ? { 'no-reports': 'no reports to measure', 'too-few': 'too few reports for a rate', 'no-review': 'no case reviewed yet', suppressed: 'not shown' }[m.rateWithheld!]
          : String(Math.round(m.complianceRate * 1000) / 10);
      return [
        ['Month', 'Agency', 'Eligible reports', 'Reports the agency acted on (base)', 'Flagged reports', 'Compliance rate (%)', 'Cases', 'Flags'],
        ...months.flatMap((month) =>
          agencies.flatMap((agency) => {
            const m = data.monthly.find((r) => r.month === month && r.agency === agency);
            return m ? [[month, agency, n(m.eligibleReports), n(m.baseReports), n(m.flaggedReports), rate(m), n(m.cases), n(m.flags)]] : [];
          }),
        ),
      ];
    }
    default:
      throw new Error(`no chart ${id}`);
  }
}

/** The width and height a PNG file says it has (its IHDR chunk), after checking its signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the dashboard for a meeting', () => {
  beforeAll(async () => {
    await setUpAsAdmin(newPage, { users: [{ ...VIEWER, role: 'viewer' }] });
  });

  it('prints in one column, without the menu, every chart within the page and every card whole, titled with the period and the time', async () => {
    const page = await newPage();
    const data = await openDashboard(page, 'admin@localhost', e2eAdminPassword());
    if (LOOK_DIR) await page.screenshot({ path: path.join(LOOK_DIR, 'dashboard-1440.png'), fullPage: true });
    // On screen: the menu, two charts side by side, no printed title.
    expect(await display(page, '.MuiDrawer-root')).not.toBe('none');
    const left = (id: string) => page.getByTestId(`chart-${id}`).evaluate((e) => Math.round(e.getBoundingClientRect().left));
    expect(await left('district')).not.toBe(await left('category'));
    expect(await page.getByTestId('print-title').isVisible()).toBe(false);

    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.MuiDrawer-root', 'header.MuiAppBar-root', 'section[aria-labelledby="dashboard-filters-heading"]']) {
      expect(await display(page, selector)).toBe('none');
    }
    expect(await page.getByRole('button', { name: 'Download CSV' }).first().isVisible()).toBe(false);
    // One column: every chart starts at the same left edge.
    const charts = page.locator('figure[data-testid^="chart-"]');
    const lefts = await charts.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().left)));
    expect(lefts.length).toBe(5);
    expect(new Set(lefts).size).toBe(1);
    // Every card (the headline figures, the comparison, each chart) is kept whole on a page.
    const breaks = await page.locator('.dashboard-print-card').evaluateAll((els) => els.map((e) => getComputedStyle(e).breakInside));
    expect(breaks.length).toBeGreaterThanOrEqual(5 + 3 + 1);
    expect(breaks.every((b) => b === 'avoid')).toBe(true);
    // The printed title: the period and the time printed, San Francisco time with its zone.
    const title = (await page.getByTestId('print-title').textContent())!;
    expect(await page.getByTestId('print-title').isVisible()).toBe(true);
    const monthWords = (m: string) => new Date(`${m}-15T12:00:00Z`).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    expect(title).toContain(`${monthWords(data.query.from)} to ${monthWords(data.query.to)}`);
    expect(title).toMatch(/Printed [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M P[SD]T/);

    // On a sheet of paper: every chart within the page's width, at once (no redraw is waited for).
    await page.setViewportSize({ width: PAGE_WIDTH, height: 1000 });
    const boxes = await page
      .locator('figure[data-testid^="chart-"] .recharts-wrapper > svg, figure[data-testid^="chart-"]')
      .evaluateAll((els) => els.map((e) => ({ what: e.tagName, right: e.getBoundingClientRect().right, left: e.getBoundingClientRect().left })));
    expect(boxes.filter((b) => b.what === 'svg').length).toBeGreaterThanOrEqual(4);
    for (const box of boxes) {
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(PAGE_WIDTH);
    }

    // Drawn on paper too, once the charts have fitted their boxes (not left as empty frames).
    await page.waitForFunction(
      () => {
        const svgs = [...document.querySelectorAll('figure[data-testid^="chart-"] .recharts-wrapper > svg')];
        return svgs.length >= 4 && svgs.every((svg) => svg.getBoundingClientRect().height > 100 && svg.querySelectorAll('path, rect').length > 3);
      },
      undefined,
      { timeout: 15_000 },
    );

    // Chromium's own PDF of the page: a real print, on Letter paper.
    await page.setViewportSize({ width: 1440, height: 900 });
    const pdf = await page.pdf({ format: 'Letter', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThanOrEqual(2);
    if (LOOK_DIR) fs.writeFileSync(path.join(LOOK_DIR, 'dashboard-print.pdf'), pdf);
    // Every headline card on the first page (two across, the tall compliance card moved whole to page 2 and left
    // half of page 1 empty), the charts after them.
    const printed = await pdfPages(pdf);
    const titles = ['Eligible reports', 'Flagged reports', 'Compliance rate', 'Open reviews'];
    expect(titles.map((t) => `${t}: page ${printed.pages.findIndex((text) => text.includes(t)) + 1}`)).toEqual(titles.map((t) => `${t}: page 1`));
    expect(printed.pages[0]).not.toContain('Cases by police district');
    await page.context().close();
  });

  it('downloads every chart as a PNG and its numbers as a CSV equal to what the chart draws', async () => {
    const page = await newPage();
    const data = await openDashboard(page, 'admin@localhost', e2eAdminPassword());
    const ids = ['monthly', 'district', 'category', 'funnel', 'review-status'];
    let pictures = 0;
    for (const id of ids) {
      const [csvFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`chart-${id}-csv`).click()]);
      expect(csvFile.suggestedFilename()).toBe(`dashboard-${id}-${data.query.from}-to-${data.query.to}.csv`);
      const records = csvRecords(fs.readFileSync((await csvFile.path())!, 'utf8'));
      expect(records).toEqual(expectedCsv(id, data));

      // A chart drawn has "Download PNG"; one said in a sentence instead (nothing to draw) has not.
      const drawn = (await page.locator(`[data-testid="chart-${id}"] .recharts-wrapper > svg`).count()) > 0;
      expect(await page.getByTestId(`chart-${id}-png`).count()).toBe(drawn ? 1 : 0);
      if (!drawn) continue;
      pictures++;
      const [pngFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`chart-${id}-png`).click()]);
      expect(pngFile.suggestedFilename()).toBe(`dashboard-${id}-${data.query.from}-to-${data.query.to}.png`);
      const bytes = fs.readFileSync((await pngFile.path())!);
      const size = pngSize(bytes);
      // Twice the chart's size on screen.
      const svg = await page.locator(`[data-testid="chart-${id}"] .recharts-wrapper > svg`).evaluate((e) => e.getBoundingClientRect());
      expect(size).toEqual({ width: 2 * Math.round(svg.width), height: 2 * Math.round(svg.height) });
      if (LOOK_DIR) fs.writeFileSync(path.join(LOOK_DIR, `chart-${id}.png`), bytes);
    }
    // The demo city draws every chart but the monthly one (no month of an agency has 20 reports for a rate).
    expect(pictures).toBeGreaterThanOrEqual(4);
    // What the district chart draws is what its CSV holds: each bar's value is its row's cases.
    const csvCases = new Map(expectedCsv('district', data).slice(1).map(([label, cases]) => [label, cases]));
    for (const d of data.byDistrict.filter((x) => x.key !== null && x.cases !== null)) {
      expect(await page.getByTestId(`district-bar-${d.key}`).getAttribute('data-value')).toBe(csvCases.get(d.key!));
    }
    await page.context().close();
  });

  it('compares the period with the one before and a year earlier, as the API worked it out', async () => {
    const page = await newPage();
    const data = await openDashboard(page, 'admin@localhost', e2eAdminPassword());
    await expectStrip(page, data);
    await page.context().close();
  });

  it('a viewer sees the comparison of released figures: a change resting on a hidden count is "not shown"', async () => {
    const page = await newPage();
    const data = await openDashboard(page, VIEWER.email, VIEWER.password);
    expect(data.release).toBeTruthy();
    await expectStrip(page, data);
    // Every change shown rests on two shown counts; every hidden one says so.
    for (const p of data.comparison!.periods) {
      for (const key of ['eligibleReports', 'flaggedReports', 'flags', 'cases'] as const) {
        const c = p.counts[key];
        if (c.change !== null) expect([data.overall[key], p.figures![key]]).not.toContain(null);
        else if (p.hasData && (data.overall[key] === null || p.figures![key] === null)) expect(c.withheld).toBe('suppressed');
      }
    }
    // The viewer's CSV says "<11" where the page does, never the count.
    const [csvFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-district-csv').click()]);
    expect(csvRecords(fs.readFileSync((await csvFile.path())!, 'utf8'))).toEqual(expectedCsv('district', data));
    if (LOOK_DIR) {
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: path.join(LOOK_DIR, 'dashboard-viewer-print-media.png'), fullPage: true });
    }
    await page.context().close();
  });
});
