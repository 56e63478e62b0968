/**
 * Checks a policy document an admin wrote (or edited) before it is saved as a version. Every problem comes back,
 * not only the first, each with where it is (`qualification.codes[2]`) and what to do about it, in words a
 * non-engineer can act on. An empty list means the document is valid.
 */
import { formatRuleCode, parseRuleCode } from '@sra/statutes';
import { PROVENANCES, RULE_IDS, type RuleId } from './model';

export interface PolicyIssue {
  /** Where the problem is: `effectiveFrom`, `qualification.codes[2]`; empty for the document as a whole. */
  path: string;
  message: string;
}

type Json = Record<string, unknown>;

const REPEAL_RULE: RuleId = 'ca-sb357-repeal';

const FIELDS = {
  document: [
    'ruleId',
    'version',
    'effectiveFrom',
    'title',
    'instrument',
    'sentenceBars',
    'audits',
    'needsReport',
    'qualification',
    'protectedCharges',
    'repealedCodes',
    'nexus',
    'sources',
    'changeReason',
  ],
  audits: ['arrests', 'daCharges'],
  arrests: ['agencies'],
  qualification: ['categories', 'categoryPrefixes', 'subcategories', 'codes', 'excludedCodes', 'provenance'],
  protectedCharges: ['codes', 'contextUnknownCodes', 'drugMisdemeanorRange', 'drugNoLevelSections', 'provenance'],
  repealedCodes: ['codes', 'provenance'],
  nexus: ['hoursBeforeIncident', 'hoursAfterReport'],
  source: ['title', 'url', 'note'],
} as const;

const INCIDENT_CODE = /^\d{1,5}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Null when `text` is a real date written `YYYY-MM-DD`, else what is wrong with it. */
export function dateProblem(text: unknown): string | null {
  if (typeof text !== 'string') return `Write a date as text, YYYY-MM-DD (e.g. 2024-03-09); got ${shown(text)}.`;
  const m = DATE.exec(text);
  if (!m) return `${shown(text)} is not a date written YYYY-MM-DD (e.g. 2024-03-09).`;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) return `${shown(text)} is not a real date: there is no month ${m[2]}.`;
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return `${shown(text)} is not a real date: ${MONTHS[month - 1]} ${year} has ${last} days.`;
  return null;
}

