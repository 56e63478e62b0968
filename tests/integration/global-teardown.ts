import { teardownTestPostgres } from '../support/test-postgres';

export default async function globalTeardown(): Promise<void> {
  await teardownTestPostgres();
}
