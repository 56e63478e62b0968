import { DECEMBER_2018, INCIDENT_CODES, incidentCode } from './index';

describe('SFPD reference data (DataSF, December 2018)', () => {
  it('holds the whole incident-code catalog', () => {
    expect(INCIDENT_CODES).toHaveLength(436);
    expect(incidentCode('3074')).toEqual(['03074', 'Robbery', 'Robbery - Other', 'Robbery, W/ Force']);
    expect(incidentCode('04134')?.[1]).toBe('Assault');
    expect(incidentCode('99999')).toBeUndefined();
  });

  it('profiles the real month: 11,884 rows, the real header, weights that add up', () => {
    expect(DECEMBER_2018.rowCount).toBe(11884);
    expect(DECEMBER_2018.header[0]).toBe('Incident Datetime');
    expect(DECEMBER_2018.header).toContain('Filed Online');
    const sum = (w: ReadonlyArray<readonly [unknown, number]>) => w.reduce((s, [, n]) => s + n, 0);
    expect(sum(DECEMBER_2018.codeWeights)).toBe(11884);
    expect(sum(DECEMBER_2018.incidentHourWeights)).toBe(11884);
    // Larceny theft is the commonest category in San Francisco
    const larceny = DECEMBER_2018.codeWeights.filter(([code]) => incidentCode(code)?.[1] === 'Larceny Theft');
    expect(sum(larceny) / 11884).toBeGreaterThan(0.3);
  });
});
