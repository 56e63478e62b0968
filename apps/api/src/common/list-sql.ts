import type { DataSource } from 'typeorm';
import type { ListQuery } from '@sra/contracts';
import type { ListSpec } from './list-query';

/**
 * The WHERE conditions and ORDER BY of an allow-listed list query. Columns
 * come from the spec; every value goes through `bind`, which returns its
 * placeholder (`$1` for pg, `:p0` for TypeORM's query builder).
 */
export function listClauses(query: ListQuery, spec: ListSpec, bind: (value: unknown) => string): { where: string[]; orderBy: string } {
  const where: string[] = [];
  for (const [name, value] of Object.entries(query.filter)) {
    if (name === 'id') {
      where.push(`${spec.idColumn}::text = ANY(${bind((value as unknown[]).map(String))}::text[])`);
      continue;
    }
    const f = spec.filters[name];
    switch (f.kind) {
      case 'text':
      case 'uuid':
      case 'int':
      case 'bool':
        where.push(`${f.column} = ${bind(value)}`);
        break;
      case 'enum':
        where.push(`${f.column} = ANY(${bind(value)}::text[])`);
        break;
      case 'contains':
        where.push(`${f.column} ILIKE ${bind(`%${escapeLike(String(value))}%`)}`);
        break;
      case 'search': {
        const p = bind(`%${escapeLike(String(value))}%`);
        where.push(`(${[f.column, ...(f.values ?? [])].map((c) => `${c}::text ILIKE ${p}`).join(' OR ')})`);
        break;
      }
      case 'prefix': {
        const pattern = bind(`${escapeLike(String(value))}%`);
        where.push(f.match ? `(${f.match(pattern, bind(value))})` : `${f.column} LIKE ${pattern}`);
        break;
      }
      case 'from':
        where.push(`${f.column} >= ${bind(value)}`);
        break;
      case 'to':
        where.push(`${f.column} <= ${bind(value)}`);
        break;
    }
  }
  const column = spec.sortable[query.sort.field];
  const nulls = query.sort.order === 'ASC' ? 'NULLS FIRST' : 'NULLS LAST';
  const orderBy = column === spec.idColumn ? `${column} ${query.sort.order} ${nulls}` : `${column} ${query.sort.order} ${nulls}, ${spec.idColumn} ${query.sort.order}`;
  return { where, orderBy };
}

/** The bound parameters, WHERE, ORDER BY and LIMIT/OFFSET of a list query, for pg's `$n` placeholders. */
function pageClauses(query: ListQuery, spec: ListSpec): { params: unknown[]; whereSql: string; orderBy: string; page: string } {
  const params: unknown[] = [];
  const { where, orderBy } = listClauses(query, spec, (value) => {
    params.push(value);
    return `$${params.length}`;
  });
  // range is validated whole numbers (parseListQuery), so it can stand in the text.
  const page = `LIMIT ${query.range.end - query.range.start + 1} OFFSET ${query.range.start}`;
  return { params, whereSql: where.length ? ` WHERE ${where.join(' AND ')}` : '', orderBy, page };
}

/** A page of a raw SQL list (resources without an entity), with its total. */
export async function listSql<T>(db: DataSource, select: string, query: ListQuery, spec: ListSpec): Promise<{ rows: T[]; total: number }> {
  const { params, whereSql, orderBy, page } = pageClauses(query, spec);
  const rows: T[] = await db.query(`${select}${whereSql} ORDER BY ${orderBy} ${page}`, params);
  const [{ total }] = (await db.query(`SELECT count(*)::int AS total FROM (${select}${whereSql}) counted`, params)) as Array<{ total: number }>;
  return { rows, total };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The same, for a source whose rows are costly to produce (joins, conversions): the page's ids are chosen first
 * from narrow rows, then only those rows are produced; the total is counted alongside.
 */
export async function listSqlByPage<T>(db: DataSource, columns: string, from: string, query: ListQuery, spec: ListSpec): Promise<{ rows: T[]; total: number }> {
  const { params, whereSql, orderBy, page } = pageClauses(query, spec);
  const ids = `SELECT ${spec.idColumn} FROM ${from}${whereSql} ORDER BY ${orderBy} ${page}`;
  const [rows, counted] = await Promise.all([
    db.query(`SELECT ${columns} FROM ${from} WHERE ${spec.idColumn} IN (${ids}) ORDER BY ${orderBy}`, params) as Promise<T[]>,
    db.query(`SELECT count(*)::int AS total FROM ${from}${whereSql}`, params) as Promise<Array<{ total: number }>>,
  ]);
  return { rows, total: counted[0].total };
}

/**
 * listSqlByPage for a source whose filters fall in two groups: those on the rows themselves, and those that hold when
 * one related row matches them all together (`related`: the filter names, and the condition built from their clauses,
 * e.g. an EXISTS over a case's flags).
 */
export async function listSqlByPageRelated<T>(
  db: DataSource,
  columns: string,
  from: string,
  query: ListQuery,
  spec: ListSpec,
  related: { filters: readonly string[]; condition: (clauses: string[]) => string },
): Promise<{ rows: T[]; total: number }> {
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const own = Object.fromEntries(Object.entries(query.filter).filter(([name]) => !related.filters.includes(name)));
  const rel = Object.fromEntries(Object.entries(query.filter).filter(([name]) => related.filters.includes(name)));
  const { where, orderBy } = listClauses({ ...query, filter: own }, spec, bind);
  if (Object.keys(rel).length > 0) where.push(related.condition(listClauses({ ...query, filter: rel }, spec, bind).where));
  const whereSql = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const page = `LIMIT ${query.range.end - query.range.start + 1} OFFSET ${query.range.start}`;
  const ids = `SELECT ${spec.idColumn} FROM ${from}${whereSql} ORDER BY ${orderBy} ${page}`;
  const [rows, counted] = await Promise.all([
    db.query(`SELECT ${columns} FROM ${from} WHERE ${spec.idColumn} IN (${ids}) ORDER BY ${orderBy}`, params) as Promise<T[]>,
    db.query(`SELECT count(*)::int AS total FROM ${from}${whereSql}`, params) as Promise<Array<{ total: number }>>,
  ]);
  return { rows, total: counted[0].total };
}
