import { RELEASE_GRID, releaseCellId, type ReleaseCellKey, type ReleaseDimension, type ReleaseMeasure } from '@sra/contracts';
import { DEFAULT_GENERATE_OPTIONS, generate, type OutputFile } from '@sra/synthetic';
import { DashboardService } from '../../apps/api/src/compliance/dashboard/dashboard.service';
import { EvaluationService } from '../../apps/api/src/compliance/evaluation/evaluation.service';
import { gatherReleaseCells, type ReleaseCells } from '../../apps/api/src/compliance/release/release-cells';
import { monthsOf } from '../../apps/api/src/compliance/release/release-periods';
import { gatherReportData } from '../../apps/api/src/reports/report-data';
import { loadAgencyBaseMonth } from '../support/agency-base-city';
import { loadFiveReportCity } from '../support/five-report-city';
import { csv, ingest, PERSON_HEADER, SHORT_ARREST_HEADER, SHORT_INCIDENT_HEADER, TEST_PERSON_KEY_SECRET } from '../support/ingest-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * The raw values of the released set's cells (issue 12): worked by hand on the dashboard's hand-made city, then equal
 * to what the dashboard (internal role, threshold medium, every rule) and the monthly report give for the same slice
 * on a generated city, with the relations between cells that suppression relies on.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET });
});
afterAll(async () => t?.close());

const valuesOf = (release: ReleaseCells) => new Map(release.cells.map((c) => [releaseCellId(c), c.value]));
const cell = (measure: ReleaseMeasure, period: string, dimension: ReleaseDimension, key = ''): ReleaseCellKey => ({ measure, period, dimension, key });

/** The cells asked for, as `id: value`, so that a failure shows which differ. */
function pick(values: Map<string, number>, expected: Record<string, unknown>): Record<string, number | undefined> {
  return Object.fromEntries(Object.keys(expected).map((id) => [id, values.get(id)]));
}

