/**
 * Reference oracle for the compliance rules (../shared/spec/compliance-rules.md beside the repository).
 * Simple and readable on purpose: the production SQL engine must match it
 * exactly, and a reviewer reads it against the spec.
 *
 * Semantics (decided):
 *  1. A report = (incident number, person) where the person has role victim or
 *     witness on that incident number. A reporting party counts only if also
 *     victim or witness. Several roles of one person on one incident give one
 *     report; if one of them is `suspect`, the report's flags get `also_suspect`.
 *  2. An incident (incident number) qualifies for a rule if ANY of its rows'
 *     codes qualifies (all rows, supplements included). Qualification per §4:
 *     category in the rule's categories, OR subcategory in the rule's
 *     subcategories, OR code in the rule's codes; AND the code is not in the
 *     rule's excluded codes (exclusion applies per row: an excluded row does
 *     not qualify even if its category matches). "every Human Trafficking
 *     category" = any category starting with "Human Trafficking". Codes are
 *     5-digit strings; compare padded.
 *  3. Report time = earliest reportDatetime among the incident number's rows;
 *     incident time = earliest incidentDatetime among them.
 *  4. A rule applies to a report whose report time (local date) is on/after the
 *     rule's start (sfpd-psw-2017: 2017-12-01, sfda-psw-2018: 2018-01-11,
 *     ca-pc-647.3: 2020-01-01). No end dates.
 *  5. Arrest charges: bookedChargesStatute if non-empty, else
 *     listOfBookedCharges. DA charges: filedChargesStatute if non-empty, else
 *     listOfFiledCharges. Code book: explicit PC/HS (and synonyms); DA tokens
 *     have none -> inferred (`HS` for sections 11000-11999, else `PC`) and
 *     marked `codeBookInferred`.
 *  6. Protected charges for the three report rules (§5): PC 647 with
 *     subdivisions starting [a] or [b]; PC 647 with NO subdivision = matches
 *     but ambiguous (reason ambiguous_subdivision, confidence low); PC 653.22
 *     (any subdivision); PC 372 (reason pc372_context_unknown); HS 11000-11999
 *     with level M; HS with NO level and section in {11350, 11357, 11364,
 *     11377, 11550} (reason drug_level_inferred). HS level F, or HS with no
 *     level outside that list (e.g. 11351, 11352, 11378, 11379), or HS level I:
 *     NOT protected. An attempt (664/ prefix) of a protected section counts as
 *     that section (protected). Reason code_book_inferred is added when any
 *     MATCHED protected charge had an inferred code book.
 *  7. An arrest counts for sfpd-psw-2017 when agency is SFPD
 *     (case-insensitive), for ca-pc-647.3 any agency; custody booked or cited;
 *     >= 1 protected charge. sfda-psw-2018 audits only DA decisions:
 *     actionTaken === 'Charged' and >= 1 protected filed charge. Other DA
 *     actions never flag.
 *  8. Same person: personKey equality, or else (issue 16) at least one shared
 *     tolerant key (`kind:hex`, the same kind and value, hex compared in lower
 *     case) between the reporter's rows on the report's incident and the
 *     action's record: an approximate link (the flag gets approximate_link,
 *     one step down, linkKinds the kinds shared, its personKey the reporter's
 *     and actionPersonKey the action's). An exact link wins. Nexus: direct if the action's
 *     incidentNumber equals the report's incident number (DA: its own
 *     incidentNumber, or the incidentNumber of the arrest its arrestId names,
 *     if that arrest is in the bundle). Otherwise temporal if the action's time
 *     falls in [incident time - 24h, report time + 72h] inclusive, comparing
 *     real instants (UTC via localToUtcMillis). Arrest time = arrestDatetime;
 *     if only arrestDate, the whole local day [00:00, next day 00:00) and it
 *     counts if that interval intersects the window. DA decision time = its
 *     named arrest's time (datetime, else that arrest's date as whole day); if
 *     the arrest is not in the bundle, use the decision's own arrestDate as a
 *     whole day; if none, no temporal nexus. No nexus -> no flag. (Direct nexus
 *     has no time condition.)
 *  9. Confidence: start from nexus (direct -> high, temporal -> medium).
 *     Non-protected charges on the action: a non-protected charge with level F
 *     -> reason mixed_felony and confidence low; otherwise (level M, I, or
 *     unknown) -> reason mixed_misdemeanor and confidence drops one step
 *     (high -> medium, medium -> low). also_suspect -> low.
 *     ambiguous_subdivision -> low. If every charge on the action is protected
 *     -> reason all_charges_protected. Reasons always include direct_nexus or
 *     temporal_nexus. (Worked example 5: `11377(a) HS/M; 459 PC/F` -> low with
 *     mixed_felony.)
 * 10. ca-sb357-repeal: any arrest (any agency, booked or cited) or DA decision
 *     with actionTaken 'Charged' carrying PC 653.20 or PC 653.22 (any
 *     subdivision), whose date (arrest: its datetime or date; DA: actionDate)
 *     is on/after 2023-01-01 local. One flag per such action, for any person,
 *     no report: reportIncidentNumber null, nexus 'none', confidence 'high',
 *     reasons ['repealed_statute'] plus 'code_book_inferred' if applicable,
 *     protectedCharges = the repealed charges.
 * 11. Flag fields: agency = arrest's agency uppercased, or 'SFDA' for
 *     decisions; actionDatetime = arrestDatetime ?? arrestDate for arrests,
 *     actionDate for decisions; protectedCharges = the matched protected
 *     charges normalised like `PC 647(b)`, `HS 11377(a)`, `PC 653.22`, `PC 647`
 *     (subdivisions lower-case in parentheses each: `PC 245(a)(1)`),
 *     de-duplicated, sorted; reasons de-duplicated and sorted.
 * 12. One flag per (rule, report, action): a person who is a victim on two
 *     qualifying incidents and arrested once can produce two flags (one per
 *     report), each with its own nexus.
 *
 * Further choices where the spec is silent (also reported to the lead):
 *  a. Sorting (flags, protectedCharges, reasons) is plain code-unit order
 *     (SQL `COLLATE "C"`); flags with a null reportIncidentNumber sort before
 *     any incident number within a rule.
 *  b. Categories and subcategories are compared trimmed and case-insensitively.
 *  c. "Earliest" report/incident datetime is the earliest real instant.
 *     The rule start compares the local date of the earliest report datetime.
 *  d. Each non-protected charge adds its own reason: an action with both a
 *     non-protected felony and a non-protected misdemeanor gets both
 *     mixed_felony and mixed_misdemeanor (confidence low).
 *  e. A charge written without any code book (`647`, `11364`) is a DA-style
 *     token: its code book is inferred and flagged code_book_inferred.
 *  f. An attempt is shown as its section: `664/647(b)` is `PC 647(b)`.
 *  g. A list item with no section number (description fragment) is not a
 *     charge: it is dropped, so it neither matches nor makes the action mixed.
 *  h. "Non-empty" charge text means non-empty after trimming. Agencies are
 *     trimmed before being compared and upper-cased.
 *  i. The report window uses real hours: across a DST change the window is
 *     still exactly 24 h before / 72 h after in elapsed time.
 *  j. Worked example 3 ("as 1, but the arrest is 10 days later") is read with
 *     the arrest under another incident number: by rule 8 an arrest in the
 *     reported incident has a direct nexus whatever its date, and flags.
 *  k. localToUtcMillis throws on malformed text and on years before 2007
 *     (only the 2007 DST rule is implemented): the oracle fails loudly rather
 *     than guess.
 *  l. The HS range 11000-11999 (protection with level M, and code-book
 *     inference) is tested on the whole part of the section (11364.1 is in
 *     it); the no-level list (11350, ...) is an exact section match.
 *  m. Glued DA subdivisions are one letter or one number each
 *     (`245A1` = [a, 1], `266HA` = [h, a]).
 *  n. The SB 357 cut-off compares the action's local date (first 10
 *     characters of arrestDatetime/arrestDate or actionDate) with 2023-01-01;
 *     the report rules' start compares the local date of the report time.
 */
