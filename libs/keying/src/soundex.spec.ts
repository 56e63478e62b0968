import { soundex } from './soundex';

describe('soundex (hand-worked against the National Archives rules)', () => {
  it('codes the classic examples', () => {
    expect(soundex('ROBERT')).toBe('R163');
    expect(soundex('RUPERT')).toBe('R163');
    expect(soundex('RUBIN')).toBe('R150');
    expect(soundex('ASHCRAFT')).toBe('A261'); // S and C across H: coded once
    expect(soundex('TYMCZAK')).toBe('T522'); // C and Z adjacent: once; K after a vowel: again
    expect(soundex('PFISTER')).toBe('P236'); // F has P's digit, next to it: not coded
    expect(soundex('HONEYMAN')).toBe('H555');
  });
  it('gives names that sound alike one code', () => {
    expect(soundex('SMITH')).toBe('S530');
    expect(soundex('SMYTH')).toBe('S530');
    expect(soundex('OBRIEN')).toBe('O165');
    expect(soundex('OBRIAN')).toBe('O165');
    expect(soundex('JONES')).toBe('J520');
  });
  it('pads short names and is empty for nothing', () => {
    expect(soundex('LI')).toBe('L000');
    expect(soundex('')).toBe('');
  });
});
