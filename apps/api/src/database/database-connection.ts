import type { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres';

/** Where the app's data lives: an external server (DATABASE_URL) or the embedded one. */
export interface DatabaseConnection {
  /** The app role's: everything the server and the CLI do. */
  url: string;
  /** The schema owner's: migrations and the app role's grants only; null when the app role migrates (no owner URL). */
  ownerUrl: string | null;
  embedded: boolean;
  /** Stops the embedded server if this process started it; a no-op otherwise. */
  close(): Promise<void>;
}

export async function openDatabaseConnection(
  config: AppConfig,
  mode: EmbeddedPostgresOptions['mode'],
  hooks: Pick<EmbeddedPostgresOptions, 'onLog' | 'onUnexpectedExit'> = {},
): Promise<DatabaseConnection> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, ownerUrl: config.databaseOwnerUrl, embedded: false, close: async () => undefined };
  }
  const handle = await startEmbeddedPostgres({ dataDir: config.dataDir, mode, ...hooks });
  return { url: handle.url, ownerUrl: handle.ownerUrl, embedded: true, close: () => handle.stop() };
}
