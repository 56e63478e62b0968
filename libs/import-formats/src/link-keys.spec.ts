import { linkKindsOf, parsePersonLinkKeys, PERSON_LINK_KEY_KINDS } from './link-keys';

// Hand-written 64-hex values.
const A = 'a'.repeat(64);
const B = '0123456789abcdef'.repeat(4);
const C = 'f'.repeat(63) + '0';

describe('PERSON_LINK_KEY_KINDS', () => {
  it('are exactly slk, sound and date, as the contract names them', () => {
    expect(PERSON_LINK_KEY_KINDS).toEqual(['slk', 'sound', 'date']);
  });
});

describe('parsePersonLinkKeys', () => {
  it('reads an empty cell as no keys', () => {
    expect(parsePersonLinkKeys('')).toEqual({ ok: true, keys: [] });
  });

  it('reads one item', () => {
    expect(parsePersonLinkKeys(`slk:${A}`)).toEqual({ ok: true, keys: [`slk:${A}`] });
  });

  it('reads three kinds and sorts them (date, slk, sound)', () => {
    expect(parsePersonLinkKeys(`slk:${A};sound:${B};date:${C}`)).toEqual({ ok: true, keys: [`date:${C}`, `slk:${A}`, `sound:${B}`] });
  });

  it('keeps two keys of one kind (two spellings of a surname)', () => {
    expect(parsePersonLinkKeys(`sound:${B};sound:${A}`)).toEqual({ ok: true, keys: [`sound:${B}`, `sound:${A}`] });
  });

  it('collapses a key given twice', () => {
    expect(parsePersonLinkKeys(`slk:${A};slk:${A}`)).toEqual({ ok: true, keys: [`slk:${A}`] });
  });

  it('writes upper-case hex in lower case (one key, one spelling)', () => {
    expect(parsePersonLinkKeys(`slk:${'A'.repeat(64)}`)).toEqual({ ok: true, keys: [`slk:${A}`] });
  });

  it('refuses an unknown kind, naming the item by its place', () => {
    expect(parsePersonLinkKeys(`slk:${A};nysiis:${B}`)).toEqual({ ok: false, reason: 'Person Link Keys: the 2nd item is not of a known kind (one of: slk, sound, date, then a colon)' });
  });

  it('refuses a kind in capitals', () => {
    expect(parsePersonLinkKeys(`SLK:${A}`)).toEqual({ ok: false, reason: 'Person Link Keys: the 1st item is not of a known kind (one of: slk, sound, date, then a colon)' });
  });

  it('refuses an item without a colon', () => {
    expect(parsePersonLinkKeys(A)).toEqual({ ok: false, reason: 'Person Link Keys: the 1st item is not of a known kind (one of: slk, sound, date, then a colon)' });
  });

  it('refuses 63 hex digits', () => {
    expect(parsePersonLinkKeys(`sound:${A.slice(1)}`)).toEqual({ ok: false, reason: 'Person Link Keys: the 1st item (sound) is not 64 hex digits after the colon' });
  });

  it('refuses a letter that is not hex', () => {
    expect(parsePersonLinkKeys(`date:${'g' + A.slice(1)}`)).toEqual({ ok: false, reason: 'Person Link Keys: the 1st item (date) is not 64 hex digits after the colon' });
  });

  it('refuses a space after the separator', () => {
    expect(parsePersonLinkKeys(`slk:${A}; sound:${B}`)).toEqual({ ok: false, reason: 'Person Link Keys has a space in it (write kind:key items separated by ; with no spaces)' });
  });

  it('refuses a trailing separator (an empty item)', () => {
    expect(parsePersonLinkKeys(`slk:${A};`)).toEqual({ ok: false, reason: 'Person Link Keys has an empty 2nd item (write kind:key items separated by ;, with none empty)' });
  });

  it('names the column it is given', () => {
    expect(parsePersonLinkKeys('x', 'person_link_keys')).toEqual({ ok: false, reason: 'person_link_keys: the 1st item is not of a known kind (one of: slk, sound, date, then a colon)' });
  });
});

describe('linkKindsOf', () => {
  it('lists the kinds once each, in the contract order', () => {
    expect(linkKindsOf([`sound:${A}`, `slk:${B}`, `sound:${B}`])).toEqual(['slk', 'sound']);
  });

  it('is empty for no keys', () => {
    expect(linkKindsOf([])).toEqual([]);
  });
});
