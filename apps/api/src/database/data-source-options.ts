import type { DataSourceOptions } from 'typeorm';
import type { DatabaseTimeouts } from '../config/app-config';
import { DRIVER_GRACE_MS } from './long-work';
import { QueryLogger } from './query-logger';
import { ENTITIES, MIGRATIONS } from './schema';

export function dataSourceOptions(url: string, poolSize = 10, timeouts?: Pick<DatabaseTimeouts, 'connectMs' | 'statementMs'>): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
    // Should logging be turned on, statements are still logged without their bound values.
    logger: new QueryLogger(),
    extra: { max: poolSize, application_name: 'safe-reporting-audit', ...poolTimeouts(timeouts) },
  };
}

/**
 * Request statements stop at `statementMs` (PostgreSQL's statement_timeout, answered 503 "took too long"); a
 * database that does not answer at all (frozen, unreachable) is given up on by the driver a little later
 * (query_timeout), so no request hangs. Loads and evaluations lift both for their own work (database/long-work.ts).
 */
function poolTimeouts(timeouts: Pick<DatabaseTimeouts, 'connectMs' | 'statementMs'> | undefined): Record<string, number> {
  if (!timeouts) return {};
  return {
    ...(timeouts.connectMs > 0 ? { connectionTimeoutMillis: timeouts.connectMs } : {}),
    ...(timeouts.statementMs > 0 ? { statement_timeout: timeouts.statementMs, query_timeout: timeouts.statementMs + DRIVER_GRACE_MS } : {}),
  };
}
