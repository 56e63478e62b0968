import { RULE_IDS } from '@sra/policies';
import { releaseCellId, type DashboardResult, type ReleaseCellKey, type ReleaseMeasure, type ReleasePeriod, type ReleaseSlice } from '@sra/contracts';
import { DemoService } from '../../apps/api/src/demo/demo.service';
import { gatherReleaseCells } from '../../apps/api/src/compliance/release/release-cells';
import { TEST_PERSON_KEY_SECRET } from '../support/ingest-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * An automated differencing attacker (issue 12). On the demo city (its generator, seed and period, at 20,000
 * incident rows rather than the demo's 450,000, so that small counts abound), with three months' public reports published, a viewer collects everything the API lets them see: the
 * dashboard for every period it offers and for periods, filters and thresholds of their own choosing (overlapping
 * periods, every district, rule and agency, with and without a month), the public reports, the policies. Then it
 * tries to work hidden counts out: it substitutes every shown number into every sum it knows the figures obey
 * (months make quarters and years; agencies, districts, categories and rules make the total; flags are additive
 * everywhere, reports over time) and into the sums they only happen to obey (cases over months; reports over
 * agencies or rules), peels every equation left with one unknown, and uses that a hidden count is at least 1 (two
 * hidden counts adding up to 2 are 1 and 1). A value it derives that equals the true count is a recovery.
 */

let t: TestApp;
let viewer: Awaited<ReturnType<TestApp['signedIn']>>;
let truth: Map<string, number>;
let periods: ReleasePeriod[];
/** What the viewer saw: cell id -> shown value, null when hidden. */
const seen = new Map<string, number | null>();
const REPORT_MONTHS = ['2020-03', '2021-02', '2022-01'];

function observe(id: string, value: number | null, where: string): void {
  if (!seen.has(id)) seen.set(id, value);
  // The same cell is the same number wherever it appears (or hidden wherever it is).
  else if (seen.get(id) !== value) throw new Error(`${id} is ${String(seen.get(id))} in one place and ${String(value)} in ${where}`);
}

function observeDashboard(d: DashboardResult, period: string, where: string): void {
  const cell = (measure: ReleaseMeasure, p: string, dimension: ReleaseCellKey['dimension'], key: string) => releaseCellId({ measure, period: p, dimension, key });
  const o = d.overall;
  observe(cell('eligible', period, 'total', ''), o.eligibleReports, where);
  observe(cell('flagged', period, 'total', ''), o.flaggedReports, where);
  observe(cell('confirmed', period, 'total', ''), o.confirmedReports, where);
  observe(cell('flags', period, 'total', ''), o.flags, where);
  observe(cell('cases', period, 'total', ''), o.cases, where);
  observe(cell('arrestedAfter', period, 'total', ''), d.funnel.arrestedAfter, where);
  observe(cell('chargedAfter', period, 'total', ''), d.funnel.chargedAfter, where);
  for (const a of d.perAgency) {
    for (const [m, v] of [['flagged', a.flaggedReports], ['confirmed', a.confirmedReports], ['base', a.baseReports], ['flags', a.flags], ['cases', a.cases]] as const) {
      observe(cell(m, period, 'agency', a.agency), v, where);
    }
  }
  for (const m of d.monthly) {
    observe(cell('eligible', m.month, 'total', ''), m.eligibleReports, where);
    for (const [measure, v] of [['flagged', m.flaggedReports], ['confirmed', m.confirmedReports], ['base', m.baseReports], ['flags', m.flags], ['cases', m.cases]] as const) {
      observe(cell(measure, m.month, 'agency', m.agency), v, where);
    }
  }
  for (const [dimension, rows] of [['district', d.byDistrict], ['category', d.byCategory]] as const) {
    for (const r of rows) {
      observe(cell('flags', period, dimension, r.key ?? ''), r.flags, where);
      observe(cell('cases', period, dimension, r.key ?? ''), r.cases, where);
    }
  }
  // A rate gives its counts back: shown only with both.
  for (const f of [o, ...d.perAgency, ...d.monthly]) {
    if (f.complianceRate !== null) expect(f.flaggedReports !== null && f.baseReports !== null).toBe(true);
    if (f.confirmedComplianceRate !== null) expect(f.confirmedReports !== null && f.baseReports !== null).toBe(true);
  }
  expect(d.reviewStatus).toEqual([]);
  expect(d.openReviews).toBeNull();
}

beforeAll(async () => {
  t = await startTestApp({ PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET });
  await t.app.get(DemoService).load(20_000, () => undefined);
  const editor = await t.signedIn('analyst');
  for (const month of REPORT_MONTHS) {
    const { body } = await editor.post('/api/reports').send({ month }).expect(201);
    await editor.post(`/api/reports/${encodeURIComponent(body.id)}/publish`).send({}).expect(201);
  }
  viewer = await t.signedIn('viewer');
  const cells = await t.db.transaction('REPEATABLE READ', (tx) => gatherReleaseCells(tx));
  truth = new Map(cells.cells.map((c) => [releaseCellId(c), c.value]));
}, 600_000);
afterAll(async () => t?.close());

