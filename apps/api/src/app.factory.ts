import { ValidationPipe, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { AppModule } from './app.module';
import { AppLogger } from './logging/app-logger';
import type { AppConfig } from './config/app-config';
import type { DatabaseConnection } from './database/database-connection';
import { migrateDatabase } from './database/app-role';
import { AuditLogService } from './audit-log/audit-log.service';
import { clientOf } from './auth/authenticated-request';
import { sameOriginWrites } from './security/same-origin-writes';
import { securityHeaders } from './security/security-headers';
import { mountWebApp } from './web/web-app';

/** Builds the whole HTTP app; `main.ts` listens on it, integration tests drive it in-process. */
export async function createApp(
  config: AppConfig,
  db: Pick<DatabaseConnection, 'url' | 'ownerUrl' | 'embedded'>,
  extraModules: Array<Type | DynamicModule> = [],
): Promise<NestExpressApplication> {
  // As the schema owner, before the app's own (unprivileged) connections open.
  const migrated = await migrateDatabase(db);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, databaseUrl: db.url, embedded: db.embedded, extraModules }),
    // Only JSON bodies are parsed (no url-encoded form bodies): see sameOriginWrites below.
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(AppLogger));
  if (migrated.applied.length > 0) app.get(AppLogger).log(`applied migrations: ${migrated.applied.join(', ')}`, 'Database');
  if (migrated.warning) app.get(AppLogger).warn(migrated.warning, 'Database');
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(securityHeaders({ hsts: config.cookieSecure }));
  // Before the body parsers (registered at init), so a refused body is never read.
  const auditLog = app.get(AuditLogService);
  app.use(
    sameOriginWrites({
      publicOrigin: config.publicOrigin,
      onRefused: (req, refusal) =>
        auditLog.record({
          action: `${refusal.method} ${refusal.path}`.slice(0, 200),
          outcome: 'failure',
          statusCode: refusal.statusCode,
          detail: { reason: refusal.statusCode === 403 ? 'cross-origin request' : 'body type not accepted' },
          ...clientOf(req),
        }),
    }),
  );
  app.useBodyParser('json');
  app.use(cookieParser());
  app.setGlobalPrefix('api');
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));

  const openApi = new DocumentBuilder()
    .setTitle('Safe Reporting Audit API')
    .setDescription('Audit of the "Prioritizing Safety for Sex Workers" policies. Sign in with POST /api/auth/login; the session cookie authorises the rest.')
    .setVersion('1')
    .addCookieAuth('sra_session')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'api/docs-json' });

  mountWebApp(app, config.webDistDir);
  return app;
}
