import type { ReportData, ReportDocument, ReportTable } from '@sra/contracts';
import { buildReportDocument } from './document';
import { mayReport, PC6473_RULE, SFPD_RULE } from './fixtures';

/*
 * A snapshot taken since issue 12 carries the month's cells of the released set. Its public edition draws those
 * cells, hidden exactly where the released set hides them, and no count of the raw snapshot. The slice below differs
 * from the May fixture's raw counts on purpose (SFPD's eligible reports: 41 here, 40 raw), so a number taken from
 * the raw data would show.
 */

const HIDDEN = { suppressed: true, display: '<11' };

function withSlice(): ReportData {
  const data = mayReport();
  const c = (measure: string, dimension: string, key: string, value: number | null, period = '2022-05'): [string, number | null] => [`${measure}|${period}|${dimension}|${key}`, value];
  data.release = {
    month: '2022-05',
    cells: [
      c('eligible', 'rule', SFPD_RULE, 41),
      c('flagged', 'rule', SFPD_RULE, null),
      c('confirmed', 'rule', SFPD_RULE, null),
      c('flags', 'rule', SFPD_RULE, null),
      c('cases', 'rule', SFPD_RULE, null),
      c('eligible', 'rule', PC6473_RULE, 25),
      c('flagged', 'rule', PC6473_RULE, 12),
      c('confirmed', 'rule', PC6473_RULE, null),
      c('flags', 'rule', PC6473_RULE, 14),
      c('cases', 'rule', PC6473_RULE, 13),
      c('eligible', 'district', 'Mission', 20),
      c('flagged', 'district', 'Mission', 12),
      c('flags', 'district', 'Mission', 14),
      c('eligible', 'district', 'Tenderloin', 25),
      c('flagged', 'district', 'Tenderloin', null),
      c('flags', 'district', 'Tenderloin', null),
      c('eligible', 'total', '', 50),
      c('flagged', 'total', '', 14),
      c('flags', 'total', '', 18),
      c('eligible', 'rule', SFPD_RULE, 30, '2022-04'),
      c('flagged', 'rule', SFPD_RULE, 0, '2022-04'),
    ],
  };
  return data;
}

const build = (data: ReportData): ReportDocument =>
  buildReportDocument(data, { version: 1, status: 'published', generatedAt: '2022-06-03T08:05:00Z', contentHash: 'a'.repeat(64), edition: 'public' });

function table(doc: ReportDocument, id: string): ReportTable {
  const found = doc.sections.flatMap((s) => s.tables).find((t) => t.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return found;
}

describe('the public edition of a snapshot with released cells', () => {
  it("draws the released cells, hidden where the released set hides them, never the snapshot's own counts", () => {
    const doc = build(withSlice());
    const byRule = table(doc, 'summary-by-rule');
    // Rows in the snapshot's rule order: SFPD bulletin, DA policy, PC 647.3.
    const sfpd = byRule.rows[0] as ReportTable['rows'][number];
    // Rule, eligible, flagged, rate, confirmed, confirmed rate, cases, flags.
    expect(sfpd[1]).toBe(41);
    expect(sfpd[2]).toEqual(HIDDEN);
    expect(sfpd[4]).toEqual(HIDDEN);
    expect(sfpd[7]).toEqual(HIDDEN);
    const pc = byRule.rows[2] as ReportTable['rows'][number];
    expect([pc[1], pc[2], pc[6], pc[7]]).toEqual([25, 12, 13, 14]);
    // A cell the slice does not hold is hidden: the DA policy's row here.
    expect((byRule.rows[1] as ReportTable['rows'][number])[1]).toEqual(HIDDEN);
    const districts = table(doc, 'by-district');
    const mission = districts.rows.find((r) => r[0] === 'Mission') as ReportTable['rows'][number];
    expect([mission[1], mission[2]]).toEqual([20, 12]);
    const tenderloin = districts.rows.find((r) => r[0] === 'Tenderloin') as ReportTable['rows'][number];
    expect(tenderloin[2]).toEqual(HIDDEN);
  });

  it('leaves out what the released set does not hold: flags by confidence and review outcome, the month\'s arrests', () => {
    const doc = build(withSlice());
    expect(doc.sections.map((s) => s.id)).not.toContain('confidence');
    const basis = table(doc, 'data-basis');
    expect(basis.rows.map((r) => r[0])).not.toContain('Arrests made in May 2022');
    expect(JSON.stringify(doc)).toContain('part of the released set');
    // A snapshot without released cells (taken before issue 12) is drawn as it was: with the confidence table.
    expect(build(mayReport()).sections.map((s) => s.id)).toContain('confidence');
  });
});

describe('a month with no eligible report', () => {
  it('says its district and category charts have nothing to draw, instead of empty axes', () => {
    const data = withSlice();
    data.byDistrict = [];
    data.byCategory = [];
    const doc = build(data);
    const charts = doc.sections.flatMap((s) => s.charts);
    for (const id of ['flags-by-district', 'flags-by-category']) {
      expect(charts.find((c) => c.id === id)?.nothingToDraw).toBe('No eligible report in May 2022: nothing to draw.');
    }
  });
});