describe('on hand-made data', () => {
  let release: ReleaseCells;
  let values: Map<string, number>;
  beforeAll(async () => {
    await loadFiveReportCity(t);
    await loadAgencyBaseMonth(t);
    // A sixth report, 980000006 (Ingleside, 2024-06-03): its incident has a Robbery row (qualifying under the three
    // report rules) and an Assault row (under the SF rules only, PC 647.3 wants an aggravated one). DP-6 arrested by
    // CHP that evening for 647(b): high under ca-pc-647.3 only (the only rule auditing CHP), whose qualifying row is
    // the Robbery one; the report's category (the least of its eligible rows) is Assault.
    await ingest(
      t,
      'incidents',
      csv([
        SHORT_INCIDENT_HEADER,
        ['2024-06-03T20:00', '2024-06-03T21:00', 'D10603074', 'D106', '980000006', '03074', 'Robbery', 'Ingleside'],
        ['2024-06-03T20:00', '2024-06-03T21:00', 'D10604134', 'D106', '980000006', '04134', 'Assault', 'Ingleside'],
      ]),
      'sixth-incident.csv',
    );
    await ingest(t, 'incident-persons', csv([PERSON_HEADER, ['980000006', 'DP-000006', 'victim']]), 'sixth-person.csv');
    await ingest(t, 'arrests', csv([SHORT_ARREST_HEADER, ['DA-6', '980000006', 'DP-000006', '2024-06-03T22:00', 'CHP', 'booked', '647(b) PC']]), 'sixth-arrest.csv');
    await t.app.get(EvaluationService).evaluate({ trigger: 'on-demand', requestedBy: 'test' });
    // Reviews: DP-1's arrest confirmed a violation; BP-02's arrest (2 flags, January 2023) dismissed.
    await t.db.query(`INSERT INTO case_review (case_id, status) SELECT id, 'confirmed_violation' FROM flag_case WHERE action_id = 'DA-1'`);
    await t.db.query(`INSERT INTO case_review (case_id, status) SELECT id, 'not_a_violation' FROM flag_case WHERE action_id = 'BA-02'`);
    release = await gatherReleaseCells(t.db);
    values = valuesOf(release);
  });

  it('covers the whole years 2023 and 2024, every key, every cell of the grid once, zeros included', () => {
    expect(release.periods.filter((p) => p.kind === 'year').map((p) => p.id)).toEqual(['2023', '2024']);
    expect(release.periods).toHaveLength(2 + 8 + 24);
    expect(release.agencies).toEqual(['BART', 'CHP', 'SFDA', 'SFPD']);
    expect(release.rules).toEqual(['sfpd-psw-2017', 'sfda-psw-2018', 'ca-pc-647.3']);
    expect(release.districts).toEqual(['Bayview', 'Ingleside', 'Mission', 'Richmond', 'Tenderloin']);
    expect(release.categories).toEqual(['Assault', 'Robbery']);
    // 34 periods (24 months): total 7 x 34; agency 5 x 34 x 4; district 2 x 34 x 5 + 2 x 24 x 5; category
    // 2 x 34 x 2 + 2 x 24 x 2; rule 5 x 24 x 3; rule and agency 5 x 24 x 12.
    expect(release.cells).toHaveLength(238 + 680 + 340 + 240 + 136 + 96 + 360 + 1440);
    expect(values.size).toBe(release.cells.length);
    expect(values.get(releaseCellId(cell('eligible', '2023-02', 'total')))).toBe(0);
    expect(values.get(releaseCellId(cell('flags', '2023', 'agency', 'CHP')))).toBe(0);
  });

  it("reads in the caller's transaction when given one", async () => {
    expect(await t.db.transaction('REPEATABLE READ', (tx) => gatherReleaseCells(tx))).toEqual(release);
  });

  it('gives the figures worked by hand', () => {
    const expected: Record<string, number> = {};
    const put = (measure: ReleaseMeasure, period: string, dimension: ReleaseDimension, key: string, value: number) => (expected[releaseCellId(cell(measure, period, dimension, key))] = value);
    // 2024: six reports; flagged DP-1 (2 flags, 1 case, confirmed), DP-2 (1), DP-6 (1); DP-3's flags are low.
    // Arrested after reporting: DP-1, DP-3, DP-4, DP-6; charged: DP-2.
    for (const [m, v] of Object.entries({ eligible: 6, flagged: 3, confirmed: 1, flags: 4, cases: 3, arrestedAfter: 4, chargedAfter: 1 })) put(m as ReleaseMeasure, '2024', 'total', '', v);
    // Bases: SFPD arrested DP-1, DP-3, DP-4 after their reports; the DA charged DP-2; CHP arrested DP-6.
    for (const [m, v] of Object.entries({ flagged: 1, confirmed: 1, base: 3, flags: 2, cases: 1 })) put(m as ReleaseMeasure, '2024', 'agency', 'SFPD', v);
    for (const [m, v] of Object.entries({ flagged: 1, confirmed: 0, base: 1, flags: 1, cases: 1 })) put(m as ReleaseMeasure, '2024', 'agency', 'CHP', v);
    for (const [m, v] of Object.entries({ flagged: 0, confirmed: 0, base: 0, flags: 0, cases: 0 })) put(m as ReleaseMeasure, '2024', 'agency', 'BART', v);
    put('flags', '2024', 'district', 'Mission', 2);
    put('cases', '2024', 'district', 'Mission', 1);
    put('flags', '2024', 'district', 'Bayview', 0);
    // DP-6's flag counts in its report's category (Assault), not its rule's qualifying row (Robbery).
    put('flags', '2024', 'category', 'Robbery', 3);
    put('cases', '2024', 'category', 'Robbery', 2);
    put('flags', '2024', 'category', 'Assault', 1);
    put('cases', '2024', 'category', 'Assault', 1);
    // Quarters: Q1 = DP-1 and DP-2; Q2 = DP-3, DP-4, DP-5, DP-6.
    for (const [m, v] of Object.entries({ eligible: 2, flagged: 2, flags: 3, cases: 2, arrestedAfter: 1, chargedAfter: 1 })) put(m as ReleaseMeasure, '2024-Q1', 'total', '', v);
    for (const [m, v] of Object.entries({ eligible: 4, flagged: 1, flags: 1, cases: 1, arrestedAfter: 3, chargedAfter: 0 })) put(m as ReleaseMeasure, '2024-Q2', 'total', '', v);
    // March 2024 by rule: each rule has DP-1 and DP-2 eligible; sfpd and 647.3 flag DP-1 (confirmed), sfda DP-2.
    for (const rule of ['sfpd-psw-2017', 'ca-pc-647.3']) {
      for (const [m, v] of Object.entries({ eligible: 2, flagged: 1, confirmed: 1, flags: 1, cases: 1 })) put(m as ReleaseMeasure, '2024-03', 'rule', rule, v);
    }
    for (const [m, v] of Object.entries({ eligible: 2, flagged: 1, confirmed: 0, flags: 1, cases: 1 })) put(m as ReleaseMeasure, '2024-03', 'rule', 'sfda-psw-2018', v);
    put('base', '2024-03', 'ruleAgency', 'sfpd-psw-2017/SFPD', 1);
    put('base', '2024-03', 'ruleAgency', 'ca-pc-647.3/SFPD', 1);
    put('base', '2024-03', 'ruleAgency', 'sfda-psw-2018/SFDA', 1);
    put('base', '2024-03', 'ruleAgency', 'ca-pc-647.3/SFDA', 0);
    put('base', '2024-04', 'ruleAgency', 'sfpd-psw-2017/SFPD', 1);
    put('flagged', '2024-04', 'ruleAgency', 'sfpd-psw-2017/SFPD', 0);
    put('base', '2024-06', 'ruleAgency', 'ca-pc-647.3/CHP', 1);
    put('base', '2024-06', 'ruleAgency', 'sfpd-psw-2017/CHP', 0);
    put('eligible', '2024-03', 'district', 'Mission', 1);
    put('flagged', '2024-03', 'district', 'Mission', 1);
    put('eligible', '2024-05', 'district', 'Tenderloin', 1);
    put('eligible', '2024-06', 'category', 'Assault', 1);
    put('flagged', '2024-06', 'category', 'Assault', 1);
    put('eligible', '2024-06', 'category', 'Robbery', 0);
    // January 2023: 30 reports, every one arrested after; BP-01 (2 flags) and BP-30 (1) counted, BP-02 dismissed.
    for (const [m, v] of Object.entries({ eligible: 30, flagged: 2, confirmed: 0, flags: 3, cases: 2, arrestedAfter: 30, chargedAfter: 0 })) put(m as ReleaseMeasure, '2023', 'total', '', v);
    // SFPD's base keeps BP-02 (a dismissed flag is still an occasion): BP-01..BP-24.
    for (const [m, v] of Object.entries({ flagged: 1, base: 24, flags: 2, cases: 1 })) put(m as ReleaseMeasure, '2023-01', 'agency', 'SFPD', v);
    for (const [m, v] of Object.entries({ flagged: 1, base: 6, flags: 1, cases: 1 })) put(m as ReleaseMeasure, '2023-Q1', 'agency', 'BART', v);
    put('base', '2023-01', 'ruleAgency', 'sfpd-psw-2017/BART', 0);
    put('base', '2023-01', 'ruleAgency', 'ca-pc-647.3/BART', 6);
    put('flags', '2023-01', 'ruleAgency', 'ca-pc-647.3/BART', 1);
    put('flags', '2023-01', 'ruleAgency', 'ca-pc-647.3/SFPD', 1);
    put('flags', '2023-01', 'rule', 'sfpd-psw-2017', 1);
    put('flags', '2023', 'district', 'Richmond', 3);
    put('cases', '2023', 'district', 'Richmond', 2);
    expect(pick(values, expected)).toEqual(expected);
  });

  it("puts a flag in its report's category where the dashboard uses its rule's qualifying row", async () => {
    const dashboard = await t.app.get(DashboardService).dashboard({ from: '2024-01', to: '2024-12', threshold: 'medium' }, 'admin');
    expect(dashboard.byCategory).toEqual([{ key: 'Robbery', flags: 4, cases: 3 }]);
  });
});

