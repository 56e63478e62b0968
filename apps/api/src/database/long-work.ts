import type { QueryRunner } from 'typeorm';

/** How much longer than PostgreSQL's own limit the driver waits for an answer before giving up on the server. */
export const DRIVER_GRACE_MS = 5_000;

/** The part of node-postgres' client that holds its read timeout (read at every query). */
interface PgClientParameters {
  connectionParameters?: { query_timeout?: number };
}

/**
 * A load or an evaluation legitimately runs for minutes: its transaction gets its own statement time limit
 * (DATABASE_LONG_STATEMENT_TIMEOUT_MS, 0 = none) instead of the one of a request, and the driver's read timeout of
 * the pooled connection follows it. Call inside the transaction (SET LOCAL: the limit ends with it); the returned
 * function puts the connection's read timeout back and must run before the connection returns to the pool.
 */
export async function allowLongStatements(runner: QueryRunner, statementMs: number): Promise<() => void> {
  await runner.query(`SELECT set_config('statement_timeout', $1, true)`, [String(statementMs)]);
  const params = (runner as QueryRunner & { databaseConnection?: PgClientParameters }).databaseConnection?.connectionParameters;
  if (!params) return () => undefined;
  const before = params.query_timeout;
  // 0 is "none" to node-postgres.
  params.query_timeout = statementMs > 0 ? statementMs + DRIVER_GRACE_MS : 0;
  return () => {
    params.query_timeout = before;
  };
}
