import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isRole, ROLES, type EvaluationOutcome, type ImportBatchResult, type UserRecord } from '@sra/contracts';
import { AuditLogService } from '../audit-log/audit-log.service';
import { MIN_PASSWORD_LENGTH } from '../auth/password';
import { migrateDatabase } from '../database/app-role';
import { MIGRATIONS } from '../database/schema';
import { UsersService } from '../users/users.service';
import { CliError } from './cli-error';
import { numberArg, runGenerate, type GenerateArgs } from './generate.command';
import { countsLine, runIngest, unknownCodesLine } from './ingest.command';
import { ImportBatchesService } from '../ingest/import-batches.service';
import { batchRows, findBatch, limitArg, listBatches, REJECT_FORMATS, writeRejects, type RejectFormat } from './batches.command';
import { runOutcome } from '../compliance/evaluation/evaluation-outcome';
import { DemoService } from '../demo/demo.service';
import { EvaluationService, type EvaluationSummary } from '../compliance/evaluation/evaluation.service';
import { CASE_EXPORT_FORMATS, writeCases } from './cases.command';
import { FLAG_EXPORT_FORMATS, writeFlags } from './flags.command';
import { reportArgs, runReport } from './report.command';
import { runPull } from './pull.command';
import { ReleaseService } from '../compliance/release/release.service';

const n = (x: number) => x.toLocaleString('en-US');

export interface CommandContext {
  /** Null for commands that need no database. */
  app: INestApplicationContext | null;
  options: Record<string, string | boolean | undefined>;
  positionals: string[];
  stdin: () => Promise<string>;
  out: (line: string) => void;
  /** Where the data is; `ownerUrl` (the schema owner) is for migrations only. */
  database: { embedded: boolean; url?: string; ownerUrl?: string | null };
}

export interface CommandSpec {
  summary: string;
  usage: string;
  options: Record<string, { type: 'string' | 'boolean' }>;
  /** How many positional arguments it takes (default none). */
  positionals?: number;
  /** Whether the command needs the database (opened, and migrated if `migrate`). */
  database?: boolean;
  /** Whether pending migrations are applied before the command runs. */
  migrate: boolean;
  run(ctx: CommandContext): Promise<void>;
}

function appOf(ctx: CommandContext): INestApplicationContext {
  if (!ctx.app) throw new CliError('this command needs the database');
  return ctx.app;
}

function dataSource(ctx: CommandContext): DataSource {
  return appOf(ctx).get<DataSource>(getDataSourceToken());
}

async function migrationState(ds: DataSource): Promise<{ applied: string[]; pending: string[] }> {
  const exists = (await ds.query(`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`)) as Array<{ present: boolean }>;
  const applied = exists[0].present
    ? ((await ds.query(`SELECT name FROM schema_migrations ORDER BY id`)) as Array<{ name: string }>).map((r) => r.name)
    : [];
  const pending = MIGRATIONS.map((m) => m.name).filter((name) => !applied.includes(name));
  return { applied, pending };
}

