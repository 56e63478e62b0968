import { ListQueryError, parseListQuery, type ListSpec } from './list-query';

const spec: ListSpec = {
  sortable: { email: 'u.email', createdAt: 'u.created_at' },
  defaultSort: { field: 'createdAt', order: 'DESC' },
  filters: {
    role: { column: 'u.role', kind: 'enum', values: ['admin', 'viewer'] },
    q: { column: 'u.email', kind: 'search' },
    active: { column: 'u.active', kind: 'bool' },
    since: { column: 'u.created_at', kind: 'from' },
  },
  idColumn: 'u.id',
  idKind: 'uuid',
};

describe('parseListQuery', () => {
  it('reads react-admin simple-rest parameters', () => {
    const q = parseListQuery({ sort: '["email","asc"]', range: '[25,49]', filter: '{"role":"admin","q":"ann","active":false}' }, spec);
    expect(q).toEqual({
      sort: { field: 'email', order: 'ASC' },
      range: { start: 25, end: 49 },
      filter: { role: ['admin'], q: 'ann', active: false },
    });
  });

  it('falls back to the default sort and the first page', () => {
    expect(parseListQuery({}, spec)).toEqual({ sort: { field: 'createdAt', order: 'DESC' }, range: { start: 0, end: 24 }, filter: {} });
  });

  it('ignores empty filter values, as react-admin sends them when a filter is cleared', () => {
    expect(parseListQuery({ filter: '{"q":"","role":null}' }, spec).filter).toEqual({});
  });

  it.each([
    [{ sort: '["password_hash","ASC"]' }, /cannot sort by "password_hash"/],
    [{ sort: '["email","SIDEWAYS"]' }, /ASC or DESC/],
    [{ sort: 'email' }, /not valid JSON/],
    [{ range: '[10,5]' }, /start <= end/],
    [{ range: '[0,100000]' }, /at most 500 rows/],
    [{ filter: '{"password_hash":"x"}' }, /cannot filter by "password_hash"/],
    [{ filter: '{"role":"superuser"}' }, /must be one of admin, viewer/],
    [{ filter: '{"active":"perhaps"}' }, /true or false/],
    [{ filter: '{"since":"last tuesday"}' }, /must be a date/],
    [{ filter: '{"id":["1; DROP TABLE app_user"]}' }, /not a valid id/],
    [{ filter: '[1,2]' }, /JSON object/],
  ])('refuses %j with a message that says why', (raw, message) => {
    expect(() => parseListQuery(raw, spec)).toThrow(ListQueryError);
    expect(() => parseListQuery(raw, spec)).toThrow(message);
  });

  it('accepts the id list react-admin sends for getMany', () => {
    const id = '3f1c2b6e-8f4a-4c1e-9a59-3a9a2f7d8e10';
    expect(parseListQuery({ filter: JSON.stringify({ id: [id] }) }, spec).filter).toEqual({ id: [id] });
  });
});
