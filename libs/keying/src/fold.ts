/**
 * The first step of every name: letters A-Z only, upper case, in words.
 *
 * - Accents and other marks are dropped (`José` → `JOSE`), after Unicode compatibility folding (full-width letters).
 * - Letters that do not decompose are spelled as English records spell them: `ß` → `SS`, `Æ` → `AE`, `Ø` → `O`,
 *   `Œ` → `OE`, `Ł` → `L`, `Đ` → `D`, `Þ` → `TH`, dotless `ı` → `I`.
 * - Apostrophes join (`O'Brien` → `OBRIEN`, as a record typed without the apostrophe reads); every other character
 *   that is not a letter (hyphens, dots, commas, digits, spaces) separates words (`Smith-Jones` → `SMITH`, `JONES`).
 */
const SPELLED: Record<string, string> = { ß: 'SS', ẞ: 'SS', Æ: 'AE', æ: 'AE', Ø: 'O', ø: 'O', Œ: 'OE', œ: 'OE', Ł: 'L', ł: 'L', Đ: 'D', đ: 'D', Þ: 'TH', þ: 'TH', ı: 'I' };
const APOSTROPHES = /['’‘`´ʼ]/g;
const SPECIAL = /[ßẞÆæØøŒœŁłĐđÞþı]/g;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function foldWords(value: string): string[] {
  // Most values are plain ASCII: nothing to decompose or spell out.
  const folded = (PRINTABLE_ASCII.test(value) ? value.replace(APOSTROPHES, '') : accentsFolded(value))
    .toUpperCase()
    .replace(/[^A-Z]+/g, ' ')
    .trim();
  return folded === '' ? [] : folded.split(' ');
}

function accentsFolded(value: string): string {
  return value
    .replace(APOSTROPHES, '')
    .replace(SPECIAL, (c) => SPELLED[c])
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
}
