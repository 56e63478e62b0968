import { fileNameForRecord, MAX_FILE_NAME_LENGTH } from './file-name';

describe('fileNameForRecord', () => {
  it('keeps an ordinary name as sent', () => {
    expect(fileNameForRecord('incidents-2018-12.csv')).toBe('incidents-2018-12.csv');
    expect(fileNameForRecord('Déclarations mars.csv')).toBe('Déclarations mars.csv');
  });

  it('keeps only the last part of a path, whichever the separator', () => {
    expect(fileNameForRecord('C:\\Users\\ana\\Desktop\\arrests.csv')).toBe('arrests.csv');
    expect(fileNameForRecord('../../etc/passwd')).toBe('passwd');
    expect(fileNameForRecord('/tmp/')).toBe('upload.csv');
    expect(fileNameForRecord('..')).toBe('upload.csv');
  });

  it('removes what would make the name lie on screen or break a line', () => {
    // U+202E RIGHT-TO-LEFT OVERRIDE would show "invoice\u202Evsc.exe" as "invoiceexe.csv".
    expect(fileNameForRecord('invoice\u202Evsc.exe')).toBe('invoice vsc.exe');
    expect(fileNameForRecord('a\r\nb\tc\u0000d.csv')).toBe('a b c d.csv');
    expect(fileNameForRecord('\u200Bzero\u200Dwidth\uFEFF.csv')).toBe('zero width .csv');
    expect(fileNameForRecord('line\u2028break.csv')).toBe('line break.csv');
    expect(fileNameForRecord('\u0085next\u009b.csv')).toBe('next .csv');
  });

  it('falls back to a neutral name when nothing printable is left', () => {
    expect(fileNameForRecord('')).toBe('upload.csv');
    expect(fileNameForRecord(undefined)).toBe('upload.csv');
    expect(fileNameForRecord('\u0000\u202E \t')).toBe('upload.csv');
  });

  it('composes to NFC, so one name is stored one way', () => {
    expect(fileNameForRecord('Cafe\u0301.csv')).toBe('Caf\u00e9.csv');
  });

  it('shortens a long name to the limit, keeping its start and its extension', () => {
    const long = `${'x'.repeat(500)}.csv`;
    const kept = fileNameForRecord(long);
    expect(Array.from(kept)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(kept.startsWith('xxxx')).toBe(true);
    expect(kept.endsWith('….csv')).toBe(true);
  });

  it('counts characters, not UTF-16 units, and never cuts one in half', () => {
    const emoji = '😀'.repeat(300);
    const kept = fileNameForRecord(`${emoji}.csv`);
    expect(Array.from(kept)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(kept).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/); // no lone high surrogate
  });

  it('does not mistake a long tail after a dot for an extension', () => {
    const kept = fileNameForRecord(`report.${'y'.repeat(300)}`);
    expect(Array.from(kept)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(kept.endsWith('…')).toBe(true);
  });
});
