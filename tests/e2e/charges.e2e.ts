import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { ArrestRecord, ChargeCodeRecord, DaDecisionRecord, FlagDetail, FlagRecord } from '@sra/contracts';
import { apiList, e2eAdminPassword, e2eUrl, json, seriousViolations, setUpAsAdmin, signIn, useChromium } from '../support/e2e';

// Charges in plain words (issue 11). The suite shares one server and database (a generated demo city): this file
// describes one code the built-in code book does not know (PC 4151, the DA's writing of 415(1)), which only changes
// how that code reads. Set SRA_SCREENSHOT_DIR to keep a screenshot of each page looked at.
const url = e2eUrl;
const { newPage } = useChromium();

async function signInAdmin(): Promise<Page> {
  const page = await newPage();
  await signIn(page, 'admin@localhost', e2eAdminPassword());
  return page;
}

async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SRA_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

describe('charges in plain words', () => {
  beforeAll(async () => {
    await setUpAsAdmin(newPage);
  });

  it('the case page says each charge in plain words, with the charge as written beside it', async () => {
    const page = await signInAdmin();
    // A current SFPD case whose arrest is for prostitution (the generator's `647(b) PC/M`, or its DA token 647B).
    const { rows } = await apiList<FlagRecord>(page, 'flags', { filter: { status: ['current'], ruleId: ['sfpd-psw-2017'] }, range: [0, 99] });
    let found: FlagDetail | undefined;
    for (const flag of rows) {
      const detail = await json<FlagDetail>(await page.request.get(`${url()}/api/flags/${flag.id}`));
      if (detail.charges.some((c) => c.parsed === 'PC 647(b)' && c.level === 'M')) {
        found = detail;
        break;
      }
    }
    expect(found).toBeDefined();
    const detail = found!;
    await page.goto(`${url()}/#/flags/${detail.id}/show`);
    await page.getByTestId('flag-charges').waitFor();
    const rowsOnPage = page.getByTestId('flag-charges').getByTestId('charge-row');
    expect(await rowsOnPage.count()).toBe(detail.charges.length);
    expect(await page.getByTestId('charge-plain').allTextContents()).toEqual(
      detail.charges.map((c) => (c.plain.known ? c.plain.text : `${c.plain.text}${c.plain.code === null ? ' (not read as a charge)' : ' (code not described yet)'}`)),
    );
    // Written by hand from PC 647: "(b) ... solicits or agrees to engage in ... any act of prostitution", a misdemeanor.
    const index = detail.charges.findIndex((c) => c.parsed === 'PC 647(b)' && c.level === 'M');
    const row = rowsOnPage.nth(index);
    expect(await row.getByTestId('charge-plain').textContent()).toBe('PC 647(b): prostitution, misdemeanor');
    expect(await row.locator('code').textContent()).toBe(detail.charges[index].raw);
    expect(await page.getByRole('columnheader', { name: 'Charge', exact: true }).count()).toBe(1);
    await screenshot(page, 'case-page-charges');
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('an admin sees the codes not described first, describes one, and the records then read it in plain words', async () => {
    const page = await signInAdmin();
    const all = await apiList<ChargeCodeRecord>(page, 'charge-codes', { sort: ['known', 'ASC'], range: [0, 24] });
    const unknown = await apiList<ChargeCodeRecord>(page, 'charge-codes', { filter: { known: false }, range: [0, 0] });
    // The DA writes 415(1) as the token 4151 (libs/synthetic), which reads as section 4151: not in the code book.
    expect(unknown.total).toBeGreaterThan(0);
    expect(all.rows.slice(0, unknown.total).every((r) => !r.known)).toBe(true);

    await page.getByRole('menuitem', { name: 'Charge codes' }).click();
    await page.waitForURL(/#\/charge-codes/);
    await page.getByTestId('charge-codes-table').waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="charge-code"]').length === n, Math.min(all.total, 25));
    expect(await page.getByTestId('charge-codes-total').textContent()).toBe(all.total.toLocaleString('en-US'));
    expect(await page.getByTestId('charge-code').allTextContents()).toEqual(all.rows.map((r) => r.code));
    const descriptions = await page.getByTestId('charge-code-description').allTextContents();
    expect(descriptions.slice(0, Math.min(unknown.total, 25))).toEqual(Array(Math.min(unknown.total, 25)).fill('Not described yet'));
    await screenshot(page, 'charge-codes-list');
    expect(await seriousViolations(page)).toEqual([]);

    // Only the codes not described yet.
    await page.getByRole('combobox', { name: 'Described' }).click();
    await page.getByRole('option', { name: 'Not described yet' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="charge-code"]').length === n, Math.min(unknown.total, 25));

    // Describe PC 4151.
    const before = (await apiList<ChargeCodeRecord>(page, 'charge-codes', { filter: { q: '4151' }, range: [0, 9] })).rows.find((r) => r.code === 'PC 4151');
    expect(before).toMatchObject({ known: false });
    await page.getByTestId('charge-code').filter({ hasText: /^PC 4151$/ }).click();
    await page.waitForURL(/#\/charge-codes\/PC%204151/);
    await page.getByTestId('charge-code-code').waitFor();
    expect(await page.getByTestId('charge-code-shown-as').textContent()).toBe('As written on each record (not described yet)');
    await page.getByLabel('In plain words').fill('disturbing the peace: fighting in public (the DA writes 415(1) as 4151)');
    await page.getByLabel('Source').fill('https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=PEN&sectionNum=415');
    await screenshot(page, 'charge-code-edit');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save description' }).click();
    await page.waitForURL(/#\/charge-codes(\?|$)/);

    const after = await json<ChargeCodeRecord>(await page.request.get(`${url()}/api/charge-codes/${encodeURIComponent('PC 4151')}`));
    expect(after).toMatchObject({ known: true, source: 'admin', description: 'disturbing the peace: fighting in public (the DA writes 415(1) as 4151)', actions: before!.actions });
    expect(after.added?.describedBy).toBe('admin@localhost');

    // A DA decision that cites it now reads it in plain words, with the level written on the charge.
    const decisions = await apiList<DaDecisionRecord>(page, 'da-decisions', { range: [0, 499] });
    const decision = decisions.rows.find((d) => d.charges.some((c) => c.code === 'PC 4151'));
    expect(decision).toBeDefined();
    await page.goto(`${url()}/#/da-decisions/${encodeURIComponent(decision!.id)}/show`);
    await page.getByTestId('da-decision-charges-plain').waitFor();
    const texts = await page.getByTestId('da-decision-charges-plain').getByTestId('plain-charge').allTextContents();
    const cited = decision!.charges.find((c) => c.code === 'PC 4151')!;
    expect(texts).toContain(`PC 4151: disturbing the peace: fighting in public (the DA writes 415(1) as 4151)${cited.level ? `, ${cited.level}` : ''}`);
    await screenshot(page, 'da-decision-charges');
    await page.context().close();
  });

  it('the arrests list says each arrest’s charges in plain words, as the API does', async () => {
    const page = await signInAdmin();
    const { rows } = await apiList<ArrestRecord>(page, 'arrests', { sort: ['arrestDate', 'DESC'], range: [0, 24] });
    await page.goto(`${url()}/#/arrests`);
    await page.getByTestId('arrests-table').waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="arrest-charges-plain"]').length === n, rows.length);
    const onPage = await page.getByTestId('arrest-charges-plain').evaluateAll((cells) =>
      cells.map((cell) => Array.from(cell.querySelectorAll('[data-testid="plain-charge"]')).map((c) => c.textContent ?? '')),
    );
    const words = (c: ArrestRecord['charges'][number]) => (c.known ? c.text : `${c.text}${c.code === null ? ' (not read as a charge)' : ' (code not described yet)'}`);
    expect(onPage).toEqual(rows.map((r) => r.charges.map(words)));
    await screenshot(page, 'arrests-list');
    await page.context().close();
  });
});