import type {
  ArrestRecord,
  CaseBundle,
  DaDecisionRecord,
  ExpectedFlag,
  IncidentCodeRow,
  PersonRole,
  Reason,
  RuleId,
} from '../model';
import { parseCharges, type ParsedCharge } from './charges';
import { assessConfidence } from './confidence';
import {
  type ActionTime,
  arrestTime,
  decisionIncidentNumbers,
  decisionTime,
  DEFAULT_HOURS_AFTER_REPORT,
  DEFAULT_HOURS_BEFORE_INCIDENT,
  nexusOf,
  reportWindow,
} from './nexus';
import { compareCodeUnits, sortedUnique } from './order';
import { assessCharges, type ChargeAssessment, repealedCharges } from './protected';
import { incidentQualifies, REPORT_RULE_IDS, RULE_START_DATES, type ReportRuleId } from './rules';
import { localToUtcMillis } from './time';

export { formatCharge, inferCodeBook, parseCharge, parseCharges, type ChargeLevel, type ParsedCharge } from './charges';
export { assessConfidence } from './confidence';
export {
  type ActionTime,
  arrestTime,
  decisionIncidentNumbers,
  decisionTime,
  DEFAULT_HOURS_AFTER_REPORT,
  DEFAULT_HOURS_BEFORE_INCIDENT,
  nexusOf,
  reportWindow,
  type ReportWindow,
  timeInWindow,
} from './nexus';
export { assessCharges, type ChargeAssessment, isRepealedCharge, protectedChargeReasons, repealedCharges } from './protected';
export {
  incidentQualifies,
  padIncidentCode,
  PC_647_3_QUALIFICATION,
  QUALIFICATIONS,
  type QualificationList,
  REPORT_RULE_IDS,
  type ReportRuleId,
  rowQualifies,
  RULE_START_DATES,
  SF_POLICY_QUALIFICATION,
} from './rules';
export { localDayToUtcInterval, localToUtcMillis } from './time';

