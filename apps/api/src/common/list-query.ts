import { MAX_PAGE_SIZE, type ListQuery, type SortOrder } from '@sra/contracts';
import { isDayOrDateTime } from './calendar';
import { findUnstorable, MAX_INPUT_DEPTH } from './storable-input';

/**
 * Parses react-admin's list parameters against an allow-list. Nothing the
 * client sends reaches SQL as an identifier: sort fields and filter names map
 * to columns named here, and values are bound as parameters.
 */
export type FilterKind = 'text' | 'contains' | 'enum' | 'uuid' | 'int' | 'bool' | 'from' | 'to' | 'search' | 'prefix';

export interface FilterSpec {
  column: string;
  kind: FilterKind;
  /** For `enum`: the accepted values. For `search`: extra columns to look in. */
  values?: readonly string[];
  /**
   * For `prefix`: the condition, given the placeholders of the pattern (`2200%`, for an indexed `LIKE`) and of the
   * text as typed (for exact matches on ids); else `column LIKE pattern`.
   */
  match?: (pattern: string, exact: string) => string;
}

export interface ListSpec {
  /** API field name -> SQL column (qualified by the query's alias). */
  sortable: Record<string, string>;
  defaultSort: { field: string; order: SortOrder };
  filters: Record<string, FilterSpec>;
  /** Column of the `id` filter react-admin's getMany sends (`filter={"id":[...]}`). */
  idColumn: string;
  /** `key`: a short identifier (letters, digits and `. _ : -`), such as `sfpd-psw-2017:2`. */
  idKind: 'uuid' | 'int' | 'key';
}

export class ListQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ListQueryError';
  }
}

export interface RawListQuery {
  sort?: string;
  range?: string;
  filter?: string;
}

/** The largest row number a range may name: beyond it a JSON number is no longer exact. */
const MAX_ROW = Number.MAX_SAFE_INTEGER;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseJson(name: string, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new ListQueryError(`${name} is not valid JSON: ${raw.slice(0, 80)}`);
  }
}

export function parseListQuery(raw: RawListQuery, spec: ListSpec): ListQuery {
  let sort = spec.defaultSort;
  if (raw.sort !== undefined && raw.sort !== '') {
    const value = parseJson('sort', raw.sort);
    if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || typeof value[1] !== 'string') {
      throw new ListQueryError('sort must look like ["field","ASC"]');
    }
    const [field, order] = value as [string, string];
    // Own properties only: `constructor` or `__proto__` are in every object, not in the allow-list.
    if (!Object.hasOwn(spec.sortable, field)) {
      throw new ListQueryError(`sort: cannot sort by ${JSON.stringify(field)}; sortable fields: ${Object.keys(spec.sortable).join(', ')}`);
    }
    const upper = order.toUpperCase();
    if (upper !== 'ASC' && upper !== 'DESC') throw new ListQueryError('sort: the order must be ASC or DESC');
    sort = { field, order: upper };
  }

  let range = { start: 0, end: 24 };
  if (raw.range !== undefined && raw.range !== '') {
    const value = parseJson('range', raw.range);
    if (!Array.isArray(value) || value.length !== 2 || !value.every((n) => Number.isSafeInteger(n) && n >= 0 && n <= MAX_ROW) || value[1] < value[0]) {
      throw new ListQueryError(`range must look like [start,end] with whole numbers from 0 to ${MAX_ROW}, start <= end`);
    }
    const [start, end] = value as [number, number];
    if (end - start + 1 > MAX_PAGE_SIZE) throw new ListQueryError(`range: a page holds at most ${MAX_PAGE_SIZE} rows`);
    range = { start, end };
  }

  const filter: Record<string, unknown> = {};
  if (raw.filter !== undefined && raw.filter !== '') {
    const value = parseJson('filter', raw.filter);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ListQueryError('filter must be a JSON object');
    const problem = findUnstorable(value, 'filter');
    if (problem?.kind === 'depth') throw new ListQueryError(`filter nests deeper than ${MAX_INPUT_DEPTH} levels`);
    if (problem?.kind === 'nul') throw new ListQueryError(`${problem.field.replace(/^filter\./, 'filter ')}: cannot hold a NUL character (\\u0000): the database cannot store it`);
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined || v === null || v === '') continue;
      if (name === 'id') {
        filter.id = checkIds(v, spec.idKind);
        continue;
      }
      const f = Object.hasOwn(spec.filters, name) ? spec.filters[name] : undefined;
      if (!f) throw new ListQueryError(`cannot filter by ${JSON.stringify(name)}; filters: ${['id', ...Object.keys(spec.filters)].join(', ')}`);
      filter[name] = checkFilterValue(name, f, v);
    }
  }
  return { sort, range, filter };
}

function checkIds(v: unknown, kind: ListSpec['idKind']): Array<string | number> {
  const list = Array.isArray(v) ? v : [v];
  if (list.length > MAX_PAGE_SIZE) throw new ListQueryError(`at most ${MAX_PAGE_SIZE} ids at once`);
  return list.map((id) => {
    if (kind === 'uuid' && typeof id === 'string' && UUID.test(id)) return id;
    if (kind === 'int' && (Number.isInteger(id) || (typeof id === 'string' && /^\d{1,18}$/.test(id)))) return String(id);
    if (kind === 'key' && typeof id === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(id)) return id;
    throw new ListQueryError(`id filter: ${JSON.stringify(id)} is not a valid id`);
  });
}

function checkFilterValue(name: string, f: FilterSpec, v: unknown): unknown {
  const fail = (what: string): never => {
    throw new ListQueryError(`filter ${name}: ${what}`);
  };
  switch (f.kind) {
    case 'text':
    case 'contains':
    case 'search':
      if (typeof v !== 'string') fail('must be text');
      if ((v as string).length > 200) fail('at most 200 characters');
      return v;
    case 'prefix':
      if (typeof v !== 'string') fail('must be text');
      if ((v as string).length > 100) fail('at most 100 characters');
      // Spaces around a pasted number are not part of it.
      return (v as string).trim();
    case 'enum': {
      const list = Array.isArray(v) ? v : [v];
      for (const item of list) if (typeof item !== 'string' || !f.values?.includes(item)) fail(`must be one of ${f.values?.join(', ')}`);
      return list;
    }
    case 'uuid':
      if (typeof v !== 'string' || !UUID.test(v)) fail('must be a UUID');
      return v;
    case 'int':
      // Within PostgreSQL's integer: a larger one is refused by the database, not matched.
      if (!Number.isInteger(typeof v === 'string' && v.trim() !== '' ? Number(v) : v) || Math.abs(Number(v)) > 2_147_483_647) fail('must be a whole number from -2147483647 to 2147483647');
      return Number(v);
    case 'bool':
      if (v === true || v === 'true') return true;
      if (v === false || v === 'false') return false;
      return fail('must be true or false');
    case 'from':
    case 'to':
      if (typeof v !== 'string' || !isDayOrDateTime(v)) fail('must be a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]), years 1900 to 9999');
      return v;
  }
}
