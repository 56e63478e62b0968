import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/**
 * For the TypeORM CLI against an external server, e.g.
 *   DATABASE_URL=postgres://... npx typeorm migration:show -d dist/apps/api/apps/api/src/database/data-source.js
 * The `audit db:*` commands do the same and also handle the embedded server.
 */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must be set to use the TypeORM CLI (the audit CLI also handles the embedded database).');
export default new DataSource(dataSourceOptions(url));
