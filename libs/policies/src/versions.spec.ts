import { DEFAULT_POLICIES } from './defaults';
import type { PolicyDocument, RuleId } from './model';
import { checkVersionHistory, versionInForce } from './versions';

function policy(ruleId: RuleId): PolicyDocument {
  return DEFAULT_POLICIES.find((p) => p.ruleId === ruleId)!;
}

function version(base: PolicyDocument, n: number, effectiveFrom: string): PolicyDocument {
  return { ...base, version: n, effectiveFrom, changeReason: `version ${n}` };
}

describe('versionInForce with the defaults', () => {
  it.each<[RuleId, string, string]>([
    ['sfpd-psw-2017', '2017-11-30', '2017-12-01'],
    ['sfda-psw-2018', '2018-01-10', '2018-01-11'],
    ['ca-pc-647.3', '2019-12-31', '2020-01-01'],
    ['ca-sb357-repeal', '2022-12-31', '2023-01-01'],
  ])('%s: none on %s, version 1 from %s', (ruleId, dayBefore, firstDay) => {
    expect(versionInForce(DEFAULT_POLICIES, ruleId, dayBefore)).toBeNull();
    expect(versionInForce(DEFAULT_POLICIES, ruleId, firstDay)).toBe(policy(ruleId));
    expect(versionInForce(DEFAULT_POLICIES, ruleId, '2024-03-09')).toBe(policy(ruleId));
  });

  it('worked example 11: a report on 2017-06-01 is before every policy', () => {
    for (const ruleId of ['sfpd-psw-2017', 'sfda-psw-2018', 'ca-pc-647.3', 'ca-sb357-repeal'] as const) {
      expect(versionInForce(DEFAULT_POLICIES, ruleId, '2017-06-01')).toBeNull();
    }
  });

  it('worked example 1 (2024-03-09): both report rules that audit arrests are in force', () => {
    expect(versionInForce(DEFAULT_POLICIES, 'sfpd-psw-2017', '2024-03-09')?.version).toBe(1);
    expect(versionInForce(DEFAULT_POLICIES, 'ca-pc-647.3', '2024-03-09')?.version).toBe(1);
  });
});

describe('versionInForce with several versions', () => {
  const v1 = policy('ca-pc-647.3');
  const v2 = version(v1, 2, '2024-07-01');
  const v3 = version(v1, 3, '2025-01-01');
  const versions = [v3, policy('sfpd-psw-2017'), v1, v2];

  it('a version applies from its date until the next version', () => {
    expect(versionInForce(versions, 'ca-pc-647.3', '2024-06-30')).toBe(v1);
    expect(versionInForce(versions, 'ca-pc-647.3', '2024-07-01')).toBe(v2);
    expect(versionInForce(versions, 'ca-pc-647.3', '2024-12-31')).toBe(v2);
    expect(versionInForce(versions, 'ca-pc-647.3', '2025-01-01')).toBe(v3);
    expect(versionInForce(versions, 'ca-pc-647.3', '2030-01-01')).toBe(v3);
  });

  it("ignores the other rules' versions", () => {
    expect(versionInForce(versions, 'sfda-psw-2018', '2024-07-01')).toBeNull();
    expect(versionInForce(versions, 'sfpd-psw-2017', '2024-07-01')?.ruleId).toBe('sfpd-psw-2017');
  });

  it('two versions with the same date: the higher version wins', () => {
    const correction = version(v1, 4, '2024-07-01');
    expect(versionInForce([v1, correction, v2], 'ca-pc-647.3', '2024-07-01')).toBe(correction);
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => versionInForce(versions, 'ca-pc-647.3', '2024-07-01 10:00')).toThrow(/YYYY-MM-DD/);
    expect(() => versionInForce(versions, 'ca-pc-647.3', '2024-02-30')).toThrow(/not a real date/);
  });
});

describe('checkVersionHistory', () => {
  const v1 = policy('sfpd-psw-2017');

  it('the defaults are a valid history', () => {
    expect(checkVersionHistory(DEFAULT_POLICIES)).toEqual([]);
  });

  it('refuses a version number used twice for one rule', () => {
    expect(checkVersionHistory([v1, version(v1, 1, '2020-01-01')])).toEqual([
      { ruleId: 'sfpd-psw-2017', version: 1, message: 'Version 1 of sfpd-psw-2017 exists twice: give the newer one the next number.' },
    ]);
  });

  it('refuses a later version taking effect before an earlier one', () => {
    expect(checkVersionHistory([v1, version(v1, 2, '2020-01-01'), version(v1, 3, '2019-01-01')])).toEqual([
      {
        ruleId: 'sfpd-psw-2017',
        version: 3,
        message:
          'Version 3 of sfpd-psw-2017 takes effect on 2019-01-01, before version 2 (2020-01-01): a later version cannot take effect before an earlier one.',
      },
    ]);
  });

  it('accepts a later version on the same date (a correction)', () => {
    expect(checkVersionHistory([v1, version(v1, 2, v1.effectiveFrom)])).toEqual([]);
  });
});
