import { generate, OUTPUT_FILES, type GenerateOptions, type Manifest, type OutputFile } from './generator';
import { DEFAULT_GENERATE_OPTIONS } from './generator';
import { DA_ACTIONS } from './model';
import { SCENARIO_KINDS } from './scenarios';

type Files = Record<OutputFile, string>;

async function run(options: Partial<GenerateOptions>): Promise<{ files: Files; manifest: Manifest }> {
  const chunks = Object.fromEntries(OUTPUT_FILES.map((f) => [f, [] as Buffer[]])) as Record<OutputFile, Buffer[]>;
  const manifest = await generate({ ...DEFAULT_GENERATE_OPTIONS, ...options }, { write: (f, c) => void chunks[f].push(Buffer.from(c)) });
  const files = Object.fromEntries(OUTPUT_FILES.map((f) => [f, Buffer.concat(chunks[f]).toString('utf8')])) as Files;
  return { files, manifest };
}

/** A plain RFC 4180 reader, independent of the generator's writer. */
function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  expect(field).toBe('');
  const [header, ...body] = rows;
  for (const r of body) expect(r.length).toBe(header.length);
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

// One mid-sized run shared by the checks below (about 50k rows, two seconds).
let big: { files: Files; manifest: Manifest };
let incidents: Array<Record<string, string>>;
let persons: Array<Record<string, string>>;
let arrests: Array<Record<string, string>>;
let decisions: Array<Record<string, string>>;
let flags: Array<Record<string, string>>;

beforeAll(async () => {
  big = await run({ seed: 'spec', incidents: 50_000 });
  incidents = parseCsv(big.files['incidents.csv']);
  persons = parseCsv(big.files['incident-persons.csv']);
  arrests = parseCsv(big.files['arrests.csv']);
  decisions = parseCsv(big.files['da-decisions.csv']);
  flags = parseCsv(big.files['expected-flags.csv']);
}, 60_000);

