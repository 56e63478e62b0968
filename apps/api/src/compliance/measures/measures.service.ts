import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CONFIRMED_REVIEW_STATUSES, DEFAULT_SUPPRESSION_THRESHOLD, DISMISSED_REVIEW_STATUSES, roleAllowed, type MeasureRow, type MeasuresResult, type Role } from '@sra/contracts';
import { isSmallCount } from '@sra/suppression';
import { RULE_IDS } from '@sra/policies';
import { VersionedCache } from '../../common/versioned-cache';
import type { MeasuresQueryDto } from './dto/measures-query.dto';

const LEVELS = { high: ['high'], medium: ['high', 'medium'], low: ['high', 'medium', 'low'] } as const;

/** The eligible reports in the period and filters, each marked flagged when a current flag at or above the threshold cites it. */
const ELIGIBLE = `
  e AS (
    SELECT e.rule_id, e.incident_number, e.person_key, e.report_month, e.police_district, e.incident_category,
           bool_or(f.id IS NOT NULL AND coalesce(r.status, 'new') <> ALL($7::text[])) AS flagged,
           bool_or(f.id IS NOT NULL AND r.status = ANY($8::text[])) AS confirmed
      FROM eligible_report e
      LEFT JOIN flag f ON f.status = 'current' AND f.rule_id = e.rule_id AND f.report_incident_number = e.incident_number
                      AND f.person_key = e.person_key AND f.confidence = ANY($4::text[])
      LEFT JOIN case_review r ON r.case_id = f.case_id
     WHERE e.report_month BETWEEN $1::date AND $2::date AND e.rule_id = ANY($3::text[])
       AND ($5::text IS NULL OR e.police_district = $5) AND ($6::text IS NULL OR e.incident_category = $6)
     GROUP BY e.rule_id, e.incident_number, e.person_key, e.report_month, e.police_district, e.incident_category
  )`;

const RATE = `CASE WHEN count(e.rule_id) = 0 THEN NULL ELSE 1 - (count(*) FILTER (WHERE e.flagged))::float8 / count(e.rule_id) END`;
const CONFIRMED = `(count(*) FILTER (WHERE e.confirmed))::int AS "confirmedReports",
  CASE WHEN count(e.rule_id) = 0 THEN NULL ELSE 1 - (count(*) FILTER (WHERE e.confirmed))::float8 / count(e.rule_id) END AS "confirmedComplianceRate"`;

const BY: Record<MeasuresResult['groupBy'], string> = {
  // Every month of the period, also those without an eligible report (a null rate, never 100%).
  month: `WITH ${ELIGIBLE}, months AS (SELECT m::date AS month FROM generate_series($1::date, $2::date, interval '1 month') m)
    SELECT r.rule_id AS "ruleId", to_char(m.month, 'YYYY-MM') AS key, count(e.rule_id)::int AS "eligibleReports",
           (count(*) FILTER (WHERE e.flagged))::int AS "flaggedReports", ${RATE} AS "complianceRate", ${CONFIRMED}
      FROM unnest($3::text[]) AS r(rule_id) CROSS JOIN months m LEFT JOIN e ON e.rule_id = r.rule_id AND e.report_month = m.month
     GROUP BY r.rule_id, m.month ORDER BY r.rule_id, m.month`,
  district: `WITH ${ELIGIBLE}
    SELECT e.rule_id AS "ruleId", e.police_district AS key, count(e.rule_id)::int AS "eligibleReports",
           (count(*) FILTER (WHERE e.flagged))::int AS "flaggedReports", ${RATE} AS "complianceRate", ${CONFIRMED}
      FROM e GROUP BY e.rule_id, e.police_district ORDER BY e.rule_id, e.police_district NULLS LAST`,
  category: `WITH ${ELIGIBLE}
    SELECT e.rule_id AS "ruleId", e.incident_category AS key, count(e.rule_id)::int AS "eligibleReports",
           (count(*) FILTER (WHERE e.flagged))::int AS "flaggedReports", ${RATE} AS "complianceRate", ${CONFIRMED}
      FROM e GROUP BY e.rule_id, e.incident_category ORDER BY e.rule_id, e.incident_category NULLS LAST`,
  // Flagged reports by the agency that acted, against all the rule's eligible reports.
  agency: `WITH ${ELIGIBLE},
      totals AS (SELECT rule_id, count(*)::int AS eligible FROM e GROUP BY rule_id),
      by_agency AS (
        SELECT e.rule_id, f.agency,
               count(DISTINCT (e.incident_number, e.person_key)) FILTER (WHERE coalesce(r.status, 'new') <> ALL($7::text[]))::int AS flagged,
               count(DISTINCT (e.incident_number, e.person_key)) FILTER (WHERE r.status = ANY($8::text[]))::int AS confirmed
          FROM e JOIN flag f ON f.status = 'current' AND f.rule_id = e.rule_id AND f.report_incident_number = e.incident_number
                            AND f.person_key = e.person_key AND f.confidence = ANY($4::text[])
          LEFT JOIN case_review r ON r.case_id = f.case_id
         GROUP BY e.rule_id, f.agency)
    SELECT t.rule_id AS "ruleId", a.agency AS key, t.eligible AS "eligibleReports", coalesce(a.flagged, 0) AS "flaggedReports",
           CASE WHEN t.eligible = 0 THEN NULL ELSE 1 - coalesce(a.flagged, 0)::float8 / t.eligible END AS "complianceRate",
           coalesce(a.confirmed, 0) AS "confirmedReports",
           CASE WHEN t.eligible = 0 THEN NULL ELSE 1 - coalesce(a.confirmed, 0)::float8 / t.eligible END AS "confirmedComplianceRate"
      FROM totals t LEFT JOIN by_agency a USING (rule_id) ORDER BY t.rule_id, a.agency NULLS LAST`,
};

