import { oneLetterOut } from './spelling';

const shareOne = (a: string, b: string) => oneLetterOut(a).some((x) => oneLetterOut(b).includes(x));

describe('oneLetterOut', () => {
  it('lists the name and each one-letter-out spelling, once', () => {
    expect(oneLetterOut('SMITH')).toEqual(['SMITH', 'MITH', 'SITH', 'SMTH', 'SMIH', 'SMIT']);
    expect(oneLetterOut('LEE')).toEqual(['LEE', 'EE', 'LE']);
    expect(oneLetterOut('LI')).toEqual(['LI']);
  });
  it('makes two spellings one typo apart share a spelling', () => {
    expect(shareOne('SMITH', 'SMYTH')).toBe(true); // substituted
    expect(shareOne('JOHNSON', 'JONSON')).toBe(true); // dropped
    expect(shareOne('BROWN', 'BROWNE')).toBe(true); // added
    expect(shareOne('GARCIA', 'GRACIA')).toBe(true); // adjacent letters swapped
    expect(shareOne('OBRIEN', 'BRIEN')).toBe(true); // first letter dropped
  });
  it('does not make names two typos apart share one', () => {
    expect(shareOne('SMITH', 'SMYTHE')).toBe(false);
    expect(shareOne('JONES', 'JAMES')).toBe(false);
  });
});
