import { keyedHash } from './keyed-hash';
import { KeyingTransform, outputHeader, type LeftOut } from './kit';
import { KitConfigError, parseKitConfig } from './kit-config';

const config = parseKitConfig({
  kind: 'arrests',
  identity: { surname: 'LAST', givenNames: 'FIRST', dateOfBirth: 'BORN', dateFormat: 'MM/DD/YYYY', sex: 'SEX' },
  columns: { arrest_id: 'ID', incident_number: 'INC', arrest_date: 'WHEN', arresting_agency: 'AGENCY', custody_type: 'CUSTODY', list_of_booked_charges: 'CHARGES' },
});
const hash = keyedHash('a-test-secret-that-is-long-enough-0123456789');
const EXTRACT = [
  'ID,INC,WHEN,AGENCY,CUSTODY,CHARGES,LAST,FIRST,BORN,SEX,NOTES',
  'A1,240000001,2024-01-02,SFPD,booked,"647B,148A1",Smith,John,04/03/1990,M,"a note, with a comma"',
  'A2,240000002,2024-01-03,SFPD,cited,647B,Smith,John,31/12/1990,M,',
  'A3,240000003,2024-01-04,SFPD,cited,647B,SMITH,JOHN,4/3/1990,male,',
  '',
].join('\r\n');

function run(chunks: string[]): { text: string; leftOut: LeftOut[]; counts: object } {
  const leftOut: LeftOut[] = [];
  const t = new KeyingTransform(config, hash, (r) => leftOut.push(r));
  let text = '';
  for (const c of chunks) text += t.push(c);
  text += t.end();
  return { text, leftOut, counts: t.counts };
}

describe('parseKitConfig', () => {
  it('reads a config, columns in order', () => {
    expect(config.kind).toBe('arrests');
    expect(config.columns[0]).toEqual(['arrest_id', 'ID']);
    expect(outputHeader(config)).toEqual(['arrest_id', 'incident_number', 'arrest_date', 'arresting_agency', 'custody_type', 'list_of_booked_charges', 'person_key', 'person_link_keys']);
  });
  it('refuses what would copy an identifying column or write a key column', () => {
    const base = { kind: 'arrests', identity: { surname: 'LAST', givenNames: 'FIRST', dateOfBirth: 'BORN', sex: 'SEX' } };
    expect(() => parseKitConfig({ ...base, columns: { arrest_id: 'LAST' } })).toThrow(/identifies people/);
    expect(() => parseKitConfig({ ...base, columns: { arrest_id: 'ID', cad_number: 'Alias' } })).toThrow(/identifies people/);
    expect(() => parseKitConfig({ ...base, columns: { person_key: 'ID' } })).toThrow(/the kit writes it/);
    expect(() => parseKitConfig({ ...base, columns: { first_name: 'ID' } })).toThrow(/not a column of the arrests import file/);
    expect(() => parseKitConfig({ ...base, kind: 'incidents', columns: { arrest_id: 'ID' } })).toThrow(KitConfigError);
    expect(() => parseKitConfig({ ...base, identity: { ...base.identity, dateFormat: 'DD.MM.YY' }, columns: { arrest_id: 'ID' } })).toThrow(/dateFormat/);
  });
});

describe('KeyingTransform', () => {
  it('writes the copied columns and the keys, and leaves out a row it cannot key, by line and column', () => {
    const { text, leftOut, counts } = run([EXTRACT]);
    const lines = text.split('\n');
    expect(lines[0]).toBe('arrest_id,incident_number,arrest_date,arresting_agency,custody_type,list_of_booked_charges,person_key,person_link_keys');
    expect(lines).toHaveLength(4); // header, two rows, the final line end
    expect(lines[1].startsWith('A1,240000001,2024-01-02,SFPD,booked,"647B,148A1",')).toBe(true);
    expect(lines[2].startsWith('A3,240000003,2024-01-04,SFPD,cited,647B,')).toBe(true);
    // Smith John 04/03/1990 M, written two ways: one exact key.
    expect(lines[1].split(',')[7]).toMatch(/^[0-9a-f]{64}$/);
    expect(lines[1].split(',')[7]).toBe(lines[2].split(',')[6]);
    expect(text).not.toMatch(/Smith|SMITH|John|JOHN|1990|note/);
    expect(leftOut).toEqual([{ line: 3, column: 'BORN', reason: 'the date of birth is not a real date (read as MM/DD/YYYY)' }]);
    expect(counts).toEqual({ rowsRead: 3, rowsWritten: 2, rowsLeftOut: 1 });
  });
  it('gives the same text however the extract is cut into chunks', () => {
    const whole = run([EXTRACT]).text;
    for (let cut = 1; cut < EXTRACT.length; cut += 7) expect(run([EXTRACT.slice(0, cut), EXTRACT.slice(cut)]).text).toBe(whole);
  });
  it('refuses an extract without a configured column, naming it', () => {
    expect(() => run(['ID,INC,WHEN,AGENCY,CUSTODY,CHARGES,SURNAME,FIRST,BORN,SEX\n'])).toThrow('line 1: the extract has no column "LAST" (the config\'s identity.surname)');
  });
  it('refuses an empty extract', () => {
    expect(() => run([''])).toThrow(/no header row/);
  });
});
