/**
 * Database errors that have a plain meaning for the person who met them (issue 13, Faults 3 and 4): the database is
 * away, out of disk space, too busy, too slow. One table, used by the HTTP exception filter, the CLI's one-line error
 * and the import batch history. Anything not here is an internal error (500, "Internal server error").
 */

/** What a user is told: an HTTP status, a sentence a non-engineer understands, and whether trying again may help. */
export interface PlainDatabaseError {
  status: 503 | 507;
  message: string;
  /** Seconds after which trying again makes sense (the Retry-After header). */
  retryAfterSeconds: number | null;
  /** The SQLSTATE or the driver's error code that decided it, for the log. */
  code: string;
}

export const DATABASE_AWAY =
  'The database is not answering (it may be stopped, restarting or overloaded). Nothing was changed; try again in a minute, and tell the administrator if it keeps happening.';
export const DATABASE_TOO_SLOW =
  'The database took too long to answer, so the request was stopped. Nothing was changed; try again, or ask for less at once (a narrower filter or a shorter period).';
export const DATABASE_DISK_FULL =
  'The database server has run out of disk space, so nothing was saved. The administrator needs to free disk space; then try again.';
export const DATABASE_OUT_OF_MEMORY =
  'The database server ran out of memory for this request. Nothing was changed; try again in a moment, and tell the administrator if it keeps happening.';
export const DATABASE_BUSY = 'The database is busy (too many connections at once). Nothing was changed; try again in a moment.';
export const DATABASE_CONFLICT = 'Another change to the same records was being saved at the same moment, so this one was not saved. Try again.';
export const DATABASE_READ_ONLY =
  'The database accepts no changes right now (it is read-only, e.g. during maintenance), so nothing was saved. Reading still works; try again later.';
export const DATABASE_DISK_ERROR =
  'The database server could not read or write its disk. Nothing was changed; tell the administrator.';

const away = (code: string): PlainDatabaseError => ({ status: 503, message: DATABASE_AWAY, retryAfterSeconds: 30, code });

/** By SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
function bySqlState(code: string): PlainDatabaseError | null {
  switch (code) {
    case '53100': // disk_full ("could not extend file", "could not write to file")
      return { status: 507, message: DATABASE_DISK_FULL, retryAfterSeconds: null, code };
    case '53200': // out_of_memory
      return { status: 503, message: DATABASE_OUT_OF_MEMORY, retryAfterSeconds: 10, code };
    case '53300': // too_many_connections
    case '53400': // configuration_limit_exceeded
    case '53000': // insufficient_resources
    case '55P03': // lock_not_available (lock_timeout)
      return { status: 503, message: DATABASE_BUSY, retryAfterSeconds: 5, code };
    case '57014': // query_canceled (statement_timeout)
      return { status: 503, message: DATABASE_TOO_SLOW, retryAfterSeconds: 5, code };
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
      return { status: 503, message: DATABASE_CONFLICT, retryAfterSeconds: 1, code };
    case '25006': // read_only_sql_transaction
      return { status: 503, message: DATABASE_READ_ONLY, retryAfterSeconds: 60, code };
    case '58030': // io_error
      return { status: 503, message: DATABASE_DISK_ERROR, retryAfterSeconds: null, code };
    case '57P01': // admin_shutdown
    case '57P02': // crash_shutdown
    case '57P03': // cannot_connect_now (starting up, shutting down, in recovery)
    case '57P05': // idle_session_timeout
      return away(code);
  }
  if (code.startsWith('08')) return away(code); // connection_exception and its subclasses
  return null;
}

/** Errors of the socket under the driver: the server is not there, or went away. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

/** node-postgres and pg-pool say these in words only, without a code. */
const DRIVER_MESSAGES: Array<[RegExp, (code: string) => PlainDatabaseError]> = [
  [/^Query read timeout$/, (code) => ({ status: 503, message: DATABASE_AWAY, retryAfterSeconds: 30, code })],
  [/^timeout exceeded when trying to connect$/, (code) => ({ status: 503, message: DATABASE_BUSY, retryAfterSeconds: 5, code })],
  [/^Connection terminated/, away],
  [/^timeout expired$/, away], // a client's connectionTimeoutMillis, before pg-pool words it as above
  [/^Client has encountered a connection error and is not queryable$/, away],
  [/^Client was closed and is not queryable$/, away],
  [/^Connection ended unexpectedly$/, away],
];

function oneError(error: Record<string, unknown>): PlainDatabaseError | null {
  const code = typeof error.code === 'string' ? error.code : null;
  if (code && /^[0-9A-Z]{5}$/.test(code)) {
    const found = bySqlState(code);
    if (found) return found;
  }
  if (code && SOCKET_CODES.has(code)) return away(code);
  const message = typeof error.message === 'string' ? error.message : '';
  for (const [pattern, make] of DRIVER_MESSAGES) if (pattern.test(message)) return make(code ?? message);
  return null;
}

/**
 * The plain meaning of an error thrown by PostgreSQL, node-postgres, pg-pool or TypeORM (which wraps the driver's
 * error as `driverError` and may chain `cause`s, as AggregateError chains `errors`), or null when it has none.
 */
export function plainDatabaseError(error: unknown, depth = 0): PlainDatabaseError | null {
  if (error === null || typeof error !== 'object' || depth > 5) return null;
  const e = error as Record<string, unknown>;
  const found = oneError(e);
  if (found) return found;
  for (const inner of [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const deeper = plainDatabaseError(inner, depth + 1);
    if (deeper) return deeper;
  }
  return null;
}
