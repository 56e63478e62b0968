/**
 * Writes synthetic agency extracts for the linkage bench and the kit's tests (docs/synthetic-data.md, "Agency
 * extracts"): `<out>/<file>.csv` (the extract, with names), `<out>/<file>.truth.csv` (row id → person) and
 * `<out>/<file>.config.json` (the kit config that reads it), for the police incident-persons, arrests and DA files.
 *
 *   keying-extracts --out <dir> [--persons N] [--police N] [--arrests N] [--da N] [--seed S]
 *
 * Names are drawn from the census name lists in the zxcvbn package (a dev dependency): the agency kit never
 * carries them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_EXTRACT_OPTIONS, EXTRACT_CONFIGS, EXTRACT_FILES, ExtractGenerator, type ExtractOptions } from '@sra/keying';
import { censusNameLists } from './census-names';

function options(argv: string[]): { out: string; options: ExtractOptions } {
  const o: ExtractOptions = { ...DEFAULT_EXTRACT_OPTIONS };
  let out = '';
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--out') out = value;
    else if (flag === '--seed') o.seed = value;
    else if (['--persons', '--police', '--arrests', '--da'].includes(flag)) {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} must be a whole number`);
      (o as unknown as Record<string, number>)[flag.slice(2)] = n;
    } else throw new Error(`unknown argument ${flag}`);
  }
  if (!out) throw new Error('--out <dir> is required');
  if (o.persons < 1) throw new Error('--persons must be at least 1');
  return { out, options: o };
}

async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const stream = fs.createWriteStream(file, { highWaterMark: 1 << 20 });
  const closed = new Promise<void>((resolve, reject) => {
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  let batch = '';
  for (const line of lines) {
    batch += line;
    if (batch.length > 1 << 16) {
      if (!stream.write(batch)) await new Promise<void>((r) => stream.once('drain', () => r()));
      batch = '';
    }
  }
  stream.end(batch);
  await closed;
}

async function main(): Promise<void> {
  const { out, options: o } = options(process.argv.slice(2));
  fs.mkdirSync(out, { recursive: true });
  const generator = new ExtractGenerator(censusNameLists(), o);
  const counts: Record<string, number> = {};
  for (const file of EXTRACT_FILES) {
    // The extract and its truth come from one pass; the truth lines are few bytes, kept until the extract is written.
    const truth: string[] = [];
    let rows = -1;
    await writeLines(
      path.join(out, `${file}.csv`),
      (function* () {
        for (const { extract, truth: t } of generator.lines(file)) {
          rows++;
          if (t !== null) truth.push(t);
          yield extract;
        }
      })(),
    );
    await writeLines(path.join(out, `${file}.truth.csv`), truth);
    fs.writeFileSync(path.join(out, `${file}.config.json`), `${JSON.stringify(EXTRACT_CONFIGS[file], null, 2)}\n`);
    counts[file] = rows;
  }
  process.stdout.write(`${JSON.stringify({ out, seed: o.seed, persons: o.persons, rows: counts, rates: o.rates })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`keying-extracts: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
