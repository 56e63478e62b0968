import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { EvaluationOutcome } from '@sra/contracts';

type Db = Pick<DataSource | EntityManager | QueryRunner, 'query'>;

/** The columns of an evaluation run that say what it did (read by `outcomeOf`). */
const RUN_COLUMNS = `r.id, r.trigger, r.scope, r.status, to_json(r.started_at) #>> '{}' AS started_at, to_json(r.finished_at) #>> '{}' AS finished_at,
  r.error, r.flags_new, r.flags_changed, r.flags_withdrawn, r.flags_unchanged, r.flags_current,
  r.cases_new, r.cases_changed, r.cases_withdrawn, r.cases_unchanged, r.cases_current`;

export interface RunRow {
  id: string;
  trigger: string;
  scope: 'full' | 'batch';
  status: 'running' | 'done' | 'failed';
  started_at: string;
  finished_at: string | null;
  error: string | null;
  flags_new: number | null;
  flags_changed: number | null;
  flags_withdrawn: number | null;
  flags_unchanged?: number | null;
  flags_current: number | null;
  cases_new?: number | null;
  cases_changed?: number | null;
  cases_withdrawn?: number | null;
  cases_unchanged?: number | null;
  cases_current?: number | null;
}

const WAITING: EvaluationOutcome = { state: 'waiting', runId: null, trigger: null, scope: null, startedAt: null, finishedAt: null, error: null, flags: null, cases: null };

/**
 * The one reading of an evaluation run's outcome, for every place that shows it (batch page, Policies page, CLI).
 * Unchanged flags and cases are those of the run's scope (the people it evaluated) produced again as they were; runs
 * recorded before that count existed fall back to the current ones the run neither created nor changed.
 */
export function outcomeOf(run: RunRow | undefined): EvaluationOutcome {
  if (!run) return WAITING;
  const done = run.status === 'done' && run.flags_current !== null;
  const flagsNew = run.flags_new ?? 0;
  const flagsChanged = run.flags_changed ?? 0;
  return {
    state: run.status === 'done' ? 'done' : run.status,
    runId: run.id,
    trigger: run.trigger,
    scope: run.scope,
    startedAt: run.started_at,
    finishedAt: run.finished_at,
    error: run.error,
    flags: done
      ? {
          new: flagsNew,
          changed: flagsChanged,
          withdrawn: run.flags_withdrawn ?? 0,
          unchanged: run.flags_unchanged ?? Math.max(0, (run.flags_current ?? 0) - flagsNew - flagsChanged),
          current: run.flags_current ?? 0,
        }
      : null,
    cases:
      done && run.cases_current !== null && run.cases_current !== undefined
        ? {
            new: run.cases_new ?? 0,
            changed: run.cases_changed ?? 0,
            withdrawn: run.cases_withdrawn ?? 0,
            unchanged: run.cases_unchanged ?? 0,
            current: run.cases_current,
          }
        : null,
  };
}

/** One run's outcome, by its id. */
export async function runOutcome(db: Db, runId: string): Promise<EvaluationOutcome> {
  const rows: RunRow[] = await db.query(`SELECT ${RUN_COLUMNS} FROM evaluation_run r WHERE r.id = $1`, [runId]);
  return outcomeOf(rows[0]);
}

/**
 * What the evaluation of a loaded batch did: its own latest run; else, when none ran for it, the first full run
 * since it landed (which covered it); else `waiting` (started in the background a moment later, or loaded with
 * --no-evaluate and waiting for `audit evaluate`).
 */
export async function batchOutcome(db: Db, batchId: string): Promise<EvaluationOutcome> {
  const rows: RunRow[] = await db.query(
    `(SELECT ${RUN_COLUMNS}, 0 AS pick FROM evaluation_run r WHERE r.batch_id = $1 ORDER BY r.started_at DESC LIMIT 1)
     UNION ALL
     (SELECT ${RUN_COLUMNS}, 1 AS pick FROM evaluation_run r JOIN import_batch b ON b.id = $1
       WHERE r.scope = 'full' AND r.status <> 'failed' AND r.started_at > b.finished_at ORDER BY r.started_at LIMIT 1)
     ORDER BY pick LIMIT 1`,
    [batchId],
  );
  return outcomeOf(rows[0]);
}

/**
 * What the evaluation a policy version's creation started did: the first policy-change run after the version was
 * stored and before the next version (of any rule) was. Null for the versions stored as defaults at first start.
 */
export async function policyVersionOutcome(db: Db, ruleId: string, version: number): Promise<EvaluationOutcome | null> {
  const rows: Array<RunRow & { seeded: boolean }> = await db.query(
    `SELECT ${RUN_COLUMNS}, v.created_by LIKE 'system%' AS seeded
       FROM policy_version v
       LEFT JOIN LATERAL (
         SELECT r.* FROM evaluation_run r
          WHERE r.trigger = 'policy-change' AND r.started_at >= v.created_at
            AND r.started_at < coalesce((SELECT min(n.created_at) FROM policy_version n WHERE n.created_at > v.created_at), 'infinity')
          ORDER BY r.started_at LIMIT 1) r ON true
      WHERE v.rule_id = $1 AND v.version = $2`,
    [ruleId, version],
  );
  if (rows.length === 0 || rows[0].seeded) return null;
  return outcomeOf(rows[0].id ? rows[0] : undefined);
}