export interface ReferenceOptions {
  /** Window start, hours before the incident time. Default 24. */
  hoursBeforeIncident?: number;
  /** Window end, hours after the report time. Default 72. */
  hoursAfterReport?: number;
}

const REPEAL_START_DATE = RULE_START_DATES['ca-sb357-repeal'];

/** One covered person on one incident number, with what the incident's rows say. */
interface Report {
  incidentNumber: string;
  personKey: string;
  alsoSuspect: boolean;
  rows: IncidentCodeRow[];
  /** Local date (`YYYY-MM-DD`) of the earliest report datetime. */
  reportDate: string;
  reportMillis: number;
  incidentMillis: number;
  /** The tolerant keys of the person's rows on the incident (lower case). */
  linkKeys: Set<string>;
}

/** An arrest or a DA decision, with what does not depend on the report worked out once. */
interface Action {
  actionType: 'arrest' | 'da_decision';
  actionId: string;
  personKey: string;
  agency: string;
  /** An enforcement action: an arrest booked or cited; a DA decision `Charged`. */
  enforcement: boolean;
  actionDatetime: string;
  /** Local date of the action, for the SB 357 cut-off. */
  actionDate: string;
  charges: ParsedCharge[];
  assessment: ChargeAssessment;
  /** Incident numbers that give a direct nexus. */
  incidentNumbers: string[];
  time: ActionTime | null;
  /** Tolerant keys of the record (lower case). */
  linkKeys: string[];
}

function nonEmpty(text: string | null): boolean {
  return text !== null && text.trim() !== '';
}

function chargesOf(preferred: string | null, fallback: string | null): ParsedCharge[] {
  if (nonEmpty(preferred)) return parseCharges(preferred as string);
  if (nonEmpty(fallback)) return parseCharges(fallback as string);
  return [];
}

function arrestAction(arrest: ArrestRecord): Action {
  const charges = chargesOf(arrest.bookedChargesStatute, arrest.listOfBookedCharges);
  const actionDatetime = arrest.arrestDatetime || arrest.arrestDate || '';
  return {
    actionType: 'arrest',
    actionId: arrest.arrestId,
    personKey: arrest.personKey,
    agency: arrest.agency.trim().toUpperCase(),
    enforcement: arrest.custodyType === 'booked' || arrest.custodyType === 'cited',
    actionDatetime,
    actionDate: actionDatetime.slice(0, 10),
    charges,
    assessment: assessCharges(charges),
    incidentNumbers: [arrest.incidentNumber],
    time: arrestTime(arrest),
    linkKeys: (arrest.linkKeys ?? []).map((k) => k.toLowerCase()),
  };
}

