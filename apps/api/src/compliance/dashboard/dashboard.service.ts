import { BadRequestException, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  CONFIRMED_REVIEW_STATUSES,
  DEFAULT_SUPPRESSION_THRESHOLD,
  DISMISSED_REVIEW_STATUSES,
  OPEN_REVIEW_STATUSES,
  REVIEW_STATUSES,
  roleAllowed,
  type AgencyFigures,
  type ComplianceFigures,
  type DashboardResult,
  measuredRate,
  type FlagCount,
  type MonthlyAgencyFigures,
  type PolicyStart,
  type ReleasePeriod,
  type ReviewStatus,
  type Role,
} from '@sra/contracts';
import { RULE_IDS } from '@sra/policies';
import { VersionedCache } from '../../common/versioned-cache';
import { shiftMonth } from '../measures/default-period';
import { ACTED, AUDITS } from '../measures/acted-against';
import { currentMonthInSanFrancisco, defaultPeriod, loadedReportRange } from '../measures/default-period';
import { dashboardFromRelease, releasedFigures } from '../release/release-dashboard';
import { snapToGrid } from '../release/release-periods';
import { ReleaseService } from '../release/release.service';
import type { DashboardQueryDto } from './dto/dashboard-query.dto';
import { suppressForViewer } from './viewer-suppression';
import { comparedPeriod, comparedRanges, comparedReleasePeriods, type MonthRange } from './comparison';
import { rangeLabel } from '../release/release-periods';

const LEVELS = { high: ['high'], medium: ['high', 'medium'], low: ['high', 'medium', 'low'] } as const;
const REPORT_RULES = RULE_IDS.filter((r) => r !== 'ca-sb357-repeal');

/*
 * Parameters shared by every query: $1 first day of the first month, $2 first day of the last month, $3 rules,
 * $4 confidence levels, $5 agency, $6 district, $7 dismissed statuses, $8 confirmed statuses.
 */

/** Eligible reports (compliance-rules.md §8) of the filters; a report eligible under two rules counts once. */
const ELIGIBLE = `
  e AS (
    SELECT incident_number, person_key, min(report_month) AS report_month, (min(report_at) AT TIME ZONE 'America/Los_Angeles')::date AS report_date
      FROM eligible_report
     WHERE report_month BETWEEN $1::date AND $2::date AND rule_id = ANY($3::text[]) AND ($6::text IS NULL OR police_district = $6)
     GROUP BY incident_number, person_key
  )`;

/** The current flags of the filters, with their review status; `counted` leaves out dismissed ones (never counted, §8). */
const FLAGS = `
  fl AS (
    SELECT f.id, f.case_id, f.agency, f.report_incident_number AS incident_number, f.person_key, f.police_district, f.incident_category,
           date_trunc('month', (f.report_at AT TIME ZONE 'America/Los_Angeles'))::date AS report_month,
           coalesce(r.status, 'new') AS review_status,
           coalesce(r.status, 'new') <> ALL($7::text[]) AS counted,
           r.status = ANY($8::text[]) AS confirmed,
           coalesce(r.status = ANY($7::text[]) OR r.status = ANY($8::text[]), false) AS decided
      FROM flag f LEFT JOIN case_review r ON r.case_id = f.case_id
     WHERE f.status = 'current' AND f.report_at IS NOT NULL AND f.rule_id = ANY($3::text[]) AND f.confidence = ANY($4::text[])
       AND ($5::text IS NULL OR f.agency = $5) AND ($6::text IS NULL OR f.police_district = $6)
       AND (f.report_at AT TIME ZONE 'America/Los_Angeles')::date >= $1::date
       AND (f.report_at AT TIME ZONE 'America/Los_Angeles')::date < ($2::date + interval '1 month')
  )`;

/**
 * The acting agency's occasions (docs/rules.md, "Rates and their bases"): the filters' eligible reports whose reporter
 * it later acted against under a rule that audits it, and every report it has a flag on; one row per (report, agency).
 */
const ACTED_OF_FILTERS = `
  ${AUDITS},
  ${ACTED('er.report_month BETWEEN $1::date AND $2::date AND er.rule_id = ANY($3::text[]) AND ($6::text IS NULL OR er.police_district = $6)')},
  acted AS (
    SELECT incident_number, person_key, report_month, agency FROM acted_raw WHERE $5::text IS NULL OR agency = $5
    UNION
    SELECT incident_number, person_key, report_month, agency FROM fl
  )`;

