/**
 * The keying kit end to end, as an agency runs it: the bundled single file (dist/keying/keying-kit.cjs) and the
 * repo's `npm run -s keying`, spawned on generated extracts and on hand-written ones. No database: the checks are
 * on the files written, with the server's own header check (libs/import-formats).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyseHeader, isPiiColumn, parsePersonLinkKeys, splitCsvRow, type ImportKind } from '@sra/import-formats';

const root = path.resolve(__dirname, '../../..');
const bundle = path.join(root, 'dist/keying/keying-kit.cjs');
const SECRET = 'an-agreed-linkage-secret-for-tests-0123456789';
const HEX64 = /^[0-9a-f]{64}$/;
const LINK_KEYS = /^((slk|sound|date):[0-9a-f]{64})(;(slk|sound|date):[0-9a-f]{64})*$/;
const FILES = ['police-incident-persons', 'arrests', 'da-decisions'] as const;
const KIND: Record<(typeof FILES)[number], ImportKind> = { 'police-incident-persons': 'incident-persons', arrests: 'arrests', 'da-decisions': 'da-decisions' };

let dir: string;
let secretFile: string;

function kit(args: string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync(process.execPath, [bundle, ...args], { encoding: 'utf8', env: { ...process.env, KEYING_SECRET: undefined, KEYING_SECRET_FILE: undefined, ...env } });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

function rows(file: string): string[][] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map(splitCsvRow);
}

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'tools/build-keying.cjs')], { stdio: 'inherit' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-keying-kit-'));
  execFileSync(process.execPath, [path.join(root, 'dist/keying/keying-extracts.cjs'), '--out', dir, '--persons', '400', '--police', '800', '--arrests', '300', '--da', '200', '--seed', 'kit-test']);
  secretFile = path.join(dir, 'linkage.secret');
  fs.writeFileSync(secretFile, `${SECRET}\n`, { mode: 0o600 });
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the bundled kit on generated extracts', () => {
  it.each(FILES)('%s: writes an import file the server takes, with keys in place of every identifying column', (file) => {
    const out = path.join(dir, `${file}.keyed.csv`);
    const r = kit(['--config', path.join(dir, `${file}.config.json`), '--in', path.join(dir, `${file}.csv`), '--out', out, '--secret-file', secretFile]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');

    const [header, ...body] = rows(out);
    // The server's own checks: no identifying column, nothing that refuses the file.
    expect(header.filter(isPiiColumn)).toEqual([]);
    expect(analyseHeader(KIND[file], header).problems).toEqual([]);
    const keyAt = header.indexOf(file === 'police-incident-persons' ? 'Person Key' : 'person_key');
    const linkAt = header.indexOf(file === 'police-incident-persons' ? 'Person Link Keys' : 'person_link_keys');
    expect(keyAt).toBeGreaterThanOrEqual(0);
    expect(linkAt).toBeGreaterThanOrEqual(0);
    expect(body.length).toBe(file === 'police-incident-persons' ? 800 : file === 'arrests' ? 300 : 200);
    for (const row of body) {
      expect(row[keyAt]).toMatch(HEX64);
      expect(row[linkAt]).toMatch(LINK_KEYS);
      // read as the server reads the column: well formed, and each row has at least one tolerant key
      const parsed = parsePersonLinkKeys(row[linkAt], header[linkAt]);
      expect(parsed.ok && parsed.keys.length > 0).toBe(true);
    }

    // The extract's names and dates of birth appear nowhere in what was written, nor in what was said.
    const written = fs.readFileSync(out, 'utf8');
    const [extractHeader, ...extractRows] = rows(path.join(dir, `${file}.csv`));
    const identifying = extractHeader.map((h, i) => (/NAME|LAST|FIRST|SURNAME|DOB|BIRTH/.test(h) ? i : -1)).filter((i) => i >= 0);
    expect(identifying.length).toBeGreaterThanOrEqual(3);
    let checked = 0;
    for (const row of extractRows) {
      for (const i of identifying) {
        const value = row[i];
        if (value.length < 4 || /^[a-fA-F]+$/.test(value)) continue; // too short, or spelled in hex digits
        expect(written.includes(value)).toBe(false);
        expect(r.stderr.includes(value)).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(body.length);
  });
});

describe('the single file an agency is handed', () => {
  it('needs nothing but Node: it requires only built-in modules and runs copied outside the repo', () => {
    const source = fs.readFileSync(bundle, 'utf8');
    const required = [...source.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    expect(required.filter((r) => !r.startsWith('node:'))).toEqual([]);
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-agency-'));
    try {
      const copy = path.join(elsewhere, 'keying-kit.cjs');
      fs.copyFileSync(bundle, copy);
      const out = path.join(elsewhere, 'arrests-keyed.csv');
      const r = spawnSync(process.execPath, [copy, '--config', path.join(dir, 'arrests.config.json'), '--in', path.join(dir, 'arrests.csv'), '--out', out, '--secret-file', secretFile], {
        cwd: elsewhere,
        encoding: 'utf8',
        env: { PATH: process.env.PATH },
      });
      expect(r.status).toBe(0);
      expect(rows(out)).toHaveLength(301);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('the same person across agencies (hand-written extracts)', () => {
  it('gets the same exact key from the police and the DA, however each wrote the name', () => {
    const police = path.join(dir, 'hand-police.csv');
    fs.writeFileSync(
      police,
      [
        'INCIDENT_NO,ROLE,LAST_NAME,FIRST_NAME,DOB,SEX',
        "240000001,victim,O'Brien,Mary Ann,01/02/1980,F",
        '240000002,victim,García,José,07/15/1975,M',
        '240000003,victim,Smith-Jones,Bill,03/04/1990,M',
        '240000004,witness,Nguyen,Lan,11/30/1988,F',
        '',
      ].join('\n'),
    );
    const da = path.join(dir, 'hand-da.csv');
    fs.writeFileSync(
      da,
      [
        'DECISION_ID,INCIDENT_NO,ACTION,ACTION_DATE,DEF_LAST,DEF_FIRST,DEF_DOB,DEF_SEX',
        'D1,240000001,Rejected,2024-05-01,OBRIEN,MARY,1980-01-02,FEMALE',
        'D2,240000002,Rejected,2024-05-02,GARCIA,JOSE,1975-07-15,MALE',
        'D3,240000003,Rejected,2024-05-03,Smith Jones,William,1990-03-04,MALE',
        'D4,240000004,Rejected,2024-05-04,Nguyen,Lan,1988-11-29,FEMALE',
        '',
      ].join('\n'),
    );
    const policeConfig = path.join(dir, 'hand-police.json');
    fs.writeFileSync(
      policeConfig,
      JSON.stringify({
        kind: 'incident-persons',
        identity: { surname: 'LAST_NAME', givenNames: 'FIRST_NAME', dateOfBirth: 'DOB', dateFormat: 'MM/DD/YYYY', sex: 'SEX' },
        columns: { 'Incident Number': 'INCIDENT_NO', 'Person Role': 'ROLE' },
      }),
    );
    const daConfig = path.join(dir, 'hand-da.json');
    fs.writeFileSync(
      daConfig,
      JSON.stringify({
        kind: 'da-decisions',
        identity: { surname: 'DEF_LAST', givenNames: 'DEF_FIRST', dateOfBirth: 'DEF_DOB', dateFormat: 'YYYY-MM-DD', sex: 'DEF_SEX' },
        columns: { decision_id: 'DECISION_ID', incident_number: 'INCIDENT_NO', da_action_taken: 'ACTION', action_date: 'ACTION_DATE' },
      }),
    );
    const policeOut = path.join(dir, 'hand-police.keyed.csv');
    const daOut = path.join(dir, 'hand-da.keyed.csv');
    expect(kit(['--config', policeConfig, '--in', police, '--out', policeOut], { KEYING_SECRET_FILE: secretFile }).status).toBe(0);
    // The repo's command, as a developer runs it, on the other agency's extract.
    const npm = spawnSync('npm', ['run', '-s', 'keying', '--', '--config', daConfig, '--in', da, '--out', daOut], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, KEYING_SECRET: SECRET },
    });
    expect(npm.status).toBe(0);

    const [ph, ...p] = rows(policeOut);
    const [dh, ...d] = rows(daOut);
    expect(ph).toEqual(['Incident Number', 'Person Role', 'Person Key', 'Person Link Keys']);
    expect(dh).toEqual(['decision_id', 'incident_number', 'da_action_taken', 'action_date', 'person_key', 'person_link_keys']);
    const pk = p.map((r) => r[2]);
    const dk = d.map((r) => r[4]);
    // O'Brien / OBRIEN, Mary Ann / MARY; García José / GARCIA JOSE; Smith-Jones Bill / Smith Jones William: one key each.
    expect(dk[0]).toBe(pk[0]);
    expect(dk[1]).toBe(pk[1]);
    expect(dk[2]).toBe(pk[2]);
    // Nguyen Lan born on the 30th, and on the 29th: two people as far as the keys go.
    expect(dk[3]).not.toBe(pk[3]);
    expect(new Set(pk).size).toBe(4);
  });
});

describe('refusals', () => {
  const arrests = () => path.join(dir, 'arrests.csv');
  const config = () => path.join(dir, 'arrests.config.json');

  it('refuses a secret on the command line, a missing one and a short one, and writes nothing', () => {
    const out = path.join(dir, 'refused.csv');
    const onLine = kit(['--config', config(), '--in', arrests(), '--out', out, '--secret', SECRET]);
    expect(onLine.status).toBe(2);
    expect(onLine.stderr).toMatch(/never given on the command line/);
    const none = kit(['--config', config(), '--in', arrests(), '--out', out]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/no linkage secret/);
    const short = kit(['--config', config(), '--in', arrests(), '--out', out], { KEYING_SECRET: 'too-short' });
    expect(short.status).toBe(2);
    expect(short.stderr).toMatch(/9 characters long; it must be at least 32/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses a config that would copy an identifying column, and writes nothing', () => {
    const bad = path.join(dir, 'copies-a-name.json');
    const raw = JSON.parse(fs.readFileSync(config(), 'utf8'));
    raw.columns.cad_number = 'SURNAME';
    fs.writeFileSync(bad, JSON.stringify(raw));
    const out = path.join(dir, 'refused.csv');
    const r = kit(['--config', bad, '--in', arrests(), '--out', out], { KEYING_SECRET: SECRET });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/"columns.cad_number" would copy the extract's column "SURNAME", which identifies people/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses a config that names a column the import file does not have (an identifying one here)', () => {
    const bad = path.join(dir, 'pii-header.json');
    const raw = JSON.parse(fs.readFileSync(config(), 'utf8'));
    raw.columns.dob = 'ARREST_DATE';
    fs.writeFileSync(bad, JSON.stringify(raw));
    const r = kit(['--config', bad, '--in', arrests(), '--out', path.join(dir, 'refused.csv')], { KEYING_SECRET: SECRET });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/"columns.dob"/);
  });

  it('leaves out a row it cannot key, saying where and why but not what it held', () => {
    const extract = path.join(dir, 'with-bad-rows.csv');
    fs.writeFileSync(
      extract,
      [
        'ARREST_ID,INCIDENT_NO,ARREST_DATE,AGENCY,CUSTODY,CHARGES,SURNAME,GIVEN_NAMES,BIRTH_DATE,GENDER',
        'A1,240000001,2024-01-02,SFPD,booked,647B,Quintero,Rosa,1985-06-07,FEMALE',
        'A2,240000002,2024-01-03,SFPD,booked,647B,Quintero,Rosa,07/06/1985,FEMALE',
        'A3,240000003,2024-01-04,SFPD,cited,647B,,Rosa,1985-06-07,FEMALE',
        'A4,240000004,2024-01-05,SFPD,cited,647B,Quintero,Rosa,1985-06-07',
        'A5,240000005,2024-01-06,SFPD,cited,647B,Quintero,Rosa,1985-06-07,FEMALE',
        '',
      ].join('\n'),
    );
    const out = path.join(dir, 'with-bad-rows.keyed.csv');
    const r = kit(['--config', config(), '--in', extract, '--out', out], { KEYING_SECRET: SECRET });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('with-bad-rows.csv line 3, column "BIRTH_DATE": the date of birth is not a date in the YYYY-MM-DD format; the row is left out');
    expect(r.stderr).toContain('with-bad-rows.csv line 4, column "SURNAME": the surname is empty; the row is left out');
    expect(r.stderr).toContain('with-bad-rows.csv line 5: the row has 9 fields; the header has 10; the row is left out');
    expect(r.stderr).toMatch(/5 rows read from with-bad-rows.csv; 2 written to with-bad-rows.keyed.csv \(arrests\).*3 left out \(lines 3, 4, 5\)/);
    expect(r.stderr).not.toMatch(/Quintero|Rosa|07\/06\/1985|1985-06-07/);
    const [, ...body] = rows(out);
    expect(body.map((row) => row[0])).toEqual(['A1', 'A5']);
    expect(body[0][6]).toBe(body[1][6]);
  });
});
