import { formatDay as formatDayInStyle, formatMonth as formatMonthInStyle } from '@sra/contracts';
import { agencyBaseNoun, baseWords, rateWords, type ComplianceFigures, type Confidence, type DashboardResult, type ShownCount } from '@sra/contracts';

const countFormat = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** "1 flag", "8 flags". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/**
 * What a hidden count shows: the API's label ("<11") when it suppressed counts for this role
 * (compliance-rules.md §8). The fallback only guards against a null the API did not explain.
 */
export function hiddenLabel(data: Pick<DashboardResult, 'suppression'>): string {
  return data.suppression?.label ?? 'not shown';
}

/** A count as shown: the number, or the label of a hidden count. */
export function formatShown(n: ShownCount, hidden: string): string {
  return n === null ? hidden : formatCount(n);
}

/** "1 flag", "8 flags", or "<11 flags" when hidden. */
export function pluralShown(n: ShownCount, one: string, hidden: string, many = `${one}s`): string {
  return n === null ? `${hidden} ${many}` : plural(n, one, many);
}

/**
 * A compliance rate ("91.7%"), or why there is none, in words: no reports to measure, too few reports for a rate
 * (under 20), or (for a role that sees small counts hidden) "not shown", since it would give a hidden count away.
 */
export function rateOf(f: Pick<ComplianceFigures, 'complianceRate' | 'rateWithheld'>): string {
  return rateWords(f.complianceRate, f.rateWithheld);
}

/** The confirmed compliance rate, or why there is none ("no case reviewed yet"). */
export function confirmedRateOf(f: Pick<ComplianceFigures, 'confirmedComplianceRate' | 'confirmedRateWithheld'>): string {
  return rateWords(f.confirmedComplianceRate, f.confirmedRateWithheld);
}

/** What the base of a rate is: all eligible reports, or those whose reporter the agency later acted against. */
export function baseNoun(agency?: string): string {
  return agency ? agencyBaseNoun(agency) : 'eligible reports';
}

/** The counts the rate rests on: "2 flagged of 24 reports whose reporter SFPD later arrested or cited". */
export function baseOf(f: Pick<ComplianceFigures, 'flaggedReports' | 'baseReports'>, hidden: string, agency?: string): string {
  if (agency && f.baseReports === 0) return agency === 'SFDA' ? 'the DA charged no one who had reported' : `${agency} arrested or cited no one who had reported`;
  return baseWords(f.flaggedReports, f.baseReports, baseNoun(agency), hidden, 'flagged');
}

/** The counts the confirmed rate rests on: "1 confirmed of 24 eligible reports". */
export function confirmedBaseOf(f: Pick<ComplianceFigures, 'confirmedReports' | 'baseReports'>, hidden: string, agency?: string): string {
  return baseWords(f.confirmedReports, f.baseReports, baseNoun(agency), hidden, 'confirmed');
}

/** A rate with its base in one phrase: "91.7% (2 flagged of 24 ...)", "too few reports for a rate (1 flagged of 6 ...)". */
export function rateWithBase(f: Pick<ComplianceFigures, 'complianceRate' | 'rateWithheld' | 'flaggedReports' | 'baseReports'>, hidden: string, agency?: string): string {
  return `${rateOf(f)} (${baseOf(f, hidden, agency)})`;
}

/** `2021-07` as "Jul 2021" (chart axes) or "July 2021" (sentences). */
export function formatMonth(month: string, long = false): string {
  return /^\d{4}-\d{2}$/.test(month) ? formatMonthInStyle(month, { short: !long }) : month;
}

/** `2023-01-05` as "Jan 5, 2023" (the app's one date style). */
export function formatDay(day: string): string {
  return /^(\d{4})-(\d{2})-(\d{2})$/.test(day) ? formatDayInStyle(day) : day;
}

/** The confidence threshold in plain words. */
export const THRESHOLD_LABELS: Readonly<Record<Confidence, string>> = {
  high: 'Only flags of high confidence',
  medium: 'Flags of medium or high confidence',
  low: 'All flags (low, medium or high confidence)',
};

/** Short rule names for chart marks and choices. */
export const RULE_SHORT_NAMES: Readonly<Record<string, string>> = {
  'sfpd-psw-2017': 'SFPD bulletin (2017)',
  'sfda-psw-2018': 'District Attorney policy (2018)',
  'ca-pc-647.3': 'California Penal Code 647.3',
};

export function ruleShortName(ruleId: string): string {
  return RULE_SHORT_NAMES[ruleId] ?? ruleId;
}

export { visuallyHidden } from '../components/VisuallyHidden';
