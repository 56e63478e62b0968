import type { INestApplicationContext } from '@nestjs/common';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IMPORT_KINDS, isImportKind } from '@sra/import-formats';
import type { ImportBatchResult, ImportPreview, ImportUnknownCode } from '@sra/contracts';
import { IngestService } from '../ingest/ingest.service';
import { CliError } from './cli-error';

/**
 * `audit ingest <kind> <file> [--dry-run]`: one batch; the JSON result on stdout. A dry run runs the whole load and
 * rolls it back, answering what it would do. Without it the load lands, updates included (analysts script the
 * CLI: no question is asked), and the counts are said on stderr.
 */
export async function runIngest(
  app: INestApplicationContext,
  kind: string | undefined,
  file: string | undefined,
  log: (line: string) => void,
  dryRun = false,
): Promise<ImportBatchResult | ImportPreview> {
  if (!isImportKind(kind)) throw new CliError(`the kind must be one of ${IMPORT_KINDS.join(', ')} (got "${kind ?? ''}")`, 2);
  if (!file) throw new CliError('which file? usage: ingest <kind> <file>', 2);
  const full = path.resolve(file);
  let size: number;
  try {
    const stat = fs.statSync(full);
    if (!stat.isFile()) throw new CliError(`${file} is not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  let lastLog = Date.now();
  return app.get(IngestService).load(
    {
    kind,
    fileName: path.basename(full),
    input: fs.createReadStream(full, { highWaterMark: 1 << 20 }),
    sizeBytes: size,
    loadedBy: { userId: null, label: `cli:${os.userInfo().username}` },
    source: 'cli',
    onProgress: (bytes, rows) => {
      if (Date.now() - lastLog < 2000) return;
      lastLog = Date.now();
      log(`ingest: ${rows.toLocaleString('en-US')} rows read (${Math.floor((bytes / Math.max(size, 1)) * 100)}%)`);
    },
    onPhase: (phase, rows) =>
      log(phase === 'checking' ? `ingest: ${rows.toLocaleString('en-US')} rows read; checking them` : 'ingest: merging the good rows into the records'),
    },
    { dryRun, confirmUpdates: 'any' },
  );
}

const n = (x: number) => x.toLocaleString('en-US');

/** The counts of a load (or of a dry run) in one line for people, on stderr. */
export function countsLine(result: ImportBatchResult | ImportPreview): string {
  const counts = `${n(result.inserted)} new, ${n(result.updated)} updated, ${n(result.unchanged)} unchanged, ${n(result.rejected)} rejected`;
  if (result.status === 'preview') return `ingest (dry run, nothing stored): the load would make ${counts} records`;
  return `ingest: ${counts} records`;
}

/** The codes of a load that the incident-code catalog does not know, most rows first: "12075 (2 rows), 65021 (1 row)". */
export function unknownCodesLine(codes: readonly ImportUnknownCode[]): string {
  const listed = codes.map((c) => `${c.code}${c.descriptionInFile ? ` "${c.descriptionInFile}"` : ''} (${n(c.rows)} ${c.rows === 1 ? 'row' : 'rows'})`);
  return `ingest: codes not in the incident-code catalog, loaded as given (an admin can describe them on the Incident codes page): ${listed.join(', ')}`;
}
