import { isDecimal, isDigits, isIdentifier, localDate, localDateTime } from './values';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** The whole string as one field. */
const identifier = (s: string) => isIdentifier(enc(s), 0, enc(s).length);
const digits = (s: string, min: number, max: number) => isDigits(enc(s), 0, enc(s).length, min, max);
const decimal = (s: string) => isDecimal(enc(s), 0, enc(s).length);

/** What localDateTime writes for the whole string, or null when it returns -1. */
function dateTime(s: string): string | null {
  const bytes = enc(s);
  const out = new Uint8Array(64);
  const n = localDateTime(bytes, 0, bytes.length, out, 0);
  return n < 0 ? null : dec(out.subarray(0, n));
}

/** What localDate writes for the whole string (always 10 bytes), or null when it returns false. */
function date(s: string): string | null {
  const bytes = enc(s);
  const out = new Uint8Array(64);
  const scratch = new Uint8Array(32);
  return localDate(bytes, 0, bytes.length, out, 0, scratch) ? dec(out.subarray(0, 10)) : null;
}

describe('isIdentifier', () => {
  it.each(['170000001', 'A-1.2:3/4_x'])('accepts %s', (value) => {
    expect(identifier(value)).toBe(true);
  });

  it('accepts 64 characters', () => {
    expect(identifier('a'.repeat(64))).toBe(true);
  });

  it('refuses 65 characters', () => {
    expect(identifier('a'.repeat(65))).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['a space', '12 34'],
    ['a letter outside ASCII', 'é1'],
  ])('refuses a value with %s', (_what, value) => {
    expect(identifier(value)).toBe(false);
  });

  it('reads only the bytes from s to e', () => {
    const bytes = enc('  ab c  ');
    expect(isIdentifier(bytes, 2, 4)).toBe(true); // "ab"
    expect(isIdentifier(bytes, 2, 6)).toBe(false); // "ab c"
  });
});

describe('isDigits', () => {
  it('accepts digits within the length bounds', () => {
    expect(digits('3074', 1, 5)).toBe(true);
    expect(digits('03074', 1, 5)).toBe(true);
    expect(digits('2024', 4, 4)).toBe(true);
  });

  it('refuses too few or too many digits', () => {
    expect(digits('', 1, 5)).toBe(false);
    expect(digits('123456', 1, 5)).toBe(false);
    expect(digits('24', 4, 4)).toBe(false);
  });

  it('refuses anything but digits', () => {
    expect(digits('30a4', 1, 5)).toBe(false);
    expect(digits('-307', 1, 5)).toBe(false);
    expect(digits('3 74', 1, 5)).toBe(false);
  });
});

describe('isDecimal', () => {
  it.each(['-122.41', '37.', '.5', '0'])('accepts %s', (value) => {
    expect(decimal(value)).toBe(true);
  });

  it.each(['-', '.', '1.2.3', '1-2', '1e5', 'NaN', ''])('refuses "%s"', (value) => {
    expect(decimal(value)).toBe(false);
  });
});

