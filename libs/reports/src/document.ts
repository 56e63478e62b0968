/**
 * A month's report as one document (issue 7): the page, the PDF and the CSV files all draw it. Built from the
 * stored `ReportData` snapshot only, so the same snapshot always gives the same document (no clock, no locale).
 */
import { NO_CATEGORY_PUBLISHED } from '@sra/contracts';
import type { ReportCaseRow, ReportCell, ReportChart, ReportData, ReportDocument, ReportEdition, ReportFlagRow, ReportSection, ReportTable } from '@sra/contracts';
import { DEFAULT_THRESHOLD } from '@sra/suppression';
import {
  countCell,
  countText,
  internalCounter,
  NO_ELIGIBLE,
  NO_OCCASION,
  NO_REVIEW,
  publicCounter,
  rateCell,
  rateValue,
  RATE_NOT_SHOWN,
  TOO_FEW,
  type Counter,
  type RateCheck,
  type Shown,
} from './counts';
import { computeFigures, type Breakdown, type Figures } from './figures';
import { releaseFigures, releaseOnlyCounter } from './release-figures';
import {
  actionLabel,
  batchKindLabel,
  compareText,
  confidenceLabel,
  monthLabel,
  percentOf,
  percentText,
  plural,
  provenanceText,
  reviewStatusLabel,
  sfTimeZoned as sfTime,
  withZone,
} from './format';

export interface BuildReportOptions {
  edition: ReportEdition;
  version: number;
  status: 'draft' | 'published';
  generatedAt: string;
  contentHash: string;
  /** Counts under this are hidden in the public edition (default 11). */
  threshold?: number;
  /** Names to use for rules, by rule id; otherwise the snapshot's titles. */
  ruleTitles?: Record<string, string>;
}

interface Context {
  data: ReportData;
  edition: ReportEdition;
  counter: Counter;
  threshold: number;
  figures: Figures;
  ruleTitle(ruleId: string): string;
  /**
   * The checks of issue 11 for a rate on a base of `rawBase` reports (for a confirmed rate, `reviewed`): none for
   * snapshots taken before, which are drawn as they were published.
   */
  check(rawBase: number, reviewed?: boolean): RateCheck | undefined;
}

