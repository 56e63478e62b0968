/**
 * Every count of the report, decided once: which are shown and which hidden. The sections only draw these, so a
 * count that appears in two places (a rule's eligible reports in the summary, the agency table and the trend) is
 * hidden in both or in neither.
 *
 * How the public edition's counts are grouped for suppression, and why:
 *
 * - A rule's eligible, flagged and confirmed reports are published "on their own" (primary suppression only). The
 *   rules overlap (the SFPD and DA policies protect the same reports, and a report can be flagged under several
 *   rules), so no total adds them up, and nowhere else in the document do they add up to a shown total.
 * - Flags do add up: one flag is one (rule, report, action), so the rules' flags add up to the month's flags (the
 *   total of the "Where" tables): the summary's flags are a list over the rules with that total. Within a rule the
 *   acting agencies' flags add up to the rule's: a list per rule whose total is the summary's figure. (Not a rule x
 *   agency table: most pairs are impossible, e.g. the DA under the SFPD bulletin, and a reader knows those are 0,
 *   so a hidden 0 there would protect nothing; and the agencies' totals over rules are not shown.)
 * - Flagged and confirmed reports by agency are, per rule, a list whose total is (practically) the rule's figure:
 *   a report is flagged by two agencies under one rule only in rare cases, so without complementary suppression a
 *   hidden agency's count would be the rule's count minus the others.
 * - District and category tables: eligible, flagged and flags are three different things, so the table is not
 *   additive across its columns; each column is a list over the districts (which split the month's reports, every
 *   district once, unknown included) with its total in the "All districts" row.
 * - Confidence x review outcome of flags is a two-way table shown with its margins, but it is not suppressed as one
 *   table: its corner of counted flags (medium or high confidence, not dismissed) adds up to the month's flags, which
 *   the "Where" tables show, and that sum is not one of the table's margins. Suppressing the whole table and the
 *   corner separately and hiding what either hides is not enough (the other rows' totals can give the corner's
 *   hidden part back). So the table is cut into three pieces that share no cell: the counted corner, the dismissed
 *   flags of medium or high confidence, and the low-confidence flags. Each piece is suppressed with its own totals
 *   (the corner's grand total being the month's flags), and a total of the whole table (a sum of pieces' totals)
 *   is shown only when every piece's total in it is shown.
 * - Months of the trend are published on their own (no total over the 13 months is shown).
 */
import { COUNTED_REVIEW_STATUSES, REVIEW_STATUSES, type ReportCounts, type ReportData } from '@sra/contracts';
import { compareText, monthsBetween } from './format';
import { hiddenIfAny, sum, type Counter, type Shown, type ShownTable } from './counts';

export interface ShownCounts {
  eligible: Shown;
  flagged: Shown;
  confirmed: Shown;
  flags: Shown;
}

export interface BreakdownRow {
  /** null: not known. */
  key: string | null;
  /** The eligible reports before suppression: whether the row's base is large enough for a rate. */
  rawEligible: number;
  eligible: Shown;
  flagged: Shown;
  flags: Shown;
}

export interface Breakdown {
  rows: BreakdownRow[];
  total: { rawEligible: number; eligible: Shown; flagged: Shown; flags: Shown };
}

/** What a rate needs beyond its counts (issue 11): its base before suppression, and whether a case was decided. */
export interface RateBasis {
  rawBase: number;
  reviewed: boolean;
}

export interface Figures {
  ruleIds: string[];
  /** `cases`: the cases behind the flagged reports (snapshots since issue 11; null in older ones, and when hidden). */
  rules: Array<{ ruleId: string; raw: ReportCounts; basis: RateBasis; cases: Shown } & ShownCounts>;
  /** `base`: the reports the agency acted on (snapshots since issue 11), else the rule's eligible reports. */
  agencies: Array<{ ruleId: string; agency: string; base: Shown; basis: RateBasis; cases: Shown } & ShownCounts>;
  /** Whether the snapshot counts cases (issue 11): then the tables have a column for them. */
  withCases: boolean;
  /** Every rule together (snapshots since issue 11): a report and a case count once, as on the dashboard. */
  overall: ({ raw: NonNullable<ReportData['overall']>; cases: Shown } & ShownCounts) | null;
  months: string[];
  trend: Array<{ month: string; ruleId: string; rawEligible: number; eligible: Shown; flagged: Shown }>;
  districts: Breakdown;
  categories: Breakdown;
  confidence: { rows: string[]; columns: string[]; table: ShownTable };
}

