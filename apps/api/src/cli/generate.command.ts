import * as fs from 'node:fs';
import * as path from 'node:path';
import { once } from 'node:events';
import { DEFAULT_GENERATE_OPTIONS, generate, GenerateOptionsError, OUTPUT_FILES, type GenerateOptions, type OutputFile } from '@sra/synthetic';
import { CliError } from './cli-error';

const MAX_QUEUED_BYTES = 32 * 1024 * 1024;

export interface GenerateArgs {
  out?: string;
  incidents?: string;
  seed?: string;
  from?: string;
  to?: string;
  'breach-rate'?: string;
  /** Issue 16: tolerant keys in the person files, and this share of planted reporters linked only by them. */
  'approximate-link-share'?: string;
}

/** A numeric option (`1_000_000` allowed), or the fallback when absent. */
export function numberArg(name: string, raw: string | undefined, fallback: number, integer: boolean): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) throw new CliError(`--${name} must be a ${integer ? 'whole ' : ''}number (got "${raw}")`);
  return value;
}

/**
 * Writes the four import files, expected-flags.csv and manifest.json into a
 * directory, streaming: memory stays flat however many rows are asked for.
 */
export async function runGenerate(args: GenerateArgs, log: (line: string) => void): Promise<Record<string, unknown>> {
  if (!args.out) throw new CliError('--out DIR is required');
  const options: GenerateOptions = {
    ...DEFAULT_GENERATE_OPTIONS,
    seed: args.seed ?? DEFAULT_GENERATE_OPTIONS.seed,
    incidents: numberArg('incidents', args.incidents, DEFAULT_GENERATE_OPTIONS.incidents, true),
    from: args.from ?? DEFAULT_GENERATE_OPTIONS.from,
    to: args.to ?? DEFAULT_GENERATE_OPTIONS.to,
    breachRate: numberArg('breach-rate', args['breach-rate'], DEFAULT_GENERATE_OPTIONS.breachRate, false),
    approximateLinkShare: numberArg('approximate-link-share', args['approximate-link-share'], 0, false),
  };
  const dir = path.resolve(args.out);
  fs.mkdirSync(dir, { recursive: true });
  const streams = new Map<OutputFile, fs.WriteStream>(OUTPUT_FILES.map((f) => [f, fs.createWriteStream(path.join(dir, `${f}.partial`))]));
  const started = Date.now();
  let lastLog = started;
  try {
    const manifest = await generate(
      options,
      {
        async write(file, chunk) {
          const stream = streams.get(file);
          if (!stream) throw new Error(`no output stream for ${file}`);
          // Let the disk work while we generate; wait only when much is queued (memory stays bounded).
          if (!stream.write(chunk) && stream.writableLength > MAX_QUEUED_BYTES) await once(stream, 'drain');
        },
      },
      {
        onProgress: (rows, target) => {
          const now = Date.now();
          if (now - lastLog >= 2000) {
            lastLog = now;
            log(`generate: ${rows.toLocaleString('en-US')} of ${target.toLocaleString('en-US')} incident rows (${Math.floor((rows / target) * 100)}%)`);
          }
        },
      },
    );
    await Promise.all([...streams.values()].map((s) => new Promise<void>((resolve, reject) => s.end((err?: Error | null) => (err ? reject(err) : resolve())))));
    // Files appear under their final names only when complete.
    for (const f of OUTPUT_FILES) fs.renameSync(path.join(dir, `${f}.partial`), path.join(dir, f));
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    const seconds = (Date.now() - started) / 1000;
    return {
      out: dir,
      seed: manifest.seed,
      counts: manifest.counts,
      expectedFlags: manifest.expectedFlags,
      seconds: Math.round(seconds * 100) / 100,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } catch (error) {
    for (const [f, s] of streams) {
      s.destroy();
      fs.rmSync(path.join(dir, `${f}.partial`), { force: true });
    }
    if (error instanceof GenerateOptionsError) throw new CliError(error.message);
    throw error;
  }
}
