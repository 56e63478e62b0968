import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { errSerializer, safeError, withoutQuotedValues } from './safe-error';

/** A failed INSERT as pg and TypeORM report it: the statement, its bound values and the failing row all attached. */
function failedInsert(): QueryFailedError {
  const driverError = new DatabaseError('new row for relation "app_user" violates check constraint "name_check"', 120, 'error');
  Object.assign(driverError, {
    severity: 'ERROR',
    code: '23514',
    detail: 'Failing row contains (secret-name, $argon2id$v=19$hash).',
    table: 'app_user',
    constraint: 'name_check',
    routine: 'ExecConstraints',
    where: "unnamed portal parameter $1 = 'secret-name'",
  });
  return new QueryFailedError('INSERT INTO app_user (display_name, password_hash) VALUES ($1, $2)', ['secret-name', '$argon2id$v=19$hash'], driverError);
}

describe('safeError', () => {
  it('keeps what names the failure and drops the statement, its values, the row and the driver copy', () => {
    const out = safeError(failedInsert());
    expect(out).toMatchObject({
      type: 'QueryFailedError',
      message: 'new row for relation "app_user" violates check constraint "name_check"',
      code: '23514',
      severity: 'ERROR',
      table: 'app_user',
      constraint: 'name_check',
      routine: 'ExecConstraints',
    });
    const text = JSON.stringify(out);
    expect(text).not.toContain('secret-name');
    expect(text).not.toContain('argon2');
    expect(text).not.toContain('INSERT');
    expect(Object.keys(out).sort()).toEqual(['code', 'constraint', 'message', 'routine', 'severity', 'stack', 'table', 'type']);
  });

  it('takes the thrown error out of pino standard serialization', () => {
    const error = failedInsert();
    expect(errSerializer({ type: 'QueryFailedError', parameters: ['secret-name'], raw: error })).toEqual(safeError(error));
  });

  it('drops the input PostgreSQL quotes in a message (and in the stack), keeping quoted names', () => {
    expect(withoutQuotedValues('invalid input syntax for type uuid: "FP-000001"')).toBe('invalid input syntax for type uuid: "…"');
    expect(withoutQuotedValues('value "99999999999" is out of range for type integer')).toBe('value "…" is out of range for type integer');
    expect(withoutQuotedValues('date/time field value out of range: "0000-01-01"')).toBe('date/time field value out of range: "…"');
    expect(withoutQuotedValues('relation "flag" does not exist')).toBe('relation "flag" does not exist');
    const driverError = Object.assign(new Error('invalid input syntax for type uuid: "FP-000001"'), { code: '22P02', severity: 'ERROR' });
    const out = safeError(new QueryFailedError('SELECT 1', [], driverError));
    expect(JSON.stringify(out)).not.toContain('FP-000001');
    expect(out.stack?.split('\n')[0]).toBe('QueryFailedError: invalid input syntax for type uuid: "…"');
  });

  it('follows causes, each through the same allow-list', () => {
    const out = safeError(new Error('evaluation failed', { cause: failedInsert() }));
    expect(out.message).toBe('evaluation failed');
    expect(out.cause).toMatchObject({ type: 'QueryFailedError', constraint: 'name_check' });
    expect(JSON.stringify(out)).not.toContain('secret-name');
  });
});
