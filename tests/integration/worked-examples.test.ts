import { EvaluationService } from '../../apps/api/src/compliance/evaluation/evaluation.service';
import { csv, ingest, rekey, TEST_PERSON_KEY_SECRET } from '../support/ingest-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * The eleven worked examples of compliance-rules.md §9, each a test, plus two
 * invariants over every flag they produce. One app, one database: each example
 * has its own incident numbers (9810000NN, and 9810001NN for a second
 * incident), row ids, person key (WX-PNN) and action ids (WX-ANN, WX-DNN), so
 * no example can reach another's records, not even by temporal nexus. Each
 * loads its files, runs a full evaluation, and asserts exactly the current
 * flags of its person.
 */

const INCIDENTS = ['Incident Datetime', 'Report Datetime', 'Row ID', 'Incident ID', 'Incident Number', 'Incident Code', 'Incident Category', 'Incident Subcategory', 'Police District'];
const PERSONS = ['Incident Number', 'Person Key', 'Person Role'];
const ARRESTS = ['arrest_id', 'incident_number', 'person_key', 'arrest_datetime', 'arrest_date', 'arresting_agency', 'custody_type', 'booked_charges_statute'];
const DA = ['decision_id', 'incident_number', 'person_key', 'da_action_taken', 'action_date', 'arrest_id', 'list_of_filed_charges'];

const REPORT_RULES = ['sfpd-psw-2017', 'sfda-psw-2018', 'ca-pc-647.3'];

/** Example NN's identifiers. */
function ids(nn: number) {
  const n = String(nn).padStart(2, '0');
  return {
    incident: `9810000${n}`,
    otherIncident: `9810001${n}`,
    incidentId: `98100${n}`,
    person: `WX-P${n}`,
    arrest: `WX-A${n}`,
    decision: `WX-D${n}`,
  };
}

interface Incident {
  number: string;
  id: string;
  at: string;
  reported: string;
  code: string;
  category: string;
  sub: string;
}

interface Arrest {
  id: string;
  incident: string;
  person: string;
  at?: string;
  date?: string;
  agency?: string;
  custody?: string;
  charges: string;
}

interface Decision {
  id: string;
  incident: string;
  person: string;
  action: string;
  date: string;
  arrestId?: string;
  charges: string;
}

interface ExampleFiles {
  incidents?: Incident[];
  persons?: Array<{ incident: string; person: string; role: string }>;
  arrests?: Arrest[];
  decisions?: Decision[];
}

/** The incident of example 1: a robbery (03074), at 22:40, reported 2024-03-09 23:05. */
function robbery(nn: number, day = '2024-03-09'): Incident {
  const x = ids(nn);
  return { number: x.incident, id: x.incidentId, at: `${day}T22:40`, reported: `${day}T23:05`, code: '03074', category: 'Robbery', sub: 'Robbery - Other' };
}

interface FlagRow {
  rule_id: string;
  rule_version: number;
  confidence: string;
  nexus: string;
  reasons: string[];
  protected_charges: string[];
  agency: string;
  report_incident_number: string | null;
  action_type: string;
  action_id: string;
  action_datetime: string;
  sentence: string;
}

