import { CsvFormatError, CsvRowReader } from './csv-rows';

function read(chunks: string[]): Array<[number, string[]]> {
  const rows: Array<[number, string[]]> = [];
  const reader = new CsvRowReader((fields, line) => rows.push([line, fields]));
  for (const c of chunks) reader.push(c);
  reader.end();
  return rows;
}

describe('CsvRowReader', () => {
  const text = '\uFEFFa,b,c\r\n1,"x, ""y""",3\n\n4,"two\nlines",6\n7,8,';
  const expected: Array<[number, string[]]> = [
    [1, ['a', 'b', 'c']],
    [2, ['1', 'x, "y"', '3']],
    [4, ['4', 'two\nlines', '6']],
    [6, ['7', '8', '']],
  ];
  it('reads quoted fields, CRLF, blank lines and line numbers', () => {
    expect(read([text])).toEqual(expected);
  });
  it('gives the same rows however the text is cut into chunks', () => {
    for (let cut = 1; cut < text.length; cut++) expect(read([text.slice(0, cut), text.slice(cut)])).toEqual(expected);
    expect(read(text.split(''))).toEqual(expected);
  });
  it('reads a last row without a line end', () => {
    expect(read(['a,b\n1,2'])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
    ]);
  });
  it('refuses a quote never closed, with its line', () => {
    expect(() => read(['a,b\n1,"open\n2,3\n'])).toThrow(CsvFormatError);
    expect(() => read(['a,b\n1,"open\n2,3\n'])).toThrow(/line 2/);
  });
});
