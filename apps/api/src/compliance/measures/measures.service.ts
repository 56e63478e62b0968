import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  CONFIRMED_REVIEW_STATUSES,
  DISMISSED_REVIEW_STATUSES,
  measuredRate,
  type MeasureRow,
  type MeasuresResult,
} from '@sra/contracts';
import { RULE_IDS } from '@sra/policies';
import { VersionedCache } from '../../common/versioned-cache';
import { ACTED, AUDITS } from './acted-against';
import { currentMonthInSanFrancisco, defaultPeriod, shiftMonth } from './default-period';
import type { MeasuresQueryDto } from './dto/measures-query.dto';

const LEVELS = { high: ['high'], medium: ['high', 'medium'], low: ['high', 'medium', 'low'] } as const;

/** The eligible reports in the period and filters, each marked flagged when a current flag at or above the threshold cites it. */
const ELIGIBLE = `
  e AS (
    SELECT e.rule_id, e.incident_number, e.person_key, e.report_month, e.police_district, e.incident_category,
           bool_or(f.id IS NOT NULL AND coalesce(r.status, 'new') <> ALL($7::text[])) AS flagged,
           bool_or(f.id IS NOT NULL AND r.status = ANY($8::text[])) AS confirmed,
           bool_or(f.id IS NOT NULL AND (r.status = ANY($7::text[]) OR r.status = ANY($8::text[]))) AS decided
      FROM eligible_report e
      LEFT JOIN flag f ON f.status = 'current' AND f.rule_id = e.rule_id AND f.report_incident_number = e.incident_number
                      AND f.person_key = e.person_key AND f.confidence = ANY($4::text[])
      LEFT JOIN case_review r ON r.case_id = f.case_id
     WHERE e.report_month BETWEEN $1::date AND $2::date AND e.rule_id = ANY($3::text[])
       AND ($5::text IS NULL OR e.police_district = $5) AND ($6::text IS NULL OR e.incident_category = $6)
     GROUP BY e.rule_id, e.incident_number, e.person_key, e.report_month, e.police_district, e.incident_category
  )`;

/** The counts of a group of `e`; its base is its eligible reports. */
const COUNTS = `count(e.rule_id)::int AS "eligibleReports", count(e.rule_id)::int AS "baseReports",
  (count(*) FILTER (WHERE e.flagged))::int AS "flaggedReports", (count(*) FILTER (WHERE e.confirmed))::int AS "confirmedReports",
  (count(*) FILTER (WHERE e.decided))::int AS "decidedReports"`;

const BY: Record<MeasuresResult['groupBy'], string> = {
  // Every month of the period, also those without an eligible report (a null rate, never 100%).
  month: `WITH ${ELIGIBLE}, months AS (SELECT m::date AS month FROM generate_series($1::date, $2::date, interval '1 month') m)
    SELECT r.rule_id AS "ruleId", to_char(m.month, 'YYYY-MM') AS key, ${COUNTS}
      FROM unnest($3::text[]) AS r(rule_id) CROSS JOIN months m LEFT JOIN e ON e.rule_id = r.rule_id AND e.report_month = m.month
     GROUP BY r.rule_id, m.month ORDER BY r.rule_id, m.month`,
  district: `WITH ${ELIGIBLE}
    SELECT e.rule_id AS "ruleId", e.police_district AS key, ${COUNTS}
      FROM e GROUP BY e.rule_id, e.police_district ORDER BY e.rule_id, e.police_district NULLS LAST`,
  category: `WITH ${ELIGIBLE}
    SELECT e.rule_id AS "ruleId", e.incident_category AS key, ${COUNTS}
      FROM e GROUP BY e.rule_id, e.incident_category ORDER BY e.rule_id, e.incident_category NULLS LAST`,
  // Per rule and acting agency: flagged reports against the agency's occasions (docs/rules.md, "Rates and their
  // bases"): the rule's eligible reports whose reporter the agency later acted against, its flagged ones included.
  agency: `WITH ${ELIGIBLE}, ${AUDITS},
      ${ACTED(`er.report_month BETWEEN $1::date AND $2::date AND er.rule_id = ANY($3::text[])
               AND ($5::text IS NULL OR er.police_district = $5) AND ($6::text IS NULL OR er.incident_category = $6)`)},
      totals AS (SELECT rule_id, count(*)::int AS eligible FROM e GROUP BY rule_id),
      fl AS (
        SELECT e.rule_id, e.incident_number, e.person_key, f.agency,
               coalesce(r.status, 'new') <> ALL($7::text[]) AS counted,
               coalesce(r.status = ANY($8::text[]), false) AS confirmed,
               coalesce(r.status = ANY($7::text[]) OR r.status = ANY($8::text[]), false) AS decided
          FROM e JOIN flag f ON f.status = 'current' AND f.rule_id = e.rule_id AND f.report_incident_number = e.incident_number
                            AND f.person_key = e.person_key AND f.confidence = ANY($4::text[])
          LEFT JOIN case_review r ON r.case_id = f.case_id),
      acted AS (SELECT rule_id, incident_number, person_key, agency FROM acted_raw UNION SELECT rule_id, incident_number, person_key, agency FROM fl),
      base AS (SELECT rule_id, agency, count(*)::int AS n FROM acted GROUP BY 1, 2),
      by_agency AS (
        SELECT rule_id, agency,
               count(DISTINCT (incident_number, person_key)) FILTER (WHERE counted)::int AS flagged,
               count(DISTINCT (incident_number, person_key)) FILTER (WHERE confirmed)::int AS confirmed,
               count(DISTINCT (incident_number, person_key)) FILTER (WHERE decided)::int AS decided
          FROM fl GROUP BY 1, 2)
    SELECT b.rule_id AS "ruleId", b.agency AS key, t.eligible AS "eligibleReports", b.n AS "baseReports",
           coalesce(a.flagged, 0) AS "flaggedReports", coalesce(a.confirmed, 0) AS "confirmedReports", coalesce(a.decided, 0) AS "decidedReports"
      FROM base b JOIN totals t USING (rule_id) LEFT JOIN by_agency a USING (rule_id, agency)
     ORDER BY b.rule_id, b.agency`,
};