function decisionAction(decision: DaDecisionRecord, arrestsById: ReadonlyMap<string, ArrestRecord>): Action {
  const charges = chargesOf(decision.filedChargesStatute, decision.listOfFiledCharges);
  return {
    actionType: 'da_decision',
    actionId: decision.decisionId,
    personKey: decision.personKey,
    agency: 'SFDA',
    enforcement: decision.actionTaken === 'Charged',
    actionDatetime: decision.actionDate,
    actionDate: decision.actionDate.slice(0, 10),
    charges,
    assessment: assessCharges(charges),
    incidentNumbers: decisionIncidentNumbers(decision, arrestsById),
    time: decisionTime(decision, arrestsById),
    linkKeys: (decision.linkKeys ?? []).map((k) => k.toLowerCase()),
  };
}

function earliest(localTimes: readonly string[]): { local: string; millis: number } {
  let best = { local: localTimes[0], millis: localToUtcMillis(localTimes[0]) };
  for (const local of localTimes.slice(1)) {
    const millis = localToUtcMillis(local);
    if (millis < best.millis) best = { local, millis };
  }
  return best;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

function findReports(bundle: CaseBundle): Report[] {
  const rowsByIncident = groupBy(bundle.incidentRows, (row) => row.incidentNumber);
  // incident number -> person -> roles
  const roles = new Map<string, Map<string, Set<PersonRole>>>();
  const linkKeys = new Map<string, Set<string>>();
  for (const r of bundle.personRoles) {
    let people = roles.get(r.incidentNumber);
    if (people === undefined) roles.set(r.incidentNumber, (people = new Map()));
    let personRoles = people.get(r.personKey);
    if (personRoles === undefined) people.set(r.personKey, (personRoles = new Set()));
    personRoles.add(r.role);
    const at = `${r.incidentNumber}\u001f${r.personKey}`;
    let keys = linkKeys.get(at);
    if (keys === undefined) linkKeys.set(at, (keys = new Set()));
    for (const k of r.linkKeys ?? []) keys.add(k.toLowerCase());
  }

  const reports: Report[] = [];
  for (const [incidentNumber, people] of roles) {
    const rows = rowsByIncident.get(incidentNumber);
    if (rows === undefined) continue; // no incident rows: nothing can qualify
    const reported = earliest(rows.map((row) => row.reportDatetime));
    const happened = earliest(rows.map((row) => row.incidentDatetime));
    for (const [personKey, personRoles] of people) {
      if (!personRoles.has('victim') && !personRoles.has('witness')) continue;
      reports.push({
        incidentNumber,
        personKey,
        alsoSuspect: personRoles.has('suspect'),
        rows,
        reportDate: reported.local.slice(0, 10),
        reportMillis: reported.millis,
        incidentMillis: happened.millis,
        linkKeys: linkKeys.get(`${incidentNumber}\u001f${personKey}`) ?? new Set(),
      });
    }
  }
  return reports;
}

/** Whether a rule audits this kind of action (agency; arrests or DA decisions). */
function auditedBy(ruleId: ReportRuleId, action: Action): boolean {
  switch (ruleId) {
    case 'sfpd-psw-2017':
      return action.actionType === 'arrest' && action.agency === 'SFPD';
    case 'ca-pc-647.3':
      return action.actionType === 'arrest';
    case 'sfda-psw-2018':
      return action.actionType === 'da_decision';
  }
}

function flag(
  ruleId: RuleId,
  action: Action,
  reportIncidentNumber: string | null,
  fields: Pick<ExpectedFlag, 'confidence' | 'nexus' | 'protectedCharges' | 'reasons'>,
  link: { personKey: string; kinds: string[] } | null = null,
): ExpectedFlag {
  return {
    ruleId,
    confidence: fields.confidence,
    nexus: fields.nexus,
    agency: action.agency,
    reportIncidentNumber,
    personKey: link ? link.personKey : action.personKey,
    ...(link ? { linkKinds: link.kinds, actionPersonKey: action.personKey } : {}),
    actionType: action.actionType,
    actionId: action.actionId,
    actionDatetime: action.actionDatetime,
    protectedCharges: fields.protectedCharges,
    reasons: fields.reasons,
  };
}

function compareFlags(a: ExpectedFlag, b: ExpectedFlag): number {
  const nullsFirst = (x: string | null, y: string | null): number =>
    x === y ? 0 : x === null ? -1 : y === null ? 1 : compareCodeUnits(x, y);
  return (
    compareCodeUnits(a.ruleId, b.ruleId) ||
    nullsFirst(a.reportIncidentNumber, b.reportIncidentNumber) ||
    compareCodeUnits(a.personKey, b.personKey) ||
    compareCodeUnits(a.actionType, b.actionType) ||
    compareCodeUnits(a.actionId, b.actionId)
  );
}

/** The expected flags of one case bundle, sorted by rule, report, person, action type and action id. */
export function evaluateReference(bundle: CaseBundle, options: ReferenceOptions = {}): ExpectedFlag[] {
  const hoursBefore = options.hoursBeforeIncident ?? DEFAULT_HOURS_BEFORE_INCIDENT;
  const hoursAfter = options.hoursAfterReport ?? DEFAULT_HOURS_AFTER_REPORT;

  const arrestsById = new Map(bundle.arrests.map((a) => [a.arrestId, a]));
  // What does not depend on the report is worked out once per action.
  const actions = [
    ...bundle.arrests.map(arrestAction),
    ...bundle.decisions.map((decision) => decisionAction(decision, arrestsById)),
  ].filter((action) => action.enforcement);
  const actionsByPerson = groupBy(actions, (action) => action.personKey);
  const actionsByLinkKey = new Map<string, Action[]>();
  for (const action of actions) {
    for (const k of new Set(action.linkKeys)) {
      const list = actionsByLinkKey.get(k);
      if (list === undefined) actionsByLinkKey.set(k, [action]);
      else list.push(action);
    }
  }

  const flags: ExpectedFlag[] = [];

  // Report rules: one flag per (rule, report, action).
  for (const report of findReports(bundle)) {
    const window = reportWindow(report.incidentMillis, report.reportMillis, hoursBefore, hoursAfter);
    // The reporter's actions: by the same person key, then (issue 16) by a shared tolerant key of another person key.
    const linked: Array<{ action: Action; kinds: string[] | null }> = (actionsByPerson.get(report.personKey) ?? []).map((action) => ({ action, kinds: null }));
    const approximate = new Map<Action, Set<string>>();
    for (const k of report.linkKeys) {
      for (const action of actionsByLinkKey.get(k) ?? []) {
        if (action.personKey === report.personKey) continue;
        let kinds = approximate.get(action);
        if (kinds === undefined) approximate.set(action, (kinds = new Set()));
        kinds.add(k.slice(0, k.indexOf(':')));
      }
    }
    for (const [action, kinds] of approximate) linked.push({ action, kinds: [...kinds].sort(compareCodeUnits) });
    for (const ruleId of REPORT_RULE_IDS) {
      if (report.reportDate < RULE_START_DATES[ruleId]) continue;
      if (!incidentQualifies(report.rows, ruleId)) continue;
      for (const { action, kinds } of linked) {
        if (!auditedBy(ruleId, action)) continue;
        if (action.assessment.protectedCharges.length === 0) continue;
        const nexus = nexusOf(report.incidentNumber, window, action.incidentNumbers, action.time);
        if (nexus === 'none') continue;
        const { confidence, reasons } = assessConfidence(nexus, action.assessment, report.alsoSuspect, kinds !== null);
        flags.push(
          flag(
            ruleId,
            action,
            report.incidentNumber,
            { confidence, nexus, protectedCharges: action.assessment.protectedCharges, reasons },
            kinds === null ? null : { personKey: report.personKey, kinds },
          ),
        );
      }
    }
  }

  // ca-sb357-repeal: any charged or arrested action under a repealed section on or after 2023-01-01.
  for (const action of actions) {
    if (action.actionDate < REPEAL_START_DATE) continue;
    const repealed = repealedCharges(action.charges);
    if (repealed.charges.length === 0) continue;
    const reasons: Reason[] = repealed.codeBookInferred ? ['code_book_inferred', 'repealed_statute'] : ['repealed_statute'];
    flags.push(flag('ca-sb357-repeal', action, null, { confidence: 'high', nexus: 'none', protectedCharges: repealed.charges, reasons: sortedUnique(reasons) }));
  }

  return flags.sort(compareFlags);
}
