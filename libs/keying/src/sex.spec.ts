import { normaliseSex } from './sex';

describe('normaliseSex', () => {
  it('reads the usual codes and words', () => {
    expect(normaliseSex('M')).toBe('M');
    expect(normaliseSex(' male ')).toBe('M');
    expect(normaliseSex('F')).toBe('F');
    expect(normaliseSex('Female')).toBe('F');
    expect(normaliseSex('Non-binary')).toBe('X');
  });
  it('is U when not recorded or not understood', () => {
    expect(normaliseSex('')).toBe('U');
    expect(normaliseSex('unknown')).toBe('U');
    expect(normaliseSex('9')).toBe('U');
  });
});
