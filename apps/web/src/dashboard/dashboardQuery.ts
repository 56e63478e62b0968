import {
  COUNTED_REVIEW_STATUSES,
  RULE_IDS,
  type Confidence,
  type DashboardQuery,
  type DashboardResult,
  type ReviewStatus,
} from '@sra/contracts';
import { API_ROOT } from '../providers/http';
import { httpClient } from '../providers/dataProvider';

/**
 * The dashboard's filters live in the address (`#/?from=2021-07&to=2022-06&threshold=high`), so a view can be
 * shared; these helpers read and write them, fetch the figures, and build the flagged-cases list's filter for a
 * click-through (the same filters the server used for the number clicked).
 */

/** The rules that measure reports; the repeal rule has none (the API refuses it). */
export const REPORT_RULES: readonly string[] = RULE_IDS.filter((rule) => rule !== 'ca-sb357-repeal');

export const THRESHOLDS: readonly Confidence[] = ['high', 'medium', 'low'];

/** Confidence levels at or above a threshold. */
export const LEVELS_AT_OR_ABOVE: Readonly<Record<Confidence, Confidence[]>> = {
  high: ['high'],
  medium: ['high', 'medium'],
  low: ['high', 'medium', 'low'],
};

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const FILTER_NAMES = ['from', 'to', 'rule', 'agency', 'district', 'threshold'] as const;
type FilterName = (typeof FILTER_NAMES)[number];

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

export function isThreshold(value: unknown): value is Confidence {
  return typeof value === 'string' && (THRESHOLDS as readonly string[]).includes(value);
}

/** The filters of an address's query string, and the names of those that could not be read (left out). */
export function parseFilters(search: string): { filters: DashboardQuery; ignored: FilterName[] } {
  const params = new URLSearchParams(search);
  const filters: DashboardQuery = {};
  const ignored: FilterName[] = [];
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value === null || value === '') continue;
    const ok =
      name === 'from' || name === 'to'
        ? isMonth(value)
        : name === 'threshold'
          ? isThreshold(value)
          : name === 'rule'
            ? REPORT_RULES.includes(value)
            : value.length <= 100;
    if (!ok) {
      ignored.push(name);
      continue;
    }
    if (name === 'threshold') filters.threshold = value as Confidence;
    else filters[name] = value;
  }
  return { filters, ignored };
}

/** The query string for some filters, in a fixed order (`?from=...`), or '' when none is set. */
export function filtersToSearch(filters: DashboardQuery): string {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** `GET /api/dashboard` with the filters: every figure of the page in one answer. */
export async function fetchDashboard(filters: DashboardQuery): Promise<DashboardResult> {
  const { json } = await httpClient(`${API_ROOT}/dashboard${filtersToSearch(filters)}`);
  return json as DashboardResult;
}

/** The last day (`YYYY-MM-DD`) of a `YYYY-MM` month. */
export function lastDayOfMonth(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number);
  const day = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** The flagged-cases list's filter names (`GET /api/flags`), in the order they are written. */
export interface FlagListFilter {
  status: ['current'];
  confidence: Confidence[];
  reviewStatus: ReviewStatus[];
  reportFrom: string;
  reportUntil: string;
  ruleId: string | string[];
  agency?: string;
  policeDistrict?: string;
  incidentCategory?: string;
}

/** What one bar, point or card narrows the dashboard's filters to. */
export interface Slice {
  /** Default: the statuses whose flags count (dismissed flags never do). */
  reviewStatus?: readonly ReviewStatus[];
  month?: string;
  agency?: string;
  policeDistrict?: string;
  incidentCategory?: string;
}

/**
 * The list filter that returns exactly the flags a dashboard number counts: current flags at or above the
 * threshold, not dismissed, reported in the period, under the chosen rule (or any report rule), agency and district.
 */
export function flagListFilter(query: DashboardResult['query'], slice: Slice = {}): FlagListFilter {
  const filter: FlagListFilter = {
    status: ['current'],
    confidence: LEVELS_AT_OR_ABOVE[query.threshold],
    reviewStatus: [...(slice.reviewStatus ?? COUNTED_REVIEW_STATUSES)],
    reportFrom: `${slice.month ?? query.from}-01`,
    reportUntil: lastDayOfMonth(slice.month ?? query.to),
    ruleId: query.rule ? query.rule : [...REPORT_RULES],
  };
  const agency = slice.agency ?? query.agency;
  if (agency) filter.agency = agency;
  const district = slice.policeDistrict ?? query.district;
  if (district) filter.policeDistrict = district;
  if (slice.incidentCategory) filter.incidentCategory = slice.incidentCategory;
  return filter;
}

/** The flagged-cases list's address (react-admin list route) for a filter. */
export function flagListPath(filter: FlagListFilter): string {
  // The cases list (issue 11): a case is listed when one of its flags matches the filter, as the dashboard counts.
  return `/cases?filter=${encodeURIComponent(JSON.stringify(filter))}`;
}
