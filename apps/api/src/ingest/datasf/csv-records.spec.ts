import { CsvRecordReader, quotedLine } from './csv-records';

/** Reads text split at every possible point: the records must not depend on where chunks end. */
function readSplit(text: string, at: number): string[][] {
  const bytes = Buffer.from(text, 'utf8');
  const reader = new CsvRecordReader();
  return [...reader.push(bytes.subarray(0, at)), ...reader.push(bytes.subarray(at)), ...reader.end()];
}

describe('CsvRecordReader', () => {
  const text = '\uFEFF"row_id","incident_description","point"\r\n"1","Robbery, W/ Force","POINT (-122.4 37.7)"\r\n"2","He said ""stop""\nthen left","é"\n\n3,,\n"4","",x';
  const expected = [
    ['row_id', 'incident_description', 'point'],
    ['1', 'Robbery, W/ Force', 'POINT (-122.4 37.7)'],
    ['2', 'He said "stop"\nthen left', 'é'],
    ['3', '', ''],
    ['4', '', 'x'],
  ];

  it('reads quoted fields, doubled quotes, line breaks inside quotes, CRLF, a BOM, blank lines and a last line without a break, wherever the chunks end', () => {
    const length = Buffer.byteLength(text, 'utf8');
    for (let at = 0; at <= length; at++) expect(readSplit(text, at)).toEqual(expected);
  });

  it('writes every field quoted, and reads back what it wrote', () => {
    const line = quotedLine(['a', 'b,"c"', '']);
    expect(line).toBe('"a","b,""c""",""\n');
    const reader = new CsvRecordReader();
    expect([...reader.push(Buffer.from(line)), ...reader.end()]).toEqual([['a', 'b,"c"', '']]);
  });
});
