import type { Page } from 'playwright-core';
import { datesInText, formatDateTime, type CaseDetail, type CaseRecord, type ReviewerRecord, type ReviewRecord } from '@sra/contracts';
import { apiList, e2eAdminPassword, e2eUrl, json, seriousViolations, setUpAsAdmin, signIn, useChromium } from '../support/e2e';

// The suite shares one server and database across files: this file changes the review of a few cases that were
// "new" when it starts (one status change and notes, two assignments) and adds one viewer account. It picks its
// cases from the API, so reviews changed by other files do not matter. Cases (issue 11): one per arrest or DA
// charge, with the rules it breaches inside it.
const url = e2eUrl;
const VIEWER = { email: 'cases.viewer.e2e@example.org', password: 'cases-viewer-123' };

const { newPage } = useChromium();

async function signInAdmin(): Promise<Page> {
  const page = await newPage();
  await signIn(page, 'admin@localhost', e2eAdminPassword());
  return page;
}

/** `GET /api/cases` as the list page asks for it: the rows and the total from Content-Range. */
const apiFlags = (page: Page, filter: Record<string, unknown>, sort: [string, 'ASC' | 'DESC'] = ['actionDate', 'DESC'], range: [number, number] = [0, 24]) =>
  apiList<CaseRecord>(page, 'cases', { filter, sort, range });

const apiFlag = async (page: Page, id: string) => json<CaseDetail>(await page.request.get(`${url()}/api/cases/${id}`));
const apiReview = async (page: Page, id: string) => json<ReviewRecord>(await page.request.get(`${url()}/api/reviews/${id}`));

/** The "1-25 of 44" of the list's pagination: the total. */
async function totalOnPage(page: Page): Promise<number> {
  const text = (await page.locator('.MuiTablePagination-displayedRows').textContent()) ?? '';
  const match = /of (\d+)/.exec(text);
  if (!match) throw new Error(`no total in "${text}"`);
  return Number(match[1]);
}

/** The case ids of the list's rows, top to bottom. */
async function rowIds(page: Page): Promise<string[]> {
  return page.locator('[data-testid^="case-link-"]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-case-id') ?? ''));
}

function listAddress(filter: Record<string, unknown>): string {
  return `${url()}/#/cases?filter=${encodeURIComponent(JSON.stringify(filter))}`;
}

async function openCase(page: Page, id: string): Promise<void> {
  await page.goto(`${url()}/#/cases/${id}/show`);
  await page.getByTestId('review-panel').waitFor();
}