/** The compliance measures of compliance-rules.md §8, over the eligible reports and flags of the last evaluation. */
@Injectable()
export class MeasuresService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cache: VersionedCache,
  ) {}

  /**
   * Computed once per set of filters until the data or a review changes. A caller without case-level access gets
   * small counts suppressed, and the rates they would give away (compliance-rules.md §8). No totals are shown here,
   * so no complementary suppression is needed within a response.
   */
  async measures(query: MeasuresQueryDto, role: Role = 'admin'): Promise<MeasuresResult> {
    const { groupBy, rule, from, to, threshold, district, category } = query;
    const result = await this.cache.get(`measures:${JSON.stringify([groupBy, rule, from, to, threshold, district, category])}`, () => this.compute(query));
    if (roleAllowed(role, 'caseLevel')) return result;
    const one = (n: number | null) => (n === null || isSmallCount(n, DEFAULT_SUPPRESSION_THRESHOLD) ? null : n);
    const rate = (n: number | null, of: number | null) => (n === null || of === null || of === 0 ? null : 1 - n / of);
    return {
      ...result,
      rows: result.rows.map((r) => {
        const [eligibleReports, flaggedReports, confirmedReports] = [one(r.eligibleReports), one(r.flaggedReports), one(r.confirmedReports)];
        return { ...r, eligibleReports, flaggedReports, confirmedReports, complianceRate: rate(flaggedReports, eligibleReports), confirmedComplianceRate: rate(confirmedReports, eligibleReports) };
      }),
    };
  }

  private async compute(query: MeasuresQueryDto): Promise<MeasuresResult> {
    const groupBy = query.groupBy ?? 'month';
    const threshold = query.threshold ?? 'medium';
    const reportRules = RULE_IDS.filter((r) => r !== 'ca-sb357-repeal');
    if (query.rule !== undefined && !(reportRules as readonly string[]).includes(query.rule)) {
      throw new BadRequestException(`rule must be one of ${reportRules.join(', ')} (the repeal rule has no reports to measure)`);
    }
    const to = query.to ?? (await this.latestMonth());
    const from = query.from ?? shiftMonth(to, -11);
    if (from > to) throw new BadRequestException(`from (${from}) is after to (${to})`);
    const rows: MeasureRow[] = await this.db.query(BY[groupBy], [
      `${from}-01`,
      `${to}-01`,
      query.rule ? [query.rule] : reportRules,
      LEVELS[threshold],
      query.district ?? null,
      query.category ?? null,
      DISMISSED_REVIEW_STATUSES,
      CONFIRMED_REVIEW_STATUSES,
    ]);
    return { groupBy, threshold, from, to, rows };
  }

  private async latestMonth(): Promise<string> {
    const [{ month }]: Array<{ month: string | null }> = await this.db.query(`SELECT to_char(max(report_month), 'YYYY-MM') AS month FROM eligible_report`);
    return month ?? new Date().toISOString().slice(0, 7);
  }
}

/** `YYYY-MM` moved by n months. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
