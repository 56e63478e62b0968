import fc from 'fast-check';
import { localDayToUtcInterval, localToUtcMillis } from './time';

const utc = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);
const HOUR = 3_600_000;

describe('localToUtcMillis', () => {
  it('winter is PST (UTC-8), summer is PDT (UTC-7)', () => {
    expect(localToUtcMillis('2024-01-15 12:00')).toBe(utc(2024, 1, 15, 20));
    expect(localToUtcMillis('2024-07-04 12:00')).toBe(utc(2024, 7, 4, 19));
    expect(localToUtcMillis('2024-03-09 23:05')).toBe(utc(2024, 3, 10, 7, 5));
  });

  it('accepts a T separator and seconds', () => {
    expect(localToUtcMillis('2024-07-04T12:00')).toBe(utc(2024, 7, 4, 19));
    expect(localToUtcMillis('2024-07-04 12:00:30')).toBe(utc(2024, 7, 4, 19) + 30_000);
  });

  // 2024: DST from Sunday 10 March to Sunday 3 November.
  it('springs forward on the second Sunday of March at 02:00', () => {
    expect(localToUtcMillis('2024-03-10 01:59')).toBe(utc(2024, 3, 10, 9, 59)); // PST
    expect(localToUtcMillis('2024-03-10 03:00')).toBe(utc(2024, 3, 10, 10, 0)); // PDT
    expect(localToUtcMillis('2024-03-03 12:00')).toBe(utc(2024, 3, 3, 20)); // first Sunday: still PST
  });

  it('reads a nonexistent spring-forward time with the offset before the transition (PST), as PostgreSQL does', () => {
    expect(localToUtcMillis('2024-03-10 02:00')).toBe(utc(2024, 3, 10, 10, 0));
    expect(localToUtcMillis('2024-03-10 02:30')).toBe(utc(2024, 3, 10, 10, 30)); // = 03:30 PDT
  });

  it('falls back on the first Sunday of November at 02:00; the ambiguous hour is PST, as PostgreSQL does', () => {
    expect(localToUtcMillis('2024-11-03 00:59')).toBe(utc(2024, 11, 3, 7, 59)); // PDT
    expect(localToUtcMillis('2024-11-03 01:00')).toBe(utc(2024, 11, 3, 9, 0)); // ambiguous -> PST
    expect(localToUtcMillis('2024-11-03 01:30')).toBe(utc(2024, 11, 3, 9, 30)); // ambiguous -> PST
    expect(localToUtcMillis('2024-11-03 02:00')).toBe(utc(2024, 11, 3, 10, 0)); // PST
    expect(localToUtcMillis('2024-10-27 12:00')).toBe(utc(2024, 10, 27, 19)); // a week before: PDT
  });

  it('finds the transition Sundays of other years', () => {
    // 2017: 12 March / 5 November; 2020: 8 March / 1 November; 2023: 12 March / 5 November.
    expect(localToUtcMillis('2017-03-12 03:00') - localToUtcMillis('2017-03-12 01:00')).toBe(1 * HOUR);
    expect(localToUtcMillis('2017-03-05 03:00') - localToUtcMillis('2017-03-05 01:00')).toBe(2 * HOUR);
    expect(localToUtcMillis('2020-03-08 03:00') - localToUtcMillis('2020-03-08 01:00')).toBe(1 * HOUR);
    expect(localToUtcMillis('2020-11-01 00:30')).toBe(utc(2020, 11, 1, 7, 30));
    expect(localToUtcMillis('2020-11-01 03:00')).toBe(utc(2020, 11, 1, 11, 0));
    expect(localToUtcMillis('2023-11-05 00:30')).toBe(utc(2023, 11, 5, 7, 30));
    expect(localToUtcMillis('2023-10-29 00:30')).toBe(utc(2023, 10, 29, 7, 30));
  });

  it('refuses malformed, impossible and pre-2007 times', () => {
    expect(() => localToUtcMillis('2024-03-09')).toThrow(RangeError);
    expect(() => localToUtcMillis('2024/03/09 10:40 PM')).toThrow(RangeError);
    expect(() => localToUtcMillis('2024-02-30 10:00')).toThrow(RangeError);
    expect(() => localToUtcMillis('2024-03-09 24:00')).toThrow(RangeError);
    expect(() => localToUtcMillis('2006-07-01 12:00')).toThrow(RangeError);
  });

  // An independent reference: the platform's time-zone database, through Intl.
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Los_Angeles',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const wallClock = (millis: number) => {
    const p = Object.fromEntries(format.formatToParts(new Date(millis)).map((part) => [part.type, part.value]));
    return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}`;
  };
  /** Reading back the wall-clock time of an instant gives the instant, except in the first (PDT) pass of the ambiguous hour. */
  const readsBack = (instant: number) => {
    const local = wallClock(instant);
    const back = localToUtcMillis(local);
    const firstPassOfAmbiguousHour = back === instant + HOUR && local.slice(5, 7) === '11' && local.slice(11, 13) === '01';
    return back === instant || firstPassOfAmbiguousHour;
  };

  it('agrees with Intl every 15 minutes around every transition 2007-2037', () => {
    const failures: string[] = [];
    for (let year = 2007; year <= 2037; year++) {
      for (const [from, to] of [
        [Date.UTC(year, 2, 7), Date.UTC(year, 2, 16)],
        [Date.UTC(year, 9, 31), Date.UTC(year, 10, 9)],
      ]) {
        for (let t = from; t < to; t += 15 * 60_000) {
          if (!readsBack(t)) failures.push(new Date(t).toISOString());
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('agrees with Intl at random instants 2007-2037', () => {
    const minutes = fc.integer({ min: Date.UTC(2007, 0, 2) / 60_000, max: Date.UTC(2037, 11, 30) / 60_000 });
    fc.assert(
      fc.property(minutes, (minute) => readsBack(minute * 60_000)),
      { numRuns: 20_000 },
    );
  });
});

describe('localDayToUtcInterval', () => {
  it('is [00:00, next 00:00) local: 24 hours on an ordinary day', () => {
    expect(localDayToUtcInterval('2024-06-04')).toEqual({ startMillis: utc(2024, 6, 4, 7), endMillis: utc(2024, 6, 5, 7) });
  });
  it('is 23 hours on the spring-forward day and 25 on the fall-back day', () => {
    expect(localDayToUtcInterval('2024-03-10')).toEqual({ startMillis: utc(2024, 3, 10, 8), endMillis: utc(2024, 3, 11, 7) });
    expect(localDayToUtcInterval('2024-11-03')).toEqual({ startMillis: utc(2024, 11, 3, 7), endMillis: utc(2024, 11, 4, 8) });
  });
  it('crosses month and year ends', () => {
    expect(localDayToUtcInterval('2023-12-31')).toEqual({ startMillis: utc(2023, 12, 31, 8), endMillis: utc(2024, 1, 1, 8) });
    expect(localDayToUtcInterval('2024-02-29').endMillis).toBe(utc(2024, 3, 1, 8));
  });
  it('refuses a datetime or an impossible date', () => {
    expect(() => localDayToUtcInterval('2024-06-04 10:00')).toThrow(RangeError);
    expect(() => localDayToUtcInterval('2023-02-29')).toThrow(RangeError);
  });
});
