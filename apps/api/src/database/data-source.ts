import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/**
 * For the TypeORM CLI against an external server, as the schema owner, e.g.
 *   DATABASE_OWNER_URL=postgres://owner@... npx typeorm migration:show -d dist/apps/api/apps/api/src/database/data-source.js
 * (DATABASE_URL if DATABASE_OWNER_URL is unset). The TypeORM CLI does not grant the app role what a new table needs:
 * `audit db:migrate` runs the migrations and then the grants, and handles the embedded server too.
 */
const url = process.env.DATABASE_OWNER_URL || process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_OWNER_URL (or DATABASE_URL) must be set to use the TypeORM CLI (the audit CLI also handles the embedded database).');
export default new DataSource(dataSourceOptions(url));