describe('generate', () => {
  it('is deterministic: the same seed and parameters give byte-identical files, another seed does not', async () => {
    const a = await run({ seed: 'same', incidents: 3000 });
    const b = await run({ seed: 'same', incidents: 3000 });
    const c = await run({ seed: 'other', incidents: 3000 });
    for (const f of OUTPUT_FILES) expect(a.files[f]).toBe(b.files[f]);
    expect(JSON.stringify(a.manifest)).toBe(JSON.stringify(b.manifest));
    expect(c.files['incidents.csv']).not.toBe(a.files['incidents.csv']);
  });

  it.each([1, 1000, 12_345])('writes exactly the %i incident rows asked for', async (n) => {
    const { files, manifest } = await run({ seed: 'count', incidents: n });
    expect(parseCsv(files['incidents.csv'])).toHaveLength(n);
    expect(manifest.counts['incidents.csv']).toBe(n);
  });

  it('writes every column of the import formats', () => {
    const header = (f: OutputFile) => big.files[f].slice(0, big.files[f].indexOf('\n')).split(',');
    // compliance-rules.md / import-formats.md §1 (required and optional columns)
    expect(header('incidents.csv')).toEqual(
      expect.arrayContaining([
        'Row ID', 'Incident ID', 'Incident Number', 'Incident Datetime', 'Report Datetime', 'Incident Code', 'Incident Category',
        'Incident Date', 'Incident Time', 'Incident Year', 'Incident Day of Week', 'CAD Number', 'Report Type Code',
        'Report Type Description', 'Filed Online', 'Incident Subcategory', 'Incident Description', 'Resolution', 'Intersection',
        'CNN', 'Police District', 'Analysis Neighborhood', 'Supervisor District', 'Supervisor District 2012', 'Latitude', 'Longitude', 'point',
      ]),
    );
    expect(header('incident-persons.csv')).toEqual(['Incident Number', 'Incident ID', 'Person Key', 'Person Role', 'Role Recorded Datetime']);
    expect(header('arrests.csv')).toEqual([
      'arrest_id', 'incident_number', 'person_key', 'arrest_datetime', 'arrest_date', 'arresting_agency', 'custody_type',
      'booked_charges_statute', 'list_of_booked_charges', 'booked_case_type', 'cad_number',
    ]);
    expect(header('da-decisions.csv')).toEqual([
      'decision_id', 'incident_number', 'person_key', 'da_action_taken', 'action_date', 'arrest_id', 'arrest_date', 'court_number',
      'filing_date', 'list_of_filed_charges', 'filed_charges_statute', 'filed_case_type', 'crime_type', 'dv_case', 'case_status',
      'disposition_date', 'disposition_code', 'disposition_description',
    ]);
    // and fills each of them somewhere
    for (const [name, rows] of [['incidents', incidents], ['persons', persons], ['arrests', arrests], ['decisions', decisions]] as const) {
      for (const column of Object.keys(rows[0])) {
        expect({ file: name, column, filled: rows.some((r) => r[column] !== '') }).toEqual({ file: name, column, filled: true });
      }
    }
  });

  it('looks like DataSF: datetime style, code padding, row ids, incident numbers, CAD numbers, Coplogic reports', () => {
    const dataSf = /^\d{4}\/\d{2}\/\d{2} (0\d|1[0-2]):[0-5]\d:00 (AM|PM)$/;
    for (const r of incidents.slice(0, 5000)) {
      expect(r['Incident Datetime']).toMatch(dataSf);
      expect(r['Report Datetime']).toMatch(dataSf);
      expect(r['Row ID']).toBe(`${r['Incident ID']}${r['Incident Code'].padStart(5, '0')}`);
      expect(r['Incident Number']).toMatch(/^\d{9}$/);
      expect(r['Incident Number'].slice(0, 2)).toBe(r['Incident Year'].slice(2));
      expect(r['CAD Number']).toMatch(/^(\d{9})?$/);
    }
    const online = incidents.filter((r) => r['Filed Online'] === 'true');
    expect(online.length / incidents.length).toBeGreaterThan(0.1);
    expect(online.every((r) => /Coplogic/.test(r['Report Type Description']) && r['CAD Number'] === '')).toBe(true);
    // some codes come without padding, as older extracts wrote them
    expect(incidents.some((r) => r['Incident Code'].length < 5)).toBe(true);
    expect(new Set(incidents.map((r) => r['Report Type Code']))).toEqual(new Set(['II', 'IS', 'VI', 'VS']));
  });

  it('has several codes per report and supplements with a new Incident ID under the same Incident Number', () => {
    const idsByNumber = new Map<string, Set<string>>();
    const rowsById = new Map<string, number>();
    for (const r of incidents) {
      if (!idsByNumber.has(r['Incident Number'])) idsByNumber.set(r['Incident Number'], new Set());
      idsByNumber.get(r['Incident Number'])!.add(r['Incident ID']);
      rowsById.set(r['Incident ID'], (rowsById.get(r['Incident ID']) ?? 0) + 1);
    }
    const rowsPerReport = incidents.length / rowsById.size;
    expect(rowsPerReport).toBeGreaterThan(1.1);
    expect(rowsPerReport).toBeLessThan(1.4);
    const withSupplements = [...idsByNumber.values()].filter((ids) => ids.size > 1).length;
    expect(withSupplements / idsByNumber.size).toBeGreaterThan(0.05);
    const supplementRows = incidents.filter((r) => r['Report Type Code'] === 'IS' || r['Report Type Code'] === 'VS');
    expect(supplementRows.every((r) => idsByNumber.get(r['Incident Number'])!.size > 1)).toBe(true);
  });

  it('keeps the real proportions of the month it learnt from', () => {
    const share = (cat: string) => incidents.filter((r) => r['Incident Category'] === cat).length / incidents.length;
    // December 2018: larceny 33%, assault 6%, robbery 3%
    expect(share('Larceny Theft')).toBeGreaterThan(0.27);
    expect(share('Larceny Theft')).toBeLessThan(0.38);
    expect(share('Assault')).toBeGreaterThan(0.04);
    expect(new Set(incidents.map((r) => r['Police District'])).size).toBeGreaterThanOrEqual(10);
    expect(new Set(incidents.map((r) => r['Analysis Neighborhood'])).size).toBeGreaterThan(30);
    // afternoon busier than the small hours
    const hour = (r: Record<string, string>) => Number(r['Incident Time'].slice(0, 2));
    expect(incidents.filter((r) => hour(r) >= 12 && hour(r) < 18).length).toBeGreaterThan(2 * incidents.filter((r) => hour(r) >= 2 && hour(r) < 8).length);
    // persons on a modest share of incidents
    const withPersons = new Set(persons.map((p) => p['Incident Number'])).size / new Set(incidents.map((r) => r['Incident Number'])).size;
    expect(withPersons).toBeGreaterThan(0.03);
    expect(withPersons).toBeLessThan(0.15);
  });

  it('writes valid pseudonymous person keys and known roles', () => {
    for (const p of persons) {
      expect(p['Person Key']).toMatch(/^[A-Za-z0-9._:-]{6,128}$/);
      expect(p['Person Key']).not.toMatch(/^\d{3}-?\d{2}-?\d{4}$|^\+?\d{10,11}$/);
      expect(['victim', 'witness', 'reporting party', 'suspect']).toContain(p['Person Role']);
    }
  });

  it('has arrests by SFPD and other agencies, booked and cited, in both charge notations and both datetime styles', () => {
    expect(new Set(arrests.map((a) => a.arresting_agency))).toEqual(new Set(['SFPD', 'SFSO', 'CHP', 'BART PD', 'UCSF PD']));
    expect(new Set(arrests.map((a) => a.custody_type))).toEqual(new Set(['booked', 'cited']));
    expect(arrests.some((a) => /^\d+(\.\d+)?(\([a-z0-9]+\))* PC\/[MF]/.test(a.booked_charges_statute))).toBe(true);
    expect(arrests.some((a) => a.booked_charges_statute === '' && /^[0-9A-Z.]+(,[0-9A-Z.]+)*$/.test(a.list_of_booked_charges))).toBe(true);
    expect(arrests.some((a) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00$/.test(a.arrest_datetime))).toBe(true);
    expect(arrests.some((a) => /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:00 [AP]M$/.test(a.arrest_datetime))).toBe(true);
    expect(arrests.some((a) => a.arrest_datetime === '' && /^\d{4}-\d{2}-\d{2}$/.test(a.arrest_date))).toBe(true);
    expect(arrests.every((a) => a.arrest_datetime !== '' || a.arrest_date !== '')).toBe(true);
    expect(arrests.every((a) => a.booked_charges_statute !== '' || a.list_of_booked_charges !== '')).toBe(true);
  });

  it('has DA decisions with every action type, filed charges with levels when charged', () => {
    expect(new Set(decisions.map((d) => d.da_action_taken))).toEqual(new Set(DA_ACTIONS));
    for (const d of decisions.filter((x) => x.da_action_taken === 'Charged')) {
      expect(d.list_of_filed_charges).toMatch(/^[0-9A-Z.]+\/[MFI]\/0(, [0-9A-Z.]+\/[MFI]\/0)*$/);
    }
    const arrestIds = new Set(arrests.map((a) => a.arrest_id));
    expect(decisions.filter((d) => d.arrest_id !== '').every((d) => arrestIds.has(d.arrest_id))).toBe(true);
  });

  it('plants every kind of case, and flags stay a small minority', () => {
    for (const kind of SCENARIO_KINDS) expect({ kind, planted: big.manifest.plantedScenarios[kind].planted > 0 }).toEqual({ kind, planted: true });
    expect(flags.length).toBeGreaterThan(20);
    expect(flags.length / incidents.length).toBeLessThan(0.01);
    expect(new Set(flags.map((f) => f.rule_id))).toEqual(new Set(['sfpd-psw-2017', 'sfda-psw-2018', 'ca-pc-647.3', 'ca-sb357-repeal']));
    expect(new Set(flags.map((f) => f.confidence))).toEqual(new Set(['high', 'medium', 'low']));
  });

  it('writes expected flags that point at records in the files', () => {
    const arrestIds = new Set(arrests.map((a) => a.arrest_id));
    const decisionIds = new Set(decisions.map((d) => d.decision_id));
    const incidentNumbers = new Set(incidents.map((r) => r['Incident Number']));
    for (const f of flags) {
      expect(f.action_type === 'arrest' ? arrestIds.has(f.action_id) : decisionIds.has(f.action_id)).toBe(true);
      if (f.rule_id === 'ca-sb357-repeal') expect(f.report_incident_number).toBe('');
      else expect(incidentNumbers.has(f.report_incident_number)).toBe(true);
    }
    expect(big.manifest.counts['expected-flags.csv']).toBe(flags.length);
  });

  it('shows breaches falling after each policy starts', async () => {
    const { files } = await run({ seed: 'trend', incidents: 200_000, from: '2017-01', to: '2024-12' });
    const sfpd = parseCsv(files['expected-flags.csv']).filter((f) => f.rule_id === 'sfpd-psw-2017');
    const inYear = (y: string) => sfpd.filter((f) => f.action_datetime.startsWith(y)).length;
    expect(inYear('2018')).toBeGreaterThan(0);
    expect(inYear('2024')).toBeLessThan(inYear('2018'));
  }, 60_000);

  it('refuses bad parameters with a message naming them', async () => {
    await expect(run({ from: '2024-13' })).rejects.toThrow(/--from must be a month/);
    await expect(run({ from: '2024-05', to: '2024-01' })).rejects.toThrow(/before --from/);
    await expect(run({ incidents: 0 })).rejects.toThrow(/--incidents must be a whole number/);
    await expect(run({ breachRate: 2 })).rejects.toThrow(/breachRate must be between 0 and 1/);
  });
});

