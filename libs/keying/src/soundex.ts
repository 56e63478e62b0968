/**
 * American Soundex (the US National Archives' rules) of a folded name (`A`-`Z` only): the first letter, then up to
 * three digits for the consonants that follow, so names that sound alike share a code (`SMITH`, `SMYTH` → `S530`).
 *
 * B F P V → 1; C G J K Q S X Z → 2; D T → 3; L → 4; M N → 5; R → 6. Vowels (and Y) are dropped but separate two
 * consonants of the same digit, which are then both coded; H and W are dropped and do not separate them. Two
 * adjacent letters of the same digit (the first letter included) are coded once. Padded with zeros.
 */
const DIGIT: Record<string, string> = {};
for (const [letters, digit] of [
  ['BFPV', '1'],
  ['CGJKQSXZ', '2'],
  ['DT', '3'],
  ['L', '4'],
  ['MN', '5'],
  ['R', '6'],
] as const) {
  for (const c of letters) DIGIT[c] = digit;
}

export function soundex(folded: string): string {
  if (folded === '') return '';
  let code = folded[0];
  let last = DIGIT[folded[0]] ?? '';
  for (let i = 1; i < folded.length && code.length < 4; i++) {
    const c = folded[i];
    const digit = DIGIT[c];
    if (digit) {
      if (digit !== last) code += digit;
      last = digit;
    } else if (c !== 'H' && c !== 'W') {
      last = ''; // a vowel separates
    }
  }
  return code.padEnd(4, '0');
}
