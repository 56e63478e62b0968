import fc from 'fast-check';
import { CsvFileError, CsvScanner, FIELD_LIMIT_BYTES, firstInvalidUtf8, MAX_FIELD_BYTES, ROW_LIMIT_BYTES, splitCsvRow, type CsvScannerOptions, type RowReject } from './csv-scanner';
import { analyseHeader } from './header';
import { rowRulesFor } from './row-rules';

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
    expect(() => scan('a,b\n1,2\n3,"never closed\n4,5\n')).toThrow(new CsvFileError('Line 3, column "b": a quoted value is never closed (a " without its closing "). Nothing was stored.', 3, 1));
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

/** What scanning a file gives: the COPY rows and rejects, or the refusal (message, line, column). */
type Outcome = { copy: string; rejects: RowReject[]; header: string[] | null; rowsRead: number } | { refused: string; line: number | null; column: number | null };

/** Feeds the bytes cut at the given offsets (each chunk pushed on its own). */
function scanCut(bytes: Uint8Array, cuts: number[], options: Partial<CsvScannerOptions> = {}): Outcome {
  const rejects: RowReject[] = [];
  const scanner = new CsvScanner({ ...options, onReject: (r) => rejects.push(r) });
  const bounds = [0, ...[...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b), bytes.length];
  let copy = '';
  try {
    for (let k = 0; k + 1 < bounds.length; k++) copy += dec(scanner.push(bytes.subarray(bounds[k], bounds[k + 1])).copy);
    copy += dec(scanner.end().copy);
  } catch (error) {
    if (!(error instanceof CsvFileError)) throw error;
    return { refused: error.message, line: error.line, column: error.column };
  }
  return { copy, rejects, header: scanner.columns, rowsRead: scanner.rowsRead };
}

