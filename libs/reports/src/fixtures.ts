/**
 * Test fixtures (used by the specs only; not exported). Small months whose figures are worked out by hand in the
 * specs. Every count that could be a person's case is made up.
 */
import type { MeetingDetail, ReportData } from '@sra/contracts';
import { monthsBetween } from './format';

export const SFPD_RULE = 'sfpd-psw-2017';
export const DA_RULE = 'sfda-psw-2018';
export const PC6473_RULE = 'ca-pc-647.3';

export const CASE_SENTENCE_1 =
  "Reported assault (incident 220301234) as victim on 2022-05-02 21:00; arrested by SFPD 2022-05-02 23:40 in the same incident for PC 647(b); SFPD bulletin 'Prioritizing Safety for Sex Workers' bars this arrest.";
export const CASE_SENTENCE_2 =
  'Reported robbery (incident 220309876) as witness on 2022-04-30 10:00; arrested by SFSO on 2022-05-01 under another incident, 14 hours after the report, for PC 647(b); Penal Code 647.3 bars this arrest.';

function counts(eligibleReports: number, flaggedReports: number, confirmedReports: number, flags: number) {
  return { eligibleReports, flaggedReports, confirmedReports, flags };
}

/**
 * May 2022. Rules (eligible, flagged, confirmed, flags):
 *   SFPD bulletin 40, 3, 1, 4; DA policy 40, 0, 0, 0; PC 647.3 25, 12, 2, 14 (flags in all: 18).
 * PC 647.3 by agency: SFPD 2, 1, 3 and SFSO 10, 1, 11 (flagged, confirmed, flags).
 * Districts: Bayview 3, 0, 0; Mission 20, 12, 14; Tenderloin 25, 2, 4; unknown 2, 0, 0 (eligible, flagged, flags)
 * -> totals 50, 14, 18. Categories: Assault 30, 13, 17; Robbery 20, 1, 1 -> the same totals.
 * Flags by confidence x review status (new, in review, confirmed, not a violation, policy exception, data error):
 *   high 6 2 3 1 0 0 (12); medium 5 2 0 0 0 2 (9); low 12 0 0 3 0 0 (15); totals 23 4 3 4 0 2 (36).
 *   The counted corner (high and medium x new, in review, confirmed) adds up to 18, the month's flags.
 */