const ZERO: ReportCounts = { eligibleReports: 0, flaggedReports: 0, confirmedReports: 0, flags: 0 };
const CONFIDENCES = ['high', 'medium', 'low'];
const COUNTED_CONFIDENCES = ['high', 'medium'];

function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareText);
}

/** Every known value in its own order (zeros included), then any other present value sorted. */
function ordered(known: readonly string[], present: Iterable<string>): string[] {
  return [...known, ...uniqueSorted([...present].filter((v) => !known.includes(v)))];
}

export function computeFigures(data: ReportData, counter: Counter): Figures {
  const ruleIds = [...data.rules.map((r) => r.ruleId), ...uniqueSorted([...data.agencies, ...data.trend].map((r) => r.ruleId).filter((id) => !data.rules.some((r) => r.ruleId === id)))];

  // Flags add up over the rules (see above): one list whose total is the month's flags.
  const rulesFlags = counter.list(data.rules.map((rule) => rule.flags));
  const rules = data.rules.map((rule, i) => ({
    ruleId: rule.ruleId,
    raw: { eligibleReports: rule.eligibleReports, flaggedReports: rule.flaggedReports, confirmedReports: rule.confirmedReports, flags: rule.flags, cases: rule.cases },
    eligible: counter.one(rule.eligibleReports),
    flagged: counter.one(rule.flaggedReports),
    confirmed: counter.one(rule.confirmedReports),
    flags: hiddenIfAny(rule.flags, counter.one(rule.flags), rulesFlags.values[i] ?? null),
    // A case can breach several rules, so the rules' cases add up to nothing shown: each on its own.
    cases: rule.cases === undefined ? null : counter.one(rule.cases),
    // Older snapshots have no decided count: their confirmed rate is drawn as it was.
    basis: { rawBase: rule.eligibleReports, reviewed: (rule.decidedReports ?? 1) > 0 },
  }));

  const agencies: Figures['agencies'] = [];
  for (const ruleId of ruleIds) {
    const rows = data.agencies.filter((a) => a.ruleId === ruleId).sort((a, b) => compareText(a.agency, b.agency));
    if (rows.length === 0) continue;
    // A rule missing from `rules` (the contract says it never is) is shown by its agencies' figures alone.
    const rule = rules.find((r) => r.ruleId === ruleId) ?? {
      raw: { eligibleReports: rows[0]?.eligibleReports ?? 0, flaggedReports: 0, confirmedReports: 0, flags: 0 },
      eligible: counter.one(rows[0]?.eligibleReports ?? 0),
      flagged: 0,
      confirmed: 0,
      flags: 0,
      cases: 0,
    };
    const flagged = agencyList(counter, rows.map((a) => a.flaggedReports), rule.flagged);
    const confirmed = agencyList(counter, rows.map((a) => a.confirmedReports), rule.confirmed);
    const flags = agencyList(counter, rows.map((a) => a.flags), rule.flags);
    // A case has one acting agency: a rule's cases by agency add up to the rule's cases.
    const cases = agencyList(counter, rows.map((a) => a.cases ?? 0), rule.cases);
    rows.forEach((a, i) => {
      const base = a.baseReports ?? rule.raw.eligibleReports;
      agencies.push({
        ruleId,
        agency: a.agency,
        // The agencies' bases overlap (one reporter can be arrested by two), so none adds up: each on its own.
        base: a.baseReports === undefined ? rule.eligible : counter.one(a.baseReports),
        basis: { rawBase: base, reviewed: (a.decidedReports ?? 1) > 0 },
        // The rule's eligible reports: the same count as in the summary, so the same decision.
        eligible: rule.eligible,
        flagged: flagged[i] ?? null,
        confirmed: confirmed[i] ?? null,
        flags: flags[i] ?? null,
        cases: a.cases === undefined ? null : (cases[i] ?? null),
      });
    });
  }

  const months = monthsBetween(data.trendFrom, data.month);
  const trend: Figures['trend'] = [];
  for (const month of months) {
    for (const ruleId of ruleIds) {
      const entry = data.trend.find((t) => t.month === month && t.ruleId === ruleId) ?? ZERO;
      // The report month's row repeats the summary's counts: the same decision.
      const summary = month === data.month ? rules.find((r) => r.ruleId === ruleId) : undefined;
      const same = (field: 'eligibleReports' | 'flaggedReports', shown: Shown | undefined): Shown[] =>
        summary && shown !== undefined && summary.raw[field] === entry[field] ? [shown] : [];
      trend.push({
        month,
        ruleId,
        rawEligible: entry.eligibleReports,
        eligible: hiddenIfAny(entry.eligibleReports, counter.one(entry.eligibleReports), ...same('eligibleReports', summary?.eligible)),
        flagged: hiddenIfAny(entry.flaggedReports, counter.one(entry.flaggedReports), ...same('flaggedReports', summary?.flagged)),
      });
    }
  }

  const districts = breakdown(
    data.byDistrict.map((d) => ({ key: d.district, counts: d })),
    counter,
  );
  const categories = breakdown(
    data.byCategory.map((c) => ({ key: c.category, counts: c })),
    counter,
  );
  // A total shown in several places (both tables; the month's flags also as the sum of the rules' flags and of the
  // confidence table's counted corner) gets one decision: hidden everywhere if hidden anywhere. Places whose raw
  // numbers differ (the API's splits disagree) are different counts and are left alone.
  const confidence = confidenceTable(data, counter);
  const appearances = (raw: number, places: Array<{ raw: number; shown: Shown }>): Shown =>
    hiddenIfAny(raw, ...places.filter((p) => p.raw === raw).map((p) => p.shown));
  const tables = [districts, categories];
  for (const column of ['eligible', 'flagged', 'flags'] as const) {
    const places = tables.map((t) => ({ raw: sum(t.raw[column]), shown: t.total[column] }));
    if (column === 'flags') {
      places.push({ raw: sum(data.rules.map((rule) => rule.flags)), shown: rulesFlags.total }, confidence.countedTotal);
    }
    for (const t of tables) t.total[column] = appearances(sum(t.raw[column]), places);
  }

  // The month over every rule: its reports are the "Where" tables' totals, its flags the rules' flags added up
  // (the same counts, so the same decisions); its cases and confirmed reports are shown on their own.
  const all = data.overall;
  const overall: Figures['overall'] = all
    ? {
        raw: all,
        eligible: appearances(all.eligibleReports, [{ raw: all.eligibleReports, shown: counter.one(all.eligibleReports) }, { raw: sum(districts.raw.eligible), shown: districts.total.eligible }]),
        flagged: appearances(all.flaggedReports, [{ raw: all.flaggedReports, shown: counter.one(all.flaggedReports) }, { raw: sum(districts.raw.flagged), shown: districts.total.flagged }]),
        confirmed: counter.one(all.confirmedReports),
        flags: appearances(all.flags, [{ raw: all.flags, shown: counter.one(all.flags) }, { raw: sum(data.rules.map((r) => r.flags)), shown: rulesFlags.total }, { raw: sum(districts.raw.flags), shown: districts.total.flags }]),
        cases: counter.one(all.cases),
      }
    : null;
  const withCases = data.overall !== undefined;

  return {
    ruleIds,
    rules,
    agencies,
    withCases,
    overall,
    months,
    trend,
    districts,
    categories,
    confidence: { rows: confidence.rows, columns: confidence.columns, table: confidence.table },
  };
}

