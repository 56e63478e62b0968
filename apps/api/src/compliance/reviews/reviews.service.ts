import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ROLE_GROUPS,
  reviewTransitionProblem,
  type BulkReviewResult,
  type CurrentUser,
  type ReviewChange,
  type ReviewerRecord,
  type ReviewEventRecord,
  type ReviewRecord,
  type ReviewStatus,
} from '@sra/contracts';

interface ReviewRow {
  case_id: string;
  status: ReviewStatus;
  assignee_id: string | null;
  version: number;
}

const EVENT_COLUMNS = `e.id::int AS id, e.case_id AS "caseId", e.flag_id AS "flagId", e.rule_id AS "ruleId", e.kind, to_json(e.at) #>> '{}' AS at, e.actor_id AS "actorId", e.actor_name AS "actorName",
  e.from_value AS "from", e.to_value AS "to", e.note`;

/** Who a person is in the history: their name, else their email. */
export function actorName(user: CurrentUser): string {
  return user.displayName?.trim() || user.email;
}

/**
 * The review workflow of cases (one per arrest or DA decision; issue 11): status with allowed transitions
 * (REVIEW_TRANSITIONS in @sra/contracts), assignee, notes, and an append-only
 * history. Every change happens in one transaction with the row locked, so two
 * reviewers cannot both move a case from the same state.
 */
