import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ListQuery } from '@sra/contracts';
import type { ListSpec } from './list-query';

/** Adds a parsed, allow-listed list query to a query builder: filters as bound parameters. */
export function applyListQuery<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, query: ListQuery, spec: ListSpec): SelectQueryBuilder<T> {
  let n = 0;
  const param = () => `p${n++}`;
  for (const [name, value] of Object.entries(query.filter)) {
    if (name === 'id') {
      const p = param();
      qb.andWhere(`${spec.idColumn} IN (:...${p})`, { [p]: value });
      continue;
    }
    const f = spec.filters[name];
    const p = param();
    switch (f.kind) {
      case 'text':
      case 'uuid':
      case 'int':
      case 'bool':
        qb.andWhere(`${f.column} = :${p}`, { [p]: value });
        break;
      case 'enum':
        qb.andWhere(`${f.column} IN (:...${p})`, { [p]: value });
        break;
      case 'contains':
        qb.andWhere(`${f.column} ILIKE :${p}`, { [p]: `%${escapeLike(String(value))}%` });
        break;
      case 'search': {
        const columns = [f.column, ...(f.values ?? [])];
        qb.andWhere(`(${columns.map((c) => `${c}::text ILIKE :${p}`).join(' OR ')})`, { [p]: `%${escapeLike(String(value))}%` });
        break;
      }
      case 'from':
        qb.andWhere(`${f.column} >= :${p}`, { [p]: value });
        break;
      case 'to':
        qb.andWhere(`${f.column} <= :${p}`, { [p]: value });
        break;
    }
  }
  const column = spec.sortable[query.sort.field];
  qb.orderBy(column, query.sort.order, query.sort.order === 'ASC' ? 'NULLS FIRST' : 'NULLS LAST');
  if (column !== spec.idColumn) qb.addOrderBy(spec.idColumn, query.sort.order);
  return qb.offset(query.range.start).limit(query.range.end - query.range.start + 1);
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
