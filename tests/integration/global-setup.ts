import { setupTestPostgres } from '../support/test-postgres';

export default async function globalSetup(): Promise<void> {
  await setupTestPostgres();
}
