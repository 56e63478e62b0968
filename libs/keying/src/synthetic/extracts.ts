/**
 * Synthetic agency extracts for measuring the keys (docs/synthetic-data.md, "Agency extracts"): a population of
 * people with names drawn by census frequency, the police, arrest and DA extracts that name them as each agency
 * would (its own columns, date format and letter case), with errors of data entry at documented rates, and the
 * truth (which rows are the same person). Pure: names come in as ranked lists, lines go out through generators.
 */
import { Rng } from '@sra/synthetic';
import { nicknamesOf } from '../nicknames';

/** Name lists, most frequent first, lower case a-z (zxcvbn's census lists: see `censusNameLists` in the kit app). */
export interface NameLists {
  surnames: readonly string[];
  male: readonly string[];
  female: readonly string[];
}

/**
 * The share of the most frequent name in each list, from the US Census Bureau's 1990 name files (SMITH 1.006% of
 * surnames, JAMES 3.318% of male first names, MARY 2.629% of female first names). The lists carry ranks only; each
 * name's weight is 1 / (rank + q), q fitted so the top name has this share (a Zipf-Mandelbrot law).
 */
export const TOP_NAME_SHARES = { surnames: 0.01006, male: 0.03318, female: 0.02629 } as const;

/** Errors of data entry, each the chance that one record of a person shows it (docs/synthetic-data.md). */
export interface ErrorRates {
  /** One letter of the surname substituted, dropped or added. */
  surnameTypo: number;
  /** One letter of the first given name substituted, dropped or added. */
  givenTypo: number;
  /** Two adjacent letters of the surname or the given name swapped. */
  transposition: number;
  /** A common nickname written for the given name (`Bill` for William), when the name has one. */
  nickname: number;
  /** Day and month of the date of birth swapped, when both are 12 or less and differ. */
  dayMonthSwap: number;
  /** A person's middle name left out. */
  middleNameDropped: number;
  /** A middle name written for a person recorded elsewhere without one. */
  middleNameAdded: number;
  /** The surname changed: half of these a new surname (marriage), half double-barrelled (`Smith-Jones`). */
  surnameChange: number;
}

export const DEFAULT_ERROR_RATES: ErrorRates = {
  surnameTypo: 0.015,
  givenTypo: 0.015,
  transposition: 0.005,
  nickname: 0.05,
  dayMonthSwap: 0.01,
  middleNameDropped: 0.1,
  middleNameAdded: 0.02,
  surnameChange: 0.002,
};

export interface ExtractOptions {
  seed: string;
  persons: number;
  police: number;
  arrests: number;
  da: number;
  rates: ErrorRates;
}

export const DEFAULT_EXTRACT_OPTIONS: ExtractOptions = { seed: 'keying', persons: 100_000, police: 200_000, arrests: 50_000, da: 30_000, rates: DEFAULT_ERROR_RATES };

export const EXTRACT_FILES = ['police-incident-persons', 'arrests', 'da-decisions'] as const;
export type ExtractFile = (typeof EXTRACT_FILES)[number];

/** The kit config for each extract (the same ones docs/keying.md shows). */
export const EXTRACT_CONFIGS: Record<ExtractFile, object> = {
  'police-incident-persons': {
    kind: 'incident-persons',
    identity: { surname: 'LAST_NAME', givenNames: 'FIRST_NAME', dateOfBirth: 'DOB', dateFormat: 'MM/DD/YYYY', sex: 'SEX' },
    columns: { 'Incident Number': 'INCIDENT_NO', 'Incident ID': 'REPORT_ID', 'Person Role': 'ROLE', 'Role Recorded Datetime': 'RECORDED_AT' },
  },
  arrests: {
    kind: 'arrests',
    identity: { surname: 'SURNAME', givenNames: 'GIVEN_NAMES', dateOfBirth: 'BIRTH_DATE', dateFormat: 'YYYY-MM-DD', sex: 'GENDER' },
    columns: { arrest_id: 'ARREST_ID', incident_number: 'INCIDENT_NO', arrest_date: 'ARREST_DATE', arresting_agency: 'AGENCY', custody_type: 'CUSTODY', list_of_booked_charges: 'CHARGES' },
  },
  'da-decisions': {
    kind: 'da-decisions',
    identity: { surname: 'DEF_LAST', givenNames: 'DEF_FIRST', dateOfBirth: 'DEF_DOB', dateFormat: 'MM/DD/YYYY', sex: 'DEF_SEX' },
    columns: { decision_id: 'DECISION_ID', incident_number: 'INCIDENT_NO', da_action_taken: 'ACTION', action_date: 'ACTION_DATE', arrest_id: 'ARREST_ID', list_of_filed_charges: 'CHARGES' },
  },
};

