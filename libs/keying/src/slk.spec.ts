import { slk581 } from './slk';

describe('slk581', () => {
  it('takes surname letters 2, 3, 5, given letters 2, 3, DDMMYYYY and a sex digit', () => {
    expect(slk581('SMITH', 'JOHN', { year: 1990, month: 4, day: 3 }, 'M')).toBe('MIHOH030419901');
    expect(slk581('OBRIEN', 'MARY', { year: 1985, month: 12, day: 25 }, 'F')).toBe('BREAR251219852');
  });
  it('writes 2 for letters a short name lacks', () => {
    expect(slk581('LI', 'JO', { year: 2001, month: 1, day: 9 }, 'U')).toBe('I22O2090120019');
  });
  it('does not see a typo in the first or fourth letter of the surname', () => {
    const dob = { year: 1970, month: 6, day: 30 };
    expect(slk581('JOHNSON', 'ANNA', dob, 'F')).toBe(slk581('JOHMSON', 'ANNA', dob, 'F'));
    expect(slk581('JOHNSON', 'ANNA', dob, 'F')).toBe(slk581('GOHNSON', 'ANNA', dob, 'F'));
  });
});