describe('CsvScanner across chunk boundaries: any chunking gives the same result as the whole file at once', () => {
  const everySplit = (text: string, options: Partial<CsvScannerOptions> = {}) => {
    const bytes = enc(text);
    const whole = scanCut(bytes, [], options);
    for (let cut = 1; cut < bytes.length; cut++) expect([cut, scanCut(bytes, [cut], options)]).toEqual([cut, whole]);
    // and one byte at a time
    expect(scanCut(bytes, Array.from({ length: bytes.length }, (_, k) => k), options)).toEqual(whole);
    return whole;
  };

  it('a quoted value holding commas and a line break, split anywhere', () => {
    expect(everySplit('a,b\n1,"x,\ny"\n2,3\n')).toEqual({ copy: '2,1,"x,\ny"\n4,2,3\n', rejects: [], header: ['a', 'b'], rowsRead: 2 });
  });

  it('an escaped quote "" split between its two quotes', () => {
    expect(everySplit('a,b\n"say ""hi""",2\n""""," "" "\n')).toEqual({
      copy: '2,"say ""hi""",2\n3,""""," "" "\n',
      rejects: [],
      header: ['a', 'b'],
      rowsRead: 2,
    });
  });

  it('a CRLF split between CR and LF', () => {
    expect(everySplit('a,b\r\n1,2\r\n"3\r\n",4\r\n')).toEqual({ copy: '2,1,2\n3,"3\r\n",4\n', rejects: [], header: ['a', 'b'], rowsRead: 2 });
  });

  it('a quote closed by the last byte of a chunk, and a quote left open at the end of the file', () => {
    expect(everySplit('a,b\n1,"2"')).toEqual({ copy: '2,1,"2"\n', rejects: [], header: ['a', 'b'], rowsRead: 1 });
    expect(everySplit('a,b\n1,2\n3,"4\n5,6\n')).toEqual({
      refused: 'Line 3, column "b": a quoted value is never closed (a " without its closing "). Nothing was stored.',
      line: 3,
      column: 1,
    });
  });

  it('rejects of oversized values and wrong widths, whatever the chunks', () => {
    const whole = everySplit('a,b\n1,123456\n"12\n3456",1\n1,2,3\n7,8\n', { maxFieldBytes: 5 });
    expect(whole).toEqual({
      copy: '6,7,8\n',
      rejects: [
        { line: 2, field: 1, reason: 'the value is longer than 5 bytes' },
        { line: 3, field: 0, reason: 'the value is longer than 5 bytes' },
        { line: 5, field: null, reason: 'the row has 3 fields; the header has 2' },
      ],
      header: ['a', 'b'],
      rowsRead: 4,
    });
  });

  // Pieces that make every case of the quote rules likely: quotes alone and doubled, separators inside and
  // outside quotes, CR, LF and CRLF, a two-byte character a chunk may cut in half.
  const pieces = fc.constantFrom('x', 'yz', ',', '"', '""', '\n', '\r\n', '\r', 'é', '"a,b"', '"\n"');
  const fileAndCuts = fc
    .array(pieces, { maxLength: 60 })
    .map((p) => enc('a,b,c\n' + p.join('')))
    .chain((bytes) => fc.tuple(fc.constant(bytes), fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 12 })));

  it('property: the same rows, rejects and refusals for any chunking', () => {
    fc.assert(
      fc.property(fileAndCuts, ([bytes, cuts]) => {
        expect(scanCut(bytes, cuts, { maxFieldBytes: 6 })).toEqual(scanCut(bytes, [], { maxFieldBytes: 6 }));
      }),
      { numRuns: 2000 },
    );
  });

  it('property: the same refusal for a field or row over its limit, for any chunking', () => {
    const limits = { maxFieldBytes: 4, fieldLimitBytes: 8, rowLimitBytes: 20 };
    fc.assert(
      fc.property(fileAndCuts, ([bytes, cuts]) => {
        expect(scanCut(bytes, cuts, limits)).toEqual(scanCut(bytes, [], limits));
      }),
      { numRuns: 2000 },
    );
  });

  it('property: with row rules, the same COPY rows for any chunking', () => {
    const value = fc.constantFrom('830000001', '830000002', 'SFP-victim01', 'SFP-witness9', 'victim', 'suspect', '"victim"', '"SFP-a,b01"', '"x""y"', '', '"\n"', 'bad key');
    const file = fc
      .array(fc.tuple(value, value, value, fc.constantFrom('\n', '\r\n')), { maxLength: 25 })
      .map((rows) => enc('Incident Number,Person Key,Person Role\n' + rows.map(([a, b, c, end]) => `${a},${b},${c}${end}`).join('')));
    // A small file: the smallest filter of keys.
    const withRules = { sizeHint: 1000, rulesFor: (header: string[]) => rowRulesFor('incident-persons', analyseHeader('incident-persons', header).columns) };
    fc.assert(
      fc.property(
        file.chain((bytes) => fc.tuple(fc.constant(bytes), fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 12 }))),
        ([bytes, cuts]) => {
          expect(scanCut(bytes, cuts, withRules)).toEqual(scanCut(bytes, [], withRules));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('CsvScanner limits: a field or a row too long refuses the file, with the line where it began', () => {
  const small = { fieldLimitBytes: 10, rowLimitBytes: 20 };

  it('a quote never closed is refused at the field limit, naming the line and column where the quote opened', () => {
    const refused = {
      refused:
        'Line 2, column "b": a value is longer than 10 bytes, the most one value may hold. ' +
        'The quote (") opened on line 2 in column "b" is still open after 10 bytes: it is probably never closed. Nothing was stored.',
      line: 2,
      column: 1,
    };
    const text = 'a,b\n1,"' + 'x,\n'.repeat(30);
    expect(scanCut(enc(text), [], small)).toEqual(refused);
    expect(scanCut(enc(text), [5, 9, 13, 40], small)).toEqual(refused);
  });

  it('a field begun after a line break inside an earlier quoted field is placed on its own line', () => {
    expect(scanCut(enc('a,b\n"x\ny",' + 'z'.repeat(11) + '\n'), [], small)).toEqual({
      refused: 'Line 3, column "b": a value is longer than 10 bytes, the most one value may hold. No real value comes near that: check that this is the CSV file you meant to load. Nothing was stored.',
      line: 3,
      column: 1,
    });
  });

  it('a value of exactly the limit passes', () => {
    expect(scanCut(enc('a,b\n1,' + 'z'.repeat(10) + '\n'), [], { ...small, maxFieldBytes: 100 })).toMatchObject({ copy: `2,1,${'z'.repeat(10)}\n` });
  });

  it('a row over its limit with no field over its own: refused at the line the row starts on', () => {
    expect(scanCut(enc('a,b,c\n123456789,123456789,123456789\n'), [], small)).toEqual({
      refused: 'Line 2: the row that starts on this line is longer than 20 bytes, the most one row may hold. No real value comes near that: check that this is the CSV file you meant to load. Nothing was stored.',
      line: 2,
      column: null,
    });
  });

  it('of two limits passed, the first one passed is reported, whether found at the end of a field or of a chunk', () => {
    // The row passes 20 bytes at its 21st byte, inside the quote opened at its 20th; the quoted field passes
    // 10 bytes later, at the row's 30th byte.
    const text = 'a,b,c\n123456789,12345678,"abcdefghij"\n';
    const expected = {
      refused:
        'Line 2: the row that starts on this line is longer than 20 bytes, the most one row may hold. ' +
        'The quote (") opened on line 2 in column "c" is still open after 20 bytes: it is probably never closed. Nothing was stored.',
      line: 2,
      column: 2,
    };
    expect(scanCut(enc(text), [], small)).toEqual(expected);
    for (const cut of [26, 27, 30, 35]) expect(scanCut(enc(text), [cut], small)).toEqual(expected);
  });

  it('the header row is held to the same limits', () => {
    expect(scanCut(enc('a,' + 'b'.repeat(12) + '\n1,2\n'), [], small)).toMatchObject({ refused: expect.stringMatching(/^Line 1, field 2: a value is longer than 10 bytes/), line: 1, column: 1 });
  });

  it('memory stays bounded: an unclosed quote is refused before the scanner has read much past the limit', () => {
    const scanner = new CsvScanner({ onReject: () => undefined });
    scanner.push(enc('a,b\n1,"'));
    const chunk = enc('y'.repeat(1024));
    let pushed = 0;
    expect(() => {
      for (; pushed < 10_000; pushed++) scanner.push(chunk);
    }).toThrow(/^Line 2, column "b": a value is longer than 65,536 bytes \(64 KiB\)/);
    // Refused within the chunk that passes 64 KiB: the 64th (the value began with its quote, one byte earlier).
    expect(pushed).toBe(63);
  });

  it('the default limits are 64 KiB a field and 1 MiB a row, with the 10,000-byte value limit (a row reject) below them', () => {
    expect([FIELD_LIMIT_BYTES, ROW_LIMIT_BYTES, MAX_FIELD_BYTES]).toEqual([65_536, 1_048_576, 10_000]);
  });
});
