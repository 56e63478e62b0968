import AxeBuilder from '@axe-core/playwright';
import type { APIResponse, Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';

/** The server the e2e global setup started, and its admin's password. */
export const e2eUrl = () => process.env.SRA_E2E_URL!;
export const e2eAdminPassword = () => process.env.SRA_E2E_ADMIN_PASSWORD!;

/** One Chromium for the test file; each page in a context of its own (no shared cookies). */
export function useChromium(): { newPage: () => Promise<Page> } {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());
  return { newPage: async () => (await browser.newContext()).newPage() };
}

/** Fills and sends the sign-in form; the caller checks the outcome. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(e2eUrl());
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Serious and critical accessibility problems on the page (axe), each naming where it is. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // A notification fades in and out; mid-fade its colours are blended, which axe reads as low contrast. It stays
  // while the pointer rests on it, so the pointer moves away first.
  await page.mouse.move(0, 0);
  await page.locator('.MuiSnackbar-root').waitFor({ state: 'detached', timeout: 15_000 });
  // Likewise a button enabled a moment ago (a form just filled) changes colour over 250 ms: axe waits for every
  // running transition and animation to end, and so reads the colours a person sees.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => (a.effect?.getComputedTiming().iterations === Infinity ? null : a.finished.catch(() => null)))));
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

/** Signs in through the page and waits for the dashboard to show who is signed in. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await submitSignIn(page, email, password);
  await page.getByTestId('signed-in-email').waitFor();
}

/** The JSON body of an API response, or an error naming the address, status and body. */
export async function json<T>(response: APIResponse): Promise<T> {
  if (!response.ok()) throw new Error(`${response.url()}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The demo city loads in the background after the server starts: polls until its flags exist; returns how many. */
export async function waitForFlags(page: Page): Promise<number> {
  const deadline = Date.now() + 240_000;
  for (;;) {
    const response = await page.request.get(`${e2eUrl()}/api/flags?range=${encodeURIComponent('[0,0]')}`);
    const total = Number((response.headers()['content-range'] ?? '').split('/')[1]);
    if (response.status() === 200 && total > 0) return total;
    if (Date.now() > deadline) throw new Error('the demo flags did not appear within 4 minutes: the demo data did not load');
    await page.waitForTimeout(500); // a polling interval, not a wait for something to have happened
  }
}

/** A list from the API on the react-admin conventions, with its total from Content-Range. */
export async function apiList<T>(
  page: Page,
  resource: string,
  params: { filter?: Record<string, unknown>; sort?: [string, string]; range?: [number, number] } = {},
): Promise<{ rows: T[]; total: number }> {
  const query = new URLSearchParams({ filter: JSON.stringify(params.filter ?? {}), range: JSON.stringify(params.range ?? [0, 0]) });
  if (params.sort) query.set('sort', JSON.stringify(params.sort));
  const response = await page.request.get(`${e2eUrl()}/api/${resource}?${query}`);
  const rows = await json<T[]>(response);
  const total = Number(/\/(\d+)$/.exec(response.headers()['content-range'] ?? '')?.[1]);
  if (!Number.isInteger(total)) throw new Error(`no total in Content-Range: ${response.headers()['content-range']}`);
  return { rows, total };
}

/** Creates an account through the admin API (the page signed in as an admin). */
export async function createUser(page: Page, user: { email: string; role: string; password: string }): Promise<void> {
  await json(await page.request.post(`${e2eUrl()}/api/users`, { data: user }));
}

/**
 * The setup most files start with (in their `beforeAll`): sign in as the admin on a page of its own, wait for the
 * demo city's flags (unless `waitForFlags: false`), create the accounts the file uses, then `then` with the admin's
 * page for what else the file needs; the page is closed after, and what `then` answers is returned.
 */
type SetUpOptions = { waitForFlags?: boolean; users?: Array<{ email: string; role: string; password: string }> };
export async function setUpAsAdmin(newPage: () => Promise<Page>, options?: SetUpOptions): Promise<void>;
export async function setUpAsAdmin<T>(newPage: () => Promise<Page>, options: SetUpOptions, then: (admin: Page) => Promise<T>): Promise<T>;
export async function setUpAsAdmin<T>(newPage: () => Promise<Page>, options: SetUpOptions = {}, then?: (admin: Page) => Promise<T>): Promise<T | void> {
  const admin = await newPage();
  try {
    await signIn(admin, 'admin@localhost', e2eAdminPassword());
    if (options.waitForFlags !== false) await waitForFlags(admin);
    for (const user of options.users ?? []) await createUser(admin, user);
    return then ? await then(admin) : undefined;
  } finally {
    await admin.context().close();
  }
}
