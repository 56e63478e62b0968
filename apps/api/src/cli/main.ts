import 'reflect-metadata';
import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/app-config';
import { migrateDatabase } from '../database/app-role';
import { openDatabaseConnection, type DatabaseConnection } from '../database/database-connection';
import { DataDirBusyError } from '../database/data-dir-sharing';
import { DataDirInUseError, EmbeddedPostgresError } from '../database/embedded-postgres';
import { CliError, plainCliMessage } from './cli-error';
import { CliModule } from './cli.module';
import { COMMANDS } from './commands';

function help(): string {
  const lines = ['Usage: npm run -s audit -- <command> [options]', '', 'Commands:'];
  for (const spec of Object.values(COMMANDS)) lines.push(`  ${spec.usage}`, `      ${spec.summary}`);
  lines.push(
    '',
    'The database is DATABASE_URL if set, else the embedded one in AUDIT_DATA_DIR (default .data/).',
    'Migrations run as DATABASE_OWNER_URL when set (the schema owner), else as DATABASE_URL.',
  );
  return lines.join('\n');
}

function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  return new Promise((resolve, reject) => {
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => (data += chunk));
    process.stdin.on('end', () => resolve(data));
    process.stdin.on('error', reject);
  });
}

async function run(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(help() + '\n');
    return;
  }
  const spec = COMMANDS[name];
  if (!spec) throw new CliError(`unknown command "${name}"; run "npm run -s audit -- help" for the list`, 2);

  let options: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    const parsed = parseArgs({ args: rest, options: spec.options, strict: true, allowPositionals: (spec.positionals ?? 0) > 0 });
    options = parsed.values as Record<string, string | boolean | undefined>;
    positionals = parsed.positionals;
  } catch (error) {
    throw new CliError(`${(error as Error).message.split('\n')[0]}; usage: ${spec.usage}`, 2);
  }
  if (positionals.length > (spec.positionals ?? 0)) throw new CliError(`too many arguments; usage: ${spec.usage}`, 2);

  const out = (line: string) => process.stdout.write(line + '\n');
  if (spec.database === false) {
    await spec.run({ app: null, options, positionals, stdin: readStdin, out, database: { embedded: false } });
    return;
  }
  // A command does its one job: the server's monthly report scheduler and DataSF pull schedule never run inside it.
  const loaded = loadConfig(process.env);
  const config = { ...loaded, reportScheduler: false, datasfPull: { ...loaded.datasfPull, scheduler: false } };
  let db: DatabaseConnection | null = null;
  let app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>> | null = null;
  try {
    // The embedded database is shared with the server and other CLIs; the last to leave stops it.
    db = await openDatabaseConnection(config, 'shared', { onWait: (message) => process.stderr.write(`audit: ${message}\n`) });
    leaveOnSignal(db);
    // As the schema owner (DATABASE_OWNER_URL, or the embedded server's owner role), one process at a time; the command
    // then works as the app role.
    if (spec.migrate) await migrateDatabase(db);
    const levels: LogLevel[] = config.logLevel === 'debug' || config.logLevel === 'trace' ? ['error', 'warn', 'log', 'debug'] : ['error'];
    app = await NestFactory.createApplicationContext(CliModule.forRoot(config, db.url, db.embedded), { logger: new StderrLogger({ logLevels: levels }) });
    await spec.run({ app, options, positionals, stdin: readStdin, out, database: db });
  } finally {
    await app?.close();
    await db?.close();
  }
}

let interruptedBy: NodeJS.Signals | null = null;

/**
 * Ctrl-C or a stop signal: leave the database before exiting, so that one this command started is not left running
 * (it is stopped unless another process uses it; PostgreSQL rolls back what the command had not committed).
 */
function leaveOnSignal(db: DatabaseConnection): void {
  const leave = (signal: NodeJS.Signals) => {
    if (interruptedBy) return;
    interruptedBy = signal;
    process.stderr.write(`audit: ${signal} received: stopped\n`);
    void db.close().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', leave);
  process.once('SIGTERM', leave);
}

/** Serialises migrations across processes (two CLIs started at once on a new database would both create the schema). */
/** Every log line to stderr: stdout carries only the command's result (one JSON line, or CSV). */
class StderrLogger extends ConsoleLogger {
  protected override printMessages(messages: unknown[], context?: string, logLevel?: LogLevel, _stream?: 'stdout' | 'stderr', errorStack?: unknown): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack);
  }
}

run(process.argv.slice(2)).then(
  () => {
    if (!interruptedBy) process.exit(0);
  },
  (error: unknown) => {
    // Interrupted, the command fails as its database goes: the signal handler exits once it has left.
    if (interruptedBy) return;
    const known =
      error instanceof CliError || error instanceof ConfigError || error instanceof DataDirInUseError || error instanceof DataDirBusyError || error instanceof EmbeddedPostgresError;
    const message = known ? (error as Error).message : (plainCliMessage(error) ?? `unexpected error: ${(error as Error)?.message ?? String(error)}`);
    process.stderr.write(`audit: ${message.split('\n').join(' ')}\n`);
    process.exit(error instanceof CliError ? error.exitCode : 1);
  },
);
