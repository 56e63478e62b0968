import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { once } from 'node:events';
import { DataSource } from 'typeorm';
import { DEFAULT_GENERATE_OPTIONS, generate, OUTPUT_FILES, type OutputFile } from '@sra/synthetic';
import type { ImportBatchResult, ImportKindName } from '@sra/contracts';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { EvaluationService } from '../compliance/evaluation/evaluation.service';
import { IngestService } from '../ingest/ingest.service';

/** The demo city: three years around PC 647.3 coming into force (2020-01-01). */
export const DEMO_PERIOD = { from: '2019-07', to: '2022-06' } as const;
export const DEMO_SEED = 'demo';

const LOAD_ORDER: Array<[ImportKindName, OutputFile]> = [
  ['incidents', 'incidents.csv'],
  ['incident-persons', 'incident-persons.csv'],
  ['arrests', 'arrests.csv'],
  ['da-decisions', 'da-decisions.csv'],
];

export interface DemoSummary {
  incidents: number;
  period: { from: string; to: string };
  batches: ImportBatchResult[];
  /** Current flags after the evaluation that follows the load. */
  flags: number;
  seconds: number;
}

/**
 * Generates a synthetic city (libs/synthetic) and loads it through the
 * ordinary import pipeline, marked as demo data, so every screen has
 * something to show and says that it is not real.
 */
@Injectable()
export class DemoService {
  private readonly logger = new Logger(DemoService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ingest: IngestService,
    private readonly evaluation: EvaluationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Nothing loaded yet: no batch has ever landed. */
  async databaseIsEmpty(): Promise<boolean> {
    const rows: Array<{ empty: boolean }> = await this.db.query(`SELECT NOT EXISTS (SELECT 1 FROM import_batch WHERE status = 'loaded') AS empty`);
    return rows[0].empty;
  }

  async load(incidents = this.config.demoIncidents, log: (line: string) => void = (line) => this.logger.log(line)): Promise<DemoSummary> {
    const started = Date.now();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-demo-'));
    try {
      log(`demo: generating ${incidents.toLocaleString('en-US')} incident rows of a synthetic San Francisco, ${DEMO_PERIOD.from} to ${DEMO_PERIOD.to}`);
      const streams = new Map(OUTPUT_FILES.map((f) => [f, fs.createWriteStream(path.join(dir, f))]));
      await generate({ ...DEFAULT_GENERATE_OPTIONS, seed: DEMO_SEED, incidents, ...DEMO_PERIOD }, {
        async write(file, chunk) {
          const stream = streams.get(file);
          if (stream && !stream.write(chunk)) await once(stream, 'drain');
        },
      });
      await Promise.all([...streams.values()].map((s) => new Promise<void>((resolve, reject) => s.end((e?: Error | null) => (e ? reject(e) : resolve())))));

      const batches: ImportBatchResult[] = [];
      for (const [kind, file] of LOAD_ORDER) {
        log(`demo: loading ${kind}`);
        const full = path.join(dir, file);
        const result = await this.ingest.ingest({
          kind,
          fileName: `demo-${file}`,
          input: fs.createReadStream(full, { highWaterMark: 1 << 20 }),
          sizeBytes: fs.statSync(full).size,
          loadedBy: { userId: null, label: 'demo' },
          source: 'demo',
          isDemo: true,
        });
        if (result.status !== 'loaded') throw new Error(`the demo ${kind} file was refused: ${result.reason}`);
        batches.push(result);
      }
      log('demo: evaluating the flags');
      const evaluation = await this.evaluation.evaluate({ trigger: 'ingest', requestedBy: 'demo' });
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      log(`demo: loaded and evaluated in ${seconds} s (${evaluation.flagsCurrent.toLocaleString('en-US')} flags)`);
      return { incidents, period: { ...DEMO_PERIOD }, batches, flags: evaluation.flagsCurrent, seconds };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
