import type { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres';

/** Where the app's data lives: an external server (DATABASE_URL) or the embedded one. */
export interface DatabaseConnection {
  /** The app role's: everything the server and the CLI do. */
  url: string;
  /** The schema owner's: migrations and the app role's grants only; null when the app role migrates (no owner URL). */
  ownerUrl: string | null;
  embedded: boolean;
  /** Leaves the embedded server, stopping it if no other process uses it; a no-op for an external one. */
  close(): Promise<void>;
}

export async function openDatabaseConnection(
  config: AppConfig,
  mode: EmbeddedPostgresOptions['mode'],
  hooks: Pick<EmbeddedPostgresOptions, 'onLog' | 'onUnexpectedExit' | 'restart' | 'onRestart' | 'onRestarted' | 'onWait'> = {},
): Promise<DatabaseConnection> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, ownerUrl: config.databaseOwnerUrl, embedded: false, close: async () => undefined };
  }
  const handle = await startEmbeddedPostgres({ dataDir: config.dataDir, mode, ...hooks });
  return { url: handle.url, ownerUrl: handle.ownerUrl, embedded: true, close: () => handle.stop() };
}
