import { analyseHeader, guessKind, MAX_IGNORED_COLUMNS_KEPT } from './header';
import { checkPersonKey, IMPORT_KINDS, KINDS, normaliseColumnName } from './kinds';
import { isPiiColumn } from './pii';

const INCIDENT_HEADER = ['Incident Datetime', 'Row ID', 'Incident ID', 'Incident Number', 'Report Datetime', 'Incident Code', 'Incident Category', 'point'];

describe('analyseHeader', () => {
  it('maps columns whatever their case, spaces or underscores, and lists the ignored ones', () => {
    const a = analyseHeader('incidents', ['incident_datetime', 'ROW ID', 'IncidentID', 'incident number', 'Report_Datetime', 'Incident Code', 'incident category', 'Neighborhoods', 'point']);
    expect(a.problems).toEqual([]);
    expect(a.columns.get('Row ID')).toBe(1);
    expect(a.columns.get('Point')).toBe(8);
    expect(a.ignored).toEqual(['Neighborhoods']);
  });

  it('refuses PII columns, naming them', () => {
    const a = analyseHeader('arrests', ['arrest_id', 'incident_number', 'person_key', 'arrest_date', 'arresting_agency', 'custody_type', 'list_of_booked_charges', 'First Name', 'DOB']);
    expect(a.problems.map((p) => p.code)).toEqual(['pii']);
    expect(a.problems[0].message).toMatch(/"First Name", "DOB"/);
  });

  it('refuses duplicated columns, also when they differ only in spelling', () => {
    const a = analyseHeader('incidents', [...INCIDENT_HEADER, 'incident_number']);
    expect(a.problems.map((p) => p.code)).toEqual(['duplicate']);
    expect(a.problems[0].message).toContain('"Incident Number" and "incident_number"');
  });

  it('names missing required columns, and the one-of groups', () => {
    const a = analyseHeader('arrests', ['arrest_id', 'incident_number', 'person_key', 'arresting_agency', 'custody_type', 'booked_charges_statute']);
    expect(a.problems).toEqual([{ code: 'missing', message: 'Required columns are missing: one of "arrest_datetime" or "arrest_date".', columns: [] }]);
    const b = analyseHeader('incidents', INCIDENT_HEADER.filter((c) => c !== 'Report Datetime'));
    expect(b.problems[0].message).toBe('Required columns are missing: "Report Datetime".');
  });

  it('says which kind a file looks like when it is the wrong one', () => {
    const a = analyseHeader('arrests', INCIDENT_HEADER);
    expect(a.problems[0].code).toBe('wrong-kind');
    expect(a.problems[0].message).toMatch(/looks like a file of SFPD incident reports \("incidents"\), not arrests/);
    expect(guessKind(['decision_id', 'incident_number', 'person_key', 'da_action_taken', 'action_date'])).toBe('da-decisions');
    expect(guessKind(['foo', 'bar'])).toBeNull();
  });

  // Issue 13, Faults 5: a header of 100,000 unknown columns keeps a bounded list in the batch record.
  it('keeps the first 200 ignored column names, each cut to 100 characters, and counts them all', () => {
    const extra = Array.from({ length: 100_000 }, (_, i) => `extra ${i + 1}`);
    const long = 'x'.repeat(5000);
    const a = analyseHeader('incidents', [...INCIDENT_HEADER, long, ...extra]);
    expect(a.problems).toEqual([]);
    expect(a.ignoredCount).toBe(100_001);
    expect(a.ignored).toHaveLength(200);
    expect(a.ignored[0]).toBe(`${'x'.repeat(99)}…`);
    expect(a.ignored.slice(1, 3)).toEqual(['extra 1', 'extra 2']);
    expect(a.ignored[199]).toBe('extra 199');
    expect(MAX_IGNORED_COLUMNS_KEPT).toBe(200);
  });

  it('names at most 20 columns in a refusal, and says how many more', () => {
    const pii = Array.from({ length: 5000 }, (_, i) => `email ${i + 1}`);
    const a = analyseHeader('incidents', [...INCIDENT_HEADER, ...pii]);
    expect(a.problems).toHaveLength(1);
    expect(a.problems[0].message).toContain('"email 20" and 4,980 more)');
    expect(a.problems[0].message).not.toContain('"email 21"');
    const dup = analyseHeader('incidents', [...INCIDENT_HEADER, ...Array.from({ length: 3000 }, () => 'Row ID')]);
    expect(dup.problems[0].message).toMatch(/^Columns appear twice: ("Row ID" and "Row ID"; ){19}"Row ID" and "Row ID" and 2,980 more\. Each column may appear once\.$/);
  });

  it('refuses an empty header', () => {
    expect(analyseHeader('incidents', ['']).problems[0].code).toBe('empty');
  });
});

