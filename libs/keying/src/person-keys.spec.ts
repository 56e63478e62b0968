import { parseDateOfBirth, type DateOfBirth } from './date-of-birth';
import { normaliseGivenName } from './given-name';
import { keyedHash } from './keyed-hash';
import { exactMessage, formatLinkKeys, personKeys, tolerantMessages, type Identity } from './person-keys';
import { normaliseSex } from './sex';
import { normaliseSurname } from './surname';

function identity(surname: string, given: string, dob: string, sex: string): Identity {
  const d = parseDateOfBirth(dob, 'MM/DD/YYYY');
  if (!d.ok) throw new Error(d.reason);
  return { surname: normaliseSurname(surname)!, given: normaliseGivenName(given)!, dob: d.date as DateOfBirth, sex: normaliseSex(sex) };
}

const hash = keyedHash('a-test-secret-that-is-long-enough-0123456789');
const keysOf = (id: Identity) => personKeys(id, hash);
/** The kinds two people share a tolerant key of (the contract's approximate link). */
function sharedKinds(a: Identity, b: Identity): string[] {
  const ka = new Set(keysOf(a).tolerant.map((k) => `${k.kind}:${k.hex}`));
  return [...new Set(keysOf(b).tolerant.filter((k) => ka.has(`${k.kind}:${k.hex}`)).map((k) => k.kind))].sort();
}
const sameExact = (a: Identity, b: Identity) => keysOf(a).exact === keysOf(b).exact;

describe('exactMessage', () => {
  it('is exact|SURNAME|GIVEN|YYYY-MM-DD|SEX of the normalised identity (contract)', () => {
    expect(exactMessage(identity("O'Brien", 'Bill James', '04/03/1990', 'male'))).toBe('exact|OBRIEN|WILLIAM|1990-04-03|M');
  });
});

describe('tolerantMessages', () => {
  it('reads only the first six letters of a long surname for the spelling keys', () => {
    const spellings = tolerantMessages(identity('Richardson', 'Ann', '05/20/1960', 'F')).filter(([, m]) => m.startsWith('spelling|'));
    expect(spellings.map(([, m]) => m.split('|')[1])).toEqual(['RICHAR', 'ICHAR', 'RCHAR', 'RIHAR', 'RICAR', 'RICHR', 'RICHA']);
  });
  it('lists the slk, sound and date messages of a hand-worked identity', () => {
    expect(tolerantMessages(identity('Smith', 'John', '04/03/1990', 'M'))).toEqual([
      ['slk', 'slk|MIHOH030419901|S'],
      ['slk', 'initial|SMITH|J|1990-04-03|M'],
      ['sound', 'sound|S530|J500|1990-04-03|M'],
      ['sound', 'spelling|SMITH|J500|1990-04-03|M'],
      ['sound', 'spelling|MITH|J500|1990-04-03|M'],
      ['sound', 'spelling|SITH|J500|1990-04-03|M'],
      ['sound', 'spelling|SMTH|J500|1990-04-03|M'],
      ['sound', 'spelling|SMIH|J500|1990-04-03|M'],
      ['sound', 'spelling|SMIT|J500|1990-04-03|M'],
      ['date', 'date|SMITH|JOHN|1990|03-04|M'],
    ]);
  });
});

