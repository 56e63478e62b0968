import type { ReportData, ReportDocument, ReportSection, ReportTable } from '@sra/contracts';
import { buildReportDocument, type BuildReportOptions } from './document';
import { CASE_SENTENCE_1, CASE_SENTENCE_2, mayCasesReport, mayReport, PC6473_RULE, SFPD_RULE } from './fixtures';

// The report names the zone of each time in a case's sentence (issue 14).
const ZONED_1 = CASE_SENTENCE_1.replace('21:00;', '21:00 PDT;').replace('23:40 in', '23:40 PDT in');
const ZONED_2 = CASE_SENTENCE_2.replace('10:00;', '10:00 PDT;');

// Hidden count and hidden rate, as the public edition shows them.
const S = { suppressed: true, display: '<11' };
const N = { suppressed: true, display: 'not shown' };

const BASE: Omit<BuildReportOptions, 'edition'> = {
  version: 2,
  status: 'published',
  generatedAt: '2022-06-03T08:05:00Z',
  contentHash: 'a'.repeat(64),
};

function build(edition: 'internal' | 'public', data: ReportData = mayReport(), extra: Partial<BuildReportOptions> = {}): ReportDocument {
  return buildReportDocument(data, { ...BASE, edition, ...extra });
}

function section(doc: ReportDocument, id: string): ReportSection {
  const found = doc.sections.find((s) => s.id === id);
  if (!found) throw new Error(`no section ${id}`);
  return found;
}