describe('PII columns', () => {
  it.each(['Name', 'first_name', 'LastName', 'Full Name', 'Alias', 'Date of Birth', 'DOB', 'Age in Days', 'SSN', 'Driver License', "Driver's Licence", 'Phone', 'Phone Number', 'Email', 'Street Address', 'Address', 'CII Number', 'FBI Number', 'Booking Photo', 'Victim Name', 'Defendant Last Name'])(
    '%s is personal',
    (column) => expect(isPiiColumn(column.replace("'", ''))).toBe(true),
  );
  it.each(['Intersection', 'Incident Number', 'Person Key', 'Analysis Neighborhood', 'arresting_agency', 'Incident Description', 'CNN', 'Police District', 'disposition_description', 'Report Type Description'])(
    '%s is not',
    (column) => expect(isPiiColumn(column)).toBe(false),
  );

  // Issue 13, Security 7: punctuation, short forms and other spellings of the same columns.
  it.each([
    'E-mail',
    'e_mail',
    'E-Mail Address',
    'Victim E-mail',
    '\uFF25\uFF4D\uFF41\uFF49\uFF4C', // "Email" in full-width letters
    'D.O.B.',
    'Date-of-Birth',
    'Birth Date',
    'birth_dt',
    'Phone#',
    'Phone No.',
    'Tel',
    'Tel.',
    'Tel No',
    'Telephone #',
    'Cell',
    'Cell #',
    'Cell Phone',
    'Mobile',
    'Mobile #',
    'Suspect Phone',
    'Street-Address',
    'Home Address',
    'Addr.',
    'S.S.N.',
    'Social Security #',
    "Driver's License #",
    'D.L. #',
    'First-Name',
    'Last.Name',
    'F. Name',
    'Name:',
    'Maiden Name',
    'Passport No',
  ])('%s is personal', (column) => expect(isPiiColumn(column)).toBe(true));

  it('leaves every column of the four kinds, and every column of a DataSF export, alone', () => {
    const datasf = [
      'Incident Datetime', 'Incident Date', 'Incident Time', 'Incident Year', 'Incident Day of Week', 'Report Datetime', 'Row ID', 'Incident ID',
      'Incident Number', 'CAD Number', 'Report Type Code', 'Report Type Description', 'Filed Online', 'Incident Code', 'Incident Category',
      'Incident Subcategory', 'Incident Description', 'Resolution', 'Intersection', 'CNN', 'Police District', 'Analysis Neighborhood',
      'Supervisor District', 'Supervisor District 2012', 'Latitude', 'Longitude', 'Point', 'Neighborhoods', ':@computed_region_jwn9_ihcz',
      'Current Supervisor Districts', 'Current Police Districts', 'HSOC Zones as of 2018-06-05', 'OWED Public Spaces',
      'Central Market/Tenderloin Boundary Polygon - Updated', 'Parks Alliance CPSI (27+TL sites)', 'ESNCAG - Boundary File', 'Areas of Vulnerability, 2016',
    ];
    const specColumns = IMPORT_KINDS.flatMap((kind) => KINDS[kind].columns.flatMap((c) => [c.name, ...(c.aliases ?? [])]));
    expect([...datasf, ...specColumns, 'Cancelled', 'Hotel', 'Telegraph Hill', 'Cell Block'].filter(isPiiColumn)).toEqual([]);
  });

  it('refuses the whole file for a punctuated PII column: a problem, not an ignored column', () => {
    const a = analyseHeader('arrests', ['arrest_id', 'incident_number', 'person_key', 'arrest_date', 'arresting_agency', 'custody_type', 'booked_charges_statute', 'E-mail', 'D.O.B.', 'Tel']);
    expect(a.problems).toEqual([{ code: 'pii', message: expect.stringContaining('("E-mail", "D.O.B.", "Tel")'), columns: ['E-mail', 'D.O.B.', 'Tel'] }]);
    expect(a.ignored).toEqual([]);
  });
});

describe('person keys', () => {
  it('accepts pseudonymous keys and refuses malformed, SSN-like and phone-like ones', () => {
    expect(checkPersonKey('SFP-02b964i')).toBeNull();
    expect(checkPersonKey('a.b:c_d-e')).toBeNull();
    expect(checkPersonKey('short')).toBe('format');
    expect(checkPersonKey('has space1')).toBe('format');
    expect(checkPersonKey('x'.repeat(129))).toBe('format');
    expect(checkPersonKey('123-45-6789')).toBe('ssn');
    expect(checkPersonKey('123456789')).toBe('ssn');
    expect(checkPersonKey('4155551234')).toBe('phone');
    expect(checkPersonKey('415-555-1234')).toBe('phone');
    expect(checkPersonKey('1-415-555-1234')).toBe('phone');
  });

  it('normalises column names', () => {
    expect(normaliseColumnName('\uFEFFIncident  Number')).toBe('incidentnumber');
    expect(normaliseColumnName('incident_number')).toBe('incidentnumber');
  });
});
