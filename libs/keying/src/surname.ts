import { foldWords } from './fold';

/** Generational suffixes sometimes typed into the surname field (`Smith Jr.`): not part of the name. */
const SUFFIXES = new Set(['JR', 'SR', 'II', 'III', 'IV']);
/** Particles that are part of a surname but no surname on their own (`de la Cruz`, `van der Berg`). */
const PARTICLES = new Set(['DE', 'DEL', 'DELA', 'LA', 'LE', 'DA', 'DI', 'DO', 'DOS', 'DAS', 'VAN', 'VON', 'DER', 'DEN', 'TER', 'Y', 'E', 'ST', 'SAINT', 'BIN', 'BEN', 'AL', 'EL', 'MAC', 'MC']);

export interface Surname {
  /** The whole surname, words run together: `Smith-Jones`, `Smith Jones` and `SMITHJONES` all read `SMITHJONES`. */
  full: string;
  /**
   * Each word that can stand as a surname on its own, when the surname has more than one (`Smith-Jones` → `SMITH`,
   * `JONES`; `de la Cruz` → `CRUZ`): a person recorded once as `Smith-Jones` and once as `Jones` shares a tolerant key.
   */
  parts: string[];
}

/** A surname as the keys read it, or null when nothing of it is left (empty, or punctuation only). */
export function normaliseSurname(value: string): Surname | null {
  const words = foldWords(value);
  while (words.length > 1 && SUFFIXES.has(words[words.length - 1])) words.pop();
  if (words.length === 0) return null;
  const full = words.join('');
  const standalone = words.filter((w) => w.length >= 2 && !PARTICLES.has(w));
  const parts = standalone.length > 1 || (standalone.length === 1 && standalone[0] !== full) ? [...new Set(standalone)] : [];
  return { full, parts };
}