describe('the worked examples of compliance-rules.md §9', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET });
  });
  afterAll(async () => t?.close());

  /** Loads an example's files (each must load whole) and runs a full evaluation. */
  async function run(files: ExampleFiles): Promise<void> {
    const loads: Array<[Parameters<typeof ingest>[1], string[][]]> = [];
    if (files.incidents?.length) loads.push(['incidents', files.incidents.map((i) => [i.at, i.reported, `${i.number}${i.code}`, i.id, i.number, i.code, i.category, i.sub, 'Mission'])]);
    if (files.persons?.length) loads.push(['incident-persons', files.persons.map((p) => [p.incident, p.person, p.role])]);
    if (files.arrests?.length) {
      loads.push(['arrests', files.arrests.map((a) => [a.id, a.incident, a.person, a.at ?? '', a.date ?? '', a.agency ?? 'SFPD', a.custody ?? 'booked', a.charges])]);
    }
    if (files.decisions?.length) loads.push(['da-decisions', files.decisions.map((d) => [d.id, d.incident, d.person, d.action, d.date, d.arrestId ?? '', d.charges])]);
    const headers = { incidents: INCIDENTS, 'incident-persons': PERSONS, arrests: ARRESTS, 'da-decisions': DA } as const;
    for (const [kind, rows] of loads) {
      const result = await ingest(t, kind, csv([[...headers[kind as keyof typeof headers]], ...rows]));
      expect(result).toMatchObject({ status: 'loaded', rejected: 0 });
    }
    const summary = await t.app.get(EvaluationService).evaluate({ trigger: 'on-demand', requestedBy: 'test' });
    expect(summary).toMatchObject({ scope: 'full', flagsWithdrawn: 0 });
  }

  /** The current flags of a person (by the key as given in the files), by rule. */
  async function flagsOf(personKey: string): Promise<FlagRow[]> {
    return t.db.query(
      `SELECT rule_id, rule_version, confidence, nexus, reasons, protected_charges, agency, report_incident_number, action_type, action_id, action_datetime, sentence
         FROM flag WHERE person_key = $1 AND status = 'current' ORDER BY rule_id`,
      [rekey(personKey)],
    );
  }

  /** What a flag decides, for exact comparison; reasons in a stable order. */
  const decided = (f: FlagRow) => ({
    rule_id: f.rule_id,
    confidence: f.confidence,
    nexus: f.nexus,
    protected_charges: f.protected_charges,
    reasons: [...f.reasons].sort(),
    agency: f.agency,
    report_incident_number: f.report_incident_number,
    action_type: f.action_type,
    action_id: f.action_id,
  });

  /** Every flag's sentence names its report's incident (report rules) and its protected charges. */
  function expectSentences(flags: FlagRow[]): void {
    for (const f of flags) {
      if (f.report_incident_number !== null) expect(f.sentence).toContain(`incident ${f.report_incident_number}`);
      for (const charge of f.protected_charges) expect(f.sentence).toContain(charge);
    }
  }

  /** Example 1's records for example NN, with its arrest changed as given. */
  function asExample1(nn: number, arrest: Partial<Arrest> = {}, day = '2024-03-09'): ExampleFiles {
    const x = ids(nn);
    return {
      incidents: [robbery(nn, day)],
      persons: [{ incident: x.incident, person: x.person, role: 'victim' }],
      arrests: [{ id: x.arrest, incident: x.incident, person: x.person, at: `${day}T23:40`, agency: 'SFPD', custody: 'booked', charges: '647(b) PC', ...arrest }],
    };
  }

  it('1: victim of a robbery arrested by SFPD 35 minutes after the report, same incident, for 647(b) PC, booked: sfpd-psw-2017 high and ca-pc-647.3 high', async () => {
    const x = ids(1);
    await run(asExample1(1));
    const flags = await flagsOf(x.person);
    const expected = { nexus: 'direct', protected_charges: ['PC 647(b)'], reasons: ['all_charges_protected', 'direct_nexus'], agency: 'SFPD', report_incident_number: x.incident, action_type: 'arrest', action_id: x.arrest };
    expect(flags.map(decided)).toEqual([
      { rule_id: 'ca-pc-647.3', confidence: 'high', ...expected },
      { rule_id: 'sfpd-psw-2017', confidence: 'high', ...expected },
    ]);
    // An arrest is not a DA decision to charge: no sfda-psw-2018 flag.
    expect(flags.map((f) => f.rule_id)).not.toContain('sfda-psw-2018');
    for (const f of flags) {
      expect(f.sentence).toContain('incident 981000001');
      expect(f.sentence).toContain('PC 647(b)');
      expect(f.sentence).toContain('2024-03-09 23:05');
      expect(f.sentence).toContain('2024-03-09 23:40');
      expect(f.sentence).toContain('same incident');
    }
    expectSentences(flags);
  });

  it('2: as 1, but the arrest is under another incident number, 20 hours after the report: both rules, medium, temporal nexus', async () => {
    const x = ids(2);
    // 2024-03-10 is the spring-forward day in San Francisco: 20 elapsed hours after 23:05 PST is 20:05 PDT.
    await run(asExample1(2, { incident: x.otherIncident, at: '2024-03-10T20:05' }));
    const flags = await flagsOf(x.person);
    const expected = { nexus: 'temporal', protected_charges: ['PC 647(b)'], reasons: ['all_charges_protected', 'temporal_nexus'], agency: 'SFPD', report_incident_number: x.incident, action_type: 'arrest', action_id: x.arrest };
    expect(flags.map(decided)).toEqual([
      { rule_id: 'ca-pc-647.3', confidence: 'medium', ...expected },
      { rule_id: 'sfpd-psw-2017', confidence: 'medium', ...expected },
    ]);
    for (const f of flags) {
      expect(f.sentence).toContain(`incident ${x.incident}`);
      expect(f.sentence).toContain('PC 647(b)');
      expect(f.sentence).toContain('20 hours after the report');
      expect(f.action_datetime).toBe('2024-03-10 20:05');
    }
    expectSentences(flags);
  });

  it('3: as 1, but the arrest is 10 days later under another incident: no flag', async () => {
    const x = ids(3);
    await run(asExample1(3, { incident: x.otherIncident, at: '2024-03-19T23:40' }));
    expect(await flagsOf(x.person)).toEqual([]);
  });

  it('4: as 1, but the charge is 11352 HS (sale): no flag', async () => {
    const x = ids(4);
    await run(asExample1(4, { charges: '11352 HS' }));
    expect(await flagsOf(x.person)).toEqual([]);
  });

  it('5: as 1, but the charges are 11377(a) HS/M and 459 PC/F: both rules, low, mixed_felony', async () => {
    const x = ids(5);
    await run(asExample1(5, { charges: '11377(a) HS/M;459 PC/F' }));
    const flags = await flagsOf(x.person);
    const expected = { nexus: 'direct', protected_charges: ['HS 11377(a)'], reasons: ['direct_nexus', 'mixed_felony'], agency: 'SFPD', report_incident_number: x.incident, action_type: 'arrest', action_id: x.arrest };
    expect(flags.map(decided)).toEqual([
      { rule_id: 'ca-pc-647.3', confidence: 'low', ...expected },
      { rule_id: 'sfpd-psw-2017', confidence: 'low', ...expected },
    ]);
    for (const f of flags) {
      expect(f.sentence).toContain(`incident ${x.incident}`);
      expect(f.sentence).toContain('HS 11377(a)');
    }
    expectSentences(flags);
  });

  it('6: victim of a simple battery (04134) arrested in the same incident for 647(b): sfpd-psw-2017 high, no ca-pc-647.3 flag', async () => {
    const x = ids(6);
    const files = asExample1(6);
    files.incidents = [{ ...robbery(6), code: '04134', category: 'Assault', sub: 'Simple Assault' }];
    await run(files);
    const flags = await flagsOf(x.person);
    expect(flags.map(decided)).toEqual([
      {
        rule_id: 'sfpd-psw-2017',
        confidence: 'high',
        nexus: 'direct',
        protected_charges: ['PC 647(b)'],
        reasons: ['all_charges_protected', 'direct_nexus'],
        agency: 'SFPD',
        report_incident_number: x.incident,
        action_type: 'arrest',
        action_id: x.arrest,
      },
    ]);
    expect(flags[0].sentence).toContain(`incident ${x.incident}`);
    expect(flags[0].sentence).toContain('PC 647(b)');
    expectSentences(flags);
  });

  it('7: a suspect (not a victim or witness) on a robbery, arrested for 647(b): no flag', async () => {
    const x = ids(7);
    const files = asExample1(7);
    files.persons = [{ incident: x.incident, person: x.person, role: 'suspect' }];
    await run(files);
    expect(await flagsOf(x.person)).toEqual([]);
  });

  it('8: the DA charges the victim of a rape (Charged, filed 647B/M/0) on the reported incident: sfda-psw-2018 high', async () => {
    const x = ids(8);
    await run({
      incidents: [{ number: x.incident, id: x.incidentId, at: '2024-03-09T22:40', reported: '2024-03-09T23:05', code: '14072', category: 'Rape', sub: 'Rape' }],
      persons: [{ incident: x.incident, person: x.person, role: 'victim' }],
      decisions: [{ id: x.decision, incident: x.incident, person: x.person, action: 'Charged', date: '2024-03-11', charges: '647B/M/0' }],
    });
    const flags = await flagsOf(x.person);
    expect(flags.map(decided)).toEqual([
      {
        rule_id: 'sfda-psw-2018',
        confidence: 'high',
        nexus: 'direct',
        protected_charges: ['PC 647(b)'],
        // A DA token drops the code book: PC is inferred, which does not lower the confidence.
        reasons: ['all_charges_protected', 'code_book_inferred', 'direct_nexus'],
        agency: 'SFDA',
        report_incident_number: x.incident,
        action_type: 'da_decision',
        action_id: x.decision,
      },
    ]);
    expect(flags[0].sentence).toContain(`incident ${x.incident}`);
    expect(flags[0].sentence).toContain('PC 647(b)');
    expectSentences(flags);
  });

  it('9: the same, but the DA decision is Discharged: no flag', async () => {
    const x = ids(9);
    await run({
      incidents: [{ number: x.incident, id: x.incidentId, at: '2024-03-09T22:40', reported: '2024-03-09T23:05', code: '14072', category: 'Rape', sub: 'Rape' }],
      persons: [{ incident: x.incident, person: x.person, role: 'victim' }],
      decisions: [{ id: x.decision, incident: x.incident, person: x.person, action: 'Discharged', date: '2024-03-11', charges: '647B/M/0' }],
    });
    expect(await flagsOf(x.person)).toEqual([]);
  });

  it('10: anyone arrested for 653.22 PC on 2023-02-01 (no report at all): ca-sb357-repeal high, repealed_statute', async () => {
    const x = ids(10);
    await run({ arrests: [{ id: x.arrest, incident: x.incident, person: x.person, date: '2023-02-01', agency: 'SFSO', custody: 'booked', charges: '653.22 PC' }] });
    const flags = await flagsOf(x.person);
    expect(flags.map(decided)).toEqual([
      {
        rule_id: 'ca-sb357-repeal',
        confidence: 'high',
        nexus: 'none',
        protected_charges: ['PC 653.22'],
        reasons: ['repealed_statute'],
        agency: 'SFSO',
        report_incident_number: null,
        action_type: 'arrest',
        action_id: x.arrest,
      },
    ]);
    expect(flags[0].sentence).toContain('PC 653.22');
    expect(flags[0].sentence).toContain('2023-02-01');
    expectSentences(flags);
  });

  it('11: example 1 dated 2017-06-01, before every policy: no flag', async () => {
    const x = ids(11);
    await run(asExample1(11, {}, '2017-06-01'));
    expect(await flagsOf(x.person)).toEqual([]);
  });

  it('invariant: no flag without a covered role (the person is victim or witness on the report of every report-rule flag)', async () => {
    const [{ n }]: Array<{ n: number }> = await t.db.query(`SELECT count(*)::int AS n FROM flag WHERE status = 'current' AND rule_id = ANY($1::text[])`, [REPORT_RULES]);
    expect(n).toBeGreaterThan(0);
    const uncovered: Array<{ id: string }> = await t.db.query(
      `SELECT f.id, f.rule_id, f.report_incident_number
         FROM flag f
        WHERE f.status = 'current' AND f.rule_id = ANY($1::text[])
          AND NOT EXISTS (SELECT 1 FROM incident_person p
                           WHERE p.incident_number = f.report_incident_number AND p.person_key = f.person_key
                             AND p.person_role IN ('victim', 'witness'))`,
      [REPORT_RULES],
    );
    expect(uncovered).toEqual([]);
  });

  it("invariant: no flag outside a rule's effective dates (report on/after the rule's start; a repealed charge's action on/after 2023-01-01)", async () => {
    const [{ n }]: Array<{ n: number }> = await t.db.query(`SELECT count(*)::int AS n FROM flag`);
    expect(n).toBeGreaterThan(0);
    const early: Array<{ id: string }> = await t.db.query(
      `WITH rule_start (rule_id, starts) AS (VALUES ('sfpd-psw-2017', DATE '2017-12-01'), ('sfda-psw-2018', DATE '2018-01-11'), ('ca-pc-647.3', DATE '2020-01-01')),
            reported AS (SELECT incident_number, (min(report_datetime) AT TIME ZONE 'America/Los_Angeles')::date AS report_date
                           FROM incident_report_row GROUP BY incident_number)
       SELECT f.id, f.rule_id, f.report_incident_number, r.report_date
         FROM flag f JOIN rule_start s USING (rule_id)
         LEFT JOIN reported r ON r.incident_number = f.report_incident_number
        WHERE r.report_date IS NULL OR r.report_date < s.starts`,
    );
    expect(early).toEqual([]);
    const earlyRepeal: Array<{ id: string }> = await t.db.query(
      `SELECT f.id, f.action_type, f.action_id, coalesce(a.day, d.action_date) AS action_day
         FROM flag f
         LEFT JOIN (SELECT arrest_id, coalesce((arrest_datetime AT TIME ZONE 'America/Los_Angeles')::date, arrest_date) AS day FROM arrest) a
                ON f.action_type = 'arrest' AND a.arrest_id = f.action_id
         LEFT JOIN da_decision d ON f.action_type = 'da_decision' AND d.decision_id = f.action_id
        WHERE f.rule_id = 'ca-sb357-repeal' AND (coalesce(a.day, d.action_date) IS NULL OR coalesce(a.day, d.action_date) < DATE '2023-01-01')`,
    );
    expect(earlyRepeal).toEqual([]);
  });
});
