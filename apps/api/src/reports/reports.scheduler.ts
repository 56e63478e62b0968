import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { shiftMonth } from '../compliance/measures/measures.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ReportsService } from './reports.service';

const HOUR = 60 * 60 * 1000;

/**
 * A draft of the previous month's report on the 1st of each month, for an analyst to review and publish. It
 * checks at start and every hour, so a server that was down on the 1st catches up; a month that already has a
 * version, or has no eligible report at all, is left alone.
 */
@Injectable()
export class ReportsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReportsScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reports: ReportsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.reportScheduler) return;
    this.timer = setInterval(() => void this.tick(), HOUR);
    this.timer.unref();
    void this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Generates the previous month's draft if it is due; returns the month it generated, if any. */
  async runOnce(today = new Date()): Promise<string | null> {
    const month = shiftMonth(today.toISOString().slice(0, 7), -1);
    const [{ versions, eligible }]: Array<{ versions: number; eligible: number }> = await this.db.query(
      `SELECT (SELECT count(*) FROM report_version WHERE month = $1)::int AS versions,
              (SELECT count(*) FROM eligible_report WHERE report_month = ($1 || '-01')::date)::int AS eligible`,
      [month],
    );
    if (versions > 0 || eligible === 0) return null;
    await this.reports.generate(month, 'scheduler', { reuseUnchanged: true });
    this.logger.log(`Draft report for ${month} generated; an analyst can review and publish it.`);
    return month;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.runOnce()
      .then(() => undefined)
      .catch((error: Error) => this.logger.error(`The monthly draft report failed: ${error.message}`))
      .finally(() => (this.running = null));
    await this.running;
  }
}
