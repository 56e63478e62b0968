/**
 * Which SFPD incident code rows qualify a report for a rule (compliance-rules.md §4; oracle decision 2, choice b).
 *
 * A row qualifies when
 *   (its category is one of the rule's categories, or starts with one of its category prefixes,
 *    or its subcategory is one of its subcategories, or its code is one of its codes)
 *   and its code is not one of the rule's excluded codes.
 * Categories and subcategories are compared trimmed and case-insensitively; codes are compared zero-padded to five
 * digits (`3074` = `03074`), on both sides. An excluded code never qualifies, whatever its category.
 * An incident qualifies when any of its rows (supplements included) qualifies.
 * A rule with no qualification list (the SB 357 repeal, which needs no report) qualifies nothing.
 */
import type { PolicyDocument } from './model';

export interface IncidentCodeRowLabels {
  category: string | null;
  subcategory: string | null;
  /** The SFPD incident code, 1 to 5 digits. */
  code: string | null;
}

/** A 5-digit zero-padded incident code (`3074` -> `03074`). */
export function padIncidentCode(code: string): string {
  return code.trim().padStart(5, '0');
}

function label(text: string | null): string {
  return (text ?? '').trim().toLowerCase();
}

export function rowQualifies(policy: Pick<PolicyDocument, 'qualification'>, row: IncidentCodeRowLabels): boolean {
  if (policy.qualification === null) return false;
  const q = policy.qualification;
  const code = row.code === null ? '' : padIncidentCode(row.code);
  if (code !== '' && q.excludedCodes.some((c) => padIncidentCode(c) === code)) return false;
  const category = label(row.category);
  const subcategory = label(row.subcategory);
  return (
    (category !== '' && (q.categories.some((c) => label(c) === category) || q.categoryPrefixes.some((p) => category.startsWith(label(p))))) ||
    (subcategory !== '' && q.subcategories.some((s) => label(s) === subcategory)) ||
    (code !== '' && q.codes.some((c) => padIncidentCode(c) === code))
  );
}

/** An incident qualifies when any of its rows qualifies. */
export function incidentQualifies(policy: Pick<PolicyDocument, 'qualification'>, rows: readonly IncidentCodeRowLabels[]): boolean {
  return rows.some((row) => rowQualifies(policy, row));
}
