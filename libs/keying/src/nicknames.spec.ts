import { canonicalGivenName, nicknamesOf } from './nicknames';

describe('canonicalGivenName', () => {
  it('maps common nicknames to the given name', () => {
    expect(canonicalGivenName('BILL')).toBe('WILLIAM');
    expect(canonicalGivenName('BOB')).toBe('ROBERT');
    expect(canonicalGivenName('PEGGY')).toBe('MARGARET');
    expect(canonicalGivenName('STEPHEN')).toBe('STEVEN');
  });
  it('leaves other names, and names that stand for several, as they are', () => {
    expect(canonicalGivenName('WILLIAM')).toBe('WILLIAM');
    expect(canonicalGivenName('CHRIS')).toBe('CHRIS');
    expect(canonicalGivenName('MARY')).toBe('MARY');
  });
});

describe('nicknamesOf', () => {
  it('lists the nicknames of a name', () => {
    expect(nicknamesOf('WILLIAM').sort()).toEqual(['BILL', 'BILLY', 'WILL', 'WILLY']);
    expect(nicknamesOf('MARY')).toEqual([]);
  });
});