export function buildReportDocument(data: ReportData, options: BuildReportOptions): ReportDocument {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  // Snapshots since issue 12 carry the released set's cells: the public edition draws those and nothing else.
  const fromRelease = options.edition === 'public' && data.release !== undefined;
  const counter = options.edition === 'public' ? (fromRelease ? releaseOnlyCounter(threshold) : publicCounter(threshold)) : internalCounter(threshold);
  const ctx: Context = {
    data,
    edition: options.edition,
    counter,
    threshold,
    figures: fromRelease ? releaseFigures(data as ReportData & { release: NonNullable<ReportData['release']> }) : computeFigures(data, counter),
    check: (rawBase, reviewed) => (data.measures ? { rawBase, minBase: data.measures.minRateBase, reviewed } : undefined),
    ruleTitle: (ruleId) =>
      options.ruleTitles?.[ruleId] ??
      data.rules.find((r) => r.ruleId === ruleId)?.title ??
      data.policies.find((p) => p.ruleId === ruleId)?.title ??
      ruleId,
  };
  // Flags by confidence and review outcome are not in the released set: internal edition only (issue 12).
  const sections: ReportSection[] = [summarySection(ctx), trendSection(ctx), whereSection(ctx), ...(fromRelease ? [] : [confidenceSection(ctx)])];
  // Case-level rows exist only in the internal edition: the public one never even builds them.
  if (options.edition === 'internal') sections.push(casesSection(ctx));
  sections.push(dataBasisSection(ctx), policiesSection(ctx), methodSection(ctx));
  return {
    title: `Safe reporting compliance report, ${monthLabel(data.month)} (${options.edition === 'public' ? 'public' : 'internal'} edition)`,
    month: data.month,
    edition: options.edition,
    version: options.version,
    status: options.status,
    generatedAt: options.generatedAt,
    contentHash: options.contentHash,
    suppressionThreshold: threshold,
    sections,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Notes shared by the tables

function suppressionNotes(ctx: Context, withRates: boolean): string[] {
  if (!ctx.counter.suppresses) return [];
  const notes = [
    `"${ctx.counter.label}" marks a hidden count: a count from 1 to ${ctx.threshold - 1}, or a larger count hidden as well so that a total cannot give a small one away.`,
  ];
  if (withRates) notes.push(`A rate is "${RATE_NOT_SHOWN}" when one of its two counts is hidden: the rate would give the count away.`);
  return notes;
}

const RATE_NOTE = `Compliance rate = 1 - flagged reports / eligible reports. With no eligible report there is no rate ("${NO_ELIGIBLE}"), not 100%.`;

/** The rate notes of a snapshot: since issue 11, the minimum base and the confirmed rate's wait for a review. */
function rateNotes(ctx: Context): string[] {
  if (!ctx.data.measures) return [RATE_NOTE];
  return [
    RATE_NOTE,
    `No rate is given on fewer than ${ctx.data.measures.minRateBase} reports ("${TOO_FEW}"): the counts are shown instead. A confirmed rate is given once a reviewer decided a case of its row ("${NO_REVIEW}" before).`,
  ];
}

function rateSentence(ctx: Context, flagged: Shown, eligible: Shown, what: string, check?: RateCheck): string {
  if (check?.reviewed === false) return `no ${what} yet, as no case was reviewed`;
  if (check && check.rawBase < check.minBase) return `too few reports for a ${what}`;
  if (eligible === 0) return `there is no ${what}, as nothing was eligible`;
  const rate = rateValue(flagged, eligible);
  return rate === null ? `the ${what} is not shown, as it would reveal a hidden count` : `a ${what} of ${percentText(rate)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Summary

function summarySection(ctx: Context): ReportSection {
  const { data, counter, figures } = ctx;
  const t = (value: Shown) => countText(counter, value);
  const paragraphs = [
    `This report covers ${monthLabel(data.month)}: the reports of violent crime made to the police that month by people recorded as victim or witness, and whether any of them was then arrested or charged in a way a safe-reporting policy bars.`,
    ctx.edition === 'public'
      ? `This is the public edition. It shows totals only: no case, no incident number and no person appears in it, and counts under ${ctx.threshold} are hidden.`
      : 'This is the internal edition. It lists every flagged case by incident number (no person is named or keyed). It is for the task force only; share the public edition outside it.',
    ...figures.rules.map((rule) => {
      const title = ctx.ruleTitle(rule.ruleId);
      if (rule.eligible === 0) return `${title}: no eligible reports this month, so there is no compliance rate.`;
      return (
        `${title}: ${plural(t(rule.eligible), 'eligible report')}, of which ${t(rule.flagged)} flagged: ${rateSentence(ctx, rule.flagged, rule.eligible, 'compliance rate', ctx.check(rule.basis.rawBase))}. ` +
        `${t(rule.confirmed)} confirmed by a reviewer: ${rateSentence(ctx, rule.confirmed, rule.eligible, 'confirmed compliance rate', ctx.check(rule.basis.rawBase, rule.basis.reviewed))}. ` +
        (rule.raw.cases === undefined
          ? `${plural(t(rule.flags), 'flag')} in all.`
          : `The flagged reports follow ${plural(t(rule.cases), 'case')} (one per arrest or charge), with ${plural(t(rule.flags), 'flag')} in all.`)
      );
    }),
    ...overallParagraphs(ctx),
    figures.withCases
      ? 'A case is one arrest or decision to charge taken against a person who had reported; a flag is one rule that case breaches for one report, so one arrest breaching two rules is one case with two flags. A case counts when one of its flags has medium or high confidence and no reviewer dismissed it; cases still new or in review count until a reviewer decides.'
      : 'A flag counts when its confidence is medium or high and no reviewer dismissed it; flags still new or in review count until a reviewer decides.',
  ];
  const byRule: ReportTable = {
    id: 'summary-by-rule',
    title: `Compliance by rule, ${monthLabel(data.month)}`,
    columns: ['Rule', 'Eligible reports', 'Flagged reports', 'Compliance rate', 'Confirmed reports', 'Confirmed compliance rate', ...(figures.withCases ? ['Cases'] : []), 'Flags'],
    rows: figures.rules.map((rule) => [
      ctx.ruleTitle(rule.ruleId),
      countCell(counter, rule.eligible),
      countCell(counter, rule.flagged),
      rateCell(rule.flagged, rule.eligible, ctx.check(rule.basis.rawBase)),
      countCell(counter, rule.confirmed),
      rateCell(rule.confirmed, rule.eligible, ctx.check(rule.basis.rawBase, rule.basis.reviewed)),
      ...(figures.withCases ? [countCell(counter, rule.cases)] : []),
      countCell(counter, rule.flags),
    ]),
    notes: [
      'A report is one person on one incident. It counts once under each rule that covers it, whichever agencies acted, so the rules are not added up.',
      ...(figures.withCases
        ? ['Cases: the arrests and decisions to charge behind the flagged reports, each once. One case can breach several rules, so it counts under each. Flags: one per rule, case and report.']
        : []),
      ...rateNotes(ctx),
      'Confirmed: flagged reports a reviewer confirmed as a violation.',
      ...suppressionNotes(ctx, true),
    ],
  };
  const withBase = ctx.data.measures !== undefined;
  const byAgency: ReportTable = {
    id: 'summary-by-rule-and-agency',
    title: `Compliance by rule and acting agency, ${monthLabel(data.month)}`,
    columns: withBase
      ? ['Rule', 'Acting agency', 'Eligible reports', 'Reports the agency acted on', 'Flagged reports', 'Compliance rate', 'Confirmed reports', 'Confirmed compliance rate', ...(figures.withCases ? ['Cases'] : []), 'Flags']
      : ['Rule', 'Acting agency', 'Eligible reports', 'Flagged reports', 'Compliance rate', 'Confirmed reports', 'Confirmed compliance rate', 'Flags'],
    rows: figures.agencies.map((a) => [
      ctx.ruleTitle(a.ruleId),
      a.agency,
      countCell(counter, a.eligible),
      ...(withBase ? [countCell(counter, a.base)] : []),
      countCell(counter, a.flagged),
      rateCell(a.flagged, a.base, ctx.check(a.basis.rawBase), withBase ? NO_OCCASION : NO_ELIGIBLE),
      countCell(counter, a.confirmed),
      rateCell(a.confirmed, a.base, ctx.check(a.basis.rawBase, a.basis.reviewed), withBase ? NO_OCCASION : NO_ELIGIBLE),
      ...(figures.withCases ? [countCell(counter, a.cases)] : []),
      countCell(counter, a.flags),
    ]),
    notes: withBase
      ? [
          "An agency's rate is measured against the rule's eligible reports whose reporter that agency later arrested or cited (the DA: charged), on or after the report: the occasions on which it could have broken the rule. Its flagged reports are always among them.",
          'An agency that made no arrest or charge under a rule has no row.',
          ...rateNotes(ctx).slice(1),
          ...suppressionNotes(ctx, true),
        ]
      : [
          "Each agency's flagged reports are set against all of the rule's eligible reports.",
          'An agency that made no arrest or charge under a rule has no row.',
          ...suppressionNotes(ctx, true),
        ],
  };
  return { id: 'summary', heading: 'Summary', paragraphs, tables: [byRule, byAgency], charts: [] };
}

/** The month over every rule together, as the dashboard shows it for the same month (snapshots since issue 11). */
function overallParagraphs(ctx: Context): string[] {
  const o = ctx.figures.overall;
  if (!o) return [];
  const t = (value: Shown) => countText(ctx.counter, value);
  return [
    `Every rule together (a report or a case counts once, as on the dashboard for ${monthLabel(ctx.data.month)}): ${plural(t(o.eligible), 'eligible report')}, ${plural(t(o.flagged), 'flagged report')}, ${plural(t(o.cases), 'case')} behind them and ${plural(t(o.flags), 'flag')}; ${t(o.confirmed)} of the flagged reports confirmed by a reviewer.`,
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Trend

/** Said instead of a chart of counts whose every value is hidden. */
function everyCountHidden(ctx: Context): string {
  return `Every count in this chart is under ${ctx.threshold} or hidden to protect one: nothing to draw. The table gives each as "${ctx.counter.label}".`;
}

/**
 * Why a month of a rule has no rate to draw: too few reports, a hidden count it rests on (a rate would give it
 * away), or none at all. Null when it has one.
 */
type NoRate = 'too-few' | 'hidden' | 'none';

/** Said instead of the trend chart when no month of any rule has a rate; undefined when one has. */
function trendNothingToDraw(ctx: Context, reasons: Array<NoRate | null>): string | undefined {
  if (reasons.length === 0 || reasons.some((r) => r === null)) return undefined;
  const minBase = ctx.data.measures?.minRateBase;
  if (reasons.every((r) => r === 'hidden')) {
    return `Every rate in this chart rests on a count under ${ctx.threshold} or hidden to protect one, so none is shown: nothing to draw.`;
  }
  if (reasons.some((r) => r === 'hidden')) {
    return `No month has a rate to draw: each had ${minBase ? `fewer than ${minBase} eligible reports` : 'no eligible report'}, or rests on a count under ${ctx.threshold} or hidden to protect one.`;
  }
  return `No month has a rate to draw: each had ${minBase ? `fewer than ${minBase} eligible reports` : 'no eligible report'}.`;
}

function trendSection(ctx: Context): ReportSection {
  const { counter, figures } = ctx;
  const months = figures.months;
  const first = months[0] ?? ctx.data.trendFrom;
  const last = months[months.length - 1] ?? ctx.data.month;
  const reasons: Array<NoRate | null> = [];
  const rateOf = (month: string, ruleId: string): number | null => {
    const row = figures.trend.find((t) => t.month === month && t.ruleId === ruleId);
    const check = row ? ctx.check(row.rawEligible) : undefined;
    const value = row ? rateValue(row.flagged, row.eligible, check) : null;
    reasons.push(
      value !== null
        ? null
        : !row || row.eligible === 0
          ? 'none'
          : check && check.rawBase < check.minBase
            ? 'too-few'
            : row.flagged === null || row.eligible === null
              ? 'hidden'
              : 'none',
    );
    return value;
  };
  const chart: ReportChart = {
    id: 'compliance-rate-trend',
    title: `Compliance rate by rule, ${monthLabel(first)} to ${monthLabel(last)}`,
    kind: 'line',
    categories: months.map(monthLabel),
    series: figures.ruleIds.map((ruleId) => ({
      name: ctx.ruleTitle(ruleId),
      values: months.map((month) => rateOf(month, ruleId)),
    })),
    unit: '%',
  };
  const nothingToDraw = trendNothingToDraw(ctx, reasons);
  if (nothingToDraw) chart.nothingToDraw = nothingToDraw;
  const table: ReportTable = {
    id: 'trend-by-month',
    title: chart.title,
    columns: ['Month', 'Rule', 'Eligible reports', 'Flagged reports', 'Compliance rate'],
    rows: figures.trend.map((row) => [
      monthLabel(row.month),
      ctx.ruleTitle(row.ruleId),
      countCell(counter, row.eligible),
      countCell(counter, row.flagged),
      rateCell(row.flagged, row.eligible, ctx.check(row.rawEligible)),
    ]),
    notes: [...rateNotes(ctx), ...suppressionNotes(ctx, true)],
  };
  return {
    id: 'trend',
    heading: 'Trend',
    paragraphs: [
      `The compliance rate of each rule in ${monthLabel(ctx.data.month)} and the 12 months before it, every month counted the same way, with the data as it stood when these figures were taken.`,
      ctx.data.measures
        ? `A month with fewer than ${ctx.data.measures.minRateBase} eligible reports${counter.suppresses ? ', or whose rate is not shown,' : ''} has no rate and leaves a gap in its line.`
        : counter.suppresses
          ? 'A month with no eligible report, or whose rate is not shown, leaves a gap in its line.'
          : 'A month with no eligible report has no rate and leaves a gap in its line.',
    ],
    tables: [table],
    charts: [chart],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Where

function whereSection(ctx: Context): ReportSection {
  const { figures } = ctx;
  const month = monthLabel(ctx.data.month);
  const district = breakdownParts(ctx, figures.districts, {
    id: 'by-district',
    chartId: 'flags-by-district',
    what: 'Police district',
    all: 'All districts',
    unknown: 'Unknown district',
    title: `By police district, ${month}`,
    chartTitle: `Flags by police district, ${month}`,
  });
  const category = breakdownParts(ctx, figures.categories, {
    id: 'by-category',
    chartId: 'flags-by-category',
    what: 'Incident category',
    all: 'All categories',
    // Every eligible report has a row: a category is absent only when DataSF publishes none for its code (issue 15).
    unknown: 'No category published',
    title: `By incident category, ${month}`,
    chartTitle: `Flags by incident category, ${month}`,
  });
  return {
    id: 'where',
    heading: 'Where',
    paragraphs: [
      `Where the eligible reports of ${month} were made (the police district of the report) and what they were about (the incident category), every rule together: a report covered by several rules counts once here.`,
      'Flags count one per rule and arrest or charge, so one report can carry several.',
    ],
    tables: [district.table, category.table],
    charts: [district.chart, category.chart],
  };
}

function breakdownParts(
  ctx: Context,
  breakdown: Breakdown,
  words: { id: string; chartId: string; what: string; all: string; unknown: string; title: string; chartTitle: string },
): { table: ReportTable; chart: ReportChart } {
  const { counter } = ctx;
  const label = (key: string | null) => key ?? words.unknown;
  const row = (name: string, c: { rawEligible: number; eligible: Shown; flagged: Shown; flags: Shown }): ReportCell[] => [
    name,
    countCell(counter, c.eligible),
    countCell(counter, c.flagged),
    rateCell(c.flagged, c.eligible, ctx.check(c.rawEligible)),
    countCell(counter, c.flags),
  ];
  return {
    table: {
      id: words.id,
      title: words.title,
      columns: [words.what, 'Eligible reports', 'Flagged reports', 'Compliance rate', 'Flags'],
      rows: [...breakdown.rows.map((r) => row(label(r.key), r)), row(words.all, breakdown.total)],
      notes: [
        `The last row is the total of each column. The columns are different counts and are not added across.`,
        ...rateNotes(ctx),
        ...suppressionNotes(ctx, true),
      ],
    },
    chart: {
      id: words.chartId,
      title: words.chartTitle,
      kind: 'bar',
      categories: breakdown.rows.map((r) => label(r.key)),
      series: [{ name: 'Flags', values: breakdown.rows.map((r) => r.flags) }],
      unit: 'flags',
      ...(breakdown.rows.length === 0
        ? { nothingToDraw: `No eligible report in ${monthLabel(ctx.data.month)}: nothing to draw.` }
        : breakdown.rows.every((r) => r.flags === null)
          ? { nothingToDraw: everyCountHidden(ctx) }
          : breakdown.rows.every((r) => r.flags === null || r.flags === 0)
            ? // Nothing above zero to draw: empty axes would say nothing (issue 14).
              {
                nothingToDraw: breakdown.rows.some((r) => r.flags === null)
                  ? `Every count in this chart is 0, under ${ctx.threshold} or hidden to protect one: nothing to draw. The table gives each.`
                  : `No flags in ${monthLabel(ctx.data.month)}: nothing to draw.`,
              }
            : {}),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Flags by confidence and review outcome

function confidenceSection(ctx: Context): ReportSection {
  const { counter } = ctx;
  const { rows, columns, table } = ctx.figures.confidence;
  const body: ReportCell[][] = rows.map((confidence, i) => [
    confidenceLabel(confidence),
    ...columns.map((_, j) => countCell(counter, table.cells[i]?.[j] ?? null)),
    countCell(counter, table.rowTotals[i] ?? null),
  ]);
  body.push(['Total', ...columns.map((_, j) => countCell(counter, table.columnTotals[j] ?? null)), countCell(counter, table.total)]);
  return {
    id: 'confidence',
    heading: 'Flags by confidence and review outcome',
    paragraphs: [
      `Every current flag of ${monthLabel(ctx.data.month)}, whatever its confidence, by what its review decided so far.`,
      'Only flags of medium or high confidence that are new, in review or confirmed count in the figures above. Low-confidence flags and dismissed flags (not a violation, policy exception, data error) are shown here so that nothing is left out.',
    ],
    tables: [
      {
        id: 'flags-by-confidence-and-review',
        title: `Flags by confidence and review outcome, ${monthLabel(ctx.data.month)}`,
        columns: ['Confidence', ...columns.map(reviewStatusLabel), 'Total'],
        rows: body,
        notes: [
          'High: a direct link between the report and the arrest or charge, and every charge protected. Medium: a link by time only, or other minor charges. Low: a felony charge too, the person also a suspect, or an unclear charge.',
          ...suppressionNotes(ctx, false),
        ],
      },
    ],
    charts: [],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 5. Flagged cases (internal only)

function casesSection(ctx: Context): ReportSection {
  const month = monthLabel(ctx.data.month);
  const rows = ctx.data.cases;
  if (rows.some(isFlagRow)) return flagRowsSection(ctx, rows.filter(isFlagRow));
  const cases = (rows as ReportCaseRow[]).slice().sort((a, b) => compareText(a.actionDate, b.actionDate) || compareText(a.caseId, b.caseId));
  const flags = cases.reduce((n, c) => n + c.rules.length, 0);
  return {
    id: 'cases',
    heading: 'Flagged cases',
    paragraphs: [
      `Every case of ${month} (${plural(cases.length, 'case')}, with ${plural(flags, 'flag')}): each arrest or decision to charge that followed a report of the month and breaches a rule, of every confidence and review outcome, oldest first. A case breaching several rules is one row, its rules listed with each rule's confidence. People are not named; incident numbers identify the reports.`,
    ],
    tables: [
      {
        id: 'flagged-cases',
        title: `Flagged cases, ${month}`,
        // Eight columns, so that the table fits a page across: the action in one cell, where and what in another. A
        // case is named by its reference (the first 8 characters of its id, which the Flagged cases search box finds),
        // not its 32-character id. On paper "What happened" runs under its row across the page, so many cases fit.
        columns: ['Case', 'Action', 'Charges', 'Rules breached (confidence)', 'Reports it follows', 'District, category', 'Review status', 'What happened'],
        rows: cases.map((c) => [
          caseReference(c.caseId),
          `${actionLabel(c.actionType)} by ${c.agency} on ${c.actionDate}`,
          c.charges.length === 0 ? 'none recorded' : c.charges.join('; '),
          c.rules.map((r) => `${ctx.ruleTitle(r.ruleId)} (${confidenceLabel(r.confidence).toLowerCase()})`).join('; '),
          c.reportIncidentNumbers.length === 0 ? 'none (no report needed)' : c.reportIncidentNumbers.join(', '),
          `${c.policeDistrict ?? 'Unknown district'}, ${c.incidentCategory ?? (c.reportIncidentNumbers.length > 0 ? NO_CATEGORY_PUBLISHED : 'unknown category')}`,
          reviewStatusLabel(c.reviewStatus),
          withZone(c.sentence),
        ]),
        notes: [
          'One row per case: one arrest or decision to charge. Its review is one decision for all its rules.',
          'Case: the case\'s reference, the start of its id. Typed into the search box of Flagged cases in the app (as an incident number is), it finds the case.',
          'Charges in plain words, from the statutes (and the descriptions admins added) as they stood when these figures were taken.',
          'Internal: this table identifies cases and must not leave the task force.',
        ],
        rowDetailColumn: 'What happened',
      },
    ],
    charts: [],
  };
}

