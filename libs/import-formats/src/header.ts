import { IMPORT_KINDS, KINDS, normaliseColumnName, type ImportKind } from './kinds';
import { datasetOfRow, looksLikeData, recogniseDataset } from './known-datasets';
import { isPiiColumn } from './pii';
import { storedFileColumns } from './row-rules';

export type HeaderProblemCode = 'empty' | 'known-dataset' | 'no-header' | 'pii' | 'duplicate' | 'wrong-kind' | 'missing';

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

/** Each kind's declared columns (names and aliases, normalised) to the spec name. */
function declaredColumns(kind: ImportKind): Map<string, string> {
  return new Map(KINDS[kind].columns.flatMap((c) => [c.name, ...(c.aliases ?? [])].map((n) => [normaliseColumnName(n), c.name] as const)));
}

export interface KindResemblance {
  kind: ImportKind;
  /** The header's columns that are columns of the kind (spec names). */
  shared: string[];
  /** The kind's required columns (and one-of groups) the header lacks. */
  needed: string[];
}

/** The kind whose columns a header shares most of (ties: the larger share of the kind's required columns), or null when it shares none. */
export function nearestKind(header: readonly string[]): KindResemblance | null {
  const names = new Set(header.map(normaliseColumnName));
  let best: KindResemblance | null = null;
  let bestScore = 0;
  for (const kind of IMPORT_KINDS) {
    const declared = declaredColumns(kind);
    const shared = [...new Set([...names].map((n) => declared.get(n)).filter((c): c is string => c !== undefined))];
    if (shared.length === 0) continue;
    const score = shared.length + kindMatchScore(kind, names) / 2;
    if (score > bestScore) {
      bestScore = score;
      best = { kind, shared, needed: neededColumns(kind, new Set(shared)) };
    }
  }
  return best;
}

/** The required columns, and one-of groups, of a kind that `present` (spec names) lacks, as a message names them. */
function neededColumns(kind: ImportKind, present: ReadonlySet<string>): string[] {
  const spec = KINDS[kind];
  const missing = spec.columns.filter((c) => c.required && !present.has(c.name)).map((c) => `"${c.name}"`);
  const groups = new Map<string, string[]>();
  for (const c of spec.columns) if (c.oneOf) groups.set(c.oneOf, [...(groups.get(c.oneOf) ?? []), c.name]);
  const missingGroups = [...groups.values()].filter((names) => !names.some((n) => present.has(n)));
  return [...missing, ...missingGroups.map((names) => `one of ${names.map((n) => `"${n}"`).join(' or ')}`)];
}

/** What a refusal of a header-less file says: that, and which dataset or kind its first line is shaped like. */
function noHeaderMessage(cells: readonly string[]): string {
  const opening = 'The first line looks like data: the header row is missing.';
  const dataset = datasetOfRow(cells);
  if (!dataset) return `${opening} Add the header row (the column names) as the first line, or download the file again with it.`;
  const like = `Its ${cells.length.toLocaleString('en-US')} values are shaped like a row of "${dataset.title}" (${dataset.publisher})`;
  if ('refused' in dataset.outcome) return `${opening} ${like}. ${dataset.outcome.refused}`;
  return `${opening} ${like}, which loads as ${KINDS[dataset.outcome.kind].label} ("${dataset.outcome.kind}") with its header: download it again with the header row, or add that row back as the first line.`;
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

  // Before anything else, the PII check included: a known public dataset's columns (the historical file's block-level
  // Address) are not personal, and the analyst needs to hear which file to get, not to remove a column.
  const known = recogniseDataset(header);
  if (known && 'refused' in known.outcome) {
    return { columns, ignored, ignoredCount, problems: [{ code: 'known-dataset', message: known.outcome.refused, columns: [] }] };
  }
  // A first line of values is no header: its "columns" are missing because they are not there at all.
  if (looksLikeData(header)) {
    return { columns, ignored, ignoredCount, problems: [{ code: 'no-header', message: noHeaderMessage(header), columns: [] }] };
  }

  const pii = header.filter(isPiiColumn);
  if (pii.length > 0) {
    problems.push({
      code: 'pii',
      message: `The file has columns that identify people (${namedList(pii.map((c) => `"${keptName(c)}"`), ', ')}). Nothing was stored. Remove them and load the file again: only pseudonymous person keys may be loaded.`,
      columns: pii,
    });
  }

  const byName = declaredColumns(kind);
  // A declared column no rule stores is reported ignored like any other (import-formats.md: kept, or reported ignored).
  const stored = storedFileColumns(kind);
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
    if (canonical && stored.has(canonical)) columns.set(canonical, index);
    else if (canonical) ignore(raw.trim());
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
      problems.push({ code: 'missing', message: `Required columns are missing: ${parts.join(', ')}.${resemblance(kind, header)}`, columns: missing });
    }
  }
  return { columns, ignored, ignoredCount, problems };
}

/** After a list of missing columns: the kind the header is closest to, when it is another one, or that it is close to none. */
function resemblance(chosen: ImportKind, header: readonly string[]): string {
  const near = nearestKind(header);
  if (!near) {
    return ` None of its ${header.length.toLocaleString('en-US')} columns is a column of any of the four kinds (${IMPORT_KINDS.join(', ')}): is it one of them?`;
  }
  if (near.kind === chosen) return '';
  const shared = namedList(near.shared.map((c) => `"${c}"`), ', ');
  return ` Its header is closest to ${KINDS[near.kind].label} ("${near.kind}"), with ${near.shared.length} of its columns (${shared}); as that kind it would also need ${namedList(near.needed, ', ')}.`;
}
