/**
 * The rules' default lists as data (compliance-rules.md §1 and §4).
 *
 * An incident code row qualifies for a rule when
 *   (its category is one of the rule's categories, or starts with one of its
 *    category prefixes, or its subcategory is one of the rule's subcategories,
 *    or its code is one of the rule's codes)
 *   and its code is not one of the rule's excluded codes.
 * Categories and subcategories are compared trimmed and case-insensitively;
 * codes are compared as 5-digit zero-padded strings.
 */
import type { IncidentCodeRow, RuleId } from '../model';

/** The rules that protect a report (every rule but the SB 357 repeal). */
export type ReportRuleId = Exclude<RuleId, 'ca-sb357-repeal'>;
export const REPORT_RULE_IDS: readonly ReportRuleId[] = ['sfpd-psw-2017', 'sfda-psw-2018', 'ca-pc-647.3'];

export interface QualificationList {
  categories: readonly string[];
  /** "every Human Trafficking category": any category starting with one of these. */
  categoryPrefixes: readonly string[];
  subcategories: readonly string[];
  codes: readonly string[];
  excludedCodes: readonly string[];
}

/** `sfpd-psw-2017` and `sfda-psw-2018` (secondary source). */
export const SF_POLICY_QUALIFICATION: QualificationList = {
  categories: ['Homicide', 'Robbery', 'Assault', 'Rape', 'Burglary'],
  categoryPrefixes: ['Human Trafficking'],
  subcategories: ['Kidnapping', 'Stalking', 'Extortion-Blackmail', 'Intimidation', 'Family Offenses'],
  codes: ['04144', '15040', '15200'],
  excludedCodes: ['04073', '04074', '04154', '27171', '04080', '04081', '04082', '04083', '04084'],
};

/** `ca-pc-647.3` (inferred section list). */
export const PC_647_3_QUALIFICATION: QualificationList = {
  categories: ['Homicide', 'Robbery', 'Rape'],
  categoryPrefixes: ['Human Trafficking'],
  subcategories: [
    'Aggravated Assault',
    'Burglary - Residential',
    'Burglary - Hot Prowl',
    'Kidnapping',
    'Stalking',
    'Extortion-Blackmail',
  ],
  codes: ['04144', '15040', '19057'],
  excludedCodes: ['04073', '04074', '04080', '04081', '04082', '04083', '04084'],
};

export const QUALIFICATIONS: Readonly<Record<ReportRuleId, QualificationList>> = {
  'sfpd-psw-2017': SF_POLICY_QUALIFICATION,
  'sfda-psw-2018': SF_POLICY_QUALIFICATION,
  'ca-pc-647.3': PC_647_3_QUALIFICATION,
};

/** In force from (local date, inclusive); no end dates. */
export const RULE_START_DATES: Readonly<Record<RuleId, string>> = {
  'sfpd-psw-2017': '2017-12-01',
  'sfda-psw-2018': '2018-01-11',
  'ca-pc-647.3': '2020-01-01',
  'ca-sb357-repeal': '2023-01-01',
};

/** A 5-digit zero-padded incident code (`3074` -> `03074`). */
export function padIncidentCode(code: string): string {
  return code.trim().padStart(5, '0');
}

function normaliseLabel(label: string): string {
  return label.trim().toLowerCase();
}

/** The lists in the form the matcher uses, built once per list (not per call). */
interface CompiledQualification {
  categories: ReadonlySet<string>;
  categoryPrefixes: readonly string[];
  subcategories: ReadonlySet<string>;
  codes: ReadonlySet<string>;
  excludedCodes: ReadonlySet<string>;
}

function compile(list: QualificationList): CompiledQualification {
  return {
    categories: new Set(list.categories.map(normaliseLabel)),
    categoryPrefixes: list.categoryPrefixes.map(normaliseLabel),
    subcategories: new Set(list.subcategories.map(normaliseLabel)),
    codes: new Set(list.codes.map(padIncidentCode)),
    excludedCodes: new Set(list.excludedCodes.map(padIncidentCode)),
  };
}

const compiled = new Map<QualificationList, CompiledQualification>();

function compiledFor(list: QualificationList): CompiledQualification {
  let c = compiled.get(list);
  if (c === undefined) {
    c = compile(list);
    compiled.set(list, c);
  }
  return c;
}

/** Whether one incident code row qualifies under a list. */
export function rowQualifies(row: Pick<IncidentCodeRow, 'incidentCode' | 'category' | 'subcategory'>, list: QualificationList): boolean {
  const q = compiledFor(list);
  const code = padIncidentCode(row.incidentCode);
  if (q.excludedCodes.has(code)) return false;
  const category = normaliseLabel(row.category);
  return (
    q.categories.has(category) ||
    q.categoryPrefixes.some((prefix) => category.startsWith(prefix)) ||
    q.subcategories.has(normaliseLabel(row.subcategory)) ||
    q.codes.has(code)
  );
}

/** An incident qualifies for a rule when any of its rows (supplements included) qualifies. */
export function incidentQualifies(rows: readonly IncidentCodeRow[], ruleId: ReportRuleId): boolean {
  const list = QUALIFICATIONS[ruleId];
  return rows.some((row) => rowQualifies(row, list));
}
