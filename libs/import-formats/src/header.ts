import { IMPORT_KINDS, KINDS, normaliseColumnName, type ImportKind } from './kinds';
import { isPiiColumn } from './pii';

export type HeaderProblemCode = 'empty' | 'pii' | 'duplicate' | 'wrong-kind' | 'missing';

export interface HeaderProblem {
  code: HeaderProblemCode;
  message: string;
  columns: string[];
}

/**
 * A header is the file's to choose, so what is kept of it is bounded (issue 13, Faults 5): the batch record keeps the
 * first 200 ignored column names, each cut to 100 characters, and the count of all of them; a refusal names at most
 * 20 columns and says how many more there are.
 */
export const MAX_IGNORED_COLUMNS_KEPT = 200;
export const MAX_COLUMN_NAME_KEPT = 100;
export const MAX_COLUMNS_NAMED = 20;

export interface HeaderAnalysis {
  /** Canonical column name -> index in the file. */
  columns: Map<string, number>;
  /** Columns that are kept nowhere: the first MAX_IGNORED_COLUMNS_KEPT, each cut to MAX_COLUMN_NAME_KEPT characters. */
  ignored: string[];
  /** How many columns are kept nowhere, all of them. */
  ignoredCount: number;
  /** Problems that refuse the whole file; empty when the header is usable. */
  problems: HeaderProblem[];
}

/** A column name as a record keeps it: at most MAX_COLUMN_NAME_KEPT characters (code points), `…` saying it was cut. */
function keptName(name: string): string {
  const chars = Array.from(name);
  return chars.length > MAX_COLUMN_NAME_KEPT ? `${chars.slice(0, MAX_COLUMN_NAME_KEPT - 1).join('')}…` : name;
}

/** Items of a message, at most MAX_COLUMNS_NAMED of them, then how many more. */
function namedList(items: readonly string[], separator: string): string {
  const shown = items.slice(0, MAX_COLUMNS_NAMED).join(separator);
  return items.length > MAX_COLUMNS_NAMED ? `${shown} and ${(items.length - MAX_COLUMNS_NAMED).toLocaleString('en-US')} more` : shown;
}

function kindMatchScore(kind: ImportKind, normalised: Set<string>): number {
  const required = KINDS[kind].columns.filter((c) => c.required);
  return required.filter((c) => normalised.has(normaliseColumnName(c.name))).length / required.length;
}

/** What a header looks like, when it is not the kind the user said. */
export function guessKind(header: readonly string[]): ImportKind | null {
  const normalised = new Set(header.map(normaliseColumnName));
  let best: ImportKind | null = null;
  let bestScore = 0;
  for (const kind of IMPORT_KINDS) {
    const score = kindMatchScore(kind, normalised);
    if (score > bestScore) [best, bestScore] = [kind, score];
  }
  return bestScore >= 0.6 ? best : null;
}

export function analyseHeader(kind: ImportKind, header: readonly string[]): HeaderAnalysis {
  const spec = KINDS[kind];
  const problems: HeaderProblem[] = [];
  const columns = new Map<string, number>();
  const ignored: string[] = [];

  let ignoredCount = 0;
  const ignore = (name: string) => {
    if (ignoredCount++ < MAX_IGNORED_COLUMNS_KEPT) ignored.push(keptName(name));
  };

  if (header.length === 0 || header.every((h) => h.trim() === '')) {
    return { columns, ignored, ignoredCount, problems: [{ code: 'empty', message: 'The file has no header row.', columns: [] }] };
  }

  const pii = header.filter(isPiiColumn);
  if (pii.length > 0) {
    problems.push({
      code: 'pii',
      message: `The file has columns that identify people (${namedList(pii.map((c) => `"${keptName(c)}"`), ', ')}). Nothing was stored. Remove them and load the file again: only pseudonymous person keys may be loaded.`,
      columns: pii,
    });
  }

  const byName = new Map(spec.columns.flatMap((c) => [c.name, ...(c.aliases ?? [])].map((n) => [normaliseColumnName(n), c.name] as const)));
  const seen = new Map<string, string>();
  const duplicates: string[] = [];
  header.forEach((raw, index) => {
    const n = normaliseColumnName(raw);
    if (n === '') {
      ignore(`(column ${index + 1}, no name)`);
      return;
    }
    if (seen.has(n)) {
      duplicates.push(`"${keptName(seen.get(n) as string)}" and "${keptName(raw.trim())}"`);
      return;
    }
    seen.set(n, raw.trim());
    const canonical = byName.get(n);
    if (canonical) columns.set(canonical, index);
    else if (!isPiiColumn(raw)) ignore(raw.trim());
  });
  if (duplicates.length > 0) {
    problems.push({ code: 'duplicate', message: `Columns appear twice: ${namedList(duplicates, '; ')}. Each column may appear once.`, columns: duplicates });
  }

  const missing = spec.columns.filter((c) => c.required && !columns.has(c.name)).map((c) => c.name);
  const groups = new Map<string, string[]>();
  for (const c of spec.columns) if (c.oneOf) groups.set(c.oneOf, [...(groups.get(c.oneOf) ?? []), c.name]);
  const missingGroups = [...groups.values()].filter((names) => !names.some((n) => columns.has(n)));

  if (missing.length > 0 || missingGroups.length > 0) {
    const guessed = guessKind(header);
    if (guessed && guessed !== kind) {
      problems.push({
        code: 'wrong-kind',
        message: `This looks like a file of ${KINDS[guessed].label} ("${guessed}"), not ${spec.label} ("${kind}"). Choose the right kind, or the right file.`,
        columns: [],
      });
    } else {
      const parts = [
        ...missing.map((m) => `"${m}"`),
        ...missingGroups.map((names) => `one of ${names.map((n) => `"${n}"`).join(' or ')}`),
      ];
      problems.push({ code: 'missing', message: `Required columns are missing: ${parts.join(', ')}.`, columns: missing });
    }
  }
  return { columns, ignored, ignoredCount, problems };
}
