import { flagSentence, hoursPhrase } from './sentence';

const SFPD_BARS = { sentenceBars: "SFPD bulletin 'Prioritizing Safety for Sex Workers' bars this arrest." };
const SFDA_BARS = { sentenceBars: "SF District Attorney policy 'Prioritizing Safety for Sex Workers' bars this charge." };
const REPEAL_BARS = { sentenceBars: 'SB 357 repealed PC 653.20 and PC 653.22 from 2023-01-01.' };

const robbery = { category: 'Robbery', incidentNumber: '240158822', role: 'victim', reportedAt: '2024-03-09 23:05' };

describe('flagSentence', () => {
  it('the example of §7 (worked example 1)', () => {
    expect(
      flagSentence(SFPD_BARS, { report: robbery, action: { kind: 'arrest', agency: 'SFPD', at: '2024-03-09 23:40' }, nexus: 'direct', charges: ['PC 647(b)'] }),
    ).toBe(
      "Reported robbery (incident 240158822) as victim on 2024-03-09 23:05; arrested by SFPD 2024-03-09 23:40 in the same incident for PC 647(b); SFPD bulletin 'Prioritizing Safety for Sex Workers' bars this arrest.",
    );
  });

  // Issue 15: a real row of code 15200 whose category DataSF left blank qualifies by its code.
  it('a report whose code has no category published', () => {
    expect(
      flagSentence(SFPD_BARS, {
        report: { category: null, incidentNumber: '180908009', role: 'victim', reportedAt: '2018-12-01 19:37' },
        action: { kind: 'arrest', agency: 'SFPD', at: '2018-12-01 21:00' },
        nexus: 'direct',
        charges: ['PC 647(b)'],
      }),
    ).toBe(
      "Reported incident 180908009 (no category published) as victim on 2018-12-01 19:37; arrested by SFPD 2018-12-01 21:00 in the same incident for PC 647(b); SFPD bulletin 'Prioritizing Safety for Sex Workers' bars this arrest.",
    );
  });

  it('a temporal nexus (worked example 2)', () => {
    expect(
      flagSentence(SFPD_BARS, {
        report: robbery,
        action: { kind: 'arrest', agency: 'SFPD', at: '2024-03-10 19:05' },
        nexus: 'temporal',
        hoursAfterReport: 20,
        charges: ['PC 647(b)'],
      }),
    ).toBe(
      "Reported robbery (incident 240158822) as victim on 2024-03-09 23:05; arrested by SFPD 2024-03-10 19:05 under another incident, 20 hours after the report, for PC 647(b); SFPD bulletin 'Prioritizing Safety for Sex Workers' bars this arrest.",
    );
  });

  // Issue 16: the reporter and the arrest are linked by tolerant keys only.
  it('an approximate link names the kinds of key, never a value', () => {
    expect(
      flagSentence(SFPD_BARS, {
        report: robbery,
        action: { kind: 'arrest', agency: 'SFPD', at: '2024-03-09 23:40' },
        nexus: 'direct',
        charges: ['PC 647(b)'],
        linkKinds: ['slk', 'sound'],
      }),
    ).toBe(
      "Reported robbery (incident 240158822) as victim on 2024-03-09 23:05; arrested by SFPD 2024-03-09 23:40 in the same incident for PC 647(b); linked by an approximate key (slk, sound); SFPD bulletin 'Prioritizing Safety for Sex Workers' bars this arrest.",
    );
  });

  it('no link kinds reads as the same person key (the sentence of §7)', () => {
    expect(
      flagSentence(SFPD_BARS, { report: robbery, action: { kind: 'arrest', agency: 'SFPD', at: '2024-03-09 23:40' }, nexus: 'direct', charges: ['PC 647(b)'], linkKinds: [] }),
    ).toBe(
      "Reported robbery (incident 240158822) as victim on 2024-03-09 23:05; arrested by SFPD 2024-03-09 23:40 in the same incident for PC 647(b); SFPD bulletin 'Prioritizing Safety for Sex Workers' bars this arrest.",
    );
  });

  it('a DA charge (worked example 8)', () => {
    expect(
      flagSentence(SFDA_BARS, {
        report: { category: 'Rape', incidentNumber: '240201234', role: 'victim', reportedAt: '2024-03-09 23:05' },
        action: { kind: 'da_charge', at: '2024-03-11' },
        nexus: 'direct',
        charges: ['PC 647(b)'],
      }),
    ).toBe(
      "Reported rape (incident 240201234) as victim on 2024-03-09 23:05; charged by the District Attorney on 2024-03-11 in the same incident for PC 647(b); SF District Attorney policy 'Prioritizing Safety for Sex Workers' bars this charge.",
    );
  });

  it('a DA charge with a temporal nexus counts the hours of its arrest', () => {
    expect(
      flagSentence(SFDA_BARS, {
        report: robbery,
        action: { kind: 'da_charge', at: '2024-03-12' },
        nexus: 'temporal',
        hoursAfterReport: 1,
        charges: ['PC 647(b)'],
      }),
    ).toBe(
      "Reported robbery (incident 240158822) as victim on 2024-03-09 23:05; charged by the District Attorney on 2024-03-12 under another incident, its arrest 1 hour after the report, for PC 647(b); SF District Attorney policy 'Prioritizing Safety for Sex Workers' bars this charge.",
    );
  });

  it('several charges, other charges, an arrest known only by its date, a witness who is also a suspect', () => {
    expect(
      flagSentence(SFPD_BARS, {
        report: { ...robbery, role: 'witness', alsoSuspect: true },
        action: { kind: 'arrest', agency: ' sfpd ', at: '2024-03-09' },
        nexus: 'direct',
        charges: ['HS 11377(a)', 'PC 647(b)', 'PC 653.22'],
        otherCharges: ['PC 459'],
      }),
    ).toBe(
      "Reported robbery (incident 240158822) as witness (also named as a suspect) on 2024-03-09 23:05; arrested by SFPD on 2024-03-09 in the same incident for HS 11377(a), PC 647(b) and PC 653.22, along with PC 459; SFPD bulletin 'Prioritizing Safety for Sex Workers' bars this arrest.",
    );
  });

  it('the SB 357 repeal has no report (worked example 10)', () => {
    expect(flagSentence(REPEAL_BARS, { report: null, action: { kind: 'arrest', agency: 'SFSO', at: '2023-02-01 10:00' }, nexus: 'none', charges: ['PC 653.22'] })).toBe(
      'Arrested by SFSO 2023-02-01 10:00 for PC 653.22; SB 357 repealed PC 653.20 and PC 653.22 from 2023-01-01.',
    );
    expect(flagSentence(REPEAL_BARS, { report: null, action: { kind: 'da_charge', at: '2023-02-03' }, nexus: 'none', charges: ['PC 653.20', 'PC 653.22(a)'] })).toBe(
      'Charged by the District Attorney on 2023-02-03 for PC 653.20 and PC 653.22(a); SB 357 repealed PC 653.20 and PC 653.22 from 2023-01-01.',
    );
  });

  it('refuses a flag with no charge', () => {
    expect(() => flagSentence(SFPD_BARS, { report: robbery, action: { kind: 'arrest', agency: 'SFPD', at: '2024-03-09 23:40' }, nexus: 'direct', charges: [] })).toThrow(
      /at least one charge/,
    );
  });
});

describe('hoursPhrase', () => {
  it.each([
    [20, '20 hours after the report'],
    [1, '1 hour after the report'],
    [1.4, '1 hour after the report'],
    [19.6, '20 hours after the report'],
    [0.5, 'less than an hour after the report'],
    [0, 'at the time of the report'],
    [-0.25, 'less than an hour before the report'],
    [-5, '5 hours before the report'],
  ])('%d -> %s', (hours, phrase) => {
    expect(hoursPhrase(hours)).toBe(phrase);
  });
  it('refuses a value that is not a number of hours', () => {
    expect(() => hoursPhrase(Number.NaN)).toThrow();
  });
});