describe('on a generated city, against the dashboard and the monthly report', () => {
  let release: ReleaseCells;
  let values: Map<string, number>;
  let nothingLoaded: ReleaseCells;
  beforeAll(async () => {
    await t.ownerQuery(
      `TRUNCATE flag, eligible_report, evaluation_run, incident_report_row, incident_person, arrest, da_decision, record_history, import_reject, charge_list, import_batch CASCADE`,
    );
    nothingLoaded = await gatherReleaseCells(t.db);
    const chunks = new Map<OutputFile, string[]>();
    await generate({ ...DEFAULT_GENERATE_OPTIONS, seed: 'release-cells', incidents: 30_000, from: '2020-01', to: '2021-12', breachRate: 1, plantedShare: 0.05 }, {
      async write(file, chunk) {
        chunks.set(file, [...(chunks.get(file) ?? []), typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')]);
      },
    });
    for (const kind of ['incidents', 'incident-persons', 'arrests', 'da-decisions'] as const) {
      await ingest(t, kind, (chunks.get(`${kind}.csv` as OutputFile) ?? []).join(''), `${kind}.csv`, 1 << 16);
    }
    await t.app.get(EvaluationService).evaluate({ trigger: 'on-demand', requestedBy: 'test' });
    // Reviews: every third case confirmed, every fifth dismissed, one put in review (counted, not confirmed).
    await t.db.query(
      `INSERT INTO case_review (case_id, status)
       SELECT id, CASE WHEN n % 3 = 0 THEN 'confirmed_violation' WHEN n % 5 = 0 THEN 'data_error' WHEN n % 7 = 0 THEN 'in_review' ELSE 'new' END
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM flag_case) c`,
    );
    release = await gatherReleaseCells(t.db);
    values = valuesOf(release);
  }, 240_000);

  it('has no period and no cell before anything is loaded', () => {
    expect(nothingLoaded).toEqual({ periods: [], cells: [], agencies: [], districts: [], categories: [], rules: ['sfpd-psw-2017', 'sfda-psw-2018', 'ca-pc-647.3'] });
  });

  it('holds enough to compare: flags of every confidence and outcome, in most months', async () => {
    const [counts] = await t.db.query(
      `SELECT count(*) FILTER (WHERE f.confidence = 'low')::int AS low, count(*) FILTER (WHERE r.status = 'confirmed_violation')::int AS confirmed,
              count(*) FILTER (WHERE r.status = 'data_error')::int AS dismissed, count(DISTINCT f.agency)::int AS agencies,
              count(DISTINCT date_trunc('month', f.report_at))::int AS months
         FROM flag f LEFT JOIN case_review r USING (case_id) WHERE f.status = 'current' AND f.report_at IS NOT NULL`,
    );
    expect(counts).toEqual({ low: expect.any(Number), confirmed: expect.any(Number), dismissed: expect.any(Number), agencies: expect.any(Number), months: expect.any(Number) });
    expect(Math.min(counts.low, counts.confirmed, counts.dismissed)).toBeGreaterThan(5);
    expect(counts.agencies).toBeGreaterThan(2);
    expect(counts.months).toBeGreaterThan(12);
    // The dashboard's categories are its flags' own: equal to their reports' in this city (the hand-made one differs).
    const [{ differing }] = await t.db.query(
      `SELECT count(*)::int AS differing FROM flag f
        WHERE f.status = 'current' AND f.incident_category IS DISTINCT FROM
              (SELECT min(e.incident_category) FROM eligible_report e WHERE e.incident_number = f.report_incident_number AND e.person_key = f.person_key)`,
    );
    expect(differing).toBe(0);
  });

  const keysOf = (dimension: ReleaseDimension) =>
    ({ total: [''], agency: release.agencies, rule: release.rules, district: release.districts, category: release.categories, ruleAgency: release.rules.flatMap((r) => release.agencies.map((a) => `${r}/${a}`)) })[dimension];

  it.each([['2021-01', '2021-01'], ['2021-06', '2021-06'], ['2021-11', '2021-11'], ['2020-07', '2020-09'], ['2021-01', '2021-12']])(
    'equals the dashboard for %s to %s',
    async (from, to) => {
      const period = release.periods.find((p) => p.from === from && p.to === to)!.id;
      const d = await t.app.get(DashboardService).dashboard({ from, to, threshold: 'medium' }, 'admin');
      // The dashboard's counts are numbers for an internal role (null only where a viewer's are suppressed).
      const expected: Record<string, unknown> = {};
      const put = (measure: ReleaseMeasure, dimension: ReleaseDimension, key: string, value: unknown) => (expected[releaseCellId(cell(measure, period, dimension, key))] = value);
      const o = d.overall;
      for (const [m, v] of Object.entries({ eligible: o.eligibleReports, flagged: o.flaggedReports, confirmed: o.confirmedReports, flags: o.flags, cases: o.cases })) put(m as ReleaseMeasure, 'total', '', v);
      put('arrestedAfter', 'total', '', d.funnel.arrestedAfter);
      put('chargedAfter', 'total', '', d.funnel.chargedAfter);
      expect(d.perAgency.map((a) => a.agency)).toEqual(release.agencies);
      for (const a of d.perAgency) {
        for (const [m, v] of Object.entries({ flagged: a.flaggedReports, confirmed: a.confirmedReports, base: a.baseReports, flags: a.flags, cases: a.cases })) put(m as ReleaseMeasure, 'agency', a.agency, v);
      }
      for (const [dimension, rows] of [['district', d.byDistrict], ['category', d.byCategory]] as const) {
        for (const key of keysOf(dimension)) {
          const row = rows.find((r) => (r.key ?? '') === key);
          put('flags', dimension, key, row?.flags ?? 0);
          put('cases', dimension, key, row?.cases ?? 0);
        }
        expect(rows.every((r) => keysOf(dimension).includes(r.key ?? ''))).toBe(true);
      }
      expect(o.flags).toBeGreaterThan(0);
      expect(pick(values, expected)).toEqual(expected);
    },
  );

  it.each(['2021-01', '2021-06', '2021-11', '2020-08'])('equals the monthly report for %s', async (month) => {
    const r = await t.db.transaction('REPEATABLE READ', (tx) => gatherReportData(tx, month, new Date().toISOString()));
    const expected: Record<string, unknown> = {};
    const put = (measure: ReleaseMeasure, dimension: ReleaseDimension, key: string, value: unknown) => (expected[releaseCellId(cell(measure, month, dimension, key))] = value);
    const o = r.overall!;
    for (const [m, v] of Object.entries({ eligible: o.eligibleReports, flagged: o.flaggedReports, confirmed: o.confirmedReports, flags: o.flags, cases: o.cases })) put(m as ReleaseMeasure, 'total', '', v);
    for (const row of r.rules) {
      for (const [m, v] of Object.entries({ eligible: row.eligibleReports, flagged: row.flaggedReports, confirmed: row.confirmedReports, flags: row.flags, cases: row.cases })) put(m as ReleaseMeasure, 'rule', row.ruleId, v);
    }
    for (const key of keysOf('ruleAgency')) {
      const row = r.agencies.find((a) => `${a.ruleId}/${a.agency}` === key);
      for (const [m, v] of Object.entries({ flagged: row?.flaggedReports, confirmed: row?.confirmedReports, base: row?.baseReports, flags: row?.flags, cases: row?.cases })) put(m as ReleaseMeasure, 'ruleAgency', key, v ?? 0);
    }
    for (const [dimension, rows] of [['district', r.byDistrict.map((x) => ({ ...x, key: x.district }))], ['category', r.byCategory.map((x) => ({ ...x, key: x.category }))]] as const) {
      for (const key of keysOf(dimension)) {
        const row = rows.find((x) => (x.key ?? '') === key);
        for (const [m, v] of Object.entries({ eligible: row?.eligibleReports, flagged: row?.flaggedReports, flags: row?.flags, cases: row?.cases })) put(m as ReleaseMeasure, dimension, key, v ?? 0);
      }
    }
    expect(o.flags).toBeGreaterThan(0);
    expect(pick(values, expected)).toEqual(expected);
  });

  it('adds up: months to quarters and years (cases between the largest month and the sum), and breakdowns to totals', () => {
    const v = (measure: ReleaseMeasure, period: string, dimension: ReleaseDimension, key: string) => values.get(releaseCellId(cell(measure, period, dimension, key)))!;
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => void (ok || problems.push(what));
    const longer = release.periods.filter((p) => p.kind !== 'month');
    for (const { dimension, measures, periods } of RELEASE_GRID.filter((g) => g.periods.includes('quarter'))) {
      for (const p of longer.filter((x) => periods.includes(x.kind))) {
        const parts = p.kind === 'year' ? release.periods.filter((x) => x.kind === 'quarter' && x.id.startsWith(p.id)).map((x) => x.id) : monthsOf(p);
        for (const key of keysOf(dimension)) {
          for (const measure of measures) {
            const sum = parts.reduce((s, part) => s + v(measure, part, dimension, key), 0);
            const whole = v(measure, p.id, dimension, key);
            if (measure === 'cases') check(parts.every((part) => v(measure, part, dimension, key) <= whole) && whole <= sum, `${measure} ${p.id} ${dimension} ${key}`);
            else check(whole === sum, `${measure} ${p.id} ${dimension} ${key}: ${whole} != ${sum}`);
          }
        }
      }
    }
    for (const p of release.periods) {
      const total = v('flags', p.id, 'total', '');
      for (const dimension of ['agency', 'district', 'category'] as const) {
        check(keysOf(dimension).reduce((s, key) => s + v('flags', p.id, dimension, key), 0) === total, `flags of ${dimension} ${p.id}`);
      }
      if (p.kind === 'month') {
        check(release.rules.reduce((s, rule) => s + v('flags', p.id, 'rule', rule), 0) === total, `flags by rule ${p.id}`);
        for (const agency of release.agencies) {
          check(release.rules.reduce((s, rule) => s + v('flags', p.id, 'ruleAgency', `${rule}/${agency}`), 0) === v('flags', p.id, 'agency', agency), `flags of ${agency} by rule ${p.id}`);
        }
        for (const dimension of ['district', 'category'] as const) {
          check(keysOf(dimension).reduce((s, key) => s + v('eligible', p.id, dimension, key), 0) === v('eligible', p.id, 'total', ''), `eligible of ${dimension} ${p.id}`);
        }
      }
    }
    // Within every cell's slice: confirmed <= flagged <= flags, cases <= flags, flagged <= base and <= eligible.
    for (const c of release.cells) {
      const at = (measure: ReleaseMeasure) => values.get(releaseCellId({ ...c, measure }));
      const below = (measure: ReleaseMeasure) => at(measure) === undefined || c.value <= at(measure)!;
      if (c.measure === 'confirmed') check(below('flagged'), releaseCellId(c));
      if (c.measure === 'flagged') check(below('flags') && below('base') && below('eligible'), releaseCellId(c));
      if (c.measure === 'cases') check(below('flags'), releaseCellId(c));
    }
    expect(problems).toEqual([]);
    expect(release.cells.filter((c) => c.measure === 'cases' && c.value > 0).length).toBeGreaterThan(50);
  });
});