describe('localDateTime', () => {
  describe('ISO 8601', () => {
    it('writes a T as a space: 2024-03-09T22:40', () => {
      expect(dateTime('2024-03-09T22:40')).toBe('2024-03-09 22:40');
    });

    it('keeps a value already in the stored form: 2024-03-09 22:40:00', () => {
      expect(dateTime('2024-03-09 22:40:00')).toBe('2024-03-09 22:40:00');
    });

    it('keeps up to six decimals of a second', () => {
      expect(dateTime('2024-03-09T22:40:00.123456')).toBe('2024-03-09 22:40:00.123456');
    });

    it('refuses a zone', () => {
      expect(dateTime('2024-03-09T22:40:00-08:00')).toBeNull();
    });

    it('refuses a Z for UTC', () => {
      expect(dateTime('2024-03-09T22:40:00Z')).toBeNull();
    });

    it('refuses seven decimals of a second', () => {
      expect(dateTime('2024-03-09T22:40:00.1234567')).toBeNull();
    });

    it.each([
      ['a minute of 99', '2024-03-09 13:99'],
      ['an hour of 24', '2024-03-09 24:00'],
      ['a second of 60', '2024-03-09T22:40:60'],
    ])('refuses %s', (_what, value) => {
      expect(dateTime(value)).toBeNull();
    });
  });

  describe('DataSF', () => {
    it('converts a PM time to 24 hours: 2024/03/09 10:40:00 PM', () => {
      expect(dateTime('2024/03/09 10:40:00 PM')).toBe('2024-03-09 22:40:00');
    });

    it('reads 12 AM as hour 00', () => {
      expect(dateTime('2024/03/09 12:05:00 AM')).toBe('2024-03-09 00:05:00');
    });

    it('reads 12 PM as hour 12', () => {
      expect(dateTime('2024/03/09 12:05:00 PM')).toBe('2024-03-09 12:05:00');
    });

    it('accepts a lowercase pm', () => {
      expect(dateTime('2024/03/09 10:40:00 pm')).toBe('2024-03-09 22:40:00');
    });

    it('refuses a day the month does not have: 2024/02/30', () => {
      expect(dateTime('2024/02/30 10:40:00 PM')).toBeNull();
    });

    it('refuses hour 13 on a 12-hour clock', () => {
      expect(dateTime('2024/03/09 13:40:00 PM')).toBeNull();
    });

    it('refuses the month first: 03/11/2024 10:00:00 PM', () => {
      expect(dateTime('03/11/2024 10:00:00 PM')).toBeNull();
    });
  });

  describe('leap days', () => {
    it('accepts 2024-02-29 (divisible by 4)', () => {
      expect(dateTime('2024-02-29 10:00')).toBe('2024-02-29 10:00');
    });

    it('refuses 2023-02-29', () => {
      expect(dateTime('2023-02-29 10:00')).toBeNull();
    });

    it('refuses 1900-02-29 (a century not divisible by 400)', () => {
      expect(dateTime('1900-02-29 10:00')).toBeNull();
    });

    it('accepts 2000-02-29 (divisible by 400)', () => {
      expect(dateTime('2000-02-29 10:00')).toBe('2000-02-29 10:00');
    });
  });

  it.each([
    ['a word', 'yesterday'],
    ['nothing', ''],
  ])('refuses %s', (_what, value) => {
    expect(dateTime(value)).toBeNull();
  });

  it('reads from s to e and writes at o (DataSF)', () => {
    const bytes = enc('xx,2024/03/09 10:40:00 PM,yy');
    const out = enc('#'.repeat(40));
    const n = localDateTime(bytes, 3, 25, out, 5);
    expect(n).toBe(19);
    expect(dec(out)).toBe('#####2024-03-09 22:40:00################');
  });

  it('reads from s to e and writes at o (ISO)', () => {
    const bytes = enc('id,2024-03-09T22:40,next');
    const out = enc('#'.repeat(30));
    const n = localDateTime(bytes, 3, 19, out, 7);
    expect(n).toBe(16);
    expect(dec(out)).toBe('#######2024-03-09 22:40#######');
  });
});

describe('localDate', () => {
  it('accepts 2024-03-09', () => {
    expect(date('2024-03-09')).toBe('2024-03-09');
  });

  it('writes 2024/03/09 with dashes', () => {
    expect(date('2024/03/09')).toBe('2024-03-09');
  });

  it('takes the date of a date and time', () => {
    expect(date('2024-03-09T22:40')).toBe('2024-03-09');
  });

  it('takes the date of a DataSF date and time', () => {
    expect(date('2024/03/09 10:40:00 PM')).toBe('2024-03-09');
  });

  it('refuses mixed separators: 2024-03/09', () => {
    expect(date('2024-03/09')).toBeNull();
  });

  it('refuses the month first: 03/11/2024', () => {
    expect(date('03/11/2024')).toBeNull();
  });

  it('refuses month 13', () => {
    expect(date('2024-13-01')).toBeNull();
  });

  it('reads from s to e and writes at o', () => {
    const bytes = enc('x,2024/03/09,y');
    const out = enc('#'.repeat(16));
    expect(localDate(bytes, 2, 12, out, 3, new Uint8Array(32))).toBe(true);
    expect(dec(out)).toBe('###2024-03-09###');
  });
});
