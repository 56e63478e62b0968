import type { DataSourceOptions } from 'typeorm';
import { QueryLogger } from './query-logger';
import { ENTITIES, MIGRATIONS } from './schema';

export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
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
    extra: { max: poolSize, application_name: 'safe-reporting-audit' },
  };
}
