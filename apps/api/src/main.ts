import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { openDatabaseConnection, type DatabaseConnection } from './database/database-connection';
import { DataDirBusyError } from './database/data-dir-sharing';
import { DataDirInUseError, EmbeddedPostgresError } from './database/embedded-postgres';
import { EvaluationService } from './compliance/evaluation/evaluation.service';
import { DemoService } from './demo/demo.service';
import { ReleaseService } from './compliance/release/release.service';
import { INITIAL_ADMIN_EMAIL, INITIAL_ADMIN_PASSWORD_FILE, UsersService } from './users/users.service';
import * as fs from 'node:fs';
import * as path from 'node:path';

let db: DatabaseConnection | null = null;
/** How often a dying embedded PostgreSQL is restarted before the server gives up. */
const EMBEDDED_RESTARTS = { max: 3, windowMinutes: 10 };

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  let stopping = false;

  // Nest's Logger reaches the app's logger (pino) once the app is up; made at each use so it never keeps the default one.
  const pgLog = () => new Logger('EmbeddedPostgres');
  db = await openDatabaseConnection(config, 'exclusive', {
    onLog: config.logLevel === 'debug' || config.logLevel === 'trace' ? (line) => process.stderr.write(`[postgres] ${line}\n`) : undefined,
    onWait: (message) => process.stderr.write(`Embedded PostgreSQL: ${message}\n`),
    // A PostgreSQL that dies is brought back on its port (the pool reconnects); one that keeps dying stops the server.
    restart: { max: EMBEDDED_RESTARTS.max, windowMs: EMBEDDED_RESTARTS.windowMinutes * 60_000 },
    onRestart: ({ attempt, max, reason }) =>
      pgLog().warn(`${reason}: restarting it (restart ${attempt} of at most ${max} within ${EMBEDDED_RESTARTS.windowMinutes} minutes)`),
    onRestarted: ({ attempt, pid }) => pgLog().warn(`PostgreSQL restarted (restart ${attempt}, pid ${pid}): accepting connections again`),
    onUnexpectedExit: (code, signal, lastLines, restarts) => {
      if (stopping) return;
      const given = restarts > 0 ? ` and was not brought back after ${restarts} restart${restarts === 1 ? '' : 's'} within ${EMBEDDED_RESTARTS.windowMinutes} minutes` : '';
      process.stderr.write(`The embedded PostgreSQL stopped unexpectedly (code ${code}, signal ${signal})${given}. Its last words:\n${lastLines.slice(-10).join('\n')}\n`);
      process.exit(1);
    },
  });
  if (!config.databaseUrl) process.stderr.write(`Embedded PostgreSQL started, data in ${config.dataDir}\n`);

  const app = await createApp(config, db);
  const admin = await app.get(UsersService).ensureInitialAdmin(config.adminPassword, config.dataDir);
  // Evaluations a killed process left unfinished are marked failed (before anyone can connect, and before a stop
  // signal can close the database under it); what they left unevaluated is caught up in the background.
  await app.get(EvaluationService).recoverInterrupted();
  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ConfigError([`port ${config.port} on ${config.host} is already in use: stop what uses it, or set PORT to another port`]);
    }
    throw error;
  }

  let firstSignalAt = 0;
  const shutdown = async (signal: string) => {
    if (stopping) {
      // A Ctrl-C reaches npm, its shell and us at once: only a later, deliberate
      // second signal forces the exit.
      if (Date.now() - firstSignalAt < 2000) return;
      process.stderr.write('Forced exit.\n');
      process.exit(1);
    }
    stopping = true;
    firstSignalAt = Date.now();
    process.stderr.write(`${signal} received: stopping...\n`);
    try {
      await app.close();
      await db?.close();
      process.stderr.write('Stopped cleanly.\n');
      process.exit(0);
    } catch (error) {
      process.stderr.write(`Error while stopping: ${(error as Error).message}\n`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const port = (app.getHttpServer().address() as AddressInfo).port;
  const shownHost = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.host) ? 'localhost' : config.host;
  const lines = [`Safe Reporting Audit is running at http://${shownHost}:${port}`];
  if (admin.created && admin.passwordSource === 'generated') {
    lines.push(
      `First start: created ${admin.email} with a generated password (shown once):`,
      `  ${admin.password}`,
      `It is also in ${admin.passwordFile} (readable only by this user).`,
      'Change it after signing in (user menu, "Change password"; or: npm run -s audit -- users:set-password --email admin@localhost).',
    );
  } else if (admin.created) {
    lines.push(`First start: created ${admin.email} with the password from AUDIT_ADMIN_PASSWORD.`);
  } else {
    // Later starts: the generated password stays in its file until the administrator changes it.
    const passwordFile = path.join(config.dataDir, INITIAL_ADMIN_PASSWORD_FILE);
    if (fs.existsSync(passwordFile)) lines.push(`Sign in as ${INITIAL_ADMIN_EMAIL}: the password is in ${passwordFile} until you change it.`);
  }
  process.stdout.write(lines.join('\n') + '\n');

  // The released set viewers see (issue 12) is built ahead of their first visit, in the background.
  const prepareRelease = () =>
    app
      .get(ReleaseService)
      .current()
      .catch((error: Error) => process.stderr.write(`Could not build the released figures: ${error.message}\n`));
  // An empty database gets a demo city, loaded in the background so the app is usable at once.
  if (config.demo) {
    const demo = app.get(DemoService);
    if (await demo.databaseIsEmpty()) {
      process.stdout.write('Loading demo data in the background (AUDIT_DEMO=false turns this off)...\n');
      demo.load(config.demoIncidents, (line) => process.stdout.write(line + '\n')).then(
        () => {
          process.stdout.write('Demo data loaded: every page says it is synthetic.\n');
          void prepareRelease();
        },
        (error: Error) => process.stderr.write(`Could not load the demo data: ${error.message}\n`),
      );
      return;
    }
  }
  void prepareRelease();
}

main().catch(async (error: unknown) => {
  await db?.close().catch(() => undefined);
  const known = error instanceof ConfigError || error instanceof DataDirInUseError || error instanceof DataDirBusyError || error instanceof EmbeddedPostgresError;
  process.stderr.write(`Could not start: ${known ? (error as Error).message : (error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