export function mayReport(): ReportData {
  const trend: ReportData['trend'] = [];
  for (const month of monthsBetween('2021-05', '2022-05')) {
    for (const ruleId of [SFPD_RULE, DA_RULE, PC6473_RULE]) trend.push({ month, ruleId, ...counts(0, 0, 0, 0) });
  }
  const set = (month: string, ruleId: string, c: ReturnType<typeof counts>) => {
    const entry = trend.find((t) => t.month === month && t.ruleId === ruleId);
    if (!entry) throw new Error(`fixture: no trend row ${month} ${ruleId}`);
    Object.assign(entry, c);
  };
  set('2021-05', SFPD_RULE, counts(20, 11, 0, 11));
  set('2022-04', SFPD_RULE, counts(30, 0, 0, 0));
  set('2022-04', DA_RULE, counts(30, 0, 0, 0));
  set('2022-04', PC6473_RULE, counts(8, 1, 0, 1));
  set('2022-05', SFPD_RULE, counts(40, 3, 1, 4));
  set('2022-05', DA_RULE, counts(40, 0, 0, 0));
  set('2022-05', PC6473_RULE, counts(25, 12, 2, 14));

  const statuses = ['new', 'in_review', 'confirmed_violation', 'not_a_violation', 'policy_exception', 'data_error'];
  const grid: Record<'high' | 'medium' | 'low', number[]> = {
    high: [6, 2, 3, 1, 0, 0],
    medium: [5, 2, 0, 0, 0, 2],
    low: [12, 0, 0, 3, 0, 0],
  };
  const flagsByConfidenceAndStatus: ReportData['flagsByConfidenceAndStatus'] = [];
  for (const confidence of ['high', 'medium', 'low'] as const) {
    statuses.forEach((reviewStatus, j) => flagsByConfidenceAndStatus.push({ confidence, reviewStatus, flags: grid[confidence][j] ?? 0 }));
  }

  return {
    month: '2022-05',
    trendFrom: '2021-05',
    threshold: 'medium',
    takenAt: '2022-06-03T08:00:00Z',
    rules: [
      { ruleId: SFPD_RULE, title: 'SFPD safe-reporting bulletin', ...counts(40, 3, 1, 4) },
      { ruleId: DA_RULE, title: 'DA safe-reporting policy', ...counts(40, 0, 0, 0) },
      { ruleId: PC6473_RULE, title: 'Penal Code 647.3', ...counts(25, 12, 2, 14) },
    ],
    agencies: [
      { ruleId: PC6473_RULE, agency: 'SFSO', ...counts(25, 10, 1, 11) },
      { ruleId: SFPD_RULE, agency: 'SFPD', ...counts(40, 3, 1, 4) },
      { ruleId: PC6473_RULE, agency: 'SFPD', ...counts(25, 2, 1, 3) },
    ],
    trend,
    byDistrict: [
      { district: 'Tenderloin', ...counts(25, 2, 0, 4) },
      { district: null, ...counts(2, 0, 0, 0) },
      { district: 'Mission', ...counts(20, 12, 2, 14) },
      { district: 'Bayview', ...counts(3, 0, 0, 0) },
    ],
    byCategory: [
      { category: 'Robbery', ...counts(20, 1, 0, 1) },
      { category: 'Assault', ...counts(30, 13, 2, 17) },
    ],
    flagsByConfidenceAndStatus,
    cases: [
      {
        flagId: 'f-0001',
        ruleId: SFPD_RULE,
        confidence: 'high',
        agency: 'SFPD',
        reportIncidentNumber: '220301234',
        actionType: 'arrest',
        actionDate: '2022-05-03',
        policeDistrict: 'Mission',
        incidentCategory: 'Assault',
        reviewStatus: 'confirmed_violation',
        sentence: CASE_SENTENCE_1,
      },
      {
        flagId: 'f-0002',
        ruleId: PC6473_RULE,
        confidence: 'medium',
        agency: 'SFSO',
        reportIncidentNumber: '220309876',
        actionType: 'arrest',
        actionDate: '2022-05-01',
        policeDistrict: null,
        incidentCategory: 'Robbery',
        reviewStatus: 'in_review',
        sentence: CASE_SENTENCE_2,
      },
    ],
    dataBasis: {
      batches: [
        { kind: 'incidents', fileName: 'incidents, May 2022.csv', loadedAt: '2022-06-02T17:30:00Z', rowsRead: 1200, inserted: 1100, updated: 90, rejected: 10 },
        { kind: 'arrests', fileName: 'arrests "final".csv', loadedAt: '2022-06-01T16:05:00Z', rowsRead: 800, inserted: 790, updated: 0, rejected: 10 },
      ],
      rejectedRows: 20,
      arrests: 8,
      arrestsLinked: 6,
      evaluatedAt: '2022-06-02T18:00:00Z',
    },
    policies: [
      {
        id: 'ca-pc-647.3:1',
        ruleId: PC6473_RULE,
        version: 1,
        title: 'Penal Code 647.3',
        instrument: 'California Penal Code 647.3 (SB 233)',
        effectiveFrom: '2020-01-01',
        effectiveUntil: null,
        provenance: { qualification: 'verified', protectedCharges: 'inferred' },
      },
      {
        id: 'sfpd-psw-2017:1',
        ruleId: SFPD_RULE,
        version: 1,
        title: 'SFPD safe-reporting bulletin',
        instrument: 'SFPD Department Bulletin "Prioritizing Safety for Sex Workers"',
        effectiveFrom: '2017-12-01',
        effectiveUntil: '2022-05-20',
        provenance: { qualification: 'secondary', protectedCharges: 'secondary' },
      },
      {
        id: 'sfpd-psw-2017:2',
        ruleId: SFPD_RULE,
        version: 2,
        title: 'SFPD safe-reporting bulletin',
        instrument: 'SFPD Department Bulletin "Prioritizing Safety for Sex Workers"',
        effectiveFrom: '2022-05-21',
        effectiveUntil: null,
        provenance: {},
      },
    ],
  };
}

/**
 * May 2022 as a snapshot taken since issue 11 (cases and the honest measures): the figures of `mayReport`, with
 * the cases behind the flagged reports. One SFPD arrest (c-0001, report 220301234) breaches two rules, the SFPD
 * bulletin and PC 647.3: one case, two flags.
 *   Cases by rule: SFPD bulletin 3 (all SFPD); DA policy 0; PC 647.3 12 (SFPD 2, SFSO 10).
 *   Every rule together: the SFPD's cases are 3 + 2 - 1 (c-0001 under both) = 4, the SFSO's 10: 14 cases. Flagged
 *   reports 3 + 12 - 1 (220301234 under both) = 14, the "Where" tables' total; confirmed 1 + 2 - 1 = 2; flags 18.
 * Bases and decided reports as in the agency measures: SFPD (bulletin) acted against 24 reporters, under 647.3 SFPD
 * against 5 and SFSO 14; a case was decided under the bulletin and 647.3, none under the DA policy.
 */
