import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EvaluationService } from '../../compliance/evaluation/evaluation.service';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { safeMessage } from '../../logging/safe-error';
import { DataSfPullService, PullBusy, type PullRequest } from './datasf-pull.service';

const MINUTE = 60_000;

/**
 * The server's DataSF pull: every minute it asks whether the admin's schedule wants a pull (on, and its next time
 * passed), and pulls; a loaded batch is then evaluated like any upload. "Pull now" on the Imports page runs here too.
 * Never in a CLI (the CLI pulls with `audit pull datasf`).
 */
@Injectable()
export class DataSfPullScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DataSfPullScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly pulls: DataSfPullService,
    private readonly evaluation: EvaluationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.datasfPull.scheduler) return;
    this.timer = setInterval(() => void this.tick(), MINUTE);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Starts a pull in the background (PullBusy when one runs); resolves once it is marked running. */
  async start(request: PullRequest): Promise<void> {
    const run = await this.pulls.begin(request);
    const running = run()
      .then((outcome) => {
        if (outcome.batch?.status === 'loaded') this.evaluation.evaluateInBackground({ trigger: 'ingest', requestedBy: request.requestedBy, batchId: outcome.batch.batchId });
      })
      .catch((error: unknown) => this.logger.warn(`DataSF pull: ${safeMessage(error)}`))
      .finally(() => {
        if (this.running === running) this.running = null;
      });
    this.running = running;
  }

  /** Pulls when the schedule wants it (and no pull of this server runs), and waits for it; whether it pulled. */
  async runIfDue(): Promise<boolean> {
    if (this.running || !(await this.pulls.isDue())) return false;
    await this.start({ requestedBy: 'scheduler' });
    await this.running;
    return true;
  }

  private async tick(): Promise<void> {
    try {
      await this.runIfDue();
    } catch (error) {
      if (!(error instanceof PullBusy)) this.logger.warn(`DataSF pull schedule: ${safeMessage(error)}`);
    }
  }
}
