import * as fs from 'node:fs';
import { stopServer, type RunningServer } from '../support/processes';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { __sraE2e?: { server: RunningServer; dataDir: string } }).__sraE2e;
  if (!state) return;
  await stopServer(state.server);
  fs.rmSync(state.dataDir, { recursive: true, force: true });
}
