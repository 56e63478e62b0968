import type { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres';

/** Where the app's data lives: an external server (DATABASE_URL) or the embedded one. */
export interface DatabaseConnection {
  url: string;
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
    return { url: config.databaseUrl, embedded: false, close: async () => undefined };
  }
  const handle = await startEmbeddedPostgres({ dataDir: config.dataDir, mode, ...hooks });
  return { url: handle.url, embedded: true, close: () => handle.stop() };
}