/** A password from standard input (one line), long enough. */
async function readPassword(ctx: CommandContext): Promise<string> {
  const password = (await ctx.stdin()).replace(/\r?\n$/, '');
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new CliError(`the password (read from standard input) must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  return password;
}

function formatUsers(users: UserRecord[]): string[] {
  const rows = [['EMAIL', 'ROLE', 'ACTIVE', 'LAST SIGN-IN'], ...users.map((u) => [u.email, u.role, u.active ? 'yes' : 'no', u.lastSignInAt ?? 'never'])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
}

export const COMMANDS: Record<string, CommandSpec> = {
  generate: {
    summary: 'Write synthetic import files with their expected flags (no database needed)',
    usage: 'generate --out DIR [--incidents N] [--seed S] [--from YYYY-MM --to YYYY-MM] [--breach-rate R] [--approximate-link-share S]',
    options: {
      out: { type: 'string' },
      incidents: { type: 'string' },
      seed: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'breach-rate': { type: 'string' },
      'approximate-link-share': { type: 'string' },
    },
    database: false,
    migrate: false,
    async run(ctx) {
      const summary = await runGenerate(ctx.options as GenerateArgs, (line) => process.stderr.write(line + '\n'));
      ctx.out(JSON.stringify(summary));
    },
  },
  ingest: {
    summary: 'Load an import file as one batch (kinds: incidents, incident-persons, arrests, da-decisions); --dry-run says what it would do, storing nothing',
    usage: 'ingest <kind> <file> [--no-evaluate] [--dry-run]',
    options: { 'no-evaluate': { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
    positionals: 2,
    migrate: true,
    async run(ctx) {
      const log = (line: string) => process.stderr.write(line + '\n');
      const dryRun = ctx.options['dry-run'] === true;
      const result = await runIngest(appOf(ctx), ctx.positionals[0], ctx.positionals[1], log, dryRun);
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      // A refused file is said once, by the error line below (the first line on stderr, as for every failure).
      if (result.status !== 'refused') log(countsLine(result));
      if (result.status === 'preview' || (dryRun && result.status === 'refused')) {
        ctx.out(JSON.stringify({ ...result, dryRun: true, peakRssMb }));
        if (result.status === 'refused') throw new CliError(`the file ${result.fileName} would be refused: ${result.reason}`);
        return;
      }
      const batch = result as ImportBatchResult;
      // Codes the catalog does not know are loaded as given; the analyst hears of them here as on the batch's page.
      if (batch.status === 'loaded') {
        const unknown = (await appOf(ctx).get(ImportBatchesService).get(batch.batchId))?.unknownCodes ?? [];
        if (unknown.length) log(unknownCodesLine(unknown));
      }
      // Then the flags follow the data (the people this batch touched), unless asked not to (a series of loads, the benchmark).
      let evaluation: (EvaluationSummary & { outcome: EvaluationOutcome }) | undefined;
      if (batch.status === 'loaded' && !ctx.options['no-evaluate']) {
        const summary = await appOf(ctx).get(EvaluationService).evaluate({ trigger: 'ingest', requestedBy: `cli:${process.env.USER ?? 'unknown'}`, batchId: batch.batchId });
        evaluation = { ...summary, outcome: await runOutcome(dataSource(ctx), summary.runId) };
        const flags = evaluation.outcome.flags;
        const cases = evaluation.outcome.cases;
        if (cases) log(`evaluate: cases ${n(cases.new)} new, ${n(cases.changed)} changed, ${n(cases.withdrawn)} withdrawn, ${n(cases.unchanged)} unchanged`);
        if (flags) log(`evaluate: flags ${n(flags.new)} new, ${n(flags.changed)} changed, ${n(flags.withdrawn)} withdrawn, ${n(flags.unchanged)} unchanged`);
      }
      ctx.out(JSON.stringify({ ...batch, peakRssMb, ...(evaluation ? { evaluation } : {}) }));
      if (batch.status === 'refused') throw new CliError(`the file ${batch.fileName} was refused: ${batch.reason}`);
    },
  },
  batches: {
    summary: 'List the recent import batches, newest first: id, kind, file, when, status and counts (--json: one JSON object per line)',
    usage: 'batches [--limit N] [--json]',
    options: { limit: { type: 'string' }, json: { type: 'boolean' } },
    migrate: true,
    async run(ctx) {
      const batches = await listBatches(appOf(ctx), limitArg(ctx.options.limit));
      if (ctx.options.json) for (const b of batches) ctx.out(JSON.stringify(b));
      else if (batches.length === 0) ctx.out('no import batches yet');
      else for (const line of batchRows(batches)) ctx.out(line);
    },
  },
  rejects: {
    summary: "Print a batch's rejected rows (line, column, value, reason); the batch by its id or the first 8 characters `batches` shows",
    usage: `rejects <batch> [--format ${REJECT_FORMATS.join('|')}]`,
    options: { format: { type: 'string' } },
    positionals: 1,
    migrate: true,
    async run(ctx) {
      const format = ctx.options.format ?? 'table';
      if (typeof format !== 'string' || !(REJECT_FORMATS as readonly string[]).includes(format)) {
        throw new CliError(`--format must be one of ${REJECT_FORMATS.join(', ')} (got "${String(format)}")`, 2);
      }
      const batch = await findBatch(appOf(ctx), ctx.positionals[0]);
      const count = await writeRejects(appOf(ctx), batch, format as RejectFormat, (chunk) => process.stdout.write(chunk));
      process.stderr.write(`rejects: ${n(count)} rejected rows of batch ${batch.id} (${batch.kind}, ${batch.fileName}, ${batch.status})\n`);
    },
  },
  release: {
    summary: 'Build the released set (what viewers and the public see) and audit it; --exact solves every bound of every hidden count',
    usage: 'release [--exact]',
    options: { exact: { type: 'boolean' } },
    migrate: true,
    async run(ctx) {
      const release = appOf(ctx).get(ReleaseService);
      const started = Date.now();
      const built = await release.current();
      const buildSeconds = (Date.now() - started) / 1000;
      const fresh = await release.auditCurrent(ctx.options.exact === true);
      process.stderr.write(
        `release: ${n(built.audit.cells)} cells, ${n(built.audit.primary)} small and ${n(built.audit.hidden - built.audit.primary)} protecting hidden; ` +
          `audit ${fresh.passed ? 'passed' : `FAILED on ${n(fresh.failures)} counts`} (${n(fresh.checked)} hidden counts, ${(fresh.millis / 1000).toFixed(1)} s${ctx.options.exact ? ', every bound solved' : ''})\n`,
      );
      ctx.out(JSON.stringify({ ...built.audit, periods: built.periods.length, buildSeconds, audit: { ...fresh, exact: ctx.options.exact === true } }));
      if (!fresh.passed) throw new CliError('the released set fails its audit: see the server log of the build');
    },
  },
  pull: {
    summary: 'Pull new and changed SFPD incident rows from DataSF (wg3w-h783) as one batch, then evaluate it; --since pulls rows reported from that day on',
    usage: 'pull datasf [--since YYYY-MM-DD] [--base-url URL] [--no-evaluate]',
    options: { since: { type: 'string' }, 'base-url': { type: 'string' }, 'no-evaluate': { type: 'boolean' } },
    positionals: 1,
    migrate: true,
    async run(ctx) {
      const since = typeof ctx.options.since === 'string' ? ctx.options.since : undefined;
      const baseUrl = typeof ctx.options['base-url'] === 'string' ? ctx.options['base-url'] : undefined;
      const log = (line: string) => process.stderr.write(line + '\n');
      const outcome = await runPull(appOf(ctx), ctx.positionals[0], { since, baseUrl, evaluate: ctx.options['no-evaluate'] !== true }, log);
      ctx.out(JSON.stringify({ ...outcome, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
    },
  },
  evaluate: {
    summary: 'Evaluate the loaded records against the policies: the batches not evaluated yet, or everything with --full',
    usage: 'evaluate [--full]',
    options: { full: { type: 'boolean' } },
    migrate: true,
    async run(ctx) {
      const evaluation = appOf(ctx).get(EvaluationService);
      const requestedBy = `cli:${process.env.USER ?? 'unknown'}`;
      if (ctx.options.full) {
        ctx.out(JSON.stringify(await evaluation.evaluate({ trigger: 'on-demand', requestedBy })));
        return;
      }
      const runs = [];
      for (const batchId of await evaluation.batchesNotEvaluated()) runs.push(await evaluation.evaluate({ trigger: 'on-demand', requestedBy, batchId }));
      ctx.out(JSON.stringify({ batchesEvaluated: runs.length, runs }));
    },
  },
  flags: {
    summary: 'Print the current (not withdrawn) flags',
    usage: `flags [--format ${FLAG_EXPORT_FORMATS.join('|')}]`,
    options: { format: { type: 'string' } },
    migrate: true,
    async run(ctx) {
      const format = ctx.options.format ?? 'csv';
      if (typeof format !== 'string' || !(FLAG_EXPORT_FORMATS as readonly string[]).includes(format)) {
        throw new CliError(`--format must be one of ${FLAG_EXPORT_FORMATS.join(', ')} (got "${String(format)}")`, 2);
      }
      await writeFlags(dataSource(ctx), format as (typeof FLAG_EXPORT_FORMATS)[number], (chunk) => process.stdout.write(chunk));
    },
  },
  cases: {
    summary: 'Print the current cases (one per arrest or DA decision, with the rules it breaches)',
    usage: `cases [--format ${CASE_EXPORT_FORMATS.join('|')}]`,
    options: { format: { type: 'string' } },
    migrate: true,
    async run(ctx) {
      const format = ctx.options.format ?? 'csv';
      if (typeof format !== 'string' || !(CASE_EXPORT_FORMATS as readonly string[]).includes(format)) {
        throw new CliError(`--format must be one of ${CASE_EXPORT_FORMATS.join(', ')} (got "${String(format)}")`, 2);
      }
      await writeCases(dataSource(ctx), format as (typeof CASE_EXPORT_FORMATS)[number], (chunk) => process.stdout.write(chunk));
    },
  },
  report: {
    summary: "Write a month's compliance report (a new snapshot when the data changed since the latest)",
    usage: 'report --month YYYY-MM [--edition internal|public] [--format pdf|csv|json] --out FILE [--reason TEXT]',
    options: { month: { type: 'string' }, edition: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, reason: { type: 'string' } },
    migrate: true,
    async run(ctx) {
      const args = reportArgs(ctx.options);
      ctx.out(JSON.stringify(await runReport(appOf(ctx), args)));
    },
  },
  demo: {
    summary: 'Generate a synthetic city and load it as demo data (marked as such on every page)',
    usage: 'demo [--incidents N]',
    options: { incidents: { type: 'string' } },
    migrate: true,
    async run(ctx) {
      const raw = ctx.options.incidents;
      const incidents = typeof raw === 'string' ? numberArg('incidents', raw, 0, true) : undefined;
      if (incidents !== undefined && incidents < 1) throw new CliError(`--incidents must be at least 1 (got "${raw}")`);
      const summary = await appOf(ctx).get(DemoService).load(incidents, (line) => process.stderr.write(line + '\n'));
      ctx.out(JSON.stringify(summary));
    },
  },
  'db:migrate': {
    summary: 'Apply pending database migrations',
    usage: 'db:migrate',
    options: {},
    migrate: false,
    async run(ctx) {
      const { url, ownerUrl } = ctx.database;
      if (!url) throw new CliError('this command needs the database');
      const ran = await migrateDatabase({ url, ownerUrl: ownerUrl ?? null });
      if (ran.warning) process.stderr.write(`audit: warning: ${ran.warning}\n`);
      const state = await migrationState(dataSource(ctx));
      ctx.out(JSON.stringify({ applied: ran.applied, total: state.applied.length, pending: state.pending.length }));
    },
  },
  'db:status': {
    summary: 'Show the database in use and its migrations',
    usage: 'db:status',
    options: {},
    migrate: false,
    async run(ctx) {
      const ds = dataSource(ctx);
      const [{ version }] = (await ds.query(`SELECT current_setting('server_version') AS version`)) as Array<{ version: string }>;
      const state = await migrationState(ds);
      ctx.out(
        JSON.stringify({
          database: ctx.database.embedded ? 'embedded' : 'external',
          serverVersion: version,
          migrations: { applied: state.applied, pending: state.pending },
        }),
      );
    },
  },
  'users:add': {
    summary: 'Create a user; the password is read from standard input',
    usage: `users:add --email E --role ${ROLES.join('|')} [--name "Display Name"]  (password on stdin)`,
    options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
    migrate: true,
    async run(ctx) {
      const email = ctx.options.email;
      const role = ctx.options.role;
      if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new CliError('--email must be an email address');
      if (!isRole(role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}`);
      const password = await readPassword(ctx);
      let user: UserRecord;
      try {
        user = await appOf(ctx).get(UsersService).create({ email, role, password, displayName: typeof ctx.options.name === 'string' ? ctx.options.name : undefined });
      } catch (error) {
        throw new CliError((error as Error).message);
      }
      await appOf(ctx).get(AuditLogService).record({ action: 'user.created', actorEmail: 'cli', targetType: 'User', targetId: user.id, outcome: 'success', detail: { via: 'cli', role } });
      ctx.out(JSON.stringify({ id: user.id, email: user.email, role: user.role }));
    },
  },
  'users:set-password': {
    summary: 'Set a user\'s password (read from standard input); their sessions end',
    usage: 'users:set-password --email E  (password on stdin)',
    options: { email: { type: 'string' } },
    migrate: true,
    async run(ctx) {
      const email = ctx.options.email;
      if (typeof email !== 'string') throw new CliError('--email is required');
      const users = appOf(ctx).get(UsersService);
      const id = await users.findIdByEmail(email);
      if (!id) throw new CliError(`no user with the email ${email}`);
      const password = await readPassword(ctx);
      await users.setPassword(id, password);
      await appOf(ctx).get(AuditLogService).record({ action: 'user.password_set', actorEmail: 'cli', targetType: 'User', targetId: id, outcome: 'success', detail: { via: 'cli' } });
      ctx.out(JSON.stringify({ id, email: email.trim().toLowerCase(), passwordSet: true }));
    },
  },
  'users:list': {
    summary: 'List users (a table; --json for one JSON object per line)',
    usage: 'users:list [--json]',
    options: { json: { type: 'boolean' } },
    migrate: true,
    async run(ctx) {
      const users = await appOf(ctx).get(UsersService).all();
      if (ctx.options.json) for (const u of users) ctx.out(JSON.stringify(u));
      else for (const line of formatUsers(users)) ctx.out(line);
    },
  },
};