describe('tolerant keys (issue 16)', () => {
  const KEY = /^(slk|sound|date):[0-9a-f]{64}$/;
  let linked: { files: Files; manifest: Manifest };
  beforeAll(async () => {
    linked = await run({ seed: 'linking', incidents: 20_000, from: '2020-01', to: '2021-12', plantedShare: 0.05, approximateLinkShare: 0.5 });
  }, 60_000);

  it('adds the link-key column to the three person files, with well-formed values', () => {
    const header = (f: OutputFile) => linked.files[f].slice(0, linked.files[f].indexOf('\n')).split(',');
    expect(header('incident-persons.csv').at(-1)).toBe('Person Link Keys');
    expect(header('arrests.csv').at(-1)).toBe('person_link_keys');
    expect(header('da-decisions.csv').at(-1)).toBe('person_link_keys');
    const cells = [
      ...parseCsv(linked.files['incident-persons.csv']).map((r) => r['Person Link Keys']),
      ...parseCsv(linked.files['arrests.csv']).map((r) => r['person_link_keys']),
      ...parseCsv(linked.files['da-decisions.csv']).map((r) => r['person_link_keys']),
    ];
    expect(cells.some((c) => c !== '')).toBe(true);
    expect(cells.some((c) => c === '')).toBe(true);
    for (const cell of cells.filter((c) => c !== '')) for (const item of cell.split(';')) expect(item).toMatch(KEY);
  });

  it('plants approximate links: flags whose action is under another person key sharing a tolerant key, one step down', () => {
    const flagRows = parseCsv(linked.files['expected-flags.csv']);
    const approximate = flagRows.filter((f) => f.link_kinds !== '');
    expect(approximate.length).toBeGreaterThan(5);
    expect(flagRows.length).toBeGreaterThan(approximate.length);
    const persons = parseCsv(linked.files['incident-persons.csv']);
    const actions = new Map<string, Record<string, string>>([
      ...parseCsv(linked.files['arrests.csv']).map((r): [string, Record<string, string>] => [`arrest|${r.arrest_id}`, r]),
      ...parseCsv(linked.files['da-decisions.csv']).map((r): [string, Record<string, string>] => [`da_decision|${r.decision_id}`, r]),
    ]);
    for (const f of approximate) {
      expect(f.reasons.split(';')).toContain('approximate_link');
      const action = actions.get(`${f.action_type}|${f.action_id}`) as Record<string, string>;
      expect(action.person_key).not.toBe(f.person_key);
      // The kinds named are exactly those the reporter's rows on the report and the action share.
      const reporterKeys = new Set(
        persons.filter((p) => p['Incident Number'] === f.report_incident_number && p['Person Key'] === f.person_key).flatMap((p) => p['Person Link Keys'].split(';')),
      );
      const shared = action.person_link_keys.split(';').filter((k) => reporterKeys.has(k));
      expect([...new Set(shared.map((k) => k.split(':')[0]))].sort()).toEqual(f.link_kinds.split(';'));
    }
    for (const f of flagRows.filter((r) => r.link_kinds === '')) expect(f.reasons.split(';')).not.toContain('approximate_link');
  });

  it('writes no link-key column when the share is 0, as when it is not given', async () => {
    const a = await run({ seed: 'linking-off', incidents: 3000, approximateLinkShare: 0 });
    const b = await run({ seed: 'linking-off', incidents: 3000 });
    for (const f of OUTPUT_FILES) expect(a.files[f]).toBe(b.files[f]);
    expect(a.files['arrests.csv']).not.toContain('person_link_keys');
  });

  it('refuses a share outside 0 to 1', async () => {
    await expect(run({ approximateLinkShare: 1.5 })).rejects.toThrow(/approximateLinkShare must be between 0 and 1/);
  });
});