const HEADERS: Record<ExtractFile, string> = {
  'police-incident-persons': 'INCIDENT_NO,REPORT_ID,ROLE,RECORDED_AT,LAST_NAME,FIRST_NAME,MIDDLE_NAME,DOB,SEX',
  arrests: 'ARREST_ID,INCIDENT_NO,ARREST_DATE,AGENCY,CUSTODY,CHARGES,SURNAME,GIVEN_NAMES,BIRTH_DATE,GENDER',
  'da-decisions': 'DECISION_ID,INCIDENT_NO,ACTION,ACTION_DATE,ARREST_ID,CHARGES,DEF_LAST,DEF_FIRST,DEF_DOB,DEF_SEX',
};

/** Weighted sampling from a ranked list: weight 1 / (rank + q), q fitted to the top name's share. */
export class RankedNames {
  private readonly cumulative: Float64Array;

  constructor(
    readonly names: readonly string[],
    topShare: number,
  ) {
    const q = fitOffset(names.length, topShare);
    this.cumulative = new Float64Array(names.length);
    let sum = 0;
    for (let r = 1; r <= names.length; r++) this.cumulative[r - 1] = sum += 1 / (r + q);
  }

  /** The share of the name at a 1-based rank. */
  share(rank: number): number {
    const c = this.cumulative;
    return (c[rank - 1] - (rank > 1 ? c[rank - 2] : 0)) / c[c.length - 1];
  }

  pick(rng: Rng): string {
    const c = this.cumulative;
    const x = rng.next() * c[c.length - 1];
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.names[lo];
  }
}