function table(doc: ReportDocument, id: string): ReportTable {
  const found = doc.sections.flatMap((s) => s.tables).find((t) => t.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return found;
}

describe('buildReportDocument: structure', () => {
  it('puts the sections in order, the flagged cases only in the internal edition', () => {
    const internal = build('internal');
    expect(internal.sections.map((s) => s.heading)).toEqual([
      'Summary',
      'Trend',
      'Where',
      'Flags by confidence and review outcome',
      'Flagged cases',
      'What this month rests on',
      'Policies in force',
      'Method',
    ]);
    expect(build('public').sections.map((s) => s.heading)).toEqual([
      'Summary',
      'Trend',
      'Where',
      'Flags by confidence and review outcome',
      'What this month rests on',
      'Policies in force',
      'Method',
    ]);
  });

  it('carries the options and the month on the document', () => {
    const doc = build('public', mayReport(), { threshold: 5 });
    expect(doc).toMatchObject({
      title: 'Safe reporting compliance report, May 2022 (public edition)',
      month: '2022-05',
      edition: 'public',
      version: 2,
      status: 'published',
      generatedAt: '2022-06-03T08:05:00Z',
      contentHash: 'a'.repeat(64),
      suppressionThreshold: 5,
    });
    expect(build('internal').suppressionThreshold).toBe(11);
    expect(build('internal').title).toBe('Safe reporting compliance report, May 2022 (internal edition)');
  });

  it('gives every table a unique id (the CSV file names)', () => {
    const ids = build('internal').sections.flatMap((s) => s.tables.map((t) => t.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is deterministic: the same snapshot gives the same document, whatever the order of its lists', () => {
    const a = build('public');
    const shuffled = mayReport();
    shuffled.agencies.reverse();
    shuffled.byDistrict.reverse();
    shuffled.byCategory.reverse();
    shuffled.flagsByConfidenceAndStatus.reverse();
    shuffled.trend.reverse();
    shuffled.cases.reverse();
    shuffled.dataBasis.batches.reverse();
    shuffled.policies.reverse();
    expect(JSON.stringify(build('public', shuffled))).toBe(JSON.stringify(a));
    expect(JSON.stringify(build('internal', shuffled))).toBe(JSON.stringify(build('internal')));
  });
});

describe('buildReportDocument: summary', () => {
  it('internal: every figure per rule, rates worked out by hand', () => {
    expect(table(build('internal'), 'summary-by-rule')).toMatchObject({
      columns: ['Rule', 'Eligible reports', 'Flagged reports', 'Compliance rate', 'Confirmed reports', 'Confirmed compliance rate', 'Flags'],
      rows: [
        // 1 - 3/40 = 92.5%, 1 - 1/40 = 97.5%
        ['SFPD safe-reporting bulletin', 40, 3, '92.5%', 1, '97.5%', 4],
        ['DA safe-reporting policy', 40, 0, '100.0%', 0, '100.0%', 0],
        // 1 - 12/25 = 52%, 1 - 2/25 = 92%
        ['Penal Code 647.3', 25, 12, '52.0%', 2, '92.0%', 14],
      ],
    });
  });

  it('internal: per rule and acting agency, against the rule\'s eligible reports', () => {
    expect(table(build('internal'), 'summary-by-rule-and-agency').rows).toEqual([
      ['SFPD safe-reporting bulletin', 'SFPD', 40, 3, '92.5%', 1, '97.5%', 4],
      // 1 - 2/25 = 92%, 1 - 1/25 = 96%, 1 - 10/25 = 60%
      ['Penal Code 647.3', 'SFPD', 25, 2, '92.0%', 1, '96.0%', 3],
      ['Penal Code 647.3', 'SFSO', 25, 10, '60.0%', 1, '96.0%', 11],
    ]);
  });

  it('public: small counts hidden, the rates that would reveal them hidden with them', () => {
    // Flags by rule 4, 0, 14 (total 18 shown under "Where"): 4 is small; 14 is hidden too, or 18 - 4... gives it.
    expect(table(build('public'), 'summary-by-rule').rows).toEqual([
      ['SFPD safe-reporting bulletin', 40, S, N, S, N, S],
      ['DA safe-reporting policy', 40, 0, '100.0%', 0, '100.0%', 0],
      ['Penal Code 647.3', 25, 12, '52.0%', S, N, S],
    ]);
  });

  it('public: agencies of a rule protect each other (flags 3 and 11: the 11 is hidden too)', () => {
    expect(table(build('public'), 'summary-by-rule-and-agency').rows).toEqual([
      ['SFPD safe-reporting bulletin', 'SFPD', 40, S, N, S, N, S],
      ['Penal Code 647.3', 'SFPD', 25, S, N, S, N, S],
      ['Penal Code 647.3', 'SFSO', 25, S, N, S, N, S],
    ]);
  });

  it('public: an agency count is hidden when it alone would give back a rule count hidden in the summary', () => {
    // PC 647.3 acted on by SFSO only: its 14 flags are hidden in the summary (to protect the SFPD bulletin's 4),
    // so SFSO's 14 must be hidden too; its 12 flagged reports are shown in both places.
    const data = mayReport();
    data.agencies = data.agencies.filter((a) => a.ruleId !== PC6473_RULE);
    data.agencies.push({ ruleId: PC6473_RULE, agency: 'SFSO', eligibleReports: 25, flaggedReports: 12, confirmedReports: 2, flags: 14 });
    expect(table(build('public', data), 'summary-by-rule-and-agency').rows).toEqual([
      ['SFPD safe-reporting bulletin', 'SFPD', 40, S, N, S, N, S],
      ['Penal Code 647.3', 'SFSO', 25, 12, '52.0%', S, N, S],
    ]);
  });

  it('says each rule\'s figures in words, with the same hidden counts in the public edition', () => {
    expect(section(build('internal'), 'summary').paragraphs).toContain(
      'SFPD safe-reporting bulletin: 40 eligible reports, of which 3 flagged: a compliance rate of 92.5%. 1 confirmed by a reviewer: a confirmed compliance rate of 97.5%. 4 flags in all.',
    );
    const pub = section(build('public'), 'summary').paragraphs;
    expect(pub).toContain(
      'SFPD safe-reporting bulletin: 40 eligible reports, of which <11 flagged: the compliance rate is not shown, as it would reveal a hidden count. <11 confirmed by a reviewer: the confirmed compliance rate is not shown, as it would reveal a hidden count. <11 flags in all.',
    );
    expect(pub).toContain(
      'DA safe-reporting policy: 40 eligible reports, of which 0 flagged: a compliance rate of 100.0%. 0 confirmed by a reviewer: a confirmed compliance rate of 100.0%. 0 flags in all.',
    );
  });

  it('gives no rate, not 100%, when nothing was eligible', () => {
    const data = mayReport();
    data.rules[1] = { ...data.rules[1]!, eligibleReports: 0, flaggedReports: 0, confirmedReports: 0, flags: 0 };
    const doc = build('internal', data);
    expect(table(doc, 'summary-by-rule').rows[1]).toEqual(['DA safe-reporting policy', 0, 0, 'no eligible reports', 0, 'no eligible reports', 0]);
    expect(section(doc, 'summary').paragraphs).toContain('DA safe-reporting policy: no eligible reports this month, so there is no compliance rate.');
  });

  it('uses the titles given by the caller', () => {
    const doc = build('internal', mayReport(), { ruleTitles: { [SFPD_RULE]: 'SFPD bulletin (2017)' } });
    expect(table(doc, 'summary-by-rule').rows[0]![0]).toBe('SFPD bulletin (2017)');
  });
});

describe('buildReportDocument: trend', () => {
  const months = ['May 2021', 'June 2021', 'July 2021', 'August 2021', 'September 2021', 'October 2021', 'November 2021', 'December 2021', 'January 2022', 'February 2022', 'March 2022', 'April 2022', 'May 2022'];
  const gap10 = Array<null>(10).fill(null);
  const gap11 = Array<null>(11).fill(null);

  it('internal: the month and the 12 before, a line per rule, gaps where nothing was eligible', () => {
    const trend = section(build('internal'), 'trend');
    const chart = trend.charts[0]!;
    expect(chart).toMatchObject({ id: 'compliance-rate-trend', kind: 'line', unit: '%', categories: months });
    expect(chart.series).toEqual([
      // 2021-05: 1 - 11/20 = 45%; 2022-04: 1 - 0/30; 2022-05: 1 - 3/40
      { name: 'SFPD safe-reporting bulletin', values: [45, ...gap10, 100, 92.5] },
      { name: 'DA safe-reporting policy', values: [...gap11, 100, 100] },
      // 2022-04: 1 - 1/8 = 87.5%
      { name: 'Penal Code 647.3', values: [...gap11, 87.5, 52] },
    ]);
    const rows = trend.tables[0]!.rows;
    expect(rows).toHaveLength(39);
    expect(rows[0]).toEqual(['May 2021', 'SFPD safe-reporting bulletin', 20, 11, '45.0%']);
    expect(rows[1]).toEqual(['May 2021', 'DA safe-reporting policy', 0, 0, 'no eligible reports']);
    expect(rows[35]).toEqual(['April 2022', 'Penal Code 647.3', 8, 1, '87.5%']);
  });

  it('public: a rate with a hidden count is a gap in the chart and "not shown" in the table', () => {
    const trend = section(build('public'), 'trend');
    expect(trend.charts[0]!.series).toEqual([
      { name: 'SFPD safe-reporting bulletin', values: [45, ...gap10, 100, null] },
      { name: 'DA safe-reporting policy', values: [...gap11, 100, 100] },
      { name: 'Penal Code 647.3', values: [...gap11, null, 52] },
    ]);
    const rows = trend.tables[0]!.rows;
    // 11 is not under 11: shown.
    expect(rows[0]).toEqual(['May 2021', 'SFPD safe-reporting bulletin', 20, 11, '45.0%']);
    expect(rows[35]).toEqual(['April 2022', 'Penal Code 647.3', S, S, N]);
    // The report month repeats the summary.
    expect(rows[36]).toEqual(['May 2022', 'SFPD safe-reporting bulletin', 40, S, N]);
  });
});

describe('buildReportDocument: where', () => {
  it('internal: by district and category with totals, and bar charts of flags', () => {
    const doc = build('internal');
    expect(table(doc, 'by-district')).toMatchObject({
      columns: ['Police district', 'Eligible reports', 'Flagged reports', 'Compliance rate', 'Flags'],
      rows: [
        ['Bayview', 3, 0, '100.0%', 0],
        ['Mission', 20, 12, '40.0%', 14],
        ['Tenderloin', 25, 2, '92.0%', 4],
        ['Unknown district', 2, 0, '100.0%', 0],
        ['All districts', 50, 14, '72.0%', 18],
      ],
    });
    expect(table(doc, 'by-category').rows).toEqual([
      // 1 - 13/30 = 56.67%
      ['Assault', 30, 13, '56.7%', 17],
      ['Robbery', 20, 1, '95.0%', 1],
      ['All categories', 50, 14, '72.0%', 18],
    ]);
    expect(section(doc, 'where').charts).toEqual([
      { id: 'flags-by-district', title: 'Flags by police district, May 2022', kind: 'bar', categories: ['Bayview', 'Mission', 'Tenderloin', 'Unknown district'], series: [{ name: 'Flags', values: [0, 14, 4, 0] }], unit: 'flags' },
      { id: 'flags-by-category', title: 'Flags by incident category, May 2022', kind: 'bar', categories: ['Assault', 'Robbery'], series: [{ name: 'Flags', values: [17, 1] }], unit: 'flags' },
    ]);
  });

  it('public: each column suppressed as a list with its total', () => {
    const doc = build('public');
    // Eligible 3, 20, 25, 2: the two small ones protect each other. Flagged 0, 12, 2, 0 and flags 0, 14, 4, 0:
    // the one small count takes the largest other with it (the zeros protect nothing). Totals stay.
    expect(table(doc, 'by-district').rows).toEqual([
      ['Bayview', S, 0, N, 0],
      ['Mission', 20, S, N, S],
      ['Tenderloin', 25, S, N, S],
      ['Unknown district', S, 0, N, 0],
      ['All districts', 50, 14, '72.0%', 18],
    ]);
    expect(table(doc, 'by-category').rows).toEqual([
      ['Assault', 30, S, N, S],
      ['Robbery', 20, S, N, S],
      ['All categories', 50, 14, '72.0%', 18],
    ]);
    expect(section(doc, 'where').charts.map((c) => c.series[0]!.values)).toEqual([
      [0, null, null, 0],
      [null, null],
    ]);
  });
});

describe('buildReportDocument: where, when the two splits disagree', () => {
  it('each table shows its own total', () => {
    const data = mayReport();
    data.byCategory[0] = { ...data.byCategory[0]!, eligibleReports: 19 };
    const doc = build('internal', data);
    expect(table(doc, 'by-district').rows[4]).toEqual(['All districts', 50, 14, '72.0%', 18]);
    // 1 - 14/49 = 71.43%
    expect(table(doc, 'by-category').rows[2]).toEqual(['All categories', 49, 14, '71.4%', 18]);
  });
});

describe('buildReportDocument: flags by confidence and review outcome', () => {
  const columns = ['Confidence', 'New', 'In review', 'Confirmed violation', 'Not a violation', 'Policy exception', 'Data error', 'Total'];

  it('internal: the whole table with its totals', () => {
    expect(table(build('internal'), 'flags-by-confidence-and-review')).toMatchObject({
      columns,
      rows: [
        ['High', 6, 2, 3, 1, 0, 0, 12],
        ['Medium', 5, 2, 0, 0, 0, 2, 9],
        ['Low', 12, 0, 0, 3, 0, 0, 15],
        ['Total', 23, 4, 3, 4, 0, 2, 36],
      ],
    });
  });

  it('public: worked out piece by piece (counted corner, dismissed, low confidence)', () => {
    // Corner 6 2 3 / 5 2 0 (18): all small but the 0; its row total 11 goes with the medium row's 7.
    // Dismissed 1 0 0 / 0 0 2: all small. Low 12 0 0 3 0 0 (15): the 3 takes the 12 with it.
    // A total of the whole table is shown only when every piece's part of it is: only the low row's 15 and the
    // policy exception column's 0.
    expect(table(build('public'), 'flags-by-confidence-and-review').rows).toEqual([
      ['High', S, S, S, S, 0, 0, S],
      ['Medium', S, S, 0, 0, 0, S, S],
      ['Low', S, 0, 0, S, 0, 0, 15],
      ['Total', S, S, S, S, 0, S, S],
    ]);
  });

  it('public: the counted corner cannot be given back by the month\'s flags total', () => {
    // Corner 20 20 3 / 20 20 20 adds up to 103, the month's flags (shown under "Where"). Suppressed as one table,
    // the 3 and the 1 (high, not a violation) would be protected by the low row alone, and
    // 103 - (medium row 60) - 20 - 20 = 3, then 44 - 20 - 20 - 3 = 1. In pieces, the corner hides a rectangle.
    const data = mayReport();
    const grid: Record<string, number[]> = { high: [20, 20, 3, 1, 0, 0], medium: [20, 20, 20, 0, 0, 0], low: [0, 0, 15, 15, 0, 0] };
    const statuses = ['new', 'in_review', 'confirmed_violation', 'not_a_violation', 'policy_exception', 'data_error'];
    data.flagsByConfidenceAndStatus = (['high', 'medium', 'low'] as const).flatMap((confidence) =>
      statuses.map((reviewStatus, j) => ({ confidence, reviewStatus, flags: grid[confidence]![j]! })),
    );
    expect(table(build('public', data), 'flags-by-confidence-and-review').rows).toEqual([
      ['High', S, 20, S, S, 0, 0, S],
      ['Medium', S, 20, S, 0, 0, 0, 60],
      ['Low', 0, 0, 15, 15, 0, 0, 30],
      ['Total', 40, 40, 38, S, 0, 0, S],
    ]);
  });
});

describe('buildReportDocument: flagged cases', () => {
  it('internal: one row per case, oldest action first', () => {
    expect(table(build('internal'), 'flagged-cases')).toMatchObject({
      columns: ['Flag', 'Rule', 'Confidence', 'Acting agency', 'Incident number', 'Action', 'Action date', 'Police district', 'Incident category', 'Review status', 'What happened'],
      rows: [
        ['f-0002', 'Penal Code 647.3', 'Medium', 'SFSO', '220309876', 'Arrest', '2022-05-01', 'Unknown', 'Robbery', 'In review', ZONED_2],
        ['f-0001', 'SFPD safe-reporting bulletin', 'High', 'SFPD', '220301234', 'Arrest', '2022-05-03', 'Mission', 'Assault', 'Confirmed violation', ZONED_1],
      ],
    });
  });

  it('public: no incident number, flag id or case sentence anywhere in the document', () => {
    const json = JSON.stringify(build('public'));
    for (const secret of ['220309876', '220301234', 'f-0001', 'f-0002', CASE_SENTENCE_1, CASE_SENTENCE_2, 'Reported assault', 'Reported robbery']) {
      expect(json).not.toContain(secret);
    }
    // The same search finds them in the internal edition: the search can fail.
    const internal = JSON.stringify(build('internal'));
    for (const secret of ['220309876', '220301234', 'f-0001', 'f-0002']) expect(internal).toContain(secret);
  });
});

describe('buildReportDocument: data basis, policies, method', () => {
  it('shows the files and rows in full in both editions, times in San Francisco', () => {
    for (const edition of ['internal', 'public'] as const) {
      const doc = build(edition);
      // Files and rows are not about people: shown in both editions. The month's 8 arrests are: hidden in public.
      const hidden = { suppressed: true, display: '<11' };
      expect(table(doc, 'data-basis').rows).toEqual([
        ['Files loaded', 2],
        ['Rows rejected, all files', 20],
        ['Arrests made in May 2022', edition === 'internal' ? 8 : hidden],
        ['Of them, naming a loaded incident', edition === 'internal' ? 6 : hidden],
        ['Share naming a loaded incident', edition === 'internal' ? '75.0%' : 'not shown'],
        ['Flags last evaluated', '2022-06-02 11:00 PDT'],
        ['Figures taken', '2022-06-03 01:00 PDT'],
      ]);
      expect(table(doc, 'batches-loaded')).toMatchObject({
        columns: ['Kind', 'File', 'Loaded at', 'Rows read', 'Inserted', 'Updated', 'Rejected'],
        rows: [
          ['Arrests', 'arrests "final".csv', '2022-06-01 09:05 PDT', 800, 790, 0, 10],
          ['Incident reports', 'incidents, May 2022.csv', '2022-06-02 10:30 PDT', 1200, 1100, 90, 10],
        ],
      });
      expect(section(doc, 'data-basis').paragraphs).toEqual([
        '2 files loaded, with 20 rows rejected in all (a rejected row is left out of every figure).',
        edition === 'internal'
          ? '8 arrests made in May 2022 are loaded; 6 of them (75.0%) name an incident that is loaded. An arrest whose incident is not loaded can be connected to a report only by its time.'
          : '<11 arrests made in May 2022 are loaded (a small count, hidden). An arrest whose incident is not loaded can be connected to a report only by its time.',
        'The flags were last evaluated on 2022-06-02 11:00 PDT (San Francisco time).',
        'These figures were taken on 2022-06-03 01:00 PDT (San Francisco time).',
      ]);
    }
  });

  it('in the public edition, shows the arrests of the month when not small, hiding the linked ones with their complement', () => {
    const data = mayReport();
    data.dataBasis = { ...data.dataBasis, arrests: 40, arrestsLinked: 35 };
    // 35 linked and 5 not: the 5 is small, so the 35 is hidden too (40 - 35 would give it back); the total shows.
    expect(table(build('public', data), 'data-basis').rows.slice(2, 5)).toEqual([
      ['Arrests made in May 2022', 40],
      ['Of them, naming a loaded incident', { suppressed: true, display: '<11' }],
      ['Share naming a loaded incident', 'not shown'],
    ]);
  });

  it('says so when the flags were never evaluated and no arrest is loaded', () => {
    const data = mayReport();
    data.dataBasis = { ...data.dataBasis, arrests: 0, arrestsLinked: 0, evaluatedAt: null };
    const doc = build('internal', data);
    expect(section(doc, 'data-basis').paragraphs[1]).toBe('No arrest made in May 2022 is loaded.');
    expect(section(doc, 'data-basis').paragraphs[2]).toBe('The flags had not been evaluated when these figures were taken.');
    expect(table(doc, 'data-basis').rows[4]).toEqual(['Share naming a loaded incident', 'no arrests']);
    expect(table(doc, 'data-basis').rows[5]).toEqual(['Flags last evaluated', 'not yet']);
  });

  it('lists the policies in force in rule order, with provenance in words', () => {
    expect(table(build('public'), 'policies-in-force')).toMatchObject({
      columns: ['Policy', 'Title', 'Instrument', 'In force from', 'Until', 'Where the lists come from'],
      rows: [
        [
          'sfpd-psw-2017:1',
          'SFPD safe-reporting bulletin',
          'SFPD Department Bulletin "Prioritizing Safety for Sex Workers"',
          '2017-12-01',
          '2022-05-20',
          'protected charges: from a reliable second-hand account; qualifying reports: from a reliable second-hand account',
        ],
        ['sfpd-psw-2017:2', 'SFPD safe-reporting bulletin', 'SFPD Department Bulletin "Prioritizing Safety for Sex Workers"', '2022-05-21', 'still in force', 'not recorded'],
        [
          'ca-pc-647.3:1',
          'Penal Code 647.3',
          'California Penal Code 647.3 (SB 233)',
          '2020-01-01',
          'still in force',
          'protected charges: our reading, still to be checked; qualifying reports: checked against the text',
        ],
      ],
    });
  });

  it('explains the method, and suppression only in the public edition', () => {
    const internal = section(build('internal'), 'method').paragraphs.join('\n');
    const pub = section(build('public'), 'method').paragraphs.join('\n');
    for (const text of [internal, pub]) {
      expect(text).toMatch(/eligible report is/);
      expect(text).toMatch(/medium or high confidence/);
      expect(text).toMatch(/dismissed .* never count/);
      expect(text).toMatch(/confirmed/);
      expect(text).toMatch(/fear arrest/);
      expect(text).toMatch(/cannot be connected/);
      expect(text).toMatch(/window is an estimate/);
      expect(text).toMatch(/PC 372/);
    }
    expect(pub).toMatch(/shown as "<11"/);
    expect(pub).toMatch(/complementary suppression/);
    expect(pub).toMatch(/no incident number, no case identifier, no person key/);
    expect(internal).not.toMatch(/complementary suppression/);
  });

  it('public tables with hidden counts say what "<11" means', () => {
    expect(table(build('public'), 'summary-by-rule').notes).toContain(
      '"<11" marks a hidden count: a count from 1 to 10, or a larger count hidden as well so that a total cannot give a small one away.',
    );
    expect(table(build('internal'), 'summary-by-rule').notes!.join(' ')).not.toContain('<11');
  });

  it('follows the threshold it is given', () => {
    // With 5, April 2022 of PC 647.3 (8 eligible, 1 flagged) shows its 8 (hidden with 11); the 1 stays hidden.
    const doc = build('public', mayReport(), { threshold: 5 });
    const h = { suppressed: true, display: '<5' };
    expect(table(doc, 'trend-by-month').rows[35]).toEqual(['April 2022', 'Penal Code 647.3', 8, h, N]);
    expect(table(doc, 'summary-by-rule').rows[0]).toEqual(['SFPD safe-reporting bulletin', 40, h, N, h, N, h]);
  });
});

describe('buildReportDocument: rules named by the caller and unknown values', () => {
  it('falls back to the rule id for a rule it has no title for', () => {
    const data = mayReport();
    data.cases[0] = { ...data.cases[0]!, ruleId: 'ca-sb357-repeal', reportIncidentNumber: null };
    const rows = table(build('internal', data), 'flagged-cases').rows;
    expect(rows[1]![1]).toBe('ca-sb357-repeal');
    expect(rows[1]![4]).toBe('none (no report needed)');
  });
});

/*
 * A snapshot taken since issue 11 (`measures` set): May 2022 as above, with the agencies' bases and the decided
 * cases. SFPD (bulletin) acted against 24 reporters, 3 flagged; under 647.3, SFPD against 5 (2 flagged), SFSO 14
 * (10 flagged). Reviewers decided a case under the bulletin (1) and under 647.3 (2); none under the DA policy.
 */
function honestMay(): ReportData {
  const data = mayReport();
  data.measures = { minRateBase: 20 };
  const decided: Record<string, number> = { [SFPD_RULE]: 1, 'sfda-psw-2018': 0, [PC6473_RULE]: 2 };
  data.rules = data.rules.map((r) => ({ ...r, baseReports: r.eligibleReports, decidedReports: decided[r.ruleId] }));
  const bases: Record<string, [number, number]> = { [`${SFPD_RULE}:SFPD`]: [24, 1], [`${PC6473_RULE}:SFPD`]: [5, 1], [`${PC6473_RULE}:SFSO`]: [14, 1] };
  data.agencies = data.agencies.map((a) => {
    const [baseReports, decidedReports] = bases[`${a.ruleId}:${a.agency}`]!;
    return { ...a, baseReports, decidedReports };
  });
  return data;
}

describe('buildReportDocument: rates and their bases (issue 11)', () => {
  it("measures an agency against the reports it acted on, and gives no rate on fewer than 20", () => {
    expect(table(build('internal', honestMay()), 'summary-by-rule-and-agency')).toMatchObject({
      columns: ['Rule', 'Acting agency', 'Eligible reports', 'Reports the agency acted on', 'Flagged reports', 'Compliance rate', 'Confirmed reports', 'Confirmed compliance rate', 'Flags'],
      rows: [
        // 1 - 3/24 = 87.5%; 1 - 1/24 = 95.8%
        ['SFPD safe-reporting bulletin', 'SFPD', 40, 24, 3, '87.5%', 1, '95.8%', 4],
        ['Penal Code 647.3', 'SFPD', 25, 5, 2, 'too few reports for a rate', 1, 'too few reports for a rate', 3],
        ['Penal Code 647.3', 'SFSO', 25, 14, 10, 'too few reports for a rate', 1, 'too few reports for a rate', 11],
      ],
    });
  });

  it('gives no confirmed rate before a case of the row was reviewed, and says why', () => {
    const doc = build('internal', honestMay());
    expect(table(doc, 'summary-by-rule').rows).toEqual([
      ['SFPD safe-reporting bulletin', 40, 3, '92.5%', 1, '97.5%', 4],
      ['DA safe-reporting policy', 40, 0, '100.0%', 0, 'no case reviewed yet', 0],
      ['Penal Code 647.3', 25, 12, '52.0%', 2, '92.0%', 14],
    ]);
    expect(section(doc, 'summary').paragraphs.join(' ')).toContain('no confirmed compliance rate yet, as no case was reviewed');
  });

  it('leaves a month of the trend with fewer than 20 eligible reports without a rate', () => {
    const doc = build('internal', honestMay());
    const rows = table(doc, 'trend-by-month').rows;
    // 2022-04 under 647.3: 8 eligible reports; 2021-05 under the bulletin: 20, 1 - 11/20 = 45%.
    expect(rows.find((r) => r[0] === 'April 2022' && r[1] === 'Penal Code 647.3')).toEqual(['April 2022', 'Penal Code 647.3', 8, 1, 'too few reports for a rate']);
    expect(rows.find((r) => r[0] === 'May 2021' && r[1] === 'SFPD safe-reporting bulletin')).toEqual(['May 2021', 'SFPD safe-reporting bulletin', 20, 11, '45.0%']);
    const chart = section(doc, 'trend').charts[0]!;
    const pc = chart.series.find((s) => s.name === 'Penal Code 647.3')!;
    expect(pc.values[11]).toBeNull();
  });

  it('hides a small base from the public, with the rate', () => {
    const rows = table(build('public', honestMay()), 'summary-by-rule-and-agency').rows;
    expect(rows[0]).toEqual(['SFPD safe-reporting bulletin', 'SFPD', 40, 24, S, N, S, N, S]);
    expect(rows[1]).toEqual(['Penal Code 647.3', 'SFPD', 25, S, S, 'too few reports for a rate', S, 'too few reports for a rate', S]);
  });
});

/*
 * Issue 11: a snapshot that counts cases (mayCasesReport: one SFPD arrest breaching the bulletin and PC 647.3 is one
 * case with two flags). Expected values worked by hand from the fixture's comment.
 */
describe('buildReportDocument: cases, not flags (issue 11)', () => {
  it('internal: one row per case, its rules with their confidence, charges in plain words, oldest first', () => {
    expect(table(build('internal', mayCasesReport()), 'flagged-cases')).toMatchObject({
      columns: ['Case', 'Action', 'Charges', 'Rules breached (confidence)', 'Reports it follows', 'District, category', 'Review status', 'What happened'],
      rows: [
        [
          'c-0002', 'Arrest by SFSO on 2022-05-01', 'PC 647(b): prostitution, misdemeanor; HS 11350(a): possession of a controlled substance',
          'Penal Code 647.3 (medium)', '220309876', 'Unknown district, Robbery', 'In review', ZONED_2,
        ],
        [
          'c-0001', 'Arrest by SFPD on 2022-05-03', 'PC 647(b): prostitution, misdemeanor',
          'SFPD safe-reporting bulletin (high); Penal Code 647.3 (high)', '220301234', 'Mission, Assault', 'Confirmed violation', ZONED_1,
        ],
      ],
      // On paper the sentence runs under its row across the page.
      rowDetailColumn: 'What happened',
    });
    expect(section(build('internal', mayCasesReport()), 'cases').paragraphs[0]).toContain('(2 cases, with 3 flags)');
  });

  it('counts cases beside flagged reports and flags, per rule and agency and over every rule', () => {
    const doc = build('internal', mayCasesReport());
    expect(table(doc, 'summary-by-rule')).toMatchObject({
      columns: ['Rule', 'Eligible reports', 'Flagged reports', 'Compliance rate', 'Confirmed reports', 'Confirmed compliance rate', 'Cases', 'Flags'],
      rows: [
        ['SFPD safe-reporting bulletin', 40, 3, '92.5%', 1, '97.5%', 3, 4],
        ['DA safe-reporting policy', 40, 0, '100.0%', 0, 'no case reviewed yet', 0, 0],
        ['Penal Code 647.3', 25, 12, '52.0%', 2, '92.0%', 12, 14],
      ],
    });
    expect(table(doc, 'summary-by-rule-and-agency').rows.map((r) => [r[0], r[1], r[8], r[9]])).toEqual([
      ['SFPD safe-reporting bulletin', 'SFPD', 3, 4],
      ['Penal Code 647.3', 'SFPD', 2, 3],
      ['Penal Code 647.3', 'SFSO', 10, 11],
    ]);
    const summary = section(doc, 'summary').paragraphs.join(' ');
    expect(summary).toContain('50 eligible reports, 14 flagged reports, 14 cases behind them and 18 flags; 2 of the flagged reports confirmed by a reviewer');
    expect(summary).toContain('The flagged reports follow 3 cases (one per arrest or charge), with 4 flags in all.');
    expect(section(doc, 'method').paragraphs.join(' ')).toContain('One arrest breaching two rules is one case and two flags');
  });

  it('public: the counts of cases suppressed, no case id anywhere', () => {
    const doc = build('public', mayCasesReport());
    // Cases per rule on their own: 3 hidden, 0 and 12 shown. Under PC 647.3 the agencies' cases add up to the
    // rule's 12: SFPD's 2 hidden, so SFSO's 10 as well (else 12 - 10 gives it back).
    expect(table(doc, 'summary-by-rule').rows.map((r) => r[6])).toEqual([S, 0, 12]);
    expect(table(doc, 'summary-by-rule-and-agency').rows.map((r) => r[8])).toEqual([S, S, S]);
    const json = JSON.stringify(doc);
    for (const secret of ['c-0001', 'c-0002', '220301234', '220309876', 'prostitution, misdemeanor', CASE_SENTENCE_1]) expect(json).not.toContain(secret);
    expect(JSON.stringify(build('internal', mayCasesReport()))).toContain('c-0001');
  });

  it('a snapshot taken before cases keeps its one row per flag and has no cases column', () => {
    const doc = build('internal', mayReport());
    expect(table(doc, 'summary-by-rule').columns).not.toContain('Cases');
    expect(table(doc, 'flagged-cases').columns[0]).toBe('Flag');
  });
});

/**
 * A quiet month (issue 12): every count about people from 1 to 10. By hand, for the public edition (threshold 11):
 *   trend: every month of every rule 5 eligible, 1 flagged -> both hidden, so every rate is hidden;
 *   districts: Mission 3 flags, Tenderloin 2 -> both hidden; categories: Assault 5 flags -> hidden.
 * The internal edition shows them all: rates of 80%, bars of 3, 2 and 5.
 */
function quietMonth(withMeasures = false): ReportData {
  const data = mayReport();
  data.trend = data.trend.map((row) => ({ ...row, eligibleReports: 5, flaggedReports: 1, confirmedReports: 0, flags: 1 }));
  data.byDistrict = [
    { district: 'Mission', eligibleReports: 6, flaggedReports: 2, confirmedReports: 0, flags: 3 },
    { district: 'Tenderloin', eligibleReports: 4, flaggedReports: 1, confirmedReports: 0, flags: 2 },
  ];
  data.byCategory = [{ category: 'Assault', eligibleReports: 10, flaggedReports: 3, confirmedReports: 0, flags: 5 }];
  if (withMeasures) data.measures = { minRateBase: 20 };
  return data;
}

describe('buildReportDocument: a chart with nothing to draw says so', () => {
  const charts = (doc: ReportDocument) => doc.sections.flatMap((s) => s.charts);

  it('public: every value of every chart hidden, so each chart is a sentence instead', () => {
    const doc = build('public', quietMonth());
    expect(charts(doc).map((c) => [c.id, c.nothingToDraw])).toEqual([
      ['compliance-rate-trend', 'Every rate in this chart rests on a count under 11 or hidden to protect one, so none is shown: nothing to draw.'],
      ['flags-by-district', 'Every count in this chart is under 11 or hidden to protect one: nothing to draw. The table gives each as "<11".'],
      ['flags-by-category', 'Every count in this chart is under 11 or hidden to protect one: nothing to draw. The table gives each as "<11".'],
    ]);
    // The values stay (all null), for the numbers tables that read them.
    expect(charts(doc).every((c) => c.series.every((s) => s.values.every((v) => v === null)))).toBe(true);
  });

  it('the threshold of the edition is the one said', () => {
    const doc = build('public', quietMonth(), { threshold: 5 });
    // At 5, Mission's 3 and Tenderloin's 2 flags are still hidden; Assault's 5 is shown, so that chart is drawn.
    expect(section(doc, 'where').charts.map((c) => c.nothingToDraw)).toEqual([
      'Every count in this chart is under 5 or hidden to protect one: nothing to draw. The table gives each as "<5".',
      undefined,
    ]);
  });

  it('internal: the same month is drawn, every value known', () => {
    const doc = build('internal', quietMonth());
    expect(charts(doc).map((c) => c.nothingToDraw)).toEqual([undefined, undefined, undefined]);
    expect(section(doc, 'where').charts.map((c) => c.series[0]!.values)).toEqual([[3, 2], [5]]);
    expect(section(doc, 'trend').charts[0]!.series[0]!.values.every((v) => v === 80)).toBe(true);
  });

  it('a trend with no rate for another reason says which: too few reports, or too few and hidden counts', () => {
    // Since issue 11 a rate needs 20 eligible reports: 5 everywhere is too few, in either edition.
    expect(section(build('internal', quietMonth(true)), 'trend').charts[0]!.nothingToDraw).toBe('No month has a rate to draw: each had fewer than 20 eligible reports.');
    // One month of one rule with 30 eligible reports and 3 flagged: enough reports, but 3 flagged is hidden.
    const data = quietMonth(true);
    Object.assign(data.trend[0]!, { eligibleReports: 30, flaggedReports: 3, flags: 3 });
    expect(section(build('public', data), 'trend').charts[0]!.nothingToDraw).toBe(
      'No month has a rate to draw: each had fewer than 20 eligible reports, or rests on a count under 11 or hidden to protect one.',
    );
    // The internal edition draws that month's rate: 1 - 3/30 = 90%.
    const internal = section(build('internal', data), 'trend').charts[0]!;
    expect(internal.nothingToDraw).toBeUndefined();
    expect(internal.series[0]!.values[0]).toBeCloseTo(90, 10);
  });

  it('May 2022: the public categories chart is a sentence (Robbery 1 flag, Assault 17 hidden to protect it); the rest is drawn', () => {
    // Districts: Bayview and the unknown district have 0 flags, the others hidden: nothing above zero to draw
    // (issue 14: empty axes said nothing); the trend has rates.
    expect(charts(build('public')).map((c) => c.nothingToDraw)).toEqual([
      undefined,
      'Every count in this chart is 0, under 11 or hidden to protect one: nothing to draw. The table gives each.',
      'Every count in this chart is under 11 or hidden to protect one: nothing to draw. The table gives each as "<11".',
    ]);
    expect(charts(build('internal')).map((c) => c.nothingToDraw)).toEqual([undefined, undefined, undefined]);
  });
});