export function mayCasesReport(): ReportData {
  const data = mayReport();
  data.measures = { minRateBase: 20 };
  const ruleCases: Record<string, [cases: number, decided: number]> = { [SFPD_RULE]: [3, 1], [DA_RULE]: [0, 0], [PC6473_RULE]: [12, 2] };
  data.rules = data.rules.map((r) => ({ ...r, cases: ruleCases[r.ruleId]![0], baseReports: r.eligibleReports, decidedReports: ruleCases[r.ruleId]![1] }));
  const agencyCases: Record<string, [cases: number, base: number]> = { [`${SFPD_RULE}:SFPD`]: [3, 24], [`${PC6473_RULE}:SFPD`]: [2, 5], [`${PC6473_RULE}:SFSO`]: [10, 14] };
  data.agencies = data.agencies.map((a) => {
    const [cases, baseReports] = agencyCases[`${a.ruleId}:${a.agency}`]!;
    return { ...a, cases, baseReports, decidedReports: 1 };
  });
  data.overall = { eligibleReports: 50, flaggedReports: 14, confirmedReports: 2, cases: 14, flags: 18 };
  data.cases = [
    {
      caseId: 'c-0001',
      actionType: 'arrest',
      agency: 'SFPD',
      actionDate: '2022-05-03',
      rules: [
        { ruleId: SFPD_RULE, confidence: 'high' },
        { ruleId: PC6473_RULE, confidence: 'high' },
      ],
      reportIncidentNumbers: ['220301234'],
      policeDistrict: 'Mission',
      incidentCategory: 'Assault',
      charges: ['PC 647(b): prostitution, misdemeanor'],
      reviewStatus: 'confirmed_violation',
      sentence: CASE_SENTENCE_1,
    },
    {
      caseId: 'c-0002',
      actionType: 'arrest',
      agency: 'SFSO',
      actionDate: '2022-05-01',
      rules: [{ ruleId: PC6473_RULE, confidence: 'medium' }],
      reportIncidentNumbers: ['220309876'],
      policeDistrict: null,
      incidentCategory: 'Robbery',
      charges: ['PC 647(b): prostitution, misdemeanor', 'HS 11350(a): possession of a controlled substance'],
      reviewStatus: 'in_review',
      sentence: CASE_SENTENCE_2,
    },
  ];
  return data;
}

/**
 * A held meeting: three cases on the agenda (listed out of order), two decided. The first (c-0001) is one SFPD
 * arrest breaching two rules; the third is an item of an agenda read before cases (no case, titled by its day).
 */
export function meetingFixture(): MeetingDetail {
  return {
    id: 'm-7',
    date: '2022-06-10',
    title: 'June review',
    attendees: [{ name: 'A. Rivera', role: 'Chair' }, { name: 'SFPD liaison' }],
    notes: 'Reviewed the May cases.\n- follow up with the DA',
    status: 'held',
    createdBy: 'admin',
    createdAt: '2022-06-01T16:00:00Z',
    agendaSize: 3,
    decided: 2,
    // In the order taken (the agenda lists f-0002 first, by its position 2 read before f-0001's 1).
    decisions: [
      { flagId: 'f-0001', status: 'confirmed_violation', note: 'Arrest in the same incident, 40 minutes after the report.', correction: false, decidedAt: '2022-06-10T18:10:00Z', decidedBy: 'A. Rivera' },
      { flagId: 'f-0002', status: 'not_a_violation', note: 'Different person;\nsee the | arrest record', correction: false, decidedAt: '2022-06-10T18:30:00Z', decidedBy: 'B. Chen' },
    ],
    agenda: [
      {
        flagId: 'f-0002',
        position: 2,
        addedByHand: true,
        decision: 'not_a_violation',
        decisionNote: 'Different person;\nsee the | arrest record',
        decidedAt: '2022-06-10T18:30:00Z',
        decidedBy: 'B. Chen',
        sentence: CASE_SENTENCE_2,
        confidence: 'medium',
        ruleId: PC6473_RULE,
        actionDate: '2022-05-01',
        reviewStatus: 'not_a_violation',
        reviewVersion: 1,
        caseId: 'c-0002',
        ruleIds: [PC6473_RULE],
        actionType: 'arrest',
        agency: 'SFSO',
        reportIncidentNumbers: ['220309876'],
      },
      {
        flagId: 'f-0001',
        position: 1,
        addedByHand: false,
        decision: 'confirmed_violation',
        decisionNote: 'Arrest in the same incident, 40 minutes after the report.',
        decidedAt: '2022-06-10T18:10:00Z',
        decidedBy: 'A. Rivera',
        sentence: CASE_SENTENCE_1,
        confidence: 'high',
        ruleId: SFPD_RULE,
        actionDate: '2022-05-03',
        reviewStatus: 'confirmed_violation',
        reviewVersion: 1,
        caseId: 'c-0001',
        ruleIds: [SFPD_RULE, PC6473_RULE],
        actionType: 'arrest',
        agency: 'SFPD',
        reportIncidentNumbers: ['220301234'],
      },
      {
        flagId: 'f-0003',
        position: 3,
        addedByHand: false,
        decision: null,
        decisionNote: null,
        decidedAt: null,
        decidedBy: null,
        sentence: 'Reported stalking (incident 220312345) as victim on 2022-05-09 08:00; arrested by SFPD 2022-05-09 12:00 in the same incident for PC 653.22; SFPD bulletin bars this arrest.',
        confidence: 'medium',
        ruleId: SFPD_RULE,
        actionDate: '2022-05-09',
        reviewStatus: 'new',
        reviewVersion: 0,
      },
    ],
  };
}
