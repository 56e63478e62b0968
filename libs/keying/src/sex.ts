import { foldWords } from './fold';

/** Sex as the keys read it: `M`, `F`, `X` (another recorded sex), or `U` (not recorded, or not understood). */
export type Sex = 'M' | 'F' | 'X' | 'U';

const VALUES: Record<string, Sex> = { M: 'M', MALE: 'M', MAN: 'M', F: 'F', FEMALE: 'F', WOMAN: 'F', X: 'X', NONBINARY: 'X', NB: 'X' };

export function normaliseSex(value: string): Sex {
  return VALUES[foldWords(value).join('')] ?? 'U';
}