describe('a viewer trying to work out hidden counts', () => {
  it('gets whole months, quarters and years only: any other period, filter or threshold gives the same figures as a released period', async () => {
    const first: DashboardResult = (await viewer.get('/api/dashboard').expect(200)).body;
    periods = (first.release?.periods ?? []) as ReleasePeriod[];
    const audit = first.release?.audit;
    expect(audit?.passed).toBe(true);
    process.stdout.write(`released set: ${audit?.cells} cells, ${audit?.primary} small and ${(audit?.hidden ?? 0) - (audit?.primary ?? 0)} protecting hidden, suppression and audit ${audit?.millis} ms\n`);
    expect(periods.length).toBeGreaterThan(20);
    for (const p of periods) {
      const d: DashboardResult = (await viewer.get('/api/dashboard').query({ from: p.from, to: p.to }).expect(200)).body;
      expect(d.release?.period.id).toBe(p.id);
      expect(d.release?.snapped).toBeNull();
      observeDashboard(d, p.id, `the dashboard for ${p.id}`);
    }
    const released = new Set(periods.map((p) => `${p.from}..${p.to}`));
    const districts = first.districts;
    const asks: Array<Record<string, string | undefined>> = [
      { from: '2019-07', to: '2021-07' },
      { from: '2019-07', to: '2021-06' },
      { from: '2020-02', to: '2020-04' },
      { from: '2021-07', to: '2021-08' },
      ...districts.flatMap((district) => [{ district }, { district, from: '2021-07', to: '2021-07' }]),
      ...RULE_IDS.filter((r) => r !== 'ca-sb357-repeal').map((rule) => ({ rule, from: '2020-01', to: '2020-12' })),
      ...first.agencies.map((agency) => ({ agency, from: '2021-01', to: '2021-03' })),
      { threshold: 'low', from: '2021-07', to: '2021-07' },
      { threshold: 'high' },
    ];
    for (const ask of asks) {
      const d: DashboardResult = (await viewer.get('/api/dashboard').query(ask).expect(200)).body;
      expect(released.has(`${d.query.from}..${d.query.to}`)).toBe(true);
      expect(d.query.rule ?? null).toBeNull();
      expect(d.query.agency ?? null).toBeNull();
      expect(d.query.district ?? null).toBeNull();
      expect(d.query.threshold).toBe('medium');
      if (Object.keys(ask).some((k) => k !== 'from' && k !== 'to') || !released.has(`${ask.from}..${ask.to}`)) expect(d.release?.snapped).toEqual(expect.any(String));
      observeDashboard(d, d.release?.period.id as string, `the dashboard asked ${JSON.stringify(ask)}`);
    }
  });

  it('sees published reports only, whose public figures are the released cells', async () => {
    const { body } = await viewer.get('/api/reports').expect(200);
    expect(body.map((r: { status: string }) => r.status)).toEqual(REPORT_MONTHS.map(() => 'published'));
    const slices: Array<{ slice: ReleaseSlice }> = await t.db.query(`SELECT data->'release' AS slice FROM report_version WHERE status = 'published'`);
    expect(slices).toHaveLength(REPORT_MONTHS.length);
    for (const { slice } of slices) for (const [id, value] of slice.cells) observe(id, value, `the public report of ${slice.month}`);
  });

  it('sees no count per policy version', async () => {
    const { body } = await viewer.get('/api/policy-versions').expect(200);
    for (const p of body.data ?? body) expect(p.flags ?? null).toBeNull();
  });

  it('recovers no hidden count by any sum, difference or bound', () => {
    for (const [id, v] of seen) if (v !== null) expect(v).toBe(truth.get(id));
    const hidden = [...seen].filter(([, v]) => v === null).map(([id]) => id);
    const sums = knownSums([...seen.keys()]);
    const recovered = attack(seen, sums);
    process.stdout.write(
      `differencing attacker: ${seen.size} released cells seen, ${hidden.length} hidden cells tried with ${sums.equations.length} sums and ${sums.guessed.length} guessed sums, ${recovered.size} recovered\n`,
    );
    expect(hidden.length).toBeGreaterThan(100);
    expect([...recovered].map(([id, why]) => `${id}: ${why}`)).toEqual([]);
  });

  it('is an attacker that finds a count left alone in a sum (shown: it can fail)', () => {
    // Take a certain sum with hidden parts and show all its numbers but one: the attacker must find that one.
    const sums = knownSums([...seen.keys()]);
    const target = sums.equations.find((e) => e.parts.some((id) => seen.get(id) === null));
    expect(target).toBeDefined();
    const victim = target!.parts.find((id) => seen.get(id) === null) as string;
    const leaky = new Map(seen);
    for (const id of [target!.whole, ...target!.parts]) if (id !== victim) leaky.set(id, truth.get(id) as number);
    expect([...attack(leaky, sums).keys()]).toContain(victim);
  });
});

