import { PERSON_LINK_KEY_KINDS, type PersonLinkKeyKind } from '@sra/import-formats';
import { isoDate, swapTolerantDate, type DateOfBirth } from './date-of-birth';
import type { GivenName } from './given-name';
import type { KeyedHash } from './keyed-hash';
import type { Sex } from './sex';
import { slk581 } from './slk';
import { soundex } from './soundex';
import { oneLetterOut } from './spelling';
import type { Surname } from './surname';

/** The kinds of tolerant key: exactly those the server reads (libs/import-formats, the `Person Link Keys` column). */
export const LINK_KEY_KINDS = PERSON_LINK_KEY_KINDS;
export type LinkKeyKind = PersonLinkKeyKind;

export interface Identity {
  surname: Surname;
  given: GivenName;
  dob: DateOfBirth;
  sex: Sex;
}

export interface LinkKey {
  kind: LinkKeyKind;
  hex: string;
}

/** How many of the surname's first letters the spelling keys read. */
export const SPELLING_LETTERS = 6;

/** What is hashed for the exact key (contract): `exact|SURNAME|GIVEN|YYYY-MM-DD|SEX`. */
export function exactMessage(id: Identity): string {
  return `exact|${id.surname.full}|${id.given.first}|${isoDate(id.dob)}|${id.sex}`;
}

/**
 * What is hashed for each tolerant key (docs/keying.md, "The tolerant keys"), unkeyed. Never written anywhere: only
 * their keyed hashes leave `personKeys`. Each message starts with its own label, so keys never collide across kinds.
 *
 * - `slk`: names partly, the date and sex in full.
 *   - SLK-581 of the normalised names (surname letters 2, 3, 5; given 2, 3; date; sex) with the surname's first
 *     letter: SLK-581 alone links too many strangers, and a typo in that first letter is caught by the spelling keys.
 *   - The whole surname with the given name's initial: a typo anywhere in the given name after its first letter.
 * - `sound`: surnames that sound or are spelled alike.
 *   - Soundex of the surname with Soundex of the first given name, the date and sex; one for the whole surname and
 *     one for each of its parts (`Smith-Jones` → `SMITHJONES`, `SMITH`, `JONES`).
 *   - The surname's first six letters and each spelling of them with one letter left out (`oneLetterOut`), with
 *     Soundex of the given name, the date and sex: a typo anywhere in the surname, its first letter included, leaves
 *     one of them shared (past six letters the typo does not reach them; a letter added or dropped among the six is
 *     still one letter out of six).
 * - `date`: the whole names, sex, the year and the day and month as an unordered pair; only for dates that could
 *   have been swapped (day and month both 12 or less, and not equal).
 */
export function tolerantMessages(id: Identity): Array<[LinkKeyKind, string]> {
  const out: Array<[LinkKeyKind, string]> = [];
  const date = isoDate(id.dob);
  const surname = id.surname.full;
  const given = id.given.first;
  out.push(['slk', `slk|${slk581(surname, given, id.dob, id.sex)}|${surname[0]}`]);
  out.push(['slk', `initial|${surname}|${given[0]}|${date}|${id.sex}`]);
  const givenSound = soundex(given);
  const sounds = new Set([surname, ...id.surname.parts].map(soundex));
  for (const s of sounds) out.push(['sound', `sound|${s}|${givenSound}|${date}|${id.sex}`]);
  for (const spelling of oneLetterOut(surname.slice(0, SPELLING_LETTERS))) out.push(['sound', `spelling|${spelling}|${givenSound}|${date}|${id.sex}`]);
  const swapped = swapTolerantDate(id.dob);
  if (swapped) out.push(['date', `date|${surname}|${given}|${swapped}|${id.sex}`]);
  return out;
}

export interface PersonKeys {
  /** The exact key: 64 lowercase hex. */
  exact: string;
  tolerant: LinkKey[];
}

export function personKeys(id: Identity, hash: KeyedHash): PersonKeys {
  return {
    exact: hash(exactMessage(id)),
    tolerant: tolerantMessages(id).map(([kind, message]) => ({ kind, hex: hash(message) })),
  };
}

/** The `Person Link Keys` / `person_link_keys` cell (contract): `kind:hex` items joined by `;`, no spaces, no repeats. */
export function formatLinkKeys(keys: readonly LinkKey[]): string {
  const items: string[] = [];
  for (const k of keys) {
    const item = `${k.kind}:${k.hex}`;
    if (!items.includes(item)) items.push(item);
  }
  return items.join(';');
}