class Checker {
  readonly issues: PolicyIssue[] = [];

  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  /** Refuses fields the document does not know (a typo would otherwise be ignored silently). */
  knownFields(obj: Json, path: string, allowed: readonly string[], what: string): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) {
        this.add(join(path, key), `"${key}" is not a field of ${what}. Remove it, or check its spelling (the fields are: ${allowed.join(', ')}).`);
      }
    }
  }

  /** True when the field is present; reports it missing otherwise. */
  present(obj: Json, key: string, path: string, what: string): boolean {
    if (key in obj && obj[key] !== undefined) return true;
    this.add(join(path, key), `Missing: ${what}.`);
    return false;
  }

  text(obj: Json, key: string, path: string, what: string, options: { allowEmpty?: boolean } = {}): string | null {
    if (!this.present(obj, key, path, what)) return null;
    const value = obj[key];
    if (typeof value !== 'string') {
      this.add(join(path, key), `This must be text (${what}); got ${shown(value)}.`);
      return null;
    }
    if (!options.allowEmpty && value.trim() === '') {
      this.add(join(path, key), `This cannot be empty: ${what}.`);
      return null;
    }
    return value;
  }

  flag(obj: Json, key: string, path: string, what: string): boolean | null {
    if (!this.present(obj, key, path, what)) return null;
    const value = obj[key];
    if (typeof value !== 'boolean') {
      this.add(join(path, key), `This must be true or false (${what}); got ${shown(value)}.`);
      return null;
    }
    return value;
  }

  provenance(obj: Json, path: string): void {
    if (!this.present(obj, 'provenance', path, `where this list comes from (one of ${PROVENANCES.join(', ')})`)) return;
    const value = obj['provenance'];
    if (typeof value !== 'string' || !(PROVENANCES as readonly string[]).includes(value)) {
      this.add(
        join(path, 'provenance'),
        `${shown(value)} is not a provenance. Use "verified" (checked against the instrument's text), "secondary" (from a reliable second-hand account) or "inferred" (our reading, to be checked).`,
      );
    }
  }

  /**
   * A list of items, each checked by `item` (which returns the item's comparison key, or null when the item is
   * invalid). Items listed twice are refused. Returns the valid keys.
   */
  list(obj: Json, key: string, path: string, what: string, item: (value: unknown, itemPath: string) => string | null): string[] {
    if (!this.present(obj, key, path, `${what} (write [] for none)`)) return [];
    const value = obj[key];
    const listPath = join(path, key);
    if (!Array.isArray(value)) {
      this.add(listPath, `This must be a list, written [ ... ] (${what}); got ${shown(value)}.`);
      return [];
    }
    const seen = new Map<string, number>();
    const keys: string[] = [];
    value.forEach((v, i) => {
      const itemPath = join(listPath, i);
      const k = item(v, itemPath);
      if (k === null) return;
      const first = seen.get(k);
      if (first !== undefined) {
        this.add(itemPath, `${shown(v)} is listed twice (also at ${join(listPath, first)}). Remove one.`);
        return;
      }
      seen.set(k, i);
      keys.push(k);
    });
    return keys;
  }

  label(value: unknown, itemPath: string, what: string): string | null {
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(itemPath, `Each ${what} must be non-empty text; got ${shown(value)}.`);
      return null;
    }
    return value.trim().toLowerCase();
  }

  incidentCode(value: unknown, itemPath: string): string | null {
    if (typeof value !== 'string' || !INCIDENT_CODE.test(value.trim())) {
      const range = typeof value === 'string' && /^\s*\d{1,5}\s*-\s*\d{1,5}\s*$/.test(value);
      this.add(
        itemPath,
        range
          ? `${shown(value)} is a range: list each SFPD incident code on its own (e.g. "04080", "04081", ...).`
          : `${shown(value)} is not an SFPD incident code. A code is 1 to 5 digits, written as text, e.g. "03074".`,
      );
      return null;
    }
    return value.trim().padStart(5, '0');
  }

  ruleCode(value: unknown, itemPath: string): string | null {
    if (typeof value !== 'string') {
      this.add(itemPath, `A statute code must be text, e.g. "PC 647(b)"; got ${shown(value)}.`);
      return null;
    }
    const parsed = parseRuleCode(value);
    if (!parsed.ok) {
      this.add(itemPath, `${shown(value)} cannot be read as a statute code (${parsed.error}). Write it like "PC 647(b)", "PC 653.22" or "HS 11000-11999".`);
      return null;
    }
    return formatRuleCode(parsed.rule);
  }

  hours(obj: Json, key: string, path: string, what: string): void {
    if (!this.present(obj, key, path, what)) return;
    const value = obj[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      this.add(join(path, key), `This must be a number of hours, 0 or more (${what}); got ${shown(value)}.`);
    }
  }
}

function checkAudits(c: Checker, doc: Json): void {
  const what = 'which actions the rule audits: { "arrests": { "agencies": ["SFPD"] } or null, "daCharges": true or false }';
  if (!c.present(doc, 'audits', '', what)) return;
  const audits = doc['audits'];
  if (!isObject(audits)) {
    c.add('audits', `This must be ${what}; got ${shown(audits)}.`);
    return;
  }
  c.knownFields(audits, 'audits', FIELDS.audits, 'audits');
  if (c.present(audits, 'arrests', 'audits', 'which arrests the rule audits ({ "agencies": [...] } or { "agencies": "any" }), or null for none')) {
    const arrests = audits['arrests'];
    if (arrests !== null) {
      if (!isObject(arrests)) {
        c.add('audits.arrests', `This must be { "agencies": [...] }, { "agencies": "any" }, or null when the rule audits no arrest; got ${shown(arrests)}.`);
      } else {
        c.knownFields(arrests, 'audits.arrests', FIELDS.arrests, 'audits.arrests');
        if (c.present(arrests, 'agencies', 'audits.arrests', 'the agencies whose arrests are audited (a list such as ["SFPD"], or "any")')) {
          const agencies = arrests['agencies'];
          if (agencies !== 'any') {
            c.list(arrests, 'agencies', 'audits.arrests', 'the agencies whose arrests are audited, or "any"', (v, p) => c.label(v, p, 'agency'));
            if (Array.isArray(agencies) && agencies.length === 0) {
              c.add('audits.arrests.agencies', 'List at least one agency (e.g. ["SFPD"]), write "any" for every agency, or set arrests to null if the rule audits no arrest.');
            }
          }
        }
      }
    }
  }
  const daCharges = c.flag(audits, 'daCharges', 'audits', 'whether the rule audits DA decisions to charge');
  if (daCharges === false && audits['arrests'] === null) {
    c.add('audits', 'This rule audits no action: give the agencies whose arrests it audits, or set daCharges to true.');
  }
}

