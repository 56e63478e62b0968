import type { Page } from 'playwright-core';
import { datesInText, REVIEW_STATUS_LABELS, type ArrestRecord, type DaDecisionRecord, type FlagRecord, type IncidentDetail, type IncidentSummary } from '@sra/contracts';
import { apiList, createUser, e2eAdminPassword, e2eUrl, seriousViolations, signIn, useChromium, waitForFlags } from '../support/e2e';

// The records pages (incidents, arrests, DA decisions) against the demo city the global setup loads. The suite
// shares one server: this file only reads, apart from one viewer account of its own.
// Person keys are pseudonymous but never printed: they are compared by counting matches, so a failure shows numbers.
const url = e2eUrl;
const VIEWER = { email: 'records.viewer.e2e@example.org', password: 'records-viewer-123' };
const ROLE_LABELS: Record<string, string> = { victim: 'Victim', witness: 'Witness', 'reporting party': 'Reporting party', suspect: 'Suspect' };

const { newPage } = useChromium();

async function apiOne<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`${url()}/api/${path}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as T;
}

/** The number shown as a list's total ("22,885 incidents"). */
async function shownTotal(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  return Number(text.replace(/,/g, ''));
}

/** Waits until the list's shown total is `expected` (filters apply as the page fetches again). */
async function waitForTotal(page: Page, testId: string, expected: number): Promise<void> {
  await page.waitForFunction(
    ([id, want]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/,/g, '') === String(want),
    [testId, expected] as const,
    { timeout: 20_000 },
  );
}

/** The San Francisco day of an instant, `YYYY-MM-DD`. */
const sfDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));

describe('the records pages', () => {
  let admin: Page;
  let incident: IncidentDetail;
  let citing: FlagRecord;

  beforeAll(async () => {
    admin = await newPage();
    await signIn(admin, 'admin@localhost', e2eAdminPassword());
    await waitForFlags(admin);
    const [first] = (await apiList<FlagRecord>(admin, 'flags')).rows;
    const flags = first.reportIncidentNumber ? [first] : (await apiList<FlagRecord>(admin, 'flags', { range: [0, 99] })).rows;
    citing = flags.find((flag) => flag.reportIncidentNumber !== null)!;
    expect(citing).toBeDefined();
    incident = await apiOne<IncidentDetail>(admin, `incidents/${encodeURIComponent(citing.reportIncidentNumber!)}`);
    await createUser(admin, { email: VIEWER.email, role: 'viewer', password: VIEWER.password });
  });
  afterAll(async () => admin?.context().close());

  it('shows an incident with every person role and every flag that cites it', async () => {
    const number = citing.reportIncidentNumber!;
    expect(incident.citedBy.map((flag) => flag.id)).toContain(citing.id);
    expect(incident.personRoles.length).toBeGreaterThan(0);

    await admin.goto(`${url()}/#/incidents/${encodeURIComponent(number)}/show`);
    await admin.getByTestId('incident-summary').waitFor();
    expect(await admin.getByTestId('incident-number').textContent()).toBe(number);
    expect(await admin.getByTestId('incident-reported').getAttribute('datetime')).toBe(incident.reportDatetime);
    expect(await admin.getByTestId('incident-current-flags').textContent()).toBe(String(incident.flags));
    expect(await admin.getByTestId('incident-row').count()).toBe(incident.reportRows.length);

    // every person role, in the API's order: its role, its key (shortened on screen, whole in the title)
    const persons = admin.getByTestId('incident-person');
    expect(await persons.count()).toBe(incident.personRoles.length);
    expect(await persons.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-role')))).toEqual(incident.personRoles.map((p) => p.role));
    expect(await admin.getByTestId('incident-person-role').allTextContents()).toEqual(incident.personRoles.map((p) => ROLE_LABELS[p.role]));
    const keys = admin.getByTestId('incident-person-key');
    const titles = await keys.evaluateAll((spans) => spans.map((span) => span.getAttribute('title')));
    expect(titles.filter((title, i) => title === incident.personRoles[i].personKey).length).toBe(incident.personRoles.length);
    const shown = await keys.allTextContents();
    expect(shown.filter((text, i) => text.endsWith('…') && incident.personRoles[i].personKey.startsWith(text.slice(0, -1))).length).toBe(
      incident.personRoles.length,
    );

    // every citing flag (current and withdrawn), with its review status and status in words
    const flags = admin.getByTestId('incident-flag');
    expect(await flags.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-flag-id')))).toEqual(incident.citedBy.map((f) => f.id));
    expect(await admin.getByTestId('incident-flag-review').allTextContents()).toEqual(incident.citedBy.map((f) => REVIEW_STATUS_LABELS[f.reviewStatus]));
    expect(await admin.getByTestId('incident-flag-status').allTextContents()).toEqual(
      incident.citedBy.map((f) => (f.status === 'current' ? 'Current' : 'Withdrawn')),
    );
    expect(await admin.getByTestId(`incident-flag-link-${citing.id}`).textContent()).toBe(datesInText(citing.sentence));

    // the incident's arrests and DA decisions link to their pages
    for (const arrest of incident.arrests) {
      expect(await admin.getByTestId(`incident-arrest-link-${arrest.id}`).getAttribute('href')).toBe(`#/arrests/${encodeURIComponent(arrest.id)}/show`);
    }
    for (const decision of incident.daDecisions) {
      expect(await admin.getByTestId(`incident-da-decision-link-${decision.id}`).getAttribute('href')).toBe(
        `#/da-decisions/${encodeURIComponent(decision.id)}/show`,
      );
    }
    expect(await admin.getByRole('button', { name: /edit|delete|create/i }).count()).toBe(0);
    expect(await seriousViolations(admin)).toEqual([]);

    // a flag leads to its case page
    await admin.getByTestId(`incident-flag-link-${citing.id}`).click();
    await admin.waitForURL((address) => address.hash === `#/flags/${encodeURIComponent(citing.id)}/show`);
  });

  it('lists the incidents with the server’s total, and filters them by San Francisco report day and by district', async () => {
    const all = await apiList<IncidentSummary>(admin, 'incidents');
    expect(all.total).toBeGreaterThan(0);
    await admin.goto(`${url()}/#/incidents`);
    await admin.getByTestId('incidents-table').waitFor();
    await admin.getByTestId('incidents-total').waitFor();
    expect(await shownTotal(admin, 'incidents-total')).toBe(all.total);

    // one report day in San Francisco: counted here from a wider window, by each incident's own local day
    const day = sfDay(incident.reportDatetime);
    const around = (offsetDays: number) => new Date(Date.parse(`${day}T00:00:00Z`) + offsetDays * 86_400_000).toISOString().slice(0, 10);
    const wide = await apiList<IncidentSummary>(admin, 'incidents', { filter: { reportFrom: around(-1), reportUntil: around(2) }, range: [0, 499] });
    expect(wide.total).toBeLessThan(500);
    const onDay = wide.rows.filter((row) => sfDay(row.reportDatetime) === day);
    expect(onDay.map((row) => row.id)).toContain(incident.id);
    expect(onDay.length).toBeLessThan(wide.total);
    await admin.getByLabel('Reported on or after').fill(day);
    await admin.getByLabel('Reported on or before').fill(day);
    await waitForTotal(admin, 'incidents-total', onDay.length);
    await admin.getByTestId(`incident-link-${incident.id}`).waitFor();

    // and one district of that day
    const district = onDay.find((row) => row.policeDistrict !== null)!.policeDistrict!;
    const inDistrict = onDay.filter((row) => row.policeDistrict === district).length;
    await admin.getByRole('combobox', { name: 'District' }).click();
    await admin.getByRole('option', { name: district, exact: true }).click();
    await waitForTotal(admin, 'incidents-total', inDistrict);
    expect(await admin.getByRole('cell', { name: district, exact: true }).count()).toBe(Math.min(inDistrict, 25));
  });

  it('opens an arrest from the list and shows its values as the API gives them', async () => {
    const { rows, total } = await apiList<ArrestRecord>(admin, 'arrests');
    const [arrest] = rows;
    await admin.goto(`${url()}/#/arrests`);
    await admin.getByTestId(`arrest-link-${arrest.id}`).waitFor();
    expect(await shownTotal(admin, 'arrests-total')).toBe(total);
    expect(await seriousViolations(admin)).toEqual([]);

    await admin.getByTestId(`arrest-link-${arrest.id}`).click();
    await admin.getByTestId('arrest-facts').waitFor();
    expect(await admin.getByTestId('arrest-id').textContent()).toBe(arrest.id);
    expect(await admin.getByTestId('arrest-agency').textContent()).toBe(arrest.arrestingAgency);
    expect(await admin.getByTestId('arrest-custody').textContent()).toBe(arrest.custodyType === 'booked' ? 'Booked' : 'Cited');
    expect(await admin.getByTestId('arrest-booked').textContent()).toBe(arrest.listOfBookedCharges ?? 'None');
    expect(await admin.getByTestId('arrest-statutes').textContent()).toBe(arrest.bookedChargesStatute ?? 'None');
    expect(await admin.getByTestId('arrest-when').getAttribute('datetime')).toBe(arrest.arrestDatetime ?? arrest.arrestDate);
    expect(await admin.getByTestId('arrest-incident').getAttribute('href')).toBe(`#/incidents/${encodeURIComponent(arrest.incidentNumber)}/show`);
    expect(await admin.getByTestId('arrest-person').getAttribute('title')).toBe(arrest.personKey);

    // filters: custody and agency (typed in small letters; the file's agencies are in capitals)
    const cited = await apiList<ArrestRecord>(admin, 'arrests', { filter: { custodyType: 'cited', arrestingAgency: 'SFPD' } });
    expect(cited.total).toBeGreaterThan(0);
    expect(cited.total).toBeLessThan(total);
    await admin.goto(`${url()}/#/arrests`);
    await admin.getByTestId('arrests-total').waitFor();
    await admin.getByRole('combobox', { name: 'Custody' }).click();
    await admin.getByRole('option', { name: 'Cited', exact: true }).click();
    await admin.getByRole('textbox', { name: 'Agency' }).fill('sfpd');
    await waitForTotal(admin, 'arrests-total', cited.total);
  });

  it('opens a DA decision from the list and shows its values as the API gives them', async () => {
    const charged = await apiList<DaDecisionRecord>(admin, 'da-decisions', { filter: { daActionTaken: 'Charged' } });
    const { rows, total } = await apiList<DaDecisionRecord>(admin, 'da-decisions');
    const [decision] = rows;
    await admin.goto(`${url()}/#/da-decisions`);
    await admin.getByTestId(`da-decision-link-${decision.id}`).waitFor();
    expect(await shownTotal(admin, 'da-decisions-total')).toBe(total);

    await admin.getByTestId(`da-decision-link-${decision.id}`).click();
    await admin.getByTestId('da-decision-facts').waitFor();
    expect(await admin.getByTestId('da-decision-id').textContent()).toBe(decision.id);
    expect(await admin.getByTestId('da-decision-action').textContent()).toBe(decision.daActionTaken);
    expect(await admin.getByTestId('da-decision-date').getAttribute('datetime')).toBe(decision.actionDate);
    expect(await admin.getByTestId('da-decision-filed').textContent()).toBe(decision.listOfFiledCharges ?? 'None');
    expect(await admin.getByTestId('da-decision-status').textContent()).toBe(decision.caseStatus ?? 'Not recorded');
    expect(await admin.getByTestId('da-decision-disposition').textContent()).toBe(decision.dispositionDescription ?? 'Not recorded');
    expect(await admin.getByTestId('da-decision-incident').getAttribute('href')).toBe(`#/incidents/${encodeURIComponent(decision.incidentNumber)}/show`);
    if (decision.arrestId) {
      expect(await admin.getByTestId('da-decision-arrest').getAttribute('href')).toBe(`#/arrests/${encodeURIComponent(decision.arrestId)}/show`);
    } else {
      expect(await admin.getByTestId('da-decision-arrest').textContent()).toBe('None');
    }

    // filter by action taken: the API's count for it
    expect(charged.total).toBeGreaterThan(0);
    expect(charged.total).toBeLessThan(total);
    await admin.goto(`${url()}/#/da-decisions`);
    await admin.getByTestId('da-decisions-total').waitFor();
    await admin.getByRole('combobox', { name: 'Action taken' }).click();
    await admin.getByRole('option', { name: 'Charged', exact: true }).click();
    await waitForTotal(admin, 'da-decisions-total', charged.total);
  });

  it('gives a viewer neither the pages nor the records', async () => {
    const page = await newPage();
    await signIn(page, VIEWER.email, VIEWER.password);
    await page.getByRole('menuitem', { name: 'Policies' }).waitFor();
    for (const label of ['Incidents', 'Arrests', 'DA decisions']) {
      expect(await page.getByRole('menuitem', { name: label, exact: true }).count()).toBe(0);
    }
    const arrestId = incident.arrests[0]?.id ?? citing.actionId;
    for (const path of [
      'incidents',
      `incidents/${encodeURIComponent(incident.id)}`,
      'arrests',
      `arrests/${encodeURIComponent(arrestId)}`,
      'da-decisions',
    ]) {
      const response = await page.request.get(`${url()}/api/${path}`);
      expect([path, response.status()]).toEqual([path, 403]);
    }
    await page.context().close();
  });
});
