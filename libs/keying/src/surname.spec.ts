import { normaliseSurname } from './surname';

describe('normaliseSurname', () => {
  it('reads O\'Brien and OBRIEN alike', () => {
    expect(normaliseSurname("O'Brien")).toEqual({ full: 'OBRIEN', parts: [] });
    expect(normaliseSurname('OBRIEN')).toEqual({ full: 'OBRIEN', parts: [] });
  });
  it('runs hyphenated and spaced compound surnames together, and keeps their words as parts', () => {
    expect(normaliseSurname('Smith-Jones')).toEqual({ full: 'SMITHJONES', parts: ['SMITH', 'JONES'] });
    expect(normaliseSurname('smith jones')).toEqual({ full: 'SMITHJONES', parts: ['SMITH', 'JONES'] });
    expect(normaliseSurname('Jones')).toEqual({ full: 'JONES', parts: [] });
  });
  it('drops accents', () => {
    expect(normaliseSurname('Hernández')).toEqual({ full: 'HERNANDEZ', parts: [] });
  });
  it('keeps particles in the whole surname but not as parts', () => {
    expect(normaliseSurname('de la Cruz')).toEqual({ full: 'DELACRUZ', parts: ['CRUZ'] });
    expect(normaliseSurname('Van Der Berg')).toEqual({ full: 'VANDERBERG', parts: ['BERG'] });
  });
  it('drops a generational suffix', () => {
    expect(normaliseSurname('Smith Jr.')).toEqual({ full: 'SMITH', parts: [] });
    expect(normaliseSurname('Smith III')).toEqual({ full: 'SMITH', parts: [] });
  });
  it('is null when nothing is left', () => {
    expect(normaliseSurname('')).toBeNull();
    expect(normaliseSurname(' -- ')).toBeNull();
  });
});
