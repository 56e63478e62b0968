import type { Page } from 'playwright-core';
import { e2eAdminPassword, e2eUrl, signIn, useChromium, waitForFlags } from '../support/e2e';

// Loading the web app (issue 14): nothing on the page moves while its data arrives (cumulative layout shift under
// 0.1, the "good" threshold of Web Vitals), and the charts' code is downloaded only by the pages that draw charts.
// Measured in the browser with a PerformanceObserver of 'layout-shift' entries, installed before the page's own
// scripts run; shifts within half a second of a click or a key (hadRecentInput) are not counted, as Web Vitals do.
const url = e2eUrl;
/** Lighthouse's desktop screen, and a phone's. */
const SCREENS = [
  { width: 1350, height: 940 },
  { width: 412, height: 823 },
];
/**
 * A string only recharts' code holds (the class of a chart's grid lines; our own code names recharts' outer boxes
 * in its print styles, never this): how a script with the charts' code is known.
 */
const CHART_CODE = 'recharts-cartesian-grid';

const { newPage } = useChromium();

/** Before any script of the page: every layout shift and its sources, kept in `window.__shifts`. */
async function observeShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __shifts: Array<{ value: number; sources: string[] }> };
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as Array<{ value: number; hadRecentInput: boolean; sources?: Array<{ node?: Node | null }> }>) {
        if (entry.hadRecentInput) continue;
        w.__shifts.push({ value: entry.value, sources: (entry.sources ?? []).map((s) => (s.node instanceof Element ? `${s.node.tagName}.${s.node.className}` : String(s.node?.nodeName))) });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The layout shift so far: the sum, and what moved (for the failure message). */
async function shiftsOf(page: Page): Promise<{ cumulative: number; what: string }> {
  const shifts = await page.evaluate(() => (window as unknown as { __shifts: Array<{ value: number; sources: string[] }> }).__shifts);
  return { cumulative: shifts.reduce((sum, s) => sum + s.value, 0), what: shifts.map((s) => `${s.value.toFixed(4)}: ${s.sources.join(', ')}`).join('\n') };
}

/**
 * The page's data held back a moment on its way (the server's real answer, sent late): on this machine it may come
 * before the first frame, and the page would never be seen waiting for it, which is what is measured here.
 */
async function slowData(page: Page, pattern: RegExp): Promise<void> {
  await page.route(pattern, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
}

/** Two animation frames: a shift caused by the last change is reported after the frame that lays it out. */
const afterTwoFrames = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** A page signed in as the admin (the session cookie is the context's), at a screen's size. */
async function signedInPage(screen: { width: number; height: number }): Promise<Page> {
  const page = await newPage();
  await page.setViewportSize(screen);
  await signIn(page, 'admin@localhost', e2eAdminPassword());
  return page;
}

/** The scripts a page downloads, as it downloads them (address and text). */
function collectScripts(page: Page): Array<Promise<{ url: string; text: string }>> {
  const scripts: Array<Promise<{ url: string; text: string }>> = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.text().then((text) => ({ url: response.url(), text })));
  });
  return scripts;
}

describe('loading the web app', () => {
  beforeAll(async () => {
    const page = await signedInPage(SCREENS[0]);
    await waitForFlags(page);
    await page.context().close();
  });

  it('can measure layout shift in this browser', async () => {
    const page = await newPage();
    await page.goto(url());
    expect(await page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('layout-shift'))).toBe(true);
    await page.context().close();
  });

  for (const screen of SCREENS) {
    it(`moves nothing while the dashboard's figures arrive (${screen.width} px)`, async () => {
      const page = await signedInPage(screen);
      // A new document, as when the address is opened: its own layout shifts from the first frame.
      const fresh = await page.context().newPage();
      await fresh.setViewportSize(screen);
      await observeShifts(fresh);
      await slowData(fresh, /\/api\/(dashboard|health)(\?|$)/);
      await fresh.goto(`${url()}/#/`);
      await fresh.locator('[data-testid="dashboard"][data-state="ready"]').waitFor({ timeout: 60_000 });
      // Every chart drawn (they are drawn one after the other, after the figures), and the system health checked.
      await fresh.locator('[data-testid="chart-district"] .recharts-wrapper > svg').waitFor({ timeout: 30_000 });
      await fresh.waitForFunction(() => [...document.querySelectorAll('[role="img"][data-drawn]')].every((box) => box.getAttribute('data-drawn') === 'true'));
      await fresh.getByTestId('health-status').waitFor();
      await afterTwoFrames(fresh);
      const { cumulative, what } = await shiftsOf(fresh);
      expect({ cumulative: cumulative < 0.1 ? 'under 0.1' : cumulative, what }).toEqual({ cumulative: 'under 0.1', what: expect.any(String) });
      await page.context().close();
    });

    it(`moves nothing while the flagged cases arrive (${screen.width} px)`, async () => {
      const page = await signedInPage(screen);
      const fresh = await page.context().newPage();
      await fresh.setViewportSize(screen);
      await observeShifts(fresh);
      await slowData(fresh, /\/api\/(cases|app-info)(\?|$)/);
      await fresh.goto(`${url()}/#/cases`);
      await fresh.getByTestId('cases-table').locator('tbody tr').first().waitFor({ timeout: 60_000 });
      await fresh.getByTestId('demo-banner').waitFor();
      await afterTwoFrames(fresh);
      const { cumulative, what } = await shiftsOf(fresh);
      expect({ cumulative: cumulative < 0.1 ? 'under 0.1' : cumulative, what }).toEqual({ cumulative: 'under 0.1', what: expect.any(String) });
      await page.context().close();
    });
  }

  it('does not download the charts on the sign-in page; the dashboard does, after signing in', async () => {
    const page = await newPage();
    await page.setViewportSize(SCREENS[0]);
    const scripts = collectScripts(page);
    await page.goto(url());
    await page.getByLabel('Email').waitFor();
    await page.waitForLoadState('networkidle');
    const signInScripts = await Promise.all(scripts);
    // The app's code did load (the check below is about something), and none of it is the charts'.
    expect(signInScripts.length).toBeGreaterThan(0);
    expect(signInScripts.filter((s) => s.text.includes(CHART_CODE)).map((s) => s.url)).toEqual([]);

    await page.getByLabel('Email').fill('admin@localhost');
    await page.getByLabel('Password').fill(e2eAdminPassword());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-testid="chart-district"] .recharts-wrapper > svg').waitFor({ timeout: 60_000 });
    const all = await Promise.all(scripts);
    const chartScripts = all.slice(signInScripts.length).filter((s) => s.text.includes(CHART_CODE));
    expect(chartScripts).toHaveLength(1);
    // Its own chunk, named for what it is (the build's vendor-charts group), cached apart from the app's code.
    expect(new URL(chartScripts[0].url).pathname).toMatch(/^\/assets\/vendor-charts-[A-Za-z0-9_-]{8,}\.js$/);
    await page.context().close();
  });
});
