import { datesInText, formatDateTime, formatDay, formatMonth, sfDayOf, sfWallToDate } from './dates';

// Expected strings worked by hand: San Francisco is UTC-7 in daylight time (PDT) and UTC-8 in standard time (PST).
// In 2022 the clocks went forward at 2:00 AM PST on Mar 13 (= 10:00 UTC) and back at 2:00 AM PDT on Nov 6 (= 09:00 UTC).
describe('formatDateTime', () => {
  it('writes a summer moment in PDT, 12-hour clock, short month', () => {
    expect(formatDateTime('2022-06-06T11:18:00.000Z')).toBe('Jun 6, 2022, 4:18 AM PDT');
    expect(formatDateTime('2022-06-06T19:00:00Z')).toBe('Jun 6, 2022, 12:00 PM PDT');
    expect(formatDateTime('2022-06-06T07:00:00Z')).toBe('Jun 6, 2022, 12:00 AM PDT');
  });

  it('writes a winter moment in PST, on the San Francisco day (the day before the UTC one)', () => {
    expect(formatDateTime('2022-01-15T07:30:00Z')).toBe('Jan 14, 2022, 11:30 PM PST');
  });

  it('reads an offset other than Z', () => {
    expect(formatDateTime('2022-06-06T13:18:00+02:00')).toBe('Jun 6, 2022, 4:18 AM PDT');
  });

  it('changes zone at the spring-forward boundary', () => {
    expect(formatDateTime('2022-03-13T09:59:00Z')).toBe('Mar 13, 2022, 1:59 AM PST');
    expect(formatDateTime('2022-03-13T10:00:00Z')).toBe('Mar 13, 2022, 3:00 AM PDT');
  });

  it('tells the two 1:30 AMs of the fall-back night apart by their zone', () => {
    expect(formatDateTime('2022-11-06T08:30:00Z')).toBe('Nov 6, 2022, 1:30 AM PDT');
    expect(formatDateTime('2022-11-06T09:30:00Z')).toBe('Nov 6, 2022, 1:30 AM PST');
  });

  it('leaves the zone out when asked, and never uses a narrow no-break space', () => {
    const text = formatDateTime('2022-06-06T11:18:00Z', { zone: false });
    expect(text).toBe('Jun 6, 2022, 4:18 AM');
    expect(text).not.toMatch(/[\u202f\u00a0]/);
  });

  it('writes a bare day as a day, and gives back what is not a date', () => {
    expect(formatDateTime('2022-06-06')).toBe('Jun 6, 2022');
    expect(formatDateTime('not a date')).toBe('not a date');
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('')).toBe('');
  });
});

describe('formatDay', () => {
  it('writes a YYYY-MM-DD day as written, never shifted by a zone', () => {
    expect(formatDay('2022-06-06')).toBe('Jun 6, 2022');
    expect(formatDay('2022-01-01')).toBe('Jan 1, 2022');
    expect(formatDay('2021-12-31')).toBe('Dec 31, 2021');
  });

  it('writes a moment as its San Francisco day', () => {
    // 03:00 UTC on Jun 7 is 8:00 PM PDT on Jun 6.
    expect(formatDay('2022-06-07T03:00:00Z')).toBe('Jun 6, 2022');
  });

  it('gives back what is not a day', () => {
    expect(formatDay('2022-13-01')).toBe('2022-13-01');
    expect(formatDay(undefined)).toBe('');
  });
});

describe('formatMonth', () => {
  it('writes a month in words', () => {
    expect(formatMonth('2022-06')).toBe('June 2022');
    expect(formatMonth('2022-06', { short: true })).toBe('Jun 2022');
    expect(formatMonth('2022-12-31')).toBe('December 2022');
    expect(formatMonth('next month')).toBe('next month');
  });
});

describe('sfDayOf and sfWallToDate', () => {
  it('finds the San Francisco day of a moment', () => {
    expect(sfDayOf('2022-01-15T07:30:00Z')).toBe('2022-01-14');
    expect(sfDayOf('2022-01-15')).toBe('2022-01-15');
    expect(sfDayOf('nonsense')).toBeNull();
  });

  it('reads a wall time, taking the first 1:30 AM of the fall-back night and refusing the skipped hour', () => {
    expect(sfWallToDate(2022, 6, 6, 4, 18)?.toISOString()).toBe('2022-06-06T11:18:00.000Z');
    expect(sfWallToDate(2022, 11, 6, 1, 30)?.toISOString()).toBe('2022-11-06T08:30:00.000Z');
    expect(sfWallToDate(2022, 3, 13, 2, 30)).toBeNull();
  });
});

describe('datesInText', () => {
  it("rewrites a flag sentence's wall times and days the interface's way, naming the zone", () => {
    expect(
      datesInText('Reported theft (incident 220023435) as victim on 2022-06-05 21:10; arrested by SFPD on 2022-06-06 04:18 in the same incident'),
    ).toBe('Reported theft (incident 220023435) as victim on Jun 5, 2022, 9:10 PM PDT; arrested by SFPD on Jun 6, 2022, 4:18 AM PDT in the same incident');
    expect(datesInText('charged by the District Attorney on 2024-03-11 for PC 647(b)')).toBe('charged by the District Attorney on Mar 11, 2024 for PC 647(b)');
  });

  it('rewrites ISO instants and keeps a zone already written', () => {
    expect(datesInText('generated 2022-01-15T07:30:00.000Z.')).toBe('generated Jan 14, 2022, 11:30 PM PST.');
    expect(datesInText('at 2022-11-06 01:30 PST')).toBe('at Nov 6, 2022, 1:30 AM PST');
    expect(datesInText('at 2022-11-06 01:30 PDT')).toBe('at Nov 6, 2022, 1:30 AM PDT');
  });

  it('leaves alone what it cannot place: a wall time in the skipped hour, incident numbers, plain numbers', () => {
    expect(datesInText('arrested 2022-03-13 02:30')).toBe('arrested 2022-03-13 02:30');
    expect(datesInText('incident 220023435, 12 flags')).toBe('incident 220023435, 12 flags');
  });
});
