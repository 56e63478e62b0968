import { complianceRate, monthLabel, monthsBetween, percentOf, provenanceText, sfTime, sfTimeZoned, withZone } from './format';

describe('format', () => {
  it('names months', () => {
    expect(monthLabel('2022-05')).toBe('May 2022');
    expect(monthLabel('2021-12')).toBe('December 2021');
    expect(monthLabel('2022-13')).toBe('2022-13');
  });

  it('lists the months of a range across a year end', () => {
    expect(monthsBetween('2021-11', '2022-02')).toEqual(['2021-11', '2021-12', '2022-01', '2022-02']);
    expect(monthsBetween('2021-05', '2022-05')).toHaveLength(13);
    expect(monthsBetween('2022-05', '2022-04')).toEqual([]);
  });

  it('rounds percentages half up on whole numbers', () => {
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(37, 40)).toBe(92.5);
    expect(complianceRate(3, 40)).toBe(92.5);
    expect(complianceRate(0, 0)).toBeNull();
  });

  it('writes San Francisco time in summer and winter', () => {
    expect(sfTime('2022-06-01T16:05:00Z')).toBe('2022-06-01 09:05');
    expect(sfTime('2022-01-15T07:30:00Z')).toBe('2022-01-14 23:30');
    expect(sfTime('2022-01-15')).toBe('2022-01-15');
    expect(sfTime('not a date')).toBe('not a date');
    expect(sfTime(null)).toBe('');
  });

  it('puts provenance in words', () => {
    expect(provenanceText({ repealedCodes: 'verified' })).toBe('repealed sections: checked against the text');
    expect(provenanceText({ other: 'unknown-word' })).toBe('other: unknown-word');
    expect(provenanceText({})).toBe('not recorded');
  });

  it('names the zone: PDT in summer, PST in winter, in times and in sentences (issue 14)', () => {
    expect(sfTimeZoned('2022-06-01T16:05:00Z')).toBe('2022-06-01 09:05 PDT');
    expect(sfTimeZoned('2022-01-15T07:30:00Z')).toBe('2022-01-14 23:30 PST');
    expect(sfTimeZoned('2022-01-15')).toBe('2022-01-15');
    expect(sfTimeZoned('not a date')).toBe('not a date');
    expect(withZone('reported on 2022-03-12 21:00; arrested 2022-03-13 09:00 and 2022-11-07 08:00 PST')).toBe(
      'reported on 2022-03-12 21:00 PST; arrested 2022-03-13 09:00 PDT and 2022-11-07 08:00 PST',
    );
  });
});