/**
 * One rule's counts by acting agency: a list whose total is the rule's count in the summary. The list is
 * suppressed as if that total were shown; but where the summary hides the rule's count (a complementary hiding in
 * the list of rules) and every agency's count is shown, adding them up would give it back: then the smallest
 * non-zero agency count is hidden too, which leaves the rule's count unknown.
 */
function agencyList(counter: Counter, values: number[], ruleShown: Shown): Shown[] {
  const list = counter.list(values);
  const shown = values.map((v, i) => hiddenIfAny(v, list.values[i] ?? null));
  if (ruleShown !== null || shown.some((v) => v === null)) return shown;
  let smallest = -1;
  values.forEach((v, i) => {
    if (v > 0 && (smallest < 0 || v < (values[smallest] ?? 0))) smallest = i;
  });
  if (smallest >= 0) shown[smallest] = null;
  return shown;
}

function breakdown(
  entries: Array<{ key: string | null; counts: ReportCounts }>,
  counter: Counter,
): Breakdown & { raw: Record<'eligible' | 'flagged' | 'flags', number[]> } {
  // Known keys sorted, the unknown last.
  const sorted = [...entries].sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : compareText(a.key, b.key)));
  const eligible = counter.list(sorted.map((e) => e.counts.eligibleReports));
  const flagged = counter.list(sorted.map((e) => e.counts.flaggedReports));
  const flags = counter.list(sorted.map((e) => e.counts.flags));
  return {
    rows: sorted.map((e, i) => ({
      key: e.key,
      rawEligible: e.counts.eligibleReports,
      eligible: eligible.values[i] ?? null,
      flagged: flagged.values[i] ?? null,
      flags: flags.values[i] ?? null,
    })),
    total: { rawEligible: sum(sorted.map((e) => e.counts.eligibleReports)), eligible: eligible.total, flagged: flagged.total, flags: flags.total },
    raw: {
      eligible: sorted.map((e) => e.counts.eligibleReports),
      flagged: sorted.map((e) => e.counts.flaggedReports),
      flags: sorted.map((e) => e.counts.flags),
    },
  };
}

