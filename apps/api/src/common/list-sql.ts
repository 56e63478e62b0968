import type { DataSource } from 'typeorm';
import type { ListQuery } from '@sra/contracts';
import type { ListSpec } from './list-query';

/**
 * A page of a raw SQL list (for resources without an entity): the same
 * allow-listed filters and sort as applyListQuery, values bound as parameters.
 */
export async function listSql<T>(db: DataSource, select: string, query: ListQuery, spec: ListSpec): Promise<{ rows: T[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
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
      case 'from':
        where.push(`${f.column} >= ${bind(value)}`);
        break;
      case 'to':
        where.push(`${f.column} <= ${bind(value)}`);
        break;
    }
  }
  const whereSql = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const column = spec.sortable[query.sort.field];
  const order = `${column} ${query.sort.order} ${query.sort.order === 'ASC' ? 'NULLS FIRST' : 'NULLS LAST'}, ${spec.idColumn} ${query.sort.order}`;
  const limit = query.range.end - query.range.start + 1;
  const rows: T[] = await db.query(`${select}${whereSql} ORDER BY ${order} LIMIT ${limit} OFFSET ${query.range.start}`, params);
  const countSql = `SELECT count(*)::int AS total FROM (${select}${whereSql}) counted`;
  const [{ total }] = (await db.query(countSql, params)) as Array<{ total: number }>;
  return { rows, total };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