function checkQualification(c: Checker, q: Json): void {
  const path = 'qualification';
  c.knownFields(q, path, FIELDS.qualification, 'the qualifying-report list');
  c.list(q, 'categories', path, 'SFPD incident categories that qualify', (v, p) => c.label(v, p, 'category'));
  c.list(q, 'categoryPrefixes', path, 'beginnings of category names that qualify (e.g. "Human Trafficking")', (v, p) =>
    c.label(v, p, 'category prefix'),
  );
  c.list(q, 'subcategories', path, 'SFPD incident subcategories that qualify', (v, p) => c.label(v, p, 'subcategory'));
  const codes = c.list(q, 'codes', path, 'SFPD incident codes that qualify', (v, p) => c.incidentCode(v, p));
  const excluded = c.list(q, 'excludedCodes', path, 'SFPD incident codes that never qualify', (v, p) => c.incidentCode(v, p));
  c.provenance(q, path);

  const both = codes.filter((code) => excluded.includes(code));
  for (const code of both) {
    c.add(
      join(path, 'codes'),
      `"${code}" is both a qualifying code and an excluded code. An excluded code never qualifies: remove it from one of the two lists.`,
    );
  }
  const listed = (key: string): boolean => Array.isArray(q[key]) && (q[key] as unknown[]).length > 0;
  if (['categories', 'categoryPrefixes', 'subcategories', 'codes'].every((key) => key in q && !listed(key))) {
    c.add(path, 'No report could qualify: list at least one category, category prefix, subcategory or code.');
  }
}

function checkProtectedCharges(c: Checker, p: Json): void {
  const path = 'protectedCharges';
  c.knownFields(p, path, FIELDS.protectedCharges, 'the protected-charge list');
  c.list(p, 'codes', path, 'statute codes protected at any level, e.g. "PC 647(b)"', (v, ip) => c.ruleCode(v, ip));
  c.list(p, 'contextUnknownCodes', path, 'statute codes protected only in a context the data cannot show, e.g. "PC 372"', (v, ip) =>
    c.ruleCode(v, ip),
  );
  if (c.present(p, 'drugMisdemeanorRange', path, 'the drug sections protected when the charge is a misdemeanor, e.g. "HS 11000-11999", or null for none')) {
    const range = p['drugMisdemeanorRange'];
    if (range !== null) c.ruleCode(range, join(path, 'drugMisdemeanorRange'));
  }
  c.list(p, 'drugNoLevelSections', path, 'drug sections protected when the charge gives no level, e.g. "HS 11377"', (v, ip) => c.ruleCode(v, ip));
  c.provenance(p, path);
  const listed = (key: string): boolean => Array.isArray(p[key]) && (p[key] as unknown[]).length > 0;
  if (!listed('codes') && !listed('contextUnknownCodes') && !listed('drugNoLevelSections') && p['drugMisdemeanorRange'] === null) {
    c.add(path, 'No charge would be protected: list at least one statute code.');
  }
}

function checkRepealedCodes(c: Checker, r: Json): void {
  const path = 'repealedCodes';
  c.knownFields(r, path, FIELDS.repealedCodes, 'the repealed-section list');
  c.list(r, 'codes', path, 'the repealed statute codes, e.g. "PC 653.22"', (v, ip) => c.ruleCode(v, ip));
  c.provenance(r, path);
  if (Array.isArray(r['codes']) && r['codes'].length === 0) c.add(join(path, 'codes'), 'List at least one repealed statute code, e.g. "PC 653.22".');
}

function checkNexus(c: Checker, n: Json): void {
  c.knownFields(n, 'nexus', FIELDS.nexus, 'the nexus window');
  c.hours(n, 'hoursBeforeIncident', 'nexus', 'how many hours before the incident time the window opens');
  c.hours(n, 'hoursAfterReport', 'nexus', 'how many hours after the report time the window closes');
}

/** A section that a rule needing a report must have, and one that needs no report must not (null). */
function checkSection(c: Checker, doc: Json, key: string, needsIt: boolean | null, what: string, check: (obj: Json) => void): void {
  if (!c.present(doc, key, '', `${what} (null when the rule does not use it)`)) return;
  const value = doc[key];
  if (value === null) {
    if (needsIt === true) c.add(key, `This rule needs ${what}: fill it in.`);
    return;
  }
  if (!isObject(value)) {
    c.add(key, `This must be ${what} written { ... }, or null; got ${shown(value)}.`);
    return;
  }
  if (needsIt === false) c.add(key, `This rule does not use ${what}: set it to null.`);
  check(value);
}

