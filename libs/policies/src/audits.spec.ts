import { auditsAction } from './audits';
import { DEFAULT_POLICIES } from './defaults';
import type { PolicyDocument, RuleId } from './model';

function policy(ruleId: RuleId): PolicyDocument {
  return DEFAULT_POLICIES.find((p) => p.ruleId === ruleId)!;
}

describe('auditsAction with the defaults (§1, §6)', () => {
  // [rule, SFPD arrest, SFSO arrest, DA decision]
  it.each<[RuleId, boolean, boolean, boolean]>([
    ['sfpd-psw-2017', true, false, false],
    ['sfda-psw-2018', false, false, true],
    ['ca-pc-647.3', true, true, false],
    ['ca-sb357-repeal', true, true, true],
  ])('%s: SFPD arrest %s, SFSO arrest %s, DA decision %s', (ruleId, sfpd, sfso, da) => {
    const p = policy(ruleId);
    expect(auditsAction(p, { kind: 'arrest', agency: 'SFPD' })).toBe(sfpd);
    expect(auditsAction(p, { kind: 'arrest', agency: 'SFSO' })).toBe(sfso);
    expect(auditsAction(p, { kind: 'da_decision' })).toBe(da);
  });

  it('agencies are compared trimmed and case-insensitively', () => {
    expect(auditsAction(policy('sfpd-psw-2017'), { kind: 'arrest', agency: ' sfpd ' })).toBe(true);
  });

  it('follows an edited list of agencies', () => {
    const p: PolicyDocument = { ...policy('sfpd-psw-2017'), audits: { arrests: { agencies: ['SFPD', 'BART PD'] }, daCharges: false } };
    expect(auditsAction(p, { kind: 'arrest', agency: 'bart pd' })).toBe(true);
    expect(auditsAction(p, { kind: 'arrest', agency: 'SFSO' })).toBe(false);
  });
});