describe('personKeys on the hard cases', () => {
  it('keys are 64 lowercase hex', () => {
    const k = keysOf(identity('Smith', 'John', '04/03/1990', 'M'));
    expect(k.exact).toMatch(/^[0-9a-f]{64}$/);
    for (const t of k.tolerant) expect(t.hex).toMatch(/^[0-9a-f]{64}$/);
  });
  it("O'Brien and OBRIEN: the same exact key", () => {
    expect(sameExact(identity("O'Brien", 'Mary', '01/02/1980', 'F'), identity('OBRIEN', 'MARY', '01/02/1980', 'F'))).toBe(true);
  });
  it('José and Jose: the same exact key', () => {
    expect(sameExact(identity('García', 'José', '07/15/1975', 'M'), identity('GARCIA', 'JOSE', '07/15/1975', 'M'))).toBe(true);
  });
  it('Smith-Jones and Smith Jones: the same exact key; Jones: a shared sound key', () => {
    const hyphen = identity('Smith-Jones', 'Anna', '06/30/1970', 'F');
    expect(sameExact(hyphen, identity('Smith Jones', 'Anna', '06/30/1970', 'F'))).toBe(true);
    const jones = identity('Jones', 'Anna', '06/30/1970', 'F');
    expect(sameExact(hyphen, jones)).toBe(false);
    expect(sharedKinds(hyphen, jones)).toEqual(['sound']);
  });
  it('Bill and William: the same exact key', () => {
    expect(sameExact(identity('Smith', 'Bill', '04/03/1990', 'M'), identity('Smith', 'William', '04/03/1990', 'M'))).toBe(true);
  });
  it('03/04 and 04/03: a shared date key, nothing else', () => {
    const a = identity('Smith', 'John', '03/04/1990', 'M');
    const b = identity('Smith', 'John', '04/03/1990', 'M');
    expect(sameExact(a, b)).toBe(false);
    expect(sharedKinds(a, b)).toEqual(['date']);
  });
  it('Mary Ann and Mary: the same exact key', () => {
    expect(sameExact(identity('Lee', 'Mary Ann', '12/25/1985', 'F'), identity('Lee', 'Mary', '12/25/1985', 'F'))).toBe(true);
  });
  it('a typo in the surname, even its first letter: a shared sound key', () => {
    expect(sharedKinds(identity('Johnson', 'Anna', '06/30/1970', 'F'), identity('Jonhson', 'Anna', '06/30/1970', 'F'))).toContain('sound');
    // GOHNSON: Soundex G525 against J525, the SLK's first letter and the whole surname differ; the spelling OHNSO
    // (of the first six letters, JOHNSO / GOHNSO) is shared with ANNA's Soundex A500.
    expect(sharedKinds(identity('Johnson', 'Anna', '06/30/1970', 'F'), identity('Gohnson', 'Anna', '06/30/1970', 'F'))).toEqual(['sound']);
    // A typo past the sixth letter: JOHNSON/JOHNSEN share the spelling JOHNSO and the SLK (O, H, S; N, N).
    expect(sharedKinds(identity('Johnson', 'Anna', '06/30/1970', 'F'), identity('Johnsen', 'Anna', '06/30/1970', 'F'))).toEqual(['slk', 'sound']);
  });
  it('a typo in the given name after its first letter: a shared slk key', () => {
    // LETICIA/LETICA: SLK letters 2, 3 (E, T), the initial and Soundex (L320) alike.
    expect(sharedKinds(identity('Johnson', 'Leticia', '06/30/1970', 'F'), identity('Johnson', 'Letica', '06/30/1970', 'F'))).toEqual(['slk', 'sound']);
    // LETICIA/LXTICIA: SLK letters E, T / X, T and Soundex L320 / L232 differ; the surname with the initial L is shared.
    expect(sharedKinds(identity('Johnson', 'Leticia', '06/30/1970', 'F'), identity('Johnson', 'Lxticia', '06/30/1970', 'F'))).toEqual(['slk']);
    expect(sharedKinds(identity('Johnson', 'Darren', '06/30/1970', 'M'), identity('Johnson', 'Daren', '06/30/1970', 'M'))).toEqual(['slk', 'sound']);
  });
  it('different people share nothing: another surname, another date, another sex', () => {
    const a = identity('Smith', 'John', '04/03/1990', 'M');
    for (const b of [identity('Jones', 'John', '04/03/1990', 'M'), identity('Smith', 'John', '04/05/1990', 'M'), identity('Smith', 'John', '04/03/1990', 'F')]) {
      expect(sameExact(a, b)).toBe(false);
      expect(sharedKinds(a, b)).toEqual([]);
    }
  });
  it('a different secret gives different keys', () => {
    const id = identity('Smith', 'John', '04/03/1990', 'M');
    expect(personKeys(id, keyedHash('another-secret-that-is-long-enough-987654')).exact).not.toBe(keysOf(id).exact);
  });
});

describe('formatLinkKeys', () => {
  it('joins kind:hex items with ; and drops repeats', () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    expect(formatLinkKeys([{ kind: 'slk', hex: a }, { kind: 'sound', hex: b }, { kind: 'sound', hex: b }])).toBe(`slk:${a};sound:${b}`);
    expect(formatLinkKeys([])).toBe('');
  });
});
