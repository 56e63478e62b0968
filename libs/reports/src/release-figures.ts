import { releaseCellId, type ReleaseCellKey, type ReleaseSlice, type ReportData } from '@sra/contracts';
import { suppressedLabel } from '@sra/suppression';
import type { Counter, Shown } from './counts';
import type { Breakdown, Figures } from './figures';
import { compareText, monthsBetween } from './format';

/*
 * The public edition of a snapshot taken since issue 12 draws the released set's cells stored with it, and nothing
 * else (docs/reports.md, "What viewers and the public see"): every count is the cell as the released set showed it,
 * hidden exactly where the dashboard hides it, so no reader can set the two against each other. A count the released
 * set does not hold (flags by confidence and review outcome, the month's arrests) is not in the public edition.
 */

/** A base that is hidden: its rate is "not shown" (never "too few reports", which would bound it). */
const HIDDEN_BASE = Number.MAX_SAFE_INTEGER;

/** Counts outside the released set are hidden in the public edition. */
export function releaseOnlyCounter(threshold: number): Counter {
  return {
    suppresses: true,
    label: suppressedLabel(threshold),
    one: () => null,
    list: (values) => ({ values: values.map(() => null), total: null }),
    table: (_rows, columns, cells) => ({ cells: cells.map((row) => row.map(() => null)), rowTotals: cells.map(() => null), columnTotals: columns.map(() => null), total: null }),
  };
}

export function releaseFigures(data: ReportData & { release: ReleaseSlice }): Figures {
  const shown = new Map(data.release.cells);
  const month = data.month;
  const cell = (measure: ReleaseCellKey['measure'], dimension: ReleaseCellKey['dimension'] = 'total', key = '', period = month): Shown =>
    shown.get(releaseCellId({ measure, period, dimension, key })) ?? null;
  const raw = (n: Shown): number => n ?? 0;

  const rules: Figures['rules'] = data.rules.map((rule) => {
    const eligible = cell('eligible', 'rule', rule.ruleId);
    const counts = {
      eligible,
      flagged: cell('flagged', 'rule', rule.ruleId),
      confirmed: cell('confirmed', 'rule', rule.ruleId),
      flags: cell('flags', 'rule', rule.ruleId),
      cases: cell('cases', 'rule', rule.ruleId),
    };
    return {
      ruleId: rule.ruleId,
      ...counts,
      raw: { eligibleReports: raw(eligible), flaggedReports: raw(counts.flagged), confirmedReports: raw(counts.confirmed), flags: raw(counts.flags), cases: raw(counts.cases) },
      basis: { rawBase: eligible ?? HIDDEN_BASE, reviewed: (rule.decidedReports ?? 1) > 0 },
    };
  });

  const agencies: Figures['agencies'] = [...data.agencies]
    .sort((a, b) => compareText(a.agency, b.agency))
    .sort((a, b) => data.rules.findIndex((r) => r.ruleId === a.ruleId) - data.rules.findIndex((r) => r.ruleId === b.ruleId))
    .map((a) => {
      const key = `${a.ruleId}/${a.agency}`;
      const base = cell('base', 'ruleAgency', key);
      return {
        ruleId: a.ruleId,
        agency: a.agency,
        base,
        eligible: cell('eligible', 'rule', a.ruleId),
        flagged: cell('flagged', 'ruleAgency', key),
        confirmed: cell('confirmed', 'ruleAgency', key),
        flags: cell('flags', 'ruleAgency', key),
        cases: cell('cases', 'ruleAgency', key),
        basis: { rawBase: base ?? HIDDEN_BASE, reviewed: (a.decidedReports ?? 1) > 0 },
      };
    });

  const overallCounts = { eligible: cell('eligible'), flagged: cell('flagged'), confirmed: cell('confirmed'), flags: cell('flags'), cases: cell('cases') };
  const overall: Figures['overall'] = {
    ...overallCounts,
    raw: {
      eligibleReports: raw(overallCounts.eligible),
      flaggedReports: raw(overallCounts.flagged),
      confirmedReports: raw(overallCounts.confirmed),
      flags: raw(overallCounts.flags),
      cases: raw(overallCounts.cases),
    },
  };

  const months = monthsBetween(data.trendFrom, month);
  const trend: Figures['trend'] = months.flatMap((m) =>
    rules.map((rule) => {
      const eligible = cell('eligible', 'rule', rule.ruleId, m);
      return { month: m, ruleId: rule.ruleId, rawEligible: eligible ?? HIDDEN_BASE, eligible, flagged: cell('flagged', 'rule', rule.ruleId, m) };
    }),
  );

  const breakdown = (dimension: 'district' | 'category', keys: Array<string | null>): Breakdown => {
    const sorted = [...new Set(keys)].sort((a, b) => (a === null ? 1 : b === null ? -1 : compareText(a, b)));
    return {
      rows: sorted.map((key) => {
        const eligible = cell('eligible', dimension, key ?? '');
        return { key, rawEligible: eligible ?? HIDDEN_BASE, eligible, flagged: cell('flagged', dimension, key ?? ''), flags: cell('flags', dimension, key ?? '') };
      }),
      total: { rawEligible: overallCounts.eligible ?? HIDDEN_BASE, eligible: overallCounts.eligible, flagged: overallCounts.flagged, flags: overallCounts.flags },
    };
  };

  return {
    ruleIds: rules.map((r) => r.ruleId),
    rules,
    agencies,
    withCases: true,
    overall,
    months,
    trend,
    districts: breakdown('district', data.byDistrict.map((d) => d.district)),
    categories: breakdown('category', data.byCategory.map((c) => c.category)),
    // Not in the released set: the public edition leaves this section out.
    confidence: { rows: [], columns: [], table: { cells: [], rowTotals: [], columnTotals: [], total: null } },
  };
}
