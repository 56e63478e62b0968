import type { Page } from 'playwright-core';
import { e2eAdminPassword, seriousViolations, setUpAsAdmin, signIn, useChromium } from '../support/e2e';

// The suite shares one server and database across files: this file adds one viewer account and one version
// (version 2 of ca-pc-647.3, in force from 2030-01-01, far enough ahead to change no flag other tests look at).
const adminPassword = e2eAdminPassword;
const VIEWER = { email: 'policies.viewer.e2e@example.org', password: 'policies-viewer-123' };
const RULES = ['sfpd-psw-2017', 'sfda-psw-2018', 'ca-pc-647.3', 'ca-sb357-repeal'];

const { newPage } = useChromium();

async function openList(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: 'Policies' }).click();
  await page.getByTestId('policy-link-sfpd-psw-2017:1').waitFor();
}

describe('the Policies page', () => {
  beforeAll(async () => {
    await setUpAsAdmin(newPage, { waitForFlags: false, users: [{ ...VIEWER, role: 'viewer' }] });
  });

  it('shows a viewer the four rules with where their lists come from, and no "New version" button', async () => {
    const page = await newPage();
    await signIn(page, VIEWER.email, VIEWER.password);
    await openList(page);
    for (const rule of RULES) expect(await page.getByTestId(`policy-link-${rule}:1`).count()).toBe(1);
    expect(await page.getByTestId('provenance-ca-pc-647.3:1-qualification').textContent()).toBe('Qualifying reports: inferred');
    expect(await page.getByTestId('provenance-ca-sb357-repeal:1-repealedCodes').textContent()).toBe('Repealed sections: secondary');
    // each provenance word is explained in plain words
    await page.getByTestId('provenance-ca-pc-647.3:1-qualification').hover();
    await page.getByRole('tooltip').waitFor();
    expect(await page.getByRole('tooltip').textContent()).toMatch(/^Inferred: the project’s own reading/);
    await page.mouse.move(0, 0);
    await page.getByRole('tooltip').waitFor({ state: 'detached' });
    expect(await page.getByTestId('policy-new-version').count()).toBe(0);
    expect(await page.getByText('New version').count()).toBe(0);
    // Issue 12: no count of flags for a viewer, nor a word about one.
    expect(await page.getByText('Flags produced').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // nor on a version's page
    await page.getByTestId('policy-link-sfpd-psw-2017:1').click();
    await page.getByTestId('policy-qualification-codes').waitFor();
    expect(await page.getByTestId('policy-new-version').count()).toBe(0);
    expect(await page.getByText('New version').count()).toBe(0);
    expect(await page.getByTestId('policy-flag-count').count()).toBe(0);
    expect(await page.getByText('Flags produced').count()).toBe(0);
    await page.context().close();
  });

  it('lets an admin make version 2 of a rule, then shows what changed and when version 1 stops', async () => {
    const page = await newPage();
    await signIn(page, 'admin@localhost', adminPassword());
    await openList(page);
    await page.getByTestId('policy-link-ca-pc-647.3:1').click();

    // version 1: its codes and where they come from
    await page.getByTestId('policy-qualification-codes').waitFor();
    expect(await page.getByTestId('policy-version').textContent()).toBe('1');
    // A case-level role is told the version's count of flags.
    expect(await page.getByTestId('policy-flag-count').textContent()).toMatch(/^\d[\d,]*$/);
    const codes = await page.getByTestId('policy-qualification-codes').locator('li').allTextContents();
    expect(codes).toEqual(['04144', '15040', '19057']);
    expect(await page.getByTestId('policy-qualification-excluded').locator('li').allTextContents()).toContain('04080');
    expect(await page.getByTestId('policy-protected-codes').locator('li').allTextContents()).toEqual(['PC 647(a)', 'PC 647(b)', 'PC 653.22']);
    expect(await page.getByTestId('provenance-qualification').textContent()).toBe('Qualifying reports: inferred');
    expect(await page.getByTestId('provenance-protectedCharges').textContent()).toBe('Protected charges: inferred');
    expect(await page.getByTestId('policy-changes-panel').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // the new-version form starts from the latest version
    await page.getByTestId('policy-new-version').click();
    const codesInput = page.getByLabel('Qualifying incident codes');
    await codesInput.waitFor();
    expect((await codesInput.inputValue()).split('\n')).toEqual(['04144', '15040', '19057']);
    await page.getByLabel('In force from').fill('2030-01-01');
    await page.getByLabel('Why this version is made').fill('Add battery (test)');

    // a code the server refuses: its problem is shown, and nothing is saved
    await codesInput.fill('04144\n15040\n19057\nnot-a-code');
    await page.getByRole('button', { name: 'Save new version' }).click();
    await page.getByTestId('policy-save-error').waitFor();
    expect(await page.getByTestId('policy-save-error').textContent()).toMatch(/Qualifying incident codes, item 4.*not an SFPD incident code/);
    expect(await page.getByText(/Item 4: "not-a-code" is not an SFPD incident code/).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    await codesInput.fill('04144\n15040\n19057\n04134');
    await page.getByRole('button', { name: 'Save new version' }).click();

    // lands on version 2, with its changes from version 1
    await page.waitForURL(/#\/policy-versions\/ca-pc-647\.3(%3A|:)2\/show/);
    await page.getByTestId('policy-changes').waitFor();
    expect(await page.getByTestId('policy-version').textContent()).toBe('2');
    expect(await page.getByTestId('policy-change-reason').textContent()).toBe('Add battery (test)');
    expect(await page.getByTestId('policy-qualification-codes').locator('li').allTextContents()).toEqual(['04144', '15040', '19057', '04134']);
    const added = page.locator('[data-testid="policy-change"][data-change="added"]');
    expect(await added.allTextContents()).toEqual(['+Added: 04134']);
    expect(await page.locator('[data-testid="policy-change"][data-change="removed"]').count()).toBe(0);
    expect(await page.getByTestId('policy-changes-panel').textContent()).toMatch(/Changes from version 1/);
    // what the evaluation the new version started did: in force from 2030, it judges no action of the demo city (2019-2022)
    await page.getByTestId('policy-outcome-done').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('policy-outcome-new').textContent()).toBe('0');
    expect(await page.getByTestId('policy-outcome-changed').textContent()).toBe('0');
    expect(await page.getByTestId('policy-outcome-withdrawn').textContent()).toBe('0');
    expect(await seriousViolations(page)).toEqual([]);

    // the list: version 1 is in force until the day before version 2
    await openList(page);
    await page.getByTestId('policy-link-ca-pc-647.3:2').waitFor();
    expect(await page.getByTestId('policy-until-ca-pc-647.3:1').getAttribute('datetime')).toBe('2029-12-31');
    expect(await page.getByTestId('policy-until-ca-pc-647.3:2').textContent()).toBe('latest');
    expect(await page.getByTestId('policy-from-ca-pc-647.3:2').getAttribute('datetime')).toBe('2030-01-01');
    expect(await seriousViolations(page)).toEqual([]);

    // filtered by rule: that rule's versions only
    await page.getByRole('combobox', { name: 'Rule' }).click();
    await page.getByRole('option', { name: 'ca-pc-647.3', exact: true }).click();
    await page.getByTestId('policy-link-sfpd-psw-2017:1').waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid^="policy-link-"]').allTextContents()).toEqual(['ca-pc-647.3', 'ca-pc-647.3']);
    await page.context().close();
  });
});
