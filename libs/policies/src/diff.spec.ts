import { DEFAULT_POLICIES } from './defaults';
import { diffPolicies } from './diff';
import type { PolicyDocument, RuleId } from './model';

function copy(ruleId: RuleId): PolicyDocument {
  return JSON.parse(JSON.stringify(DEFAULT_POLICIES.find((p) => p.ruleId === ruleId)));
}

describe('diffPolicies', () => {
  it('no change, no entries (also after a JSON round trip with keys in another order)', () => {
    const before = copy('sfpd-psw-2017');
    const reordered = Object.fromEntries(Object.entries(copy('sfpd-psw-2017')).reverse()) as unknown as PolicyDocument;
    expect(diffPolicies(before, copy('sfpd-psw-2017'))).toEqual([]);
    expect(diffPolicies(before, reordered)).toEqual([]);
  });

  it('a new version: scalar fields changed, a code added to a list', () => {
    const before = copy('sfpd-psw-2017');
    const after = copy('sfpd-psw-2017');
    after.version = 2;
    after.effectiveFrom = '2025-01-01';
    after.changeReason = 'Terrorist threats qualify.';
    after.qualification!.codes.push('19057');
    expect(diffPolicies(before, after)).toEqual([
      { path: 'version', change: 'changed', before: 1, after: 2 },
      { path: 'effectiveFrom', change: 'changed', before: '2017-12-01', after: '2025-01-01' },
      { path: 'qualification.codes', change: 'added', after: '19057' },
      { path: 'changeReason', change: 'changed', before: '', after: 'Terrorist threats qualify.' },
    ]);
  });

  it('list items removed and added, order ignored', () => {
    const before = copy('ca-pc-647.3');
    const after = copy('ca-pc-647.3');
    after.qualification!.subcategories = ['Stalking', 'Kidnapping', 'Aggravated Assault', 'Burglary - Residential', 'Simple Assault', 'Extortion-Blackmail'];
    after.protectedCharges!.drugNoLevelSections = ['HS 11350', 'HS 11357', 'HS 11364', 'HS 11377'];
    expect(diffPolicies(before, after)).toEqual([
      { path: 'qualification.subcategories', change: 'removed', before: 'Burglary - Hot Prowl' },
      { path: 'qualification.subcategories', change: 'added', after: 'Simple Assault' },
      { path: 'protectedCharges.drugNoLevelSections', change: 'removed', before: 'HS 11550' },
    ]);
  });

  it('an item listed twice counts twice', () => {
    const before = copy('ca-pc-647.3');
    const after = copy('ca-pc-647.3');
    after.qualification!.codes.push('04144');
    expect(diffPolicies(before, after)).toEqual([{ path: 'qualification.codes', change: 'added', after: '04144' }]);
  });

  it('nested scalars, provenance, a nullable code, agencies "any" against a list', () => {
    const before = copy('ca-pc-647.3');
    const after = copy('ca-pc-647.3');
    after.nexus!.hoursAfterReport = 48;
    after.qualification!.provenance = 'verified';
    after.protectedCharges!.drugMisdemeanorRange = null;
    after.audits.arrests = { agencies: ['SFPD', 'SFSO'] };
    expect(diffPolicies(before, after)).toEqual([
      { path: 'audits.arrests.agencies', change: 'changed', before: 'any', after: ['SFPD', 'SFSO'] },
      { path: 'qualification.provenance', change: 'changed', before: 'inferred', after: 'verified' },
      { path: 'protectedCharges.drugMisdemeanorRange', change: 'changed', before: 'HS 11000-11999', after: null },
      { path: 'nexus.hoursAfterReport', change: 'changed', before: 72, after: 48 },
    ]);
  });

  it('agencies list to list: item by item', () => {
    const before = copy('sfpd-psw-2017');
    const after = copy('sfpd-psw-2017');
    after.audits.arrests = { agencies: ['SFPD', 'BART PD'] };
    expect(diffPolicies(before, after)).toEqual([{ path: 'audits.arrests.agencies', change: 'added', after: 'BART PD' }]);
  });

  it('sections that appear or disappear', () => {
    const before = copy('sfda-psw-2018');
    const after = copy('sfda-psw-2018');
    after.audits.arrests = { agencies: ['SFPD'] };
    after.nexus = null;
    expect(diffPolicies(before, after)).toEqual([
      { path: 'audits.arrests', change: 'added', after: { agencies: ['SFPD'] } },
      { path: 'nexus', change: 'removed', before: { hoursBeforeIncident: 24, hoursAfterReport: 72 } },
    ]);
  });

  it('sources are compared whole', () => {
    const before = copy('ca-sb357-repeal');
    const after = copy('ca-sb357-repeal');
    after.sources[0] = { ...after.sources[0], note: 'Checked against the chaptered text.' };
    after.sources.push({ title: 'Legislative Counsel digest' });
    const changes = diffPolicies(before, after);
    expect(changes.map((c) => [c.path, c.change])).toEqual([
      ['sources', 'removed'],
      ['sources', 'added'],
      ['sources', 'added'],
    ]);
    expect(changes[0].before).toEqual(before.sources[0]);
    expect(changes[2].after).toEqual({ title: 'Legislative Counsel digest' });
  });
});
