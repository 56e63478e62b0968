import { foldWords } from './fold';

describe('foldWords', () => {
  it('drops accents and upper-cases', () => {
    expect(foldWords('José')).toEqual(['JOSE']);
    expect(foldWords('  maría   de la  Cruz ')).toEqual(['MARIA', 'DE', 'LA', 'CRUZ']);
  });
  it('joins at apostrophes, so O\'Brien reads as OBRIEN typed without one', () => {
    expect(foldWords("O'Brien")).toEqual(['OBRIEN']);
    expect(foldWords('O’Brien')).toEqual(['OBRIEN']);
    expect(foldWords('OBRIEN')).toEqual(['OBRIEN']);
  });
  it('splits at hyphens, dots and other punctuation', () => {
    expect(foldWords('Smith-Jones')).toEqual(['SMITH', 'JONES']);
    expect(foldWords('St. John')).toEqual(['ST', 'JOHN']);
    expect(foldWords('Jr.,Smith')).toEqual(['JR', 'SMITH']);
  });
  it('spells letters that do not decompose', () => {
    expect(foldWords('Straße')).toEqual(['STRASSE']);
    expect(foldWords('Søren Łukasz')).toEqual(['SOREN', 'LUKASZ']);
    expect(foldWords('Ｊｏｈｎ')).toEqual(['JOHN']);
  });
  it('gives no words for an empty or punctuation-only value', () => {
    expect(foldWords('')).toEqual([]);
    expect(foldWords(' - . ')).toEqual([]);
  });
});
