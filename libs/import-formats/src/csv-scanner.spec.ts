import { CsvFileError, CsvScanner, firstInvalidUtf8, splitCsvRow, type RowReject } from './csv-scanner';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** Feeds the text in chunks of `size` bytes; returns what goes to COPY and the rejects. */
function scan(text: string | Uint8Array, size = 7, maxFieldBytes?: number): { copy: string; rejects: RowReject[]; header: string[] | null; rowsRead: number } {
  const bytes = typeof text === 'string' ? enc(text) : text;
  const rejects: RowReject[] = [];
  const scanner = new CsvScanner({ onReject: (r) => rejects.push(r), maxFieldBytes });
  let copy = '';
  for (let i = 0; i < bytes.length; i += size) copy += dec(scanner.push(bytes.subarray(i, i + size)).copy);
  copy += dec(scanner.end().copy);
  return { copy, rejects, header: scanner.columns, rowsRead: scanner.rowsRead };
}

describe('CsvScanner', () => {
  it.each([1, 2, 7, 1000])('numbers rows by the line they start on, whatever the chunk size (%i)', (size) => {
    const text = 'a,b\n1,2\n"multi\nline",3\n4,"x,y"\n';
    const { copy, header, rowsRead } = scan(text, size);
    expect(header).toEqual(['a', 'b']);
    expect(copy).toBe('2,1,2\n3,"multi\nline",3\n5,4,"x,y"\n');
    expect(rowsRead).toBe(3);
  });

  it('accepts a BOM and CRLF line ends, and a last row without a newline', () => {
    const { copy, header } = scan('\uFEFFa,b\r\n1,2\r\n3,4', 3);
    expect(header).toEqual(['a', 'b']);
    expect(copy).toBe('2,1,2\n3,3,4\n');
  });

  it('skips blank lines but keeps counting them', () => {
    expect(scan('a,b\n\n1,2\n\n').copy).toBe('3,1,2\n');
  });

  it('rejects rows with too many or too few fields, and passes the others', () => {
    const { copy, rejects } = scan('a,b,c\n1,2,3\n1,2\n1,2,3,4\n5,6,7\n');
    expect(copy).toBe('2,1,2,3\n5,5,6,7\n');
    expect(rejects).toEqual([
      { line: 3, field: null, reason: 'the row has 2 fields; the header has 3' },
      { line: 4, field: null, reason: 'the row has 4 fields; the header has 3' },
    ]);
  });

  it('rejects a row with an oversized value, naming the field', () => {
    const big = 'x'.repeat(50);
    const { copy, rejects } = scan(`a,b\n1,${big}\n2,3\n`, 5, 20);
    expect(copy).toBe('3,2,3\n');
    expect(rejects).toEqual([{ line: 2, field: 1, reason: 'the value is longer than 20 bytes' }]);
  });

  it('follows PostgreSQL quote rules: "" inside quotes, quotes opening mid-field', () => {
    expect(scan('a,b\n"say ""hi""",2\n').copy).toBe('2,"say ""hi""",2\n');
    // the second data row opens a quote at `"c,d"`: one field `abc,de`, so two fields in all
    expect(scan('a,b\nab"c,d"e,3\n').copy).toBe('2,ab"c,d"e,3\n');
  });

  it('refuses an unterminated quote with the line where it opened', () => {
    expect(() => scan('a,b\n1,2\n3,"never closed\n4,5\n')).toThrow(new CsvFileError('Line 3: a quoted value is never closed (a " without its closing "). Nothing was stored.', 3));
  });

  it('refuses Latin-1 bytes with their line and column', () => {
    const bytes = new Uint8Array([...enc('a,desc\n1,ok\n2,caf'), 0xe9, ...enc('\n')]);
    let error: CsvFileError | undefined;
    try {
      scan(bytes, 4);
    } catch (e) {
      error = e as CsvFileError;
    }
    expect(error).toBeInstanceOf(CsvFileError);
    expect(error!.message).toMatch(/^Line 3, column "desc": byte 0xE9 is not valid UTF-8/);
    expect(error!.line).toBe(3);
    expect(error!.column).toBe(1);
    expect(error!.columnName).toBe('desc');
  });

  it('names the column of a bad byte in the first chunk too, before any row was scanned', () => {
    const bytes = new Uint8Array([...enc('a,desc\r\n2,caf'), 0xe9, ...enc('\n')]);
    expect(() => scan(bytes, 1000)).toThrow(/^Line 2, column "desc": byte 0xE9/);
    // Issue 13, Faults 5: the structured error names it too, not only its message.
    expect(() => scan(bytes, 1000)).toThrow(expect.objectContaining({ line: 2, column: 1, columnName: 'desc' }));
  });

  it('names no column for a bad byte in the header itself', () => {
    const bytes = new Uint8Array([...enc('a,d'), 0xe9, ...enc('sc\n1,2\n')]);
    expect(() => scan(bytes, 1000)).toThrow(expect.objectContaining({ line: 1, columnName: null }));
  });

  it('refuses empty files, binary files and JSON', () => {
    expect(() => scan('')).toThrow('The file is empty.');
    expect(() => scan(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toThrow(/binary data/);
    expect(() => scan('[{"a":1}]')).toThrow(/looks like JSON/);
    expect(() => scan('  {"a": 1}\n')).toThrow(/looks like JSON/);
  });

  it('returns the header alone for a header-only file', () => {
    expect(scan('a,b\n')).toMatchObject({ copy: '', header: ['a', 'b'], rowsRead: 0 });
  });
});

describe('firstInvalidUtf8', () => {
  it('accepts valid UTF-8 and finds the first bad byte', () => {
    expect(firstInvalidUtf8(enc('plain ascii, café, 日本, 😀'))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc3]))).toBe(1); // truncated
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
  });
});

describe('splitCsvRow', () => {
  it('splits a header with quoted names', () => {
    expect(splitCsvRow('Row ID,"Incident, Number",x""y')).toEqual(['Row ID', 'Incident, Number', 'xy']);
  });
});