function checkSources(c: Checker, doc: Json): void {
  c.list(doc, 'sources', '', 'where the text and lists come from', (v, p) => {
    if (!isObject(v)) {
      c.add(p, `Each source must be written { "title": "...", "url": "...", "note": "..." }; got ${shown(v)}.`);
      return null;
    }
    c.knownFields(v, p, FIELDS.source, 'a source');
    c.text(v, 'title', p, 'the title of the source');
    if ('url' in v && v['url'] !== undefined) {
      const url = v['url'];
      if (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url.trim())) {
        c.add(join(p, 'url'), `${shown(url)} is not a web address: write it starting with https:// (or leave the url out).`);
      }
    }
    if ('note' in v && v['note'] !== undefined && typeof v['note'] !== 'string') c.add(join(p, 'note'), `A note must be text; got ${shown(v['note'])}.`);
    return JSON.stringify(v);
  });
  if (Array.isArray(doc['sources']) && doc['sources'].length === 0) {
    c.add('sources', 'Name at least one source for the rule (the instrument, or where its lists come from).');
  }
}

/** The problems in a policy document; empty when it is valid. */
export function validatePolicy(doc: unknown): PolicyIssue[] {
  const c = new Checker();
  if (!isObject(doc)) {
    c.add('', `A policy document must be written { ... } with its fields (ruleId, version, effectiveFrom, ...); got ${shown(doc)}.`);
    return c.issues;
  }
  c.knownFields(doc, '', FIELDS.document, 'a policy document');

  let ruleId: RuleId | null = null;
  if (c.present(doc, 'ruleId', '', `the rule id (one of ${RULE_IDS.join(', ')})`)) {
    const value = doc['ruleId'];
    if (typeof value === 'string' && (RULE_IDS as readonly string[]).includes(value)) ruleId = value as RuleId;
    else c.add('ruleId', `${shown(value)} is not a rule id. Use one of: ${RULE_IDS.join(', ')}.`);
  }

  let version: number | null = null;
  if (c.present(doc, 'version', '', 'the version number (1 for the first version)')) {
    const value = doc['version'];
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1) version = value;
    else c.add('version', `The version must be a whole number, 1 or more; got ${shown(value)}.`);
  }

  if (c.present(doc, 'effectiveFrom', '', 'the date this version takes effect, YYYY-MM-DD')) {
    const problem = dateProblem(doc['effectiveFrom']);
    if (problem !== null) c.add('effectiveFrom', problem);
  }

  c.text(doc, 'title', '', 'a short title for the rule');
  c.text(doc, 'instrument', '', 'the name of the bulletin, policy or statute');
  c.text(doc, 'sentenceBars', '', "the end of a flag's sentence, e.g. \"SFPD bulletin 'Prioritizing Safety for Sex Workers' bars this arrest.\"");
  checkAudits(c, doc);

  const needsReport = c.flag(doc, 'needsReport', '', 'whether the rule protects people who reported a crime (false only for a repeal)');
  if (ruleId !== null && needsReport !== null) {
    if (ruleId === REPEAL_RULE && needsReport) c.add('needsReport', `The rule ${REPEAL_RULE} applies whoever the person is: set needsReport to false.`);
    if (ruleId !== REPEAL_RULE && !needsReport) c.add('needsReport', `The rule ${ruleId} protects people who reported a crime: set needsReport to true.`);
  }

  checkSection(c, doc, 'qualification', needsReport, 'the list of qualifying reports', (q) => checkQualification(c, q));
  checkSection(c, doc, 'protectedCharges', needsReport, 'the list of protected charges', (p) => checkProtectedCharges(c, p));
  checkSection(c, doc, 'repealedCodes', needsReport === null ? null : !needsReport, 'the list of repealed sections', (r) => checkRepealedCodes(c, r));
  checkSection(c, doc, 'nexus', needsReport, 'the nexus window (hours before the incident, hours after the report)', (n) => checkNexus(c, n));

  checkSources(c, doc);

  const changeReason = c.text(doc, 'changeReason', '', 'why this version was made', { allowEmpty: true });
  if (changeReason !== null && version !== null && version > 1 && changeReason.trim() === '') {
    c.add('changeReason', 'Say why this version was made: every version after the first needs a change reason.');
  }
  return c.issues;
}