interface CountRow {
  ruleId: string;
  key: string | null;
  eligibleReports: number;
  baseReports: number;
  flaggedReports: number;
  confirmedReports: number;
  /** Reports of the group with a flag a reviewer decided: the confirmed rate needs one. */
  decidedReports: number;
}

/** A row with its rates: withheld on an empty or too small base, before any review, or over hidden counts. */
function withRates(row: Omit<CountRow, 'decidedReports'>, reviewed: boolean): MeasureRow {
  const rate = measuredRate(row.flaggedReports, row.baseReports);
  const confirmed = measuredRate(row.confirmedReports, row.baseReports, reviewed);
  return {
    ruleId: row.ruleId,
    key: row.key,
    eligibleReports: row.eligibleReports,
    flaggedReports: row.flaggedReports,
    baseReports: row.baseReports,
    complianceRate: rate.rate,
    rateWithheld: rate.withheld,
    confirmedReports: row.confirmedReports,
    confirmedComplianceRate: confirmed.rate,
    confirmedRateWithheld: confirmed.withheld,
  };
}

/** The compliance measures of compliance-rules.md §8, over the eligible reports and flags of the last evaluation. */
@Injectable()
export class MeasuresService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cache: VersionedCache,
  ) {}

  /**
   * Computed once per set of filters until the data or a review changes. Case-level roles only (issue 12: a viewer
   * sees the released set, through the dashboard), so every count is exact.
   */
  async measures(query: MeasuresQueryDto): Promise<MeasuresResult> {
    const { groupBy, rule, from, to, threshold, district, category } = query;
    // The default period depends on today's month too.
    const today = currentMonthInSanFrancisco();
    return this.cache.get(`measures:${JSON.stringify([groupBy, rule, from, to, threshold, district, category, today])}`, () => this.compute(query, today));
  }

  private async compute(query: MeasuresQueryDto, today: string): Promise<MeasuresResult> {
    const groupBy = query.groupBy ?? 'month';
    const threshold = query.threshold ?? 'medium';
    const reportRules = RULE_IDS.filter((r) => r !== 'ca-sb357-repeal');
    if (query.rule !== undefined && !(reportRules as readonly string[]).includes(query.rule)) {
      throw new BadRequestException(`rule must be one of ${reportRules.join(', ')} (the repeal rule has no reports to measure)`);
    }
    const byDefault = await defaultPeriod(this.db, today);
    const to = query.to ?? byDefault.to;
    const from = query.from ?? (query.to ? shiftMonth(to, -11) : byDefault.from);
    if (from > to) throw new BadRequestException(`from (${from}) is after to (${to})`);
    const counts: CountRow[] = await this.db.query(BY[groupBy], [
      `${from}-01`,
      `${to}-01`,
      query.rule ? [query.rule] : reportRules,
      LEVELS[threshold],
      query.district ?? null,
      query.category ?? null,
      DISMISSED_REVIEW_STATUSES,
      CONFIRMED_REVIEW_STATUSES,
    ]);
    const rows = counts.map(({ decidedReports, ...row }) => withRates(row, decidedReports > 0));
    return { groupBy, threshold, from, to, rows };
  }
}

export { shiftMonth } from './default-period';
