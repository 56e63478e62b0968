import { normaliseGivenName } from './given-name';

describe('normaliseGivenName', () => {
  it('keeps the first given name only: Mary Ann and Mary key alike', () => {
    expect(normaliseGivenName('Mary Ann')).toEqual({ first: 'MARY', written: 'MARY' });
    expect(normaliseGivenName('Mary')).toEqual({ first: 'MARY', written: 'MARY' });
    expect(normaliseGivenName('mary-ann')).toEqual({ first: 'MARY', written: 'MARY' });
  });
  it('resolves nicknames: Bill and William key alike', () => {
    expect(normaliseGivenName('Bill')).toEqual({ first: 'WILLIAM', written: 'BILL' });
    expect(normaliseGivenName('WILLIAM')).toEqual({ first: 'WILLIAM', written: 'WILLIAM' });
  });
  it('drops accents and titles', () => {
    expect(normaliseGivenName('José Luis')).toEqual({ first: 'JOSE', written: 'JOSE' });
    expect(normaliseGivenName('Mr. John')).toEqual({ first: 'JOHN', written: 'JOHN' });
  });
  it('is null when nothing is left', () => {
    expect(normaliseGivenName('')).toBeNull();
    expect(normaliseGivenName('Mr.')).toBeNull();
  });
});