/** q such that 1/(1+q) / Σ 1/(r+q) = share (bisection: the top share falls as q grows). */
function fitOffset(n: number, share: number): number {
  const top = (q: number) => {
    let sum = 0;
    for (let r = 1; r <= n; r++) sum += 1 / (r + q);
    return 1 / (1 + q) / sum;
  };
  let lo = -0.99;
  let hi = 1000;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (top(mid) > share) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

interface Person {
  surname: string;
  given: string;
  middle: string | null;
  sex: 'M' | 'F';
  year: number;
  month: number;
  day: number;
}

/** Written with an apostrophe by some agencies (`O'Brien`), without by others. */
const APOSTROPHE = new Set(['obrien', 'oconnor', 'oconnell', 'odonnell', 'oneal', 'oneil', 'oneill', 'ohara', 'orourke', 'okeefe', 'oleary', 'omalley', 'oshea', 'osullivan', 'otoole', 'odell', 'ogrady', 'obryan', 'odonnel', 'oconner']);
/** Written with their accents by some agencies (`José`, `García`), without by others. */
const ACCENTED: Record<string, string> = {
  jose: 'josé', maria: 'maría', jesus: 'jesús', angel: 'ángel', ramon: 'ramón', ruben: 'rubén', andres: 'andrés', raul: 'raúl', ines: 'inés',
  garcia: 'garcía', rodriguez: 'rodríguez', martinez: 'martínez', hernandez: 'hernández', lopez: 'lópez', gonzalez: 'gonzález', perez: 'pérez',
  sanchez: 'sánchez', ramirez: 'ramírez', gomez: 'gómez', diaz: 'díaz', jimenez: 'jiménez', alvarez: 'álvarez', fernandez: 'fernández', munoz: 'muñoz',
};

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
const title = (s: string) => s.replace(/(^|[\s'-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());

export class ExtractGenerator {
  private readonly persons: Person[] = [];
  private readonly surnames: RankedNames;
  private readonly male: RankedNames;
  private readonly female: RankedNames;
  /** The person of each arrest, for the DA's decisions on them. */
  private arrestPersons: Int32Array | null = null;

  constructor(
    names: NameLists,
    readonly options: ExtractOptions,
  ) {
    this.surnames = new RankedNames(names.surnames, TOP_NAME_SHARES.surnames);
    this.male = new RankedNames(names.male, TOP_NAME_SHARES.male);
    this.female = new RankedNames(names.female, TOP_NAME_SHARES.female);
    const rng = new Rng(`${options.seed}:persons`);
    for (let i = 0; i < options.persons; i++) {
      const sex = rng.chance(0.5) ? 'M' : 'F';
      const list = sex === 'M' ? this.male : this.female;
      const given = list.pick(rng);
      let middle: string | null = null;
      if (rng.chance(0.6)) {
        middle = list.pick(rng);
        if (middle === given) middle = null;
      }
      const year = rng.between(1950, 2006);
      const month = rng.between(1, 12);
      const day = rng.between(1, month === 2 ? (year % 4 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);
      this.persons.push({ surname: this.surnames.pick(rng), given, middle, sex, year, month, day });
    }
  }

  /** The extract's lines (header first), each ending in a line feed, and the truth's lines (`id,person`). */
  *lines(file: ExtractFile): Generator<{ extract: string; truth: string | null }> {
    const { options } = this;
    const rng = new Rng(`${options.seed}:${file}`);
    yield { extract: `${HEADERS[file]}\n`, truth: 'id,person\n' };
    if (file === 'police-incident-persons') {
      const roles = ['victim', 'victim', 'witness', 'reporting party', 'suspect'];
      for (let i = 0; i < options.police; i++) {
        const p = rng.int(this.persons.length);
        const r = this.render(this.persons[p], rng);
        const id = String(240000000 + i);
        const recorded = `2024-${pad(rng.between(1, 12))}-${pad(rng.between(1, 28))} ${pad(rng.between(0, 23))}:${pad(rng.between(0, 59))}:00`;
        const middle = r.middle ?? '';
        yield {
          extract: `${id},${rng.between(1000000, 9999999)},${rng.pick(roles)},${recorded},${r.surname.toUpperCase()},${r.given.toUpperCase()},${middle.toUpperCase()},${pad(r.month)}/${pad(r.day)}/${r.year},${r.sex}\n`,
          truth: `${id},${p}\n`,
        };
      }
    } else if (file === 'arrests') {
      this.arrestPersons = new Int32Array(options.arrests);
      for (let i = 0; i < options.arrests; i++) {
        const p = rng.int(this.persons.length);
        this.arrestPersons[i] = p;
        const r = this.render(this.persons[p], rng);
        const id = `A${100000 + i}`;
        const given = title(r.middle ? `${r.given} ${r.middle}` : r.given);
        const cell = (s: string) => (s.includes(',') ? `"${s}"` : s);
        yield {
          extract: `${id},${240000000 + rng.int(Math.max(1, options.police))},2024-${pad(rng.between(1, 12))}-${pad(rng.between(1, 28))},SFPD,${rng.chance(0.7) ? 'booked' : 'cited'},647B,${cell(title(r.surname))},${cell(given)},${r.year}-${pad(r.month)}-${pad(r.day)},${r.sex === 'M' ? 'MALE' : 'FEMALE'}\n`,
          truth: `${id},${p}\n`,
        };
      }
    } else {
      const actions = ['Charged', 'Rejected', 'Discharged'];
      for (let i = 0; i < options.da; i++) {
        // Most decisions are on arrests (the same people); some on people cited or referred without one here.
        const arrested = this.arrestPersons;
        const arrest = arrested && arrested.length > 0 && rng.chance(0.7) ? rng.int(arrested.length) : -1;
        const p = arrested && arrest >= 0 ? arrested[arrest] : rng.int(this.persons.length);
        const r = this.render(this.persons[p], rng);
        const id = `D${100000 + i}`;
        const action = rng.pick(actions);
        const style = rng.int(3);
        const cased = (s: string) => (style === 0 ? s.toUpperCase() : style === 1 ? title(s) : s);
        const given = cased(r.middle ? `${r.given} ${r.middle}` : r.given);
        yield {
          extract: `${id},${240000000 + rng.int(Math.max(1, options.police))},${action},2024-${pad(rng.between(1, 12))}-${pad(rng.between(1, 28))},${arrest >= 0 ? `A${100000 + arrest}` : ''},${action === 'Charged' ? '647B/M/0' : ''},${cased(r.surname)},${given},${pad(r.month)}/${pad(r.day)}/${r.year},${r.sex}\n`,
          truth: `${id},${p}\n`,
        };
      }
    }
  }

  /** One record of a person: spelled as this agency did this time, errors of data entry included. */
  private render(person: Person, rng: Rng): { surname: string; given: string; middle: string | null; sex: 'M' | 'F'; year: number; month: number; day: number } {
    const rates = this.options.rates;
    let surname = person.surname;
    if (rng.chance(rates.surnameChange)) {
      const other = this.surnames.pick(rng);
      surname = rng.chance(0.5) ? other : `${surname}-${other}`;
    }
    let given = person.given;
    if (rng.chance(rates.nickname)) {
      const nicks = nicknamesOf(given.toUpperCase());
      if (nicks.length > 0) given = rng.pick(nicks).toLowerCase();
    }
    if (rng.chance(rates.surnameTypo)) surname = typo(surname, rng);
    if (rng.chance(rates.givenTypo)) given = typo(given, rng);
    if (rng.chance(rates.transposition)) {
      if (rng.chance(0.5)) surname = transpose(surname, rng);
      else given = transpose(given, rng);
    }
    let middle = person.middle;
    if (middle !== null && rng.chance(rates.middleNameDropped)) middle = null;
    else if (middle === null && rng.chance(rates.middleNameAdded)) middle = (person.sex === 'M' ? this.male : this.female).pick(rng);
    let { month, day } = person;
    if (day <= 12 && day !== month && rng.chance(rates.dayMonthSwap)) [month, day] = [day, month];
    // Formatting that is no error: apostrophes and accents, written by some records and not others.
    if (APOSTROPHE.has(surname) && rng.chance(0.6)) surname = `o'${surname.slice(1)}`;
    if (ACCENTED[surname] && rng.chance(0.5)) surname = ACCENTED[surname];
    if (ACCENTED[given] && rng.chance(0.5)) given = ACCENTED[given];
    return { surname, given, middle, sex: person.sex, year: person.year, month, day };
  }
}

/** One letter substituted (half the time), dropped or added, at a random place. */
export function typo(name: string, rng: Rng): string {
  const i = rng.int(name.length);
  const op = rng.next();
  const letter = LETTERS[rng.int(26)];
  if (op < 0.5) return name.slice(0, i) + (letter === name[i] ? LETTERS[(LETTERS.indexOf(letter) + 1) % 26] : letter) + name.slice(i + 1);
  if (op < 0.75 && name.length > 2) return name.slice(0, i) + name.slice(i + 1);
  return name.slice(0, i) + letter + name.slice(i);
}

/** Two adjacent letters swapped. */
export function transpose(name: string, rng: Rng): string {
  if (name.length < 2) return name;
  const i = rng.int(name.length - 1);
  return name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
}