/**
 * What the attacker recovers: it peels every certain sum with one unknown to a fixed point (a guessed sum, true
 * only by chance, is tried at every stage), and uses that hidden counts are at least 1. A derived value that equals
 * the true count is a recovery.
 */
function attack(observed: Map<string, number | null>, sums: ReturnType<typeof knownSums>): Map<string, string> {
  const recovered = new Map<string, string>();
  const known = new Map([...observed].filter(([, v]) => v !== null) as Array<[string, number]>);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [list, certain] of [[sums.equations, true], [sums.guessed, false]] as const) {
      for (const { whole, parts, why } of list) {
        const unknown = [whole, ...parts].filter((id) => !known.has(id));
        if (unknown.length === 0) continue;
        const partsKnown = parts.filter((id) => known.has(id)).reduce((s, id) => s + (known.get(id) as number), 0);
        if (unknown.length === 1) {
          const [x] = unknown;
          const value = x === whole ? partsKnown : (known.get(whole) as number) - partsKnown;
          if (value === truth.get(x)) {
            recovered.set(x, `${why}${certain ? '' : ' (a guess that happened to hold)'}`);
            if (certain) [changed] = [true, known.set(x, value)];
          }
        } else if (!unknown.includes(whole)) {
          // Hidden parts are at least 1 each: if they add up to their number, each is 1.
          const rest = (known.get(whole) as number) - partsKnown;
          if (rest === unknown.length) for (const x of unknown) recovered.set(x, `${why}: ${unknown.length} hidden counts adding up to ${rest}`);
        }
      }
    }
  }
  return recovered;
}

/** The sums a reader knows the released figures obey (certain), and those they might guess (true only sometimes). */
function knownSums(ids: string[]): { equations: Array<{ whole: string; parts: string[]; why: string }>; guessed: Array<{ whole: string; parts: string[]; why: string }> } {
  const present = new Set(ids);
  const keys = ids.map((id) => {
    const [measure, period, dimension, ...key] = id.split('|');
    return { measure, period, dimension, key: key.join('|') } as ReleaseCellKey;
  });
  const equations: Array<{ whole: string; parts: string[]; why: string }> = [];
  const guessed: Array<{ whole: string; parts: string[]; why: string }> = [];
  const add = (whole: ReleaseCellKey, parts: ReleaseCellKey[], why: string, certain: boolean) => {
    const w = releaseCellId(whole);
    const p = parts.map(releaseCellId).filter((id) => present.has(id));
    if (!present.has(w) || p.length === 0) return;
    (certain ? equations : guessed).push({ whole: w, parts: p, why });
  };
  const partsOf = (period: string): string[] =>
    /Q/.test(period)
      ? [0, 1, 2].map((k) => `${period.slice(0, 4)}-${String((Number(period.slice(-1)) - 1) * 3 + k + 1).padStart(2, '0')}`)
      : /^\d{4}$/.test(period)
        ? [1, 2, 3, 4].map((q) => `${period}-Q${q}`)
        : [];
  for (const k of keys) {
    const sub = partsOf(k.period);
    if (sub.length > 0) add(k, sub.map((period) => ({ ...k, period })), `${k.measure} of ${k.period} minus its other parts`, k.measure !== 'cases');
    if (k.dimension === 'total') {
      for (const dimension of ['agency', 'district', 'category', 'rule'] as const) {
        const parts = keys.filter((x) => x.measure === k.measure && x.period === k.period && x.dimension === dimension);
        const additive = k.measure === 'flags' || (k.measure === 'cases' && dimension === 'agency') || (k.measure !== 'cases' && (dimension === 'district' || dimension === 'category') && k.measure !== 'flagged');
        add(k, parts, `${k.measure} of ${k.period} minus the other ${dimension} parts`, additive);
      }
    }
    // A rule's figures by agency, an agency's by rule (months).
    if (k.dimension === 'rule' || k.dimension === 'agency') {
      const parts = keys.filter((x) => x.measure === k.measure && x.period === k.period && x.dimension === 'ruleAgency' && (k.dimension === 'rule' ? x.key.startsWith(`${k.key}/`) : x.key.endsWith(`/${k.key}`)));
      add(k, parts, `${k.measure} of ${k.key} in ${k.period} minus its other parts`, k.measure === 'flags' || (k.measure === 'cases' && k.dimension === 'rule'));
    }
  }
  return { equations, guessed };
}
