import type { DataSourceOptions } from 'typeorm';
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
    extra: { max: poolSize, application_name: 'safe-reporting-audit' },
  };
}