function confidenceTable(data: ReportData, counter: Counter): Figures['confidence'] & { countedTotal: { raw: number; shown: Shown } } {
  const rows = ordered(CONFIDENCES, data.flagsByConfidenceAndStatus.map((f) => f.confidence));
  const columns = ordered(REVIEW_STATUSES, data.flagsByConfidenceAndStatus.map((f) => f.reviewStatus));
  const count = (confidence: string, status: string): number =>
    sum(data.flagsByConfidenceAndStatus.filter((f) => f.confidence === confidence && f.reviewStatus === status).map((f) => f.flags));

  // Three pieces that share no cell and no total (see the top of this file): counted flags, the other flags of
  // medium or high confidence (dismissed), and the flags of low confidence. Each is suppressed with its own totals.
  const countedRows = rows.filter((r) => COUNTED_CONFIDENCES.includes(r));
  const otherRows = rows.filter((r) => !COUNTED_CONFIDENCES.includes(r));
  const countedColumns = columns.filter((c) => (COUNTED_REVIEW_STATUSES as readonly string[]).includes(c));
  const otherColumns = columns.filter((c) => !countedColumns.includes(c));
  const piece = (pr: string[], pc: string[]) => ({ rows: pr, columns: pc, table: counter.table(pr, pc, pr.map((r) => pc.map((c) => count(r, c)))) });
  const counted = piece(countedRows, countedColumns);
  const pieces = [counted, piece(countedRows, otherColumns), piece(otherRows, columns)];

  const cells = rows.map((r) =>
    columns.map((c) => {
      const p = pieces.find((x) => x.rows.includes(r) && x.columns.includes(c));
      return p ? (p.table.cells[p.rows.indexOf(r)]?.[p.columns.indexOf(c)] ?? null) : null;
    }),
  );
  // A total of the whole table is the sum of its pieces' totals: shown only when each of them is shown (it then
  // tells nothing they would not), hidden as soon as one is.
  const combine = (parts: Array<{ raw: number; shown: Shown }>): Shown => hiddenIfAny(sum(parts.map((p) => p.raw)), ...parts.map((p) => p.shown));
  const rawRow = (r: string, pc: string[]) => sum(pc.map((c) => count(r, c)));
  const rawColumn = (pr: string[], c: string) => sum(pr.map((r) => count(r, c)));
  const rowTotals = rows.map((r) =>
    combine(
      pieces.filter((p) => p.rows.includes(r)).map((p) => ({ raw: rawRow(r, p.columns), shown: p.table.rowTotals[p.rows.indexOf(r)] ?? null })),
    ),
  );
  const columnTotals = columns.map((c) =>
    combine(
      pieces.filter((p) => p.columns.includes(c)).map((p) => ({ raw: rawColumn(p.rows, c), shown: p.table.columnTotals[p.columns.indexOf(c)] ?? null })),
    ),
  );
  const total = combine(pieces.map((p) => ({ raw: sum(p.rows.map((r) => rawRow(r, p.columns))), shown: p.table.total })));
  return {
    rows,
    columns,
    table: { cells, rowTotals, columnTotals, total },
    countedTotal: { raw: sum(countedRows.map((r) => rawRow(r, countedColumns))), shown: counted.table.total },
  };
}
