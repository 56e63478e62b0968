import { isoDate, parseDateOfBirth, swapTolerantDate } from './date-of-birth';

describe('parseDateOfBirth', () => {
  it('reads each format', () => {
    expect(parseDateOfBirth('1990-04-03', 'YYYY-MM-DD')).toEqual({ ok: true, date: { year: 1990, month: 4, day: 3 } });
    expect(parseDateOfBirth('1990-04-03T00:00:00.000', 'YYYY-MM-DD')).toEqual({ ok: true, date: { year: 1990, month: 4, day: 3 } });
    expect(parseDateOfBirth('04/03/1990', 'MM/DD/YYYY')).toEqual({ ok: true, date: { year: 1990, month: 4, day: 3 } });
    expect(parseDateOfBirth('4/3/1990', 'MM/DD/YYYY')).toEqual({ ok: true, date: { year: 1990, month: 4, day: 3 } });
    expect(parseDateOfBirth('03.04.1990', 'DD/MM/YYYY')).toEqual({ ok: true, date: { year: 1990, month: 4, day: 3 } });
    expect(parseDateOfBirth('19900403', 'YYYYMMDD')).toEqual({ ok: true, date: { year: 1990, month: 4, day: 3 } });
  });
  it('knows leap years', () => {
    expect(parseDateOfBirth('2000-02-29', 'YYYY-MM-DD').ok).toBe(true);
    expect(parseDateOfBirth('1900-02-29', 'YYYY-MM-DD').ok).toBe(false);
    expect(parseDateOfBirth('1996-02-29', 'YYYY-MM-DD').ok).toBe(true);
  });
  it('refuses what is not a real date, without repeating the value', () => {
    const bad = ['', 'unknown', '13/01/1990', '1990-02-30', '1990/04/03', '1850-01-01'];
    for (const value of bad) {
      const r = parseDateOfBirth(value, value.includes('/') ? 'MM/DD/YYYY' : 'YYYY-MM-DD');
      expect(r.ok).toBe(false);
      if (!r.ok && value !== '') expect(r.reason).not.toContain(value);
    }
  });
});

describe('isoDate and swapTolerantDate', () => {
  it('writes YYYY-MM-DD', () => {
    expect(isoDate({ year: 1990, month: 4, day: 3 })).toBe('1990-04-03');
  });
  it('gives 03/04 and 04/03 the same swap-tolerant date', () => {
    expect(swapTolerantDate({ year: 1990, month: 4, day: 3 })).toBe('1990|03-04');
    expect(swapTolerantDate({ year: 1990, month: 3, day: 4 })).toBe('1990|03-04');
  });
  it('is null when the date cannot have been swapped', () => {
    expect(swapTolerantDate({ year: 1990, month: 4, day: 13 })).toBeNull();
    expect(swapTolerantDate({ year: 1990, month: 5, day: 5 })).toBeNull();
  });
});
