import type { INestApplicationContext } from '@nestjs/common';
import * as os from 'node:os';
import type { ImportBatchResult } from '@sra/contracts';
import { EvaluationService } from '../compliance/evaluation/evaluation.service';
import { DataSfPullService, PullBusy, type PullOutcome } from '../ingest/datasf/datasf-pull.service';
import { CliError } from './cli-error';

/**
 * `audit pull datasf [--since YYYY-MM-DD] [--base-url URL]`: new and changed SFPD incident rows from DataSF (the base
 * URL set on the Imports page, or --base-url for this pull) as one batch, then evaluated unless `--no-evaluate`. Progress on stderr, the outcome as JSON on
 * stdout; a failure (DataSF unreachable after its retries, the rows refused) exits 1 with the state's sentence.
 */
export async function runPull(
  app: INestApplicationContext,
  source: string | undefined,
  options: { since?: string; baseUrl?: string; evaluate: boolean },
  log: (line: string) => void,
): Promise<PullOutcome & { evaluationRunId?: string }> {
  if (source !== 'datasf') throw new CliError(`pull from where? the one source is datasf (got "${source ?? ''}"); usage: pull datasf [--since YYYY-MM-DD]`, 2);
  if (options.since !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(options.since) || Number.isNaN(Date.parse(`${options.since}T00:00:00Z`)))) {
    throw new CliError(`--since must be a day, YYYY-MM-DD (got "${options.since}")`, 2);
  }
  if (options.baseUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(options.baseUrl)) {
    throw new CliError(`--base-url must be an http(s) address, e.g. https://data.sfgov.org (got "${options.baseUrl}")`, 2);
  }
  const requestedBy = `cli:${os.userInfo().username}`;
  const pulls = app.get(DataSfPullService);
  let outcome: PullOutcome;
  try {
    outcome = await pulls.pull({ since: options.since, baseUrl: options.baseUrl, requestedBy, log });
  } catch (error) {
    if (error instanceof PullBusy) throw new CliError(error.message);
    if (error instanceof Error && (error.name === 'DataSfUnreachable' || error.name === 'DataSfPullFailed')) throw new CliError(error.message);
    throw error;
  }
  log(`pull: ${outcome.message}`);
  const batch = outcome.batch as ImportBatchResult | null;
  if (batch && batch.status !== 'loaded') throw new CliError(outcome.message);
  if (batch && options.evaluate) {
    const summary = await app.get(EvaluationService).evaluate({ trigger: 'ingest', requestedBy, batchId: batch.batchId });
    return { ...outcome, evaluationRunId: summary.runId };
  }
  return outcome;
}
