import type { PolicyDocument, Provenance } from '@sra/policies';
import { splitPath } from './words';

/**
 * The new-version form: the lists of the latest version as text, one item per
 * line, and back. Everything the form does not show (title, instrument, sources,
 * audited actions, the flag sentence) is carried over from the latest version.
 */
export interface PolicyFormValues {
  effectiveFrom: string;
  changeReason: string;
  qualification?: {
    categories: string;
    categoryPrefixes: string;
    subcategories: string;
    codes: string;
    excludedCodes: string;
    provenance: Provenance;
  };
  protectedCharges?: {
    codes: string;
    contextUnknownCodes: string;
    drugMisdemeanorRange: string;
    drugNoLevelSections: string;
    provenance: Provenance;
  };
  repealedCodes?: { codes: string; provenance: Provenance };
  nexus?: { hoursBeforeIncident: number | null; hoursAfterReport: number | null };
}

/** What `POST /api/policy-versions` takes: a document without its version number (the server numbers it). */
export type NewPolicyDocument = Omit<PolicyDocument, 'version'>;

const text = (items: readonly string[]): string => items.join('\n');

/** One item per non-empty line, trimmed. Items listed twice are kept: the server says so, next to the field. */
export function lines(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The form, prefilled from the latest version (a new date and a new reason are left to the admin). */
export function formValuesFrom(latest: PolicyDocument): PolicyFormValues {
  const { qualification: q, protectedCharges: p, repealedCodes: r, nexus: n } = latest;
  return {
    effectiveFrom: '',
    changeReason: '',
    ...(q
      ? {
          qualification: {
            categories: text(q.categories),
            categoryPrefixes: text(q.categoryPrefixes),
            subcategories: text(q.subcategories),
            codes: text(q.codes),
            excludedCodes: text(q.excludedCodes),
            provenance: q.provenance,
          },
        }
      : {}),
    ...(p
      ? {
          protectedCharges: {
            codes: text(p.codes),
            contextUnknownCodes: text(p.contextUnknownCodes),
            drugMisdemeanorRange: p.drugMisdemeanorRange ?? '',
            drugNoLevelSections: text(p.drugNoLevelSections),
            provenance: p.provenance,
          },
        }
      : {}),
    ...(r ? { repealedCodes: { codes: text(r.codes), provenance: r.provenance } } : {}),
    ...(n ? { nexus: { hoursBeforeIncident: n.hoursBeforeIncident, hoursAfterReport: n.hoursAfterReport } } : {}),
  };
}

/** A number of hours as typed (the server checks it: a missing or negative number comes back as a problem). */
function hours(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

/** The new document: the latest version with the edited fields, without a version number. */
export function documentFrom(latest: PolicyDocument, values: PolicyFormValues): NewPolicyDocument {
  const { version: _version, ...base } = latest;
  const q = values.qualification;
  const p = values.protectedCharges;
  const r = values.repealedCodes;
  const n = values.nexus;
  const range = typeof p?.drugMisdemeanorRange === 'string' ? p.drugMisdemeanorRange.trim() : '';
  return {
    ...base,
    effectiveFrom: String(values.effectiveFrom ?? '').trim(),
    changeReason: String(values.changeReason ?? '').trim(),
    qualification:
      base.qualification && q
        ? {
            ...base.qualification,
            categories: lines(q.categories),
            categoryPrefixes: lines(q.categoryPrefixes),
            subcategories: lines(q.subcategories),
            codes: lines(q.codes),
            excludedCodes: lines(q.excludedCodes),
            provenance: q.provenance,
          }
        : base.qualification,
    protectedCharges:
      base.protectedCharges && p
        ? {
            ...base.protectedCharges,
            codes: lines(p.codes),
            contextUnknownCodes: lines(p.contextUnknownCodes),
            drugMisdemeanorRange: range === '' ? null : range,
            drugNoLevelSections: lines(p.drugNoLevelSections),
            provenance: p.provenance,
          }
        : base.protectedCharges,
    repealedCodes: base.repealedCodes && r ? { ...base.repealedCodes, codes: lines(r.codes), provenance: r.provenance } : base.repealedCodes,
    nexus:
      base.nexus && n
        ? { ...base.nexus, hoursBeforeIncident: hours(n.hoursBeforeIncident), hoursAfterReport: hours(n.hoursAfterReport) }
        : base.nexus,
  };
}

export interface PolicyProblem {
  path: string;
  message: string;
}

/** The `problems` of a 400 or 409 answer (`{ message, problems: [{ path, message }] }`), if any. */
export function problemsOf(body: unknown): PolicyProblem[] {
  const problems = (body as { problems?: unknown } | null | undefined)?.problems;
  if (!Array.isArray(problems)) return [];
  return problems
    .filter((p): p is { path?: unknown; message?: unknown } => typeof p === 'object' && p !== null)
    .map((p) => ({ path: typeof p.path === 'string' ? p.path : '', message: typeof p.message === 'string' ? p.message : String(p.message) }));
}

/** The form fields, by the document path the server names in its problems. */
export const FORM_FIELDS: ReadonlySet<string> = new Set([
  'effectiveFrom',
  'changeReason',
  'qualification.categories',
  'qualification.categoryPrefixes',
  'qualification.subcategories',
  'qualification.codes',
  'qualification.excludedCodes',
  'qualification.provenance',
  'protectedCharges.codes',
  'protectedCharges.contextUnknownCodes',
  'protectedCharges.drugMisdemeanorRange',
  'protectedCharges.drugNoLevelSections',
  'protectedCharges.provenance',
  'repealedCodes.codes',
  'repealedCodes.provenance',
  'nexus.hoursBeforeIncident',
  'nexus.hoursAfterReport',
]);

/**
 * The server's problems as field errors, nested as the form's values are (which
 * react-admin's form then shows under each field). A problem in a list item
 * (`qualification.codes[2]`) goes to the list's field, naming the item (line).
 */
export function fieldErrors(problems: readonly PolicyProblem[]): Record<string, unknown> {
  const byField = new Map<string, string[]>();
  for (const problem of problems) {
    const { field, item } = splitPath(problem.path);
    if (!FORM_FIELDS.has(field)) continue;
    const message = item === null ? problem.message : `Item ${item}: ${problem.message}`;
    byField.set(field, [...(byField.get(field) ?? []), message]);
  }
  const errors: Record<string, unknown> = {};
  for (const [field, messages] of byField) {
    const parts = field.split('.');
    let target = errors;
    for (const part of parts.slice(0, -1)) {
      target[part] = (target[part] as Record<string, unknown> | undefined) ?? {};
      target = target[part] as Record<string, unknown>;
    }
    target[parts[parts.length - 1]] = messages.join(' ');
  }
  return errors;
}
