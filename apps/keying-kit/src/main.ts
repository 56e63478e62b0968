/**
 * The keying kit: what an agency runs inside its own network (docs/keying.md). Reads the agency's extract (names,
 * dates of birth, sex and the record's other columns), writes this project's import file with the exact person key
 * and the tolerant keys in place of every identifying column. Nothing identifying is written anywhere else: no
 * temporary file, and no name, date or row content in any message.
 *
 *   keying --config <config.json> --in <extract.csv> --out <import.csv> [--secret-file <file>]
 *
 * The linkage secret comes from the file named by --secret-file or KEYING_SECRET_FILE, or from the environment
 * variable KEYING_SECRET; never from the command line, which other users of the machine can see.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import {
  checkOutputHeader,
  keyedHash,
  KeyingTransform,
  KitConfigError,
  KitInputError,
  CsvFormatError,
  MIN_SECRET_LENGTH,
  parseKitConfig,
  type LeftOut,
} from '@sra/keying';
import { splitCsvRow } from '@sra/import-formats';

const USAGE = 'usage: keying --config <config.json> --in <extract.csv> --out <import.csv> [--secret-file <file>]';
/** Rows left out are listed one by one up to this many; past it they are counted. */
const MAX_LISTED = 100;

class UsageError extends Error {}
class HelpRequested extends Error {}

function parseArgs(argv: string[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') throw new HelpRequested(USAGE);
    if (flag === '--secret' || flag.startsWith('--secret=')) {
      throw new UsageError('the linkage secret is never given on the command line (other users of the machine can see it): use --secret-file <file>, KEYING_SECRET_FILE or KEYING_SECRET');
    }
    if (!['--config', '--in', '--out', '--secret-file'].includes(flag)) throw new UsageError(`unknown argument "${flag}"\n${USAGE}`);
    const value = argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value\n${USAGE}`);
    args[flag.slice(2)] = value;
  }
  for (const required of ['config', 'in', 'out']) if (!args[required]) throw new UsageError(`--${required} is required\n${USAGE}`);
  return args;
}

function readSecret(file: string | undefined): string {
  const fromFile = file ?? process.env.KEYING_SECRET_FILE;
  let secret: string;
  if (fromFile) {
    try {
      secret = fs.readFileSync(fromFile, 'utf8').replace(/[\r\n]+$/, '');
    } catch (error) {
      throw new UsageError(`cannot read the secret file ${fromFile}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  } else if (process.env.KEYING_SECRET !== undefined) {
    secret = process.env.KEYING_SECRET;
  } else {
    throw new UsageError('no linkage secret: name its file with --secret-file <file> or KEYING_SECRET_FILE, or set KEYING_SECRET');
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new UsageError(`the linkage secret is ${secret.length} characters long; it must be at least ${MIN_SECRET_LENGTH} (docs/keying.md, "The secret")`);
  }
  return secret;
}

function readConfig(file: string) {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the config ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new UsageError(`the config ${file} is not valid JSON`);
  }
  try {
    return parseKitConfig(raw);
  } catch (error) {
    if (error instanceof KitConfigError) throw new UsageError(`config ${file}: ${error.message}`);
    throw error;
  }
}

function write(out: fs.WriteStream, text: string): Promise<void> | null {
  if (text === '' || out.write(text)) return null;
  return new Promise((resolve) => out.once('drain', resolve));
}

/** Reads the first line of the written file back: the header the server will see, checked as the server checks it. */
function recheckWrittenHeader(file: string): string[] {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, n).toString('utf8');
    const end = text.indexOf('\n');
    return splitCsvRow(end < 0 ? text : text.slice(0, end));
  } finally {
    fs.closeSync(fd);
  }
}

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const config = readConfig(args.config);
  const hash = keyedHash(readSecret(args['secret-file']));
  const input = path.resolve(args.in);
  const output = path.resolve(args.out);
  if (input === output) throw new UsageError('--out must not be the extract itself');
  if (!fs.existsSync(input)) throw new UsageError(`cannot read the extract ${args.in}: no such file`);

  const name = path.basename(args.in);
  let listed = 0;
  const leftOutLines: number[] = [];
  const onLeftOut = (row: LeftOut) => {
    if (listed < MAX_LISTED) {
      listed++;
      process.stderr.write(`${name} line ${row.line}${row.column ? `, column "${row.column}"` : ''}: ${row.reason}; the row is left out\n`);
    }
    if (leftOutLines.length < 20) leftOutLines.push(row.line);
  };
  let transform: KeyingTransform;
  try {
    transform = new KeyingTransform(config, hash, onLeftOut);
  } catch (error) {
    if (error instanceof KitInputError) throw new UsageError(`config ${args.config}: ${error.message}; nothing was written`);
    throw error;
  }

  const out = fs.createWriteStream(output, { highWaterMark: 1 << 20 });
  const outClosed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
  });
  try {
    const decoder = new StringDecoder('utf8');
    for await (const chunk of fs.createReadStream(input, { highWaterMark: 1 << 20 })) {
      const waiting = write(out, transform.push(decoder.write(chunk as Buffer)));
      if (waiting) await waiting;
    }
    const waiting = write(out, transform.push(decoder.end()) + transform.end());
    if (waiting) await waiting;
    out.end();
    await outClosed;
  } catch (error) {
    out.destroy();
    await outClosed.catch(() => undefined);
    fs.rmSync(output, { force: true }); // a half-written file must not be sent
    if (error instanceof KitInputError || error instanceof CsvFormatError) throw new UsageError(`${name} ${error.message}; nothing was written`);
    throw error;
  }

  const problems = checkOutputHeader(config, recheckWrittenHeader(output));
  if (problems.length > 0) {
    fs.rmSync(output, { force: true });
    throw new UsageError(`the written file's header would be refused, so it was removed: ${problems.join(' ')}`);
  }
  const c = transform.counts;
  const fmt = (n: number) => n.toLocaleString('en-US');
  process.stderr.write(
    `keying: ${fmt(c.rowsRead)} rows read from ${name}; ${fmt(c.rowsWritten)} written to ${path.basename(args.out)} (${config.kind}), its header checked as the server checks it` +
      (c.rowsLeftOut > 0
        ? `; ${fmt(c.rowsLeftOut)} left out (lines ${leftOutLines.join(', ')}${c.rowsLeftOut > leftOutLines.length ? ', ...' : ''})${c.rowsLeftOut > MAX_LISTED ? `, the first ${MAX_LISTED} listed above` : ''}`
        : '') +
      `; peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`,
  );
  return 0;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof HelpRequested) {
      process.stdout.write(`${error.message}\nSee docs/keying.md. The linkage secret: --secret-file <file>, KEYING_SECRET_FILE or KEYING_SECRET.\n`);
      process.exit(0);
    }
    if (error instanceof UsageError) {
      process.stderr.write(`keying: ${error.message}\n`);
      process.exit(2);
    }
    // An unexpected error: its message only, never a stack with values in it.
    process.stderr.write(`keying: failed: ${error instanceof Error ? error.message : 'unknown error'}\n`);
    process.exit(1);
  },
);
