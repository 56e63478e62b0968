/** `GET /api/evaluation/status`: whether the flags are up to date with the loaded data (counts only, every role). */
export interface EvaluationStatus {
  /** No evaluation running and no loaded batch waiting for one. */
  upToDate: boolean;
  /** Evaluations in progress. */
  running: number;
  /** Loaded files that no evaluation has covered yet (after a crash, or loaded with `--no-evaluate`). */
  batchesWaiting: number;
  /** When the last evaluation finished. */
  lastEvaluatedAt: string | null;
}
