import { formatDay as formatDayInStyle } from '@sra/contracts';
import type { PolicyDocument, Provenance, RuleId } from '@sra/policies';
import type { PolicyVersionDetail, PolicyVersionRecord } from '@sra/contracts';

/**
 * Plain words for the policy pages: rule names, what each provenance means, what
 * each field of a policy document is called, and dates written for people.
 * Only types come from @sra/policies (the web build bundles @sra/contracts alone).
 */

/** Short names of the four rules (docs/rules.md "The four policies"), in menu order. */
export const RULE_NAMES: Readonly<Record<RuleId, string>> = {
  'sfpd-psw-2017': 'SFPD bulletin: no arrest of sex workers who report violent crime',
  'sfda-psw-2018': 'SF District Attorney policy: no charge of sex workers who report violent crime',
  'ca-pc-647.3': 'California Penal Code 647.3: no arrest of sex workers who report violent crime',
  'ca-sb357-repeal': 'SB 357: loitering-for-prostitution sections repealed',
};

export const RULE_CHOICES = (Object.keys(RULE_NAMES) as RuleId[]).map((id) => ({ id, name: id }));

export function isRuleId(value: unknown): value is RuleId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(RULE_NAMES, value);
}

export function ruleName(ruleId: unknown): string {
  return isRuleId(ruleId) ? RULE_NAMES[ruleId] : '';
}

/** The three provenance words, explained for someone who is not an engineer (docs/rules.md). */
export const PROVENANCE_WORDS: Readonly<Record<Provenance, { label: string; explanation: string }>> = {
  verified: {
    label: 'verified',
    explanation: 'Verified: checked against the text of the policy or law itself.',
  },
  secondary: {
    label: 'secondary',
    explanation:
      'Secondary: taken from a reliable second-hand account (an announcement, a news report, an advocacy summary), not from the text itself.',
  },
  inferred: {
    label: 'inferred',
    explanation: 'Inferred: the project’s own reading of what the policy or law must mean. To be checked before anyone relies on it.',
  },
};

export function isProvenance(value: unknown): value is Provenance {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PROVENANCE_WORDS, value);
}

/** The lists that carry a provenance, as `PolicyVersionRecord.provenance` names them. */
export const PROVENANCE_LISTS = [
  { key: 'qualification', label: 'Qualifying reports' },
  { key: 'protectedCharges', label: 'Protected charges' },
  { key: 'repealedCodes', label: 'Repealed sections' },
] as const;

/** What each field of a policy document is called on the page (for changes and problems). */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  ruleId: 'Rule',
  version: 'Version number',
  effectiveFrom: 'In force from',
  title: 'Title',
  instrument: 'Instrument',
  sentenceBars: 'End of each flag’s sentence',
  audits: 'Audited actions',
  'audits.arrests': 'Audited arrests',
  'audits.arrests.agencies': 'Agencies whose arrests are audited',
  'audits.daCharges': 'Audits DA decisions to charge',
  needsReport: 'Needs a report',
  qualification: 'Qualifying reports',
  'qualification.categories': 'Qualifying categories',
  'qualification.categoryPrefixes': 'Qualifying category beginnings',
  'qualification.subcategories': 'Qualifying subcategories',
  'qualification.codes': 'Qualifying incident codes',
  'qualification.excludedCodes': 'Excluded incident codes',
  'qualification.provenance': 'Provenance of the qualifying reports',
  protectedCharges: 'Protected charges',
  'protectedCharges.codes': 'Protected charge codes',
  'protectedCharges.contextUnknownCodes': 'Charges protected only in a context the data cannot show',
  'protectedCharges.drugMisdemeanorRange': 'Drug sections protected as misdemeanors',
  'protectedCharges.drugNoLevelSections': 'Drug sections protected when no level is written',
  'protectedCharges.provenance': 'Provenance of the protected charges',
  repealedCodes: 'Repealed sections',
  'repealedCodes.codes': 'Repealed sections',
  'repealedCodes.provenance': 'Provenance of the repealed sections',
  nexus: 'Time window',
  'nexus.hoursBeforeIncident': 'Hours before the incident',
  'nexus.hoursAfterReport': 'Hours after the report',
  sources: 'Sources',
  changeReason: 'Why this version was made',
};

/** `qualification.codes[2]` → `qualification.codes` and item 3 (counted from 1). */
export function splitPath(path: string): { field: string; item: number | null } {
  const match = /^(.*?)\[(\d+)\](.*)$/.exec(path);
  if (!match) return { field: path, item: null };
  return { field: match[1], item: Number(match[2]) + 1 };
}

/** A field's name for people, e.g. "Qualifying incident codes, item 3". */
export function describePath(path: string): string {
  if (path === '') return 'The version as a whole';
  const { field, item } = splitPath(path);
  const label = FIELD_LABELS[field] ?? field;
  return item === null ? label : `${label}, item ${item}`;
}

/** A `YYYY-MM-DD` date (a San Francisco local date) as people write it, e.g. "Jan 1, 2020"; never shifted by time zones. */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '';
  return /^(\d{4})-(\d{2})-(\d{2})$/.test(iso) ? formatDayInStyle(iso) : iso;
}


/** The id of the version before this one of the same rule (versions are numbered 1, 2, 3, ... by the server). */
export function previousVersionId(record: Pick<PolicyVersionRecord, 'ruleId' | 'version'>): string | null {
  return record.version > 1 ? `${record.ruleId}:${record.version - 1}` : null;
}

/** The whole document of a version (the API sends it untyped). */
export function documentOf(record: PolicyVersionDetail | PolicyVersionRecord | undefined): PolicyDocument | null {
  const document = (record as Partial<PolicyVersionDetail> | undefined)?.document;
  return document && typeof document === 'object' ? (document as unknown as PolicyDocument) : null;
}

/** Which actions the rule audits, in words. */
export function describeAudits(audits: PolicyDocument['audits']): string[] {
  const out: string[] = [];
  if (audits.arrests) {
    const agencies = audits.arrests.agencies;
    out.push(
      agencies === 'any'
        ? 'Arrests (booked or cited) by any agency'
        : `Arrests (booked or cited) by ${agencies.length ? agencies.join(', ') : 'no agency'}`,
    );
  }
  if (audits.daCharges) out.push('District Attorney decisions to charge');
  if (out.length === 0) out.push('No action');
  return out;
}