/** A case's short reference: the first 8 characters of its id, which the Flagged cases search box finds. */
export function caseReference(caseId: string): string {
  return caseId.slice(0, CASE_REFERENCE_LENGTH);
}
export const CASE_REFERENCE_LENGTH = 8;

function isFlagRow(row: ReportCaseRow | ReportFlagRow): row is ReportFlagRow {
  return 'flagId' in row;
}

/** Snapshots taken before issue 11 listed one row per flag: drawn as they were published. */
function flagRowsSection(ctx: Context, rows: ReportFlagRow[]): ReportSection {
  const cases = [...rows].sort((a, b) => compareText(a.actionDate, b.actionDate) || compareText(a.flagId, b.flagId));
  return {
    id: 'cases',
    heading: 'Flagged cases',
    paragraphs: [
      `Every current flag of ${monthLabel(ctx.data.month)}, of every confidence and review outcome (${plural(cases.length, 'flag')}), oldest arrest or charge first. People are not named; incident numbers identify the report.`,
    ],
    tables: [
      {
        id: 'flagged-cases',
        title: `Flagged cases, ${monthLabel(ctx.data.month)}`,
        columns: ['Flag', 'Rule', 'Confidence', 'Acting agency', 'Incident number', 'Action', 'Action date', 'Police district', 'Incident category', 'Review status', 'What happened'],
        rows: cases.map((c) => [
          c.flagId,
          ctx.ruleTitle(c.ruleId),
          confidenceLabel(c.confidence),
          c.agency,
          c.reportIncidentNumber ?? 'none (no report needed)',
          actionLabel(c.actionType),
          c.actionDate,
          c.policeDistrict ?? 'Unknown',
          c.incidentCategory ?? (c.reportIncidentNumber ? NO_CATEGORY_PUBLISHED : 'Unknown'),
          reviewStatusLabel(c.reviewStatus),
          withZone(c.sentence),
        ]),
        notes: ['Internal: this table identifies cases and must not leave the task force.'],
      },
    ],
    charts: [],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 6. What this month rests on (counts of files and rows are not about people: never suppressed; arrests are, so
// in the public edition the month's arrests, linked and not, are a list with its total)

function dataBasisSection(ctx: Context): ReportSection {
  const basis = ctx.data.dataBasis;
  const batches = [...basis.batches].sort((a, b) => compareText(a.loadedAt, b.loadedAt) || compareText(a.fileName, b.fileName));
  const month = monthLabel(ctx.data.month);
  const arrests = ctx.counter.list([basis.arrestsLinked, basis.arrests - basis.arrestsLinked]);
  const [linkedShown] = arrests.values;
  const linkedShare =
    basis.arrests === 0 ? null : arrests.total === null || linkedShown === null ? RATE_NOT_SHOWN : percentText(percentOf(basis.arrestsLinked, basis.arrests));
  const evaluated = basis.evaluatedAt === null ? null : sfTime(basis.evaluatedAt);
  return {
    id: 'data-basis',
    heading: 'What this month rests on',
    paragraphs: [
      `${plural(batches.length, 'file')} loaded, with ${plural(basis.rejectedRows, 'row')} rejected in all (a rejected row is left out of every figure).`,
      ctx.edition === 'public' && ctx.data.release !== undefined
        ? `The month's arrests are not part of the released set: the internal edition counts them.`
        : basis.arrests === 0
        ? `No arrest made in ${month} is loaded.`
        : arrests.total === null
          ? `${ctx.counter.label} arrests made in ${month} are loaded (a small count, hidden). An arrest whose incident is not loaded can be connected to a report only by its time.`
          : `${plural(basis.arrests, 'arrest')} made in ${month} ${basis.arrests === 1 ? 'is' : 'are'} loaded; ${countText(ctx.counter, linkedShown)} of them (${linkedShare}) name an incident that is loaded. An arrest whose incident is not loaded can be connected to a report only by its time.`,
      evaluated === null ? 'The flags had not been evaluated when these figures were taken.' : `The flags were last evaluated on ${evaluated} (San Francisco time).`,
      `These figures were taken on ${sfTime(ctx.data.takenAt)} (San Francisco time).`,
    ],
    tables: [
      {
        id: 'data-basis',
        title: 'Data basis',
        columns: ['What', 'Figure'],
        rows: [
          ['Files loaded', batches.length],
          ['Rows rejected, all files', basis.rejectedRows],
          ...(ctx.edition === 'public' && ctx.data.release !== undefined
            ? []
            : [
                [`Arrests made in ${month}`, countCell(ctx.counter, arrests.total)],
                ['Of them, naming a loaded incident', countCell(ctx.counter, linkedShown)],
                ['Share naming a loaded incident', linkedShare ?? 'no arrests'],
              ]),
          ['Flags last evaluated', evaluated ?? 'not yet'],
          ['Figures taken', sfTime(ctx.data.takenAt)],
        ],
        notes: ['Times are San Francisco time.'],
      },
      {
        id: 'batches-loaded',
        title: 'Files loaded',
        columns: ['Kind', 'File', 'Loaded at', 'Rows read', 'Inserted', 'Updated', 'Rejected'],
        rows: batches.map((b) => [batchKindLabel(b.kind), b.fileName, sfTime(b.loadedAt), b.rowsRead, b.inserted, b.updated, b.rejected]),
        notes: ['These count rows of files, not people, so none is hidden.', 'Times are San Francisco time.'],
      },
    ],
    charts: [],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 7. Policies in force

function policiesSection(ctx: Context): ReportSection {
  const order = (ruleId: string) => {
    const i = ctx.figures.ruleIds.indexOf(ruleId);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const policies = [...ctx.data.policies].sort(
    (a, b) => order(a.ruleId) - order(b.ruleId) || compareText(a.ruleId, b.ruleId) || a.version - b.version || compareText(a.id, b.id),
  );
  return {
    id: 'policies',
    heading: 'Policies in force',
    paragraphs: [
      `The policy versions in force during ${monthLabel(ctx.data.month)}. Each list of offences and charges says where it comes from: checked against the text, from a reliable second-hand account, or our own reading still to be checked.`,
    ],
    tables: [
      {
        id: 'policies-in-force',
        title: `Policies in force, ${monthLabel(ctx.data.month)}`,
        columns: ['Policy', 'Title', 'Instrument', 'In force from', 'Until', 'Where the lists come from'],
        rows: policies.map((p) => [p.id, p.title, p.instrument, p.effectiveFrom, p.effectiveUntil ?? 'still in force', provenanceText(p.provenance)]),
      },
    ],
    charts: [],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 8. Method

function methodSection(ctx: Context): ReportSection {
  const paragraphs = [
    'What counts. An eligible report is a report of violent crime made to the police in the month by a person recorded as its victim or witness, of a kind the rule covers; one person on one incident is one report.',
    'A flagged report is an eligible report followed by an arrest or a decision to charge that the rule bars, with at least one flag of medium or high confidence. Low-confidence flags are listed but never counted.',
    'Flags a reviewer dismissed (not a violation, policy exception, data error) never count. Flags still new or in review count until decided. The confirmed figures count only flags a reviewer confirmed as a violation.',
    'What the data cannot show. People who never report a crime because they fear arrest leave no record here: a compliance rate says how reports were treated, not how many people felt safe to report.',
    'An arrest or charge is connected to a report only when it concerns the same person (by pseudonymous key) and names the reported incident or falls in the time window. An arrest of someone recorded under another key, a citation with no incident report, or an arrest whose incident is not loaded cannot be connected, and a breach there is missed.',
    'When an arrest is under another incident number it is connected to a report by time: by default from 24 hours before the incident to 72 hours after the report. That window is an estimate, so such a flag may be unrelated, and it is never of high confidence.',
    "PC 372 (public nuisance) is protected only when it results from prostitution, which the records do not say: such flags carry a note and need a reviewer's judgement.",
  ];
  if (ctx.edition === 'public' && ctx.data.release !== undefined) {
    paragraphs.push(
      `How small counts are hidden. Every count in this edition is a cell of the released set: the same figures, hidden the same way, as the dashboard shows viewers for whole months, quarters and years. A count from 1 to ${ctx.threshold - 1} is shown as "${ctx.counter.label}", and so is any count that would let one be worked out from anything released together (this report, other months' reports, the dashboard's months, quarters and years, by rule, agency, district and category). Before a report is published, an exact audit (a linear program over every released count) checks that no hidden count can be pinned down or narrowed to a few values. A rate is not shown when one of its counts is hidden, and charts leave hidden values out.`,
      'This edition shows no incident number, no case identifier, no person key and no description of a case: only totals. Flags by confidence and review outcome, and the month\'s arrests, are in the internal edition only. Counts of files and rows are about the data, not about people, and are shown in full.',
    );
  } else if (ctx.edition === 'public') {
    paragraphs.push(
      `How small counts are hidden. Any count that comes from people's cases and is from 1 to ${ctx.threshold - 1} is shown as "${ctx.counter.label}". Where such a count could be worked out from a total and the other counts, another count is hidden too (complementary suppression), shown the same way. A rate is not shown when one of its counts is hidden, and charts leave hidden values out.`,
      'This edition shows no incident number, no case identifier, no person key and no description of a case: only totals. Counts of files and rows are about the data, not about people, and are shown in full.',
    );
  } else {
    paragraphs.push('This internal edition shows every count exactly and lists each flagged case. It names no person, but incident numbers identify cases: it is for the task force only.');
  }
  if (ctx.figures.withCases) {
    paragraphs.splice(
      2,
      0,
      'Reports, cases and flags. A flagged report is counted once however many arrests, charges and rules follow it. A case is one arrest or decision to charge that breaches a rule; a flag is one rule it breaches for one report. One arrest breaching two rules is one case and two flags, and is reviewed once.',
    );
  }
  return { id: 'method', heading: 'Method', paragraphs, tables: [], charts: [] };
}
