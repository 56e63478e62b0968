import { codeBookOverlay } from './describe-charge';
import { describeChargeList } from './describe-charge-list';

describe('describeChargeList', () => {
  it('says each item of an arrest statute list in plain words, in order', () => {
    expect(describeChargeList('245(a)(1) PC/F;647(b) PC/M').map((d) => d.text)).toEqual([
      'PC 245(a)(1): assault with a deadly weapon other than a firearm, felony',
      'PC 647(b): prostitution, misdemeanor',
    ]);
  });

  it('reads DA tokens, keeps unknown codes and unreadable items as written', () => {
    const items = describeChargeList('647B/M/0, 4151/M/0, PROSTITUTION');
    expect(items.map((d) => d.text)).toEqual(['PC 647(b): prostitution, misdemeanor', '4151/M/0', 'PROSTITUTION']);
    expect(items.map((d) => [d.code, d.known])).toEqual([
      ['PC 647(b)', true],
      ['PC 4151', false],
      [null, false],
    ]);
  });

  it('uses admin descriptions', () => {
    const overlay = codeBookOverlay([{ code: 'PC 4151', description: 'fighting in public', level: null }]);
    expect(describeChargeList('4151/M/0', overlay)[0].text).toBe('PC 4151: fighting in public, misdemeanor');
  });

  it('gives nothing for an empty list', () => {
    expect(describeChargeList('')).toEqual([]);
    expect(describeChargeList(null)).toEqual([]);
    expect(describeChargeList('  ')).toEqual([]);
  });
});
