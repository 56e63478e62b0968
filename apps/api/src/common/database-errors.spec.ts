import { createServer, type AddressInfo } from 'node:net';
import { Client, DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { plainCliMessage } from '../cli/cli-error';
import {
  DATABASE_AWAY,
  DATABASE_BUSY,
  DATABASE_CONFLICT,
  DATABASE_DISK_ERROR,
  DATABASE_DISK_FULL,
  DATABASE_OUT_OF_MEMORY,
  DATABASE_READ_ONLY,
  DATABASE_TOO_SLOW,
  plainDatabaseError,
} from './database-errors';

/** An error as node-postgres builds it from PostgreSQL's ErrorResponse, and as TypeORM wraps it for a query. */
function pgError(code: string, message: string, extra: Record<string, unknown> = {}): DatabaseError {
  const error = new DatabaseError(message, message.length + 20, 'error');
  Object.assign(error, { severity: 'ERROR', code, ...extra });
  return error;
}
function failedQuery(code: string, message: string, extra: Record<string, unknown> = {}): QueryFailedError {
  return new QueryFailedError('INSERT INTO import_reject (batch_id, line, value) VALUES ($1, $2, $3)', ['b', 2, 'secret value'], pgError(code, message, extra));
}

describe('plainDatabaseError', () => {
  it.each([
    ['53100', 'could not extend file "base/16384/16500.3": No space left on device', 507, DATABASE_DISK_FULL],
    ['53200', 'out of memory', 503, DATABASE_OUT_OF_MEMORY],
    ['53300', 'sorry, too many clients already', 503, DATABASE_BUSY],
    ['53400', 'configuration limit exceeded', 503, DATABASE_BUSY],
    ['55P03', 'canceling statement due to lock timeout', 503, DATABASE_BUSY],
    ['57014', 'canceling statement due to statement timeout', 503, DATABASE_TOO_SLOW],
    ['57P01', 'terminating connection due to administrator command', 503, DATABASE_AWAY],
    ['57P02', 'terminating connection because of crash of another server process', 503, DATABASE_AWAY],
    ['57P03', 'the database system is starting up', 503, DATABASE_AWAY],
    ['08006', 'connection failure', 503, DATABASE_AWAY],
    ['08P01', 'invalid message format', 503, DATABASE_AWAY],
    ['40001', 'could not serialize access due to concurrent update', 503, DATABASE_CONFLICT],
    ['40P01', 'deadlock detected', 503, DATABASE_CONFLICT],
    ['25006', 'cannot execute INSERT in a read-only transaction', 503, DATABASE_READ_ONLY],
    ['58030', 'could not read block 12 in file "base/16384/16500": Input/output error', 503, DATABASE_DISK_ERROR],
  ])('maps SQLSTATE %s (%s) to %i, as thrown by pg and as wrapped by TypeORM', (code, message, status, plain) => {
    for (const error of [pgError(code, message), failedQuery(code, message)]) {
      expect(plainDatabaseError(error)).toMatchObject({ status, message: plain, code });
    }
  });

  it('says when trying again makes sense (Retry-After), and not for a full disk', () => {
    expect(plainDatabaseError(pgError('53100', 'could not extend file'))?.retryAfterSeconds).toBeNull();
    expect(plainDatabaseError(pgError('57P01', 'terminating connection'))?.retryAfterSeconds).toBeGreaterThan(0);
    expect(plainDatabaseError(pgError('40P01', 'deadlock detected'))?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it.each([
    ['23505', 'duplicate key value violates unique constraint "app_user_email_key"'],
    ['23514', 'new row for relation "case_review_event" violates check constraint "x"'],
    ['22P02', 'invalid input syntax for type uuid: "abc"'],
    ['42P01', 'relation "nope" does not exist'],
    ['P0001', 'flag_review_event is append-only: UPDATE refused'],
  ])('leaves %s (%s) an internal error', (code, message) => {
    expect(plainDatabaseError(failedQuery(code, message))).toBeNull();
  });

  it('leaves errors that are not the database alone', () => {
    expect(plainDatabaseError(new Error('Cannot read properties of undefined'))).toBeNull();
    expect(plainDatabaseError(Object.assign(new Error('no such file'), { code: 'ENOENT' }))).toBeNull();
    expect(plainDatabaseError(null)).toBeNull();
    expect(plainDatabaseError('text')).toBeNull();
  });

  it('knows the driver errors that have only words: a read timeout, a terminated connection, a full pool', () => {
    expect(plainDatabaseError(new Error('Query read timeout'))).toMatchObject({ status: 503, message: DATABASE_AWAY });
    expect(plainDatabaseError(new Error('Connection terminated unexpectedly'))).toMatchObject({ status: 503, message: DATABASE_AWAY });
    expect(plainDatabaseError(new Error('Connection terminated due to connection timeout'))).toMatchObject({ status: 503, message: DATABASE_AWAY });
    expect(plainDatabaseError(new Error('timeout exceeded when trying to connect'))).toMatchObject({ status: 503, message: DATABASE_BUSY });
    // Found through TypeORM's wrapper and through a cause.
    expect(plainDatabaseError(new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')))).toMatchObject({ message: DATABASE_AWAY });
    expect(plainDatabaseError(new Error('load failed', { cause: pgError('53100', 'could not extend file') }))).toMatchObject({ status: 507 });
  });

  it('maps a real refused connection (nothing listens on the port) to "the database is not answering"', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const client = new Client({ host: '127.0.0.1', port, user: 'x', database: 'x', connectionTimeoutMillis: 2000 });
    const error = await client.connect().then(
      () => null,
      (e: unknown) => e,
    );
    expect(plainDatabaseError(error)).toMatchObject({ status: 503, message: DATABASE_AWAY });
  });

  it('maps a real server that accepts and never answers to "not answering", within the connection timeout', async () => {
    const held: Array<import('node:net').Socket> = [];
    const server = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const client = new Client({ host: '127.0.0.1', port, user: 'x', database: 'x', connectionTimeoutMillis: 300 });
      const error = await client.connect().then(
        () => null,
        (e: unknown) => e,
      );
      expect(plainDatabaseError(error)).toMatchObject({ status: 503, message: DATABASE_AWAY });
    } finally {
      held.forEach((s) => s.destroy());
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('plainCliMessage', () => {
  it('says the plain sentence, then the code and PostgreSQL words without the quoted values', () => {
    const line = plainCliMessage(failedQuery('53100', 'could not extend file "base/16384/16500.3": No space left on device'));
    expect(line).toContain(DATABASE_DISK_FULL);
    expect(line).toContain('53100');
    expect(line).toContain('No space left on device');
    expect(line).not.toContain('secret value');
    expect(plainCliMessage(failedQuery('23505', 'duplicate key value'))).toBeNull();
  });
});