describe('the flagged cases pages', () => {
  beforeAll(async () => {
    await setUpAsAdmin(newPage, { users: [{ ...VIEWER, role: 'viewer' }] });
  });

  it('lists the cases a dashboard link asks for, with the server’s total and sort, and opens one', async () => {
    const page = await signInAdmin();
    // a wide screen: the agency column (sorted by its header below) shows from 1,536 px; narrower, it collapses
    // into a line under the date
    await page.setViewportSize({ width: 1600, height: 900 });
    const filter = { confidence: ['high', 'medium'], status: ['current'] };
    const expected = await apiFlags(page, filter);
    const everything = await apiFlags(page, {}, undefined, [0, 0]);
    // the filter must narrow the list, or this test could not tell a filter applied from one ignored
    const low = await apiFlags(page, { confidence: ['low'], status: ['current'] }, undefined, [0, 0]);
    expect(low.total).toBeGreaterThan(0);
    expect(expected.total).toBeLessThan(everything.total);

    await page.goto(listAddress(filter));
    await page.getByTestId(`case-link-${expected.rows[0].id}`).waitFor();
    expect(await totalOnPage(page)).toBe(expected.total);
    expect(await rowIds(page)).toEqual(expected.rows.map((r) => r.id));
    // the filters are shown (and can be cleared)
    const confidenceInput = page.getByRole('combobox', { name: 'Confidence' });
    expect(await confidenceInput.textContent()).toMatch(/High.*Medium/);
    expect(await page.getByRole('combobox', { name: 'Case status' }).textContent()).toMatch(/Current/);
    // no person key is shown in the list
    const body = (await page.locator('main').textContent()) ?? '';
    for (const row of expected.rows) expect(body).not.toContain(row.personKey.slice(0, 12));
    expect(await seriousViolations(page)).toEqual([]);

    // sorted by agency (a column header): the first row is the API's first row for that sort
    const byRule = await apiFlags(page, filter, ['agency', 'ASC']);
    await page.getByRole('columnheader', { name: 'Agency' }).getByRole('button').click();
    await page.waitForURL(/sort=agency/);
    await page.getByTestId(`case-link-${byRule.rows[0].id}`).waitFor();
    await page.waitForFunction(
      (id) => document.querySelector('[data-testid^="case-link-"]')?.getAttribute('data-case-id') === id,
      byRule.rows[0].id,
    );
    expect((await rowIds(page))[0]).toBe(byRule.rows[0].id);
    expect(await totalOnPage(page)).toBe(expected.total);

    // clearing the confidence filter shows every current case
    const current = await apiFlags(page, { status: ['current'] }, undefined, [0, 0]);
    await confidenceInput.click();
    await page.getByRole('option', { name: 'High' }).click();
    await page.getByRole('option', { name: 'Medium' }).click();
    await page.keyboard.press('Escape');
    await page.waitForFunction(
      (total) => new RegExp(`of ${total}$`).test(document.querySelector('.MuiTablePagination-displayedRows')?.textContent ?? ''),
      current.total,
    );
    expect(await totalOnPage(page)).toBe(current.total);

    // open the first case: what it shows is the API's CaseDetail
    const id = (await rowIds(page))[0];
    await page.getByTestId(`case-link-${id}`).click();
    await page.waitForURL(new RegExp(`#/cases/${id}/show`));
    await page.getByTestId('flag-timeline').waitFor();
    const detail = await apiFlag(page, id);
    expect(await page.getByTestId('rule-sentence').allTextContents()).toEqual(detail.rules.map((r) => datesInText(r.sentence)));
    const events = page.getByTestId('timeline-event');
    expect(await events.count()).toBe(detail.timeline.length);
    expect(await events.getByTestId('timeline-label').allTextContents()).toEqual(detail.timeline.map((e) => e.label));
    const reported = detail.timeline.findIndex((e) => e.kind === 'reported');
    expect(reported).toBeGreaterThanOrEqual(0);
    expect(await events.nth(reported).getByTestId('timeline-time').textContent()).toBe(formatDateTime(detail.timeline[reported].at));
    expect(await page.getByTestId('flag-policy-title').first().textContent()).toBe(detail.rules[0].policyVersion?.title);
    expect(await page.getByTestId('flag-policy-title').first().getAttribute('href')).toBe(`#/policy-versions/${encodeURIComponent(detail.rules[0].policyVersion!.id)}/show`);
    expect(await page.getByTestId('flag-charges').first().locator('tbody tr').count()).toBe(detail.rules[0].charges.length);
    // the person key: small, shortened, whole in the title
    expect(await page.getByTestId('flag-person-key').getAttribute('title')).toBe(detail.personKey);
    expect(await page.getByTestId('flag-person-key').textContent()).toBe(`${detail.personKey.slice(0, 12)}…`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('shows each timeline event’s gap since the report, in hours or days, and date-only events as such', async () => {
    const page = await signInAdmin();
    // a DA decision has a date but no time; a temporal flag has an arrest some hours after the report
    const [da] = (await apiFlags(page, { status: ['current'], agency: 'SFDA' }, undefined, [0, 0])).rows;
    const [temporal] = (await apiFlags(page, { status: ['current'], nexus: ['temporal'] }, undefined, [0, 0])).rows;
    expect(da).toBeDefined();
    expect(temporal).toBeDefined();

    const timed = await apiFlag(page, temporal.id);
    const arrest = timed.timeline.find((e) => e.kind === 'arrest' && e.hoursAfterReport !== null);
    expect(arrest).toBeDefined();
    await openCase(page, temporal.id);
    const arrestEvent = page.locator('[data-testid="timeline-event"][data-kind="arrest"]').last();
    const hours = arrest!.hoursAfterReport!;
    const gap = hours < 48 ? `${Math.round(hours)} hour${Math.round(hours) === 1 ? '' : 's'} after the report` : `${Math.round(hours / 24)} days after the report`;
    expect(await arrestEvent.getByTestId('timeline-gap').textContent()).toBe(gap);
    expect(await page.locator('[data-testid="timeline-event"][data-kind="reported"]').getByTestId('timeline-gap').textContent()).toBe('The report');

    const dated = await apiFlag(page, da.id);
    const decision = dated.timeline.find((e) => e.kind === 'da_decision');
    expect(decision?.at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await openCase(page, da.id);
    const decisionEvent = page.locator('[data-testid="timeline-event"][data-kind="da_decision"]');
    expect(await decisionEvent.getByTestId('timeline-gap').textContent()).toMatch(/^Date only/);
    // A day alone, as written (never shifted by a zone): worked by hand, e.g. 2022-06-06 is "Jun 6, 2022".
    const [y, m, d] = decision!.at.split('-').map(Number);
    const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    expect(await decisionEvent.getByTestId('timeline-time').textContent()).toBe(`${MONTHS[m - 1]} ${d}, ${y}`);
    // its link goes to the DA decision's page
    expect(await decisionEvent.getByRole('link').getAttribute('href')).toBe(`#/da-decisions/${dated.actionId}/show`);
    await page.context().close();
  });

  it('changes a case’s status with a note, adds a note, and keeps both after a reload', async () => {
    const page = await signInAdmin();
    const [flag] = (await apiFlags(page, { status: ['current'], reviewStatus: ['new'] }, ['actionDate', 'ASC'], [0, 0])).rows;
    expect(flag).toBeDefined();
    await openCase(page, flag.id);
    expect(await page.getByTestId('review-status').textContent()).toBe('New');

    // only the allowed next statuses are offered
    const options = await page.getByLabel('New status').locator('option').allTextContents();
    expect(options).toEqual(['Choose…', 'In review', 'Confirmed violation', 'Not a violation', 'Policy exception', 'Data error']);

    await page.getByLabel('New status').selectOption('in_review');
    await page.getByLabel('Why (optional)').fill('Starting the review (cases e2e)');
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.locator('[data-testid="review-status"][data-status="in_review"]').waitFor();

    await page.getByLabel('Note', { exact: true }).fill('Checked the arrest record: the charge is 647(b) (cases e2e)');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('[data-testid="review-event"][data-kind="note"]').waitFor();

    await page.reload();
    await page.getByTestId('review-history').waitFor();
    expect(await page.getByTestId('review-status').textContent()).toBe('In review');
    const history = page.getByTestId('review-event');
    expect(await history.count()).toBe(2);
    expect(await history.nth(0).textContent()).toContain('Initial administrator changed the status from “New” to “In review”');
    expect(await history.nth(0).getByTestId('review-note').textContent()).toBe('Starting the review (cases e2e)');
    expect(await history.nth(1).getByTestId('review-note').textContent()).toBe('Checked the arrest record: the charge is 647(b) (cases e2e)');

    const review = await apiReview(page, flag.id);
    expect(review.status).toBe('in_review');
    expect(review.history.map((e) => [e.kind, e.from, e.to, e.note])).toEqual([
      ['status', 'new', 'in_review', 'Starting the review (cases e2e)'],
      ['note', null, null, 'Checked the arrest record: the charge is 647(b) (cases e2e)'],
    ]);
    // the list shows the new status too
    await page.goto(listAddress({ status: ['current'], reviewStatus: ['in_review'] }));
    await page.getByTestId(`case-review-${flag.id}`).waitFor();
    expect(await page.getByTestId(`case-review-${flag.id}`).textContent()).toBe('In review');
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('refuses a dismissal without a note, and a change made on a stale page, saying why', async () => {
    const page = await signInAdmin();
    const [flag] = (await apiFlags(page, { status: ['current'], reviewStatus: ['new'] }, ['actionDate', 'ASC'], [0, 0])).rows;
    expect(flag).toBeDefined();
    await openCase(page, flag.id);

    // dismissing needs a note: the form says so and sends nothing
    await page.getByLabel('New status').selectOption('not_a_violation');
    expect(await page.getByLabel('Why (required)').count()).toBe(1);
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.getByText('A note is needed: say why the case becomes “Not a violation”.').waitFor();
    expect((await apiReview(page, flag.id)).status).toBe('new');

    // someone else changes the case meanwhile; this page still has the version it loaded
    const before = await apiReview(page, flag.id);
    const other = await page.request.patch(`${url()}/api/reviews/${flag.id}`, { data: { note: 'A note from another tab (cases e2e)', version: before.version } });
    expect(other.status()).toBe(200);
    await page.getByLabel('Note', { exact: true }).fill('This note comes from a stale page (cases e2e)');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByTestId('review-error').waitFor();
    expect(await page.getByTestId('review-error').textContent()).toMatch(/changed by someone else since you opened it/);
    // the page now shows the other change, and the stale note was not saved
    await page.getByText('A note from another tab (cases e2e)').waitFor();
    const after = await apiReview(page, flag.id);
    expect(after.history.map((e) => e.note)).toEqual(['A note from another tab (cases e2e)']);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('assigns two selected cases to a reviewer at once', async () => {
    const page = await signInAdmin();
    const reviewers = await json<ReviewerRecord[]>(await page.request.get(`${url()}/api/reviewers`));
    const admin = reviewers.find((r) => r.email === 'admin@localhost');
    expect(admin).toBeDefined();
    const filter = { status: ['current'], assigned: false };
    const expected = await apiFlags(page, filter);
    expect(expected.rows.length).toBeGreaterThanOrEqual(2);
    const picked = expected.rows.slice(0, 2).map((r) => r.id);

    await page.goto(listAddress(filter));
    for (const id of picked) {
      await page.getByTestId(`case-link-${id}`).locator('xpath=ancestor::tr').getByRole('checkbox').check();
    }
    await page.getByTestId('bulk-assign').click();
    const dialog = page.getByTestId('bulk-assign-dialog');
    await dialog.getByLabel('Assign to').selectOption(admin!.id);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Assign' }).click();
    // assigned cases leave this list (it shows unassigned ones only)
    for (const id of picked) await page.getByTestId(`case-link-${id}`).waitFor({ state: 'detached' });
    expect(await totalOnPage(page)).toBe(expected.total - 2);
    for (const id of picked) {
      const review = await apiReview(page, id);
      expect(review.assigneeId).toBe(admin!.id);
      expect(review.history.at(-1)).toMatchObject({ kind: 'assignee', from: null, to: 'Initial administrator' });
    }
    await page.context().close();
  });

  it('changes the status of selected cases together, all or nothing, saying which case refused', async () => {
    const page = await signInAdmin();
    const { rows } = await apiFlags(page, { status: ['current'], reviewStatus: ['new'] }, ['actionDate', 'DESC'], [0, 1]);
    expect(rows).toHaveLength(2);
    const [confirmed, fresh] = rows;
    const made = await page.request.patch(`${url()}/api/reviews/${confirmed.id}`, { data: { status: 'confirmed_violation' } });
    expect(made.status()).toBe(200);

    // exactly these two cases (react-admin's own `id` filter)
    await page.goto(listAddress({ id: [confirmed.id, fresh.id] }));
    await page.getByTestId(`case-link-${fresh.id}`).waitFor();
    expect(await totalOnPage(page)).toBe(2);
    await page.getByRole('checkbox', { name: 'Select all' }).check();
    await page.getByTestId('bulk-status').click();
    const dialog = page.getByTestId('bulk-status-dialog');

    // the server refuses the lot: one case is already confirmed
    await dialog.getByLabel('New status').selectOption('confirmed_violation');
    await dialog.getByRole('button', { name: 'Change status' }).click();
    await dialog.getByTestId('bulk-error').waitFor();
    const refusal = (await dialog.getByTestId('bulk-error').textContent()) ?? '';
    expect(refusal).toContain('1 of 2 cases cannot take this change, so none was changed.');
    expect(refusal).toContain('already "Confirmed violation"');
    expect(refusal).not.toContain(confirmed.id); // named as the table shows it, not by its id
    expect((await apiReview(page, fresh.id)).status).toBe('new');
    expect(await seriousViolations(page)).toEqual([]);

    // reopening a decided case needs a note: the form asks for one before sending anything
    await dialog.getByLabel('New status').selectOption('in_review');
    expect(await dialog.getByLabel('Why (required)').count()).toBe(1);
    await dialog.getByRole('button', { name: 'Change status' }).click();
    await dialog.getByTestId('bulk-error').getByText('Changing cases to "In review" needs a note saying why.').waitFor();
    expect((await apiReview(page, confirmed.id)).status).toBe('confirmed_violation');

    await dialog.getByLabel('Why (required)').fill('Both to be looked at again at the next meeting (cases e2e)');
    await dialog.getByRole('button', { name: 'Change status' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(
      (ids) => ids.every((id) => document.querySelector(`[data-testid="case-review-${id}"]`)?.textContent === 'In review'),
      [confirmed.id, fresh.id],
    );
    for (const flag of [confirmed, fresh]) {
      const review = await apiReview(page, flag.id);
      expect(review.status).toBe('in_review');
      expect(review.history.at(-1)).toMatchObject({ kind: 'status', to: 'in_review', note: 'Both to be looked at again at the next meeting (cases e2e)' });
    }
    await page.context().close();
  });

  it('shows a case with several rules: each rule inside it with its own version, confidence, reasons and charges, and one review', async () => {
    const page = await signInAdmin();
    const { rows } = await apiFlags(page, { status: ['current'], actionType: ['arrest'], ruleId: ['sfpd-psw-2017'] }, ['actionDate', 'DESC'], [0, 99]);
    const several = rows.find((c) => c.flagCount >= 2 && c.ruleIds.includes('ca-pc-647.3'));
    expect(several).toBeDefined();
    const detail = await apiFlag(page, several!.id);
    expect(detail.rules.map((r) => r.ruleId).sort()).toEqual([...several!.ruleIds].sort());
    // the list shows it once, its rules listed in its row
    await page.goto(listAddress({ id: [several!.id] }));
    await page.getByTestId(`case-link-${several!.id}`).waitFor();
    expect(await totalOnPage(page)).toBe(1);
    expect(await page.getByTestId(`case-rules-${several!.id}`).locator('li').count()).toBe(several!.ruleIds.length);

    await openCase(page, several!.id);
    await page.getByTestId('case-rule').first().waitFor();
    expect(await page.getByTestId('case-headline').textContent()).toContain(`breaches ${several!.ruleIds.length} rules`);
    const sections = page.getByTestId('case-rule');
    expect(await sections.count()).toBe(detail.rules.length);
    for (let i = 0; i < detail.rules.length; i++) {
      const rule = detail.rules[i];
      const section = sections.nth(i);
      expect(await section.getAttribute('data-rule')).toBe(rule.ruleId);
      expect(await section.getByTestId('rule-sentence').textContent()).toBe(datesInText(rule.sentence));
      expect(await section.getByTestId('flag-policy-version').textContent()).toBe(`${rule.ruleId}, version ${rule.ruleVersion}`);
      expect(await section.locator('[data-reason]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-reason')).sort())).toEqual([...rule.reasons].sort());
      expect(await section.getByTestId('charge-row').count()).toBe(rule.charges.length);
      // issue 16: the seeded city links every report by the same person key, and the page says so in plain words
      expect(rule.linkKinds).toEqual([]);
      expect(await section.getByTestId('rule-link').textContent()).toBe('By the same person key');
    }
    expect(await page.getByTestId('case-link').textContent()).toBe('By the same person key');
    // one review panel for the whole case
    expect(await page.getByTestId('review-panel').count()).toBe(1);
    // SRA_SCREENSHOT_DIR set: the case page and its list row, to look at
    if (process.env.SRA_SCREENSHOT_DIR) {
      await page.setViewportSize({ width: 1400, height: 1000 });
      await page.screenshot({ path: `${process.env.SRA_SCREENSHOT_DIR}/case-page.png`, fullPage: true });
      await page.goto(listAddress({ status: ['current'] }));
      await page.locator('[data-testid^="case-link-"]').first().waitFor();
      await page.screenshot({ path: `${process.env.SRA_SCREENSHOT_DIR}/cases-list.png` });
    }
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('does not let a viewer open a case page', async () => {
    const admin = await signInAdmin();
    const [flag] = (await apiFlags(admin, {}, undefined, [0, 0])).rows;
    await admin.context().close();

    const page = await newPage();
    await signIn(page, VIEWER.email, VIEWER.password);
    expect(await page.getByRole('menuitem', { name: 'Flagged cases' }).count()).toBe(0);
    await page.goto(`${url()}/#/cases/${flag.id}/show`);
    await page.getByText('Your role does not open this page. Ask an administrator if you need it.').first().waitFor();
    expect(await page.getByTestId('case-headline').count()).toBe(0);
    expect(await page.getByTestId('review-panel').count()).toBe(0);
    // the server refuses too
    expect((await page.request.get(`${url()}/api/cases/${flag.id}`)).status()).toBe(403);
    expect((await page.request.get(`${url()}/api/flags`)).status()).toBe(403);
    await page.context().close();
  });
});
