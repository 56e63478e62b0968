import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { REPORT_EDITIONS, REPORT_FORMATS, type ReportEdition, type ReportFormat } from '@sra/contracts';
import { ReportsService } from '../reports/reports.service';
import { CliError } from './cli-error';

export interface ReportArgs {
  month: string;
  edition: ReportEdition;
  format: ReportFormat;
  out: string;
  reason?: string;
}

export function reportArgs(options: Record<string, string | boolean | undefined>): ReportArgs {
  const { month, edition = 'internal', format = 'pdf', out, reason } = options;
  if (typeof month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new CliError('--month YYYY-MM is required (e.g. --month 2022-05)', 2);
  if (typeof edition !== 'string' || !(REPORT_EDITIONS as readonly string[]).includes(edition)) {
    throw new CliError(`--edition must be one of ${REPORT_EDITIONS.join(', ')} (got "${String(edition)}")`, 2);
  }
  if (typeof format !== 'string' || !(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new CliError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got "${String(format)}")`, 2);
  }
  if (typeof out !== 'string' || out === '') throw new CliError('--out FILE is required', 2);
  return { month, edition: edition as ReportEdition, format: format as ReportFormat, out, reason: typeof reason === 'string' ? reason : undefined };
}

/**
 * The month's report as the web app's button makes it: the latest version when it rests on exactly the data there
 * is now, else a new draft version (which needs --reason once the month was published). Written whole or not at all.
 */
export async function runReport(app: INestApplicationContext, args: ReportArgs): Promise<Record<string, unknown>> {
  const started = Date.now();
  const reports = app.get(ReportsService);
  const record = await reports.generate(args.month, 'cli', { reason: args.reason, reuseUnchanged: true });
  const file = await reports.file(record.id, args.edition, args.format, { id: '', email: 'cli', displayName: 'Command line', role: 'admin' });
  const target = path.resolve(args.out);
  const temporary = `${target}.part-${process.pid}`;
  try {
    fs.writeFileSync(temporary, file.content);
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new CliError(`cannot write ${target}: ${(error as Error).message}`);
  }
  return {
    report: record.id,
    version: record.version,
    status: record.status,
    contentHash: record.contentHash,
    edition: args.edition,
    format: args.format,
    file: target,
    bytes: file.content.length,
    seconds: (Date.now() - started) / 1000,
  };
}
