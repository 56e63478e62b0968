import * as fs from 'node:fs';
import { requireBuilt, SERVER_MAIN, WEB_INDEX } from '../support/paths';
import { childEnv, startServer, tempDir, type RunningServer } from '../support/processes';

export const E2E_ADMIN_PASSWORD = 'e2e-admin-password-1';

/** Starts the built server, exactly as `npm start` does, on a fresh embedded database. */
export default async function globalSetup(): Promise<void> {
  requireBuilt(SERVER_MAIN, WEB_INDEX);
  const dataDir = tempDir('e2e');
  // A small demo city loads in the background, as on a newcomer's first `npm start`. Every browser test signs in
  // from this one address, far more often than a person would: the per-address sign-in limit (tested in
  // tests/integration/auth.test.ts) is raised so that the suite's length does not trip it.
  const server = await startServer(
    childEnv({
      AUDIT_DATA_DIR: dataDir,
      PORT: '0',
      AUDIT_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      AUDIT_DEMO: 'true',
      AUDIT_DEMO_INCIDENTS: '30000',
      AUTH_LOGIN_MAX_ATTEMPTS_PER_IP: '10000',
    }),
  );
  (globalThis as { __sraE2e?: { server: RunningServer; dataDir: string } }).__sraE2e = { server, dataDir };
  process.env.SRA_E2E_URL = server.url;
  process.env.SRA_E2E_ADMIN_PASSWORD = E2E_ADMIN_PASSWORD;
  // The server's data directory, for a test that runs the CLI beside it (the CLI then uses the server's PostgreSQL).
  process.env.SRA_E2E_DATA_DIR = dataDir;
  fs.mkdirSync(`${dataDir}/screenshots`, { recursive: true });
}
