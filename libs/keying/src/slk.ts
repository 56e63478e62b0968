import type { DateOfBirth } from './date-of-birth';
import type { Sex } from './sex';

/**
 * The statistical linkage key SLK-581 (Australian Institute of Health and Welfare): letters 2, 3 and 5 of the
 * surname, letters 2 and 3 of the given name, the date of birth as DDMMYYYY and sex as a digit (1 male, 2 female,
 * 3 another sex, 9 not stated). A letter the name is too short to have is `2`. Here it is read from the normalised
 * names (folded, nickname resolved), so punctuation, accents and nicknames do not change it; on its own it is weak
 * (a few letters and a date), which is why it is only ever sent keyed (docs/keying.md).
 */
export function slk581(surname: string, given: string, dob: DateOfBirth, sex: Sex): string {
  const at = (name: string, position: number) => name[position - 1] ?? '2';
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
  const sexDigit = sex === 'M' ? '1' : sex === 'F' ? '2' : sex === 'X' ? '3' : '9';
  return `${at(surname, 2)}${at(surname, 3)}${at(surname, 5)}${at(given, 2)}${at(given, 3)}${pad(dob.day)}${pad(dob.month)}${dob.year}${sexDigit}`;
}
