import type { DynamicModule, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Client } from 'pg';
import supertest from 'supertest';
import type { DataSource } from 'typeorm';
import type { Role } from '@sra/contracts';
import { createApp } from '../../apps/api/src/app.factory';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { UsersService } from '../../apps/api/src/users/users.service';
import { tempDir } from './processes';
import { createTestDatabase } from './test-postgres';

export interface TestApp {
  app: NestExpressApplication;
  db: DataSource;
  /** The test database's URL (as the app role), for a CLI run as a real process against it. */
  databaseUrl: string;
  /** As the schema owner (migrations only). */
  databaseOwnerUrl: string;
  /**
   * A statement as the schema owner, which has every privilege: to show a trigger refusing what the app role is
   * not even granted (the triggers are the second line of defence).
   */
  ownerQuery: (sql: string, params?: unknown[]) => Promise<unknown[]>;
  request: () => ReturnType<typeof supertest>;
  /** Creates a user with this role and returns an agent signed in as them. */
  signedIn: (role: Role, email?: string) => Promise<ReturnType<typeof supertest.agent>>;
  createUser: (role: Role, email: string, password: string) => Promise<void>;
  close: () => Promise<void>;
}

export const TEST_PASSWORD = 'integration-test-password';

/** Boots the real HTTP app in-process on its own fresh database. */
export async function startTestApp(env: Record<string, string> = {}, extraModules: Array<Type | DynamicModule> = []): Promise<TestApp> {
  const database = await createTestDatabase();
  // A connection may take seconds to open when every core is busy (the suite runs beside builds): the product's
  // 5 s limit is for a database that is away, which the fault tests set up with their own limits.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', AUDIT_DATA_DIR: tempDir('app'), DATABASE_CONNECT_TIMEOUT_MS: '30000', ...env });
  const app = await createApp(config, { url: database.url, ownerUrl: database.ownerUrl, embedded: false }, extraModules);
  await app.init();
  const server = app.getHttpServer();
  const users = app.get(UsersService);
  let n = 0;
  const createUser = async (role: Role, email: string, password: string) => {
    await users.create({ email, role, password });
  };
  return {
    app,
    db: app.get<DataSource>(getDataSourceToken()),
    databaseUrl: database.url,
    databaseOwnerUrl: database.ownerUrl,
    ownerQuery: async (sql, params = []) => {
      const client = new Client({ connectionString: database.ownerUrl });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows;
      } finally {
        await client.end();
      }
    },
    request: () => supertest(server),
    createUser,
    signedIn: async (role, email = `${role}-${++n}@example.org`) => {
      await createUser(role, email, TEST_PASSWORD);
      const agent = supertest.agent(server);
      await agent.post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
      return agent;
    },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