@Injectable()
export class ReviewsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The case an id names: a case id, or the id of one of its flags (reviews moved from flags to cases, so a flag's id
   * means the case it belongs to). Null when neither.
   */
  async caseOf(id: string, db: DataSource | EntityManager = this.db): Promise<string | null> {
    const rows: Array<{ id: string }> = await db.query(`SELECT id FROM flag_case WHERE id = $1 UNION ALL SELECT case_id FROM flag WHERE id = $1 LIMIT 1`, [id]);
    return rows[0]?.id ?? null;
  }

  /** The cases of ids (case ids or flag ids), in the order given, without repeats; throws naming those that are neither. */
  async casesOf(ids: string[], db: DataSource | EntityManager = this.db): Promise<string[]> {
    const rows: Array<{ given: string; case_id: string | null }> = await db.query(
      `SELECT g.given, coalesce(c.id, f.case_id) AS case_id
         FROM unnest($1::text[]) WITH ORDINALITY AS g(given, n) LEFT JOIN flag_case c ON c.id = g.given LEFT JOIN flag f ON f.id = g.given ORDER BY g.n`,
      [ids],
    );
    const missing = rows.filter((r) => r.case_id === null).map((r) => r.given);
    if (missing.length > 0) throw new NotFoundException(`No case ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` (and ${missing.length - 5} more)` : ''}`);
    return [...new Set(rows.map((r) => r.case_id as string))];
  }

  async get(id: string, db: DataSource | EntityManager = this.db): Promise<ReviewRecord> {
    const caseId = await this.caseOf(id, db);
    if (caseId === null) throw new NotFoundException(`No case ${id}`);
    const rows: Array<{ status: ReviewStatus | null; assignee_id: string | null; assignee_name: string | null; version: number | null; changed_at: string | null; changed_by: string | null }> =
      await db.query(
        `SELECT r.status, r.assignee_id, coalesce(nullif(u.display_name, ''), u.email) AS assignee_name, r.version,
                to_json(r.changed_at) #>> '{}' AS changed_at, r.changed_by
           FROM flag_case c LEFT JOIN case_review r ON r.case_id = c.id LEFT JOIN app_user u ON u.id = r.assignee_id
          WHERE c.id = $1`,
        [caseId],
      );
    const [r] = rows;
    // Carried-over events keep the time they happened, so the history reads in time order.
    const history: ReviewEventRecord[] = await db.query(`SELECT ${EVENT_COLUMNS} FROM case_review_event e WHERE e.case_id = $1 ORDER BY e.at, e.id`, [caseId]);
    return {
      caseId,
      status: r.status ?? 'new',
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_name,
      version: r.version ?? 0,
      changedAt: r.changed_at,
      changedBy: r.changed_by,
      history,
    };
  }

  /** People a case can be assigned to: active accounts with case-level access. */
  reviewers(): Promise<ReviewerRecord[]> {
    return this.db.query(
      `SELECT id, email, display_name AS "displayName", role FROM app_user
        WHERE active AND role = ANY($1::text[]) ORDER BY coalesce(nullif(display_name, ''), email)`,
      [ROLE_GROUPS.caseLevel],
    );
  }

  async change(id: string, change: ReviewChange, user: CurrentUser): Promise<ReviewRecord> {
    return this.db.transaction(async (tx) => {
      const caseId = await this.caseOf(id, tx);
      if (caseId === null) throw new NotFoundException(`No case ${id}`);
      const [current] = await this.lock(tx, [caseId]);
      if (change.version !== undefined && change.version !== current.version) {
        throw new ConflictException(`This case was changed by someone else since you opened it (version ${current.version}, yours ${change.version}); reload it and try again`);
      }
      const assignee = await this.assigneeOf(tx, change.assigneeId);
      const problem = this.problemOf(current, change);
      if (problem) throw problem;
      await this.apply(tx, current, change, assignee, user);
      return this.get(caseId, tx);
    });
  }

  /** The same change to many cases (case ids, or flag ids meaning their cases), all or nothing: one refused case refuses the lot, saying which and why. */
  async changeMany(given: string[], change: Omit<ReviewChange, 'version'>, user: CurrentUser): Promise<BulkReviewResult> {
    return this.db.transaction(async (tx) => {
      const ids = await this.casesOf(given, tx);
      const rows = await this.lock(tx, ids);
      const assignee = await this.assigneeOf(tx, change.assigneeId);
      const refused = rows.map((r) => ({ id: r.case_id, problem: this.problemOf(r, change) })).filter((r) => r.problem !== null);
      if (refused.length > 0) {
        const first = refused[0].problem as Error;
        const detail = refused.slice(0, 5).map((r) => `${r.id}: ${(r.problem as Error).message}`).join('; ');
        const message = `${refused.length} of ${ids.length} cases cannot take this change, so none was changed. ${detail}`;
        throw first instanceof ConflictException ? new ConflictException(message) : new BadRequestException(message);
      }
      for (const row of rows) await this.apply(tx, row, change, assignee, user);
      return { changed: rows.length };
    });
  }

  /** Review rows for the cases (created as `new` if absent), locked for this transaction, in id order to avoid deadlocks. */
  private async lock(tx: EntityManager, caseIds: string[]): Promise<ReviewRow[]> {
    await tx.query(
      `INSERT INTO case_review (case_id) SELECT c.id FROM flag_case c WHERE c.id = ANY($1::text[]) ORDER BY c.id ON CONFLICT (case_id) DO NOTHING`,
      [caseIds],
    );
    return tx.query(`SELECT case_id, status, assignee_id, version FROM case_review WHERE case_id = ANY($1::text[]) ORDER BY case_id FOR UPDATE`, [caseIds]);
  }

  private async assigneeOf(tx: EntityManager, assigneeId: string | null | undefined): Promise<{ id: string; name: string } | null | undefined> {
    if (assigneeId === undefined || assigneeId === null) return assigneeId;
    const rows: Array<{ id: string; name: string; role: string; active: boolean }> = await tx.query(
      `SELECT id, coalesce(nullif(display_name, ''), email) AS name, role, active FROM app_user WHERE id = $1`,
      [assigneeId],
    );
    if (rows.length === 0) throw new BadRequestException(`assigneeId: no user ${assigneeId}`);
    const [u] = rows;
    if (!u.active) throw new BadRequestException(`assigneeId: ${u.name} is deactivated and cannot be assigned cases`);
    if (!(ROLE_GROUPS.caseLevel as readonly string[]).includes(u.role)) {
      throw new BadRequestException(`assigneeId: ${u.name} is a ${u.role} and cannot see case pages, so cannot be assigned one`);
    }
    return { id: u.id, name: u.name };
  }

  private problemOf(current: ReviewRow, change: ReviewChange): Error | null {
    const note = change.note?.trim() ? change.note : undefined;
    if (change.status === undefined && change.assigneeId === undefined && note === undefined) {
      return new BadRequestException('Nothing to change: send a status, an assignee (or null) or a note');
    }
    if (change.status !== undefined) {
      const problem = reviewTransitionProblem(current.status, change.status, note);
      if (problem) return problem.includes('needs a note') ? new BadRequestException(problem) : new ConflictException(`Cannot change the status: ${problem}`);
    }
    return null;
  }

  private async apply(
    tx: EntityManager,
    current: ReviewRow,
    change: ReviewChange,
    assignee: { id: string; name: string } | null | undefined,
    user: CurrentUser,
  ): Promise<void> {
    const who = actorName(user);
    const note = change.note?.trim() ? change.note.trim() : null;
    const event = (kind: string, from: string | null, to: string | null, text: string | null) =>
      tx.query(`INSERT INTO case_review_event (case_id, kind, actor_id, actor_name, from_value, to_value, note) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        current.case_id,
        kind,
        user.id,
        who,
        from,
        to,
        text,
      ]);
    const statusChanges = change.status !== undefined && change.status !== current.status;
    const newAssignee = assignee === undefined ? current.assignee_id : (assignee?.id ?? null);
    const assigneeChanges = assignee !== undefined && newAssignee !== current.assignee_id;
    if (assigneeChanges) {
      const [before]: Array<{ name: string | null }> = current.assignee_id
        ? await tx.query(`SELECT coalesce(nullif(display_name, ''), email) AS name FROM app_user WHERE id = $1`, [current.assignee_id])
        : [{ name: null }];
      await event('assignee', before.name, assignee?.name ?? null, null);
    }
    // A note sent with a change of status is the reason for it; otherwise it is a note of its own.
    if (statusChanges) await event('status', current.status, change.status as string, note);
    else if (note !== null) await event('note', null, null, note);
    await tx.query(
      `UPDATE case_review SET status = $2, assignee_id = $3, version = version + 1, changed_at = now(), changed_by = $4 WHERE case_id = $1`,
      [current.case_id, change.status ?? current.status, newAssignee, who],
    );
  }
}