const FIGURES = (eligible: string, base: string = eligible) => `
  ${eligible}::int AS "eligibleReports",
  ${base}::int AS "baseReports",
  count(DISTINCT (fl.incident_number, fl.person_key)) FILTER (WHERE fl.counted)::int AS "flaggedReports",
  count(DISTINCT (fl.incident_number, fl.person_key)) FILTER (WHERE fl.confirmed)::int AS "confirmedReports",
  count(fl.id) FILTER (WHERE fl.counted)::int AS flags,
  count(DISTINCT fl.case_id) FILTER (WHERE fl.counted)::int AS cases,
  count(fl.id) FILTER (WHERE fl.decided)::int AS "decidedFlags"`;

interface RawFigures {
  eligibleReports: number;
  baseReports: number;
  flaggedReports: number;
  confirmedReports: number;
  flags: number;
  cases: number;
  /** Flags of the slice whose case a reviewer decided (confirmed or dismissed): the confirmed rate needs one. */
  decidedFlags: number;
}

/** The figures with their rates, each withheld where its base is empty or too small, or before any review. */
function withRates<T extends RawFigures>({ decidedFlags, ...row }: T): Omit<T, 'decidedFlags'> & ComplianceFigures {
  const rate = measuredRate(row.flaggedReports, row.baseReports);
  const confirmed = measuredRate(row.confirmedReports, row.baseReports, decidedFlags > 0);
  return {
    ...row,
    complianceRate: rate.rate,
    rateWithheld: rate.withheld,
    confirmedComplianceRate: confirmed.rate,
    confirmedRateWithheld: confirmed.withheld,
  };
}

/**
 * Everything the dashboard shows, computed here (never over a page of rows in the browser). Every count of
 * flags is what the flagged-cases list returns for the same filters, so a click-through shows the number clicked.
 */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cache: VersionedCache,
    private readonly release: ReleaseService,
  ) {}

  /**
   * Computed once per set of filters until the data or a review changes. A caller without case-level access sees
   * the released set instead (issue 12): a whole month, quarter or year, every count a cell of it.
   */
  async dashboard(query: DashboardQueryDto, role: Role): Promise<DashboardResult> {
    if (!roleAllowed(role, 'caseLevel')) return this.released(query);
    return this.internal(query);
  }

  private internal(query: DashboardQueryDto): Promise<DashboardResult> {
    const { from, to, rule, agency, district, threshold } = query;
    // The default period depends on today's month too.
    const today = currentMonthInSanFrancisco();
    return this.cache.get(`dashboard:${JSON.stringify([from, to, rule, agency, district, threshold, today])}`, () => this.compute(query, today));
  }

  private async released(query: DashboardQueryDto): Promise<DashboardResult> {
    // What no one can be shown is refused for viewers too, before their filters are set aside.
    if (query.rule !== undefined && !(REPORT_RULES as readonly string[]).includes(query.rule)) {
      throw new BadRequestException(`rule must be one of ${REPORT_RULES.join(', ')} (the repeal rule has no reports to measure)`);
    }
    if (query.from !== undefined && query.to !== undefined && query.from > query.to) throw new BadRequestException(`from (${query.from}) is after to (${query.to})`);
    const release = await this.release.current();
    if (release.periods.length === 0) {
      // Nothing loaded: every count is 0, which hides no one.
      return suppressForViewer(await this.internal({ threshold: 'medium' }), DEFAULT_SUPPRESSION_THRESHOLD);
    }
    if (!release.audit.passed) {
      throw new ServiceUnavailableException('The released figures could not be protected, so none are shown. An administrator can see why in the server log.');
    }
    const byDefault = query.from === undefined && query.to === undefined ? await defaultPeriod(this.db, currentMonthInSanFrancisco()) : null;
    const snap = snapToGrid(query.from ?? byDefault?.from, query.to ?? byDefault?.to, release.periods);
    const dropped = [query.rule && 'rule', query.agency && 'agency', query.district && 'district', query.threshold && query.threshold !== 'medium' && 'confidence'].filter(Boolean);
    const notes = [
      byDefault ? null : snap.snapped,
      dropped.length > 0
        ? `Viewers see every rule, agency and district together, at medium confidence and above: the ${dropped.length === 1 ? `${dropped[0]} filter was` : `${dropped.slice(0, -1).join(', ')} and ${dropped[dropped.length - 1]} filters were`} not applied.`
        : null,
    ].filter((n): n is string => n !== null);
    const period = snap.period as ReleasePeriod; // there are periods
    const internal = await this.internal({ from: period.from, to: period.to, threshold: 'medium' });
    const result = dashboardFromRelease(release, period, internal, notes.length > 0 ? notes.join(' ') : null, DEFAULT_SUPPRESSION_THRESHOLD);
    // The comparison of a viewer's period: cells of the released set only, so a hidden count stays hidden and a
    // change resting on one is "not shown"; a period outside the release has no data.
    const compared = comparedReleasePeriods(period);
    // Whether a case of the compared period was decided (for its confirmed rate) is not a count: the case-level
    // comparison of the same period says it (its periods are the same months: the month, quarter or year before).
    const reviewed = (i: number) => internal.comparison?.periods[i]?.figures?.confirmedRateWithheld !== 'no-review';
    const released = (p: ReleasePeriod, i: number) => (release.periods.some((r) => r.id === p.id) ? releasedFigures(release, p.id, 'total', '', reviewed(i)) : null);
    const comparison = {
      label: period.label,
      sameComparison: compared.previous.id === compared.yearEarlier.id,
      periods: [
        comparedPeriod('previous', compared.previous, result.overall, released(compared.previous, 0)),
        comparedPeriod('yearEarlier', compared.yearEarlier, result.overall, released(compared.yearEarlier, 1)),
      ],
    };
    return { ...result, defaultPeriod: byDefault !== null, comparison };
  }

  private async compute(query: DashboardQueryDto, today: string): Promise<DashboardResult> {
    if (query.rule !== undefined && !(REPORT_RULES as readonly string[]).includes(query.rule)) {
      throw new BadRequestException(`rule must be one of ${REPORT_RULES.join(', ')} (the repeal rule has no reports to measure)`);
    }
    const threshold = query.threshold ?? 'medium';
    const byDefault = await defaultPeriod(this.db, today);
    const to = query.to ?? byDefault.to;
    const from = query.from ?? (query.to ? shiftMonth(to, -11) : byDefault.from);
    if (from > to) throw new BadRequestException(`from (${from}) is after to (${to})`);
    const rules = query.rule ? [query.rule] : REPORT_RULES;
    const params = [`${from}-01`, `${to}-01`, rules, LEVELS[threshold], query.agency ?? null, query.district ?? null, DISMISSED_REVIEW_STATUSES, CONFIRMED_REVIEW_STATUSES];
    const q = <T>(sql: string, p: unknown[] = params): Promise<T[]> => this.db.query(sql, p);
    // The comparison strip: the same filters over the months before, and the same months a year earlier.
    const ranges = comparedRanges({ from, to });
    const sameComparison = ranges.previous.from === ranges.yearEarlier.from;
    const overallOf = (r: MonthRange) =>
      q<RawFigures>(`WITH ${ELIGIBLE}, ${FLAGS} SELECT ${FIGURES('(SELECT count(*) FROM e)')} FROM fl`, [`${r.from}-01`, `${r.to}-01`, ...params.slice(2)]).then(
        ([row]) => row,
      );

    const [agencyRows, districtRows, [overall], monthly, agencyCases, byDistrict, byCategory, [funnel], statuses, policyStarts, dataRange, previousRaw, yearEarlierRaw] = await Promise.all([
      q<{ agency: string }>(`SELECT DISTINCT agency FROM flag WHERE status = 'current' AND rule_id = ANY($1::text[]) ORDER BY agency`, [rules]),
      q<{ district: string }>(`SELECT DISTINCT police_district AS district FROM eligible_report WHERE police_district IS NOT NULL ORDER BY 1`, []),
      q<RawFigures>(`WITH ${ELIGIBLE}, ${FLAGS} SELECT ${FIGURES('(SELECT count(*) FROM e)')} FROM fl`),
      q<RawFigures & { agency: string; month: string }>(
        `WITH ${ELIGIBLE}, ${FLAGS}, ${ACTED_OF_FILTERS},
              agencies AS (SELECT DISTINCT agency FROM flag WHERE status = 'current' AND rule_id = ANY($3::text[]) AND ($5::text IS NULL OR agency = $5)),
              months AS (SELECT m::date AS month FROM generate_series($1::date, $2::date, interval '1 month') m),
              eligible AS (SELECT report_month AS month, count(*) AS n FROM e GROUP BY report_month),
              base AS (SELECT agency, report_month AS month, count(*) AS n FROM acted GROUP BY 1, 2)
         SELECT a.agency, to_char(m.month, 'YYYY-MM') AS month, ${FIGURES('coalesce(min(el.n), 0)', 'coalesce(min(b.n), 0)')}
           FROM agencies a CROSS JOIN months m
           LEFT JOIN eligible el ON el.month = m.month
           LEFT JOIN base b ON b.agency = a.agency AND b.month = m.month
           LEFT JOIN fl ON fl.agency = a.agency AND fl.report_month = m.month
          GROUP BY a.agency, m.month ORDER BY a.agency, m.month`,
      ),
      q<{ agency: string; cases: number }>(`WITH ${FLAGS} SELECT agency, count(DISTINCT case_id) FILTER (WHERE counted)::int AS cases FROM fl GROUP BY agency`),
      q<FlagCount>(`WITH ${FLAGS} SELECT police_district AS key, count(*)::int AS flags, count(DISTINCT case_id)::int AS cases FROM fl WHERE counted GROUP BY 1 ORDER BY 3 DESC, 2 DESC, 1 NULLS LAST`),
      q<FlagCount>(`WITH ${FLAGS} SELECT incident_category AS key, count(*)::int AS flags, count(DISTINCT case_id)::int AS cases FROM fl WHERE counted GROUP BY 1 ORDER BY 3 DESC, 2 DESC, 1 NULLS LAST`),
      q<DashboardResult['funnel']>(
        `WITH ${ELIGIBLE}, ${FLAGS}
         SELECT count(*)::int AS "eligibleReports",
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM arrest a WHERE a.person_key = e.person_key AND a.arrest_date >= e.report_date))::int AS "arrestedAfter",
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM da_decision d WHERE d.person_key = e.person_key AND d.da_action_taken = 'Charged'
                                                                             AND d.action_date >= e.report_date))::int AS "chargedAfter",
                (SELECT count(DISTINCT (incident_number, person_key)) FROM fl WHERE counted)::int AS "flaggedReports"
           FROM e`,
      ),
      q<{ status: ReviewStatus; flags: number; cases: number }>(`WITH ${FLAGS} SELECT review_status AS status, count(*)::int AS flags, count(DISTINCT case_id)::int AS cases FROM fl GROUP BY 1`),
      q<PolicyStart>(
        `SELECT rule_id AS "ruleId", document->>'title' AS title, effective_from::text AS "effectiveFrom", to_char(effective_from, 'YYYY-MM') AS month, version
           FROM policy_version WHERE rule_id = ANY($1::text[]) ORDER BY effective_from, rule_id`,
        [rules],
      ),
      this.cache.get('dashboard:data-range', () => loadedReportRange(this.db)),
      overallOf(ranges.previous),
      sameComparison ? null : overallOf(ranges.yearEarlier),
    ]);

    // An agency's figures for the period are the sums of its months: every report, flag and occasion falls in one
    // month of report (one query instead of two over the agencies' occasions). Not its cases: one arrest can follow
    // reports of two months, so they are counted on their own.
    const casesOf = new Map(agencyCases.map((r) => [r.agency, r.cases]));
    const perAgency = [...new Set(monthly.map((m) => m.agency))].map((agency) => {
      const months = monthly.filter((m) => m.agency === agency);
      const total = (pick: (m: RawFigures) => number) => months.reduce((sum, m) => sum + pick(m), 0);
      return {
        agency,
        eligibleReports: overall.eligibleReports,
        baseReports: total((m) => m.baseReports),
        flaggedReports: total((m) => m.flaggedReports),
        confirmedReports: total((m) => m.confirmedReports),
        flags: total((m) => m.flags),
        cases: casesOf.get(agency) ?? 0,
        decidedFlags: total((m) => m.decidedFlags),
      };
    });
    const statusCounts = new Map(statuses.map((s) => [s.status, s]));
    const current = withRates(overall);
    // A period with no loaded report is "no data", not a row of zeros.
    const hasData = (r: MonthRange) => dataRange !== null && r.to >= dataRange.firstReport.slice(0, 7) && r.from <= dataRange.lastReport.slice(0, 7);
    const other = (r: MonthRange, raw: RawFigures) => (hasData(r) ? withRates(raw) : null);
    const reviewStatus = REVIEW_STATUSES.map((status) => ({ status, flags: statusCounts.get(status)?.flags ?? 0, cases: statusCounts.get(status)?.cases ?? 0 }));
    return {
      query: { from, to, threshold, rule: query.rule, agency: query.agency, district: query.district },
      defaultPeriod: query.from === undefined && query.to === undefined,
      dataRange,
      overall: current,
      perAgency: perAgency.map((row) => withRates(row) as AgencyFigures),
      // Reviews are of cases (issue 11).
      openReviews: reviewStatus.filter((s) => OPEN_REVIEW_STATUSES.includes(s.status)).reduce((sum, s) => sum + s.cases, 0),
      monthly: monthly.map((row) => withRates(row) as MonthlyAgencyFigures),
      policyStarts,
      byDistrict,
      byCategory,
      funnel,
      reviewStatus,
      agencies: agencyRows.map((r) => r.agency),
      districts: districtRows.map((r) => r.district),
      suppression: null,
      comparison: {
        label: rangeLabel(from, to),
        sameComparison,
        periods: [
          comparedPeriod('previous', ranges.previous, current, other(ranges.previous, previousRaw)),
          comparedPeriod('yearEarlier', ranges.yearEarlier, current, other(ranges.yearEarlier, yearEarlierRaw ?? previousRaw)),
        ],
      },
    };
  }
}
