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
  flag_id: string;
  status: ReviewStatus;
  assignee_id: string | null;
  version: number;
}

const EVENT_COLUMNS = `e.id::int AS id, e.flag_id AS "flagId", e.kind, to_json(e.at) #>> '{}' AS at, e.actor_id AS "actorId", e.actor_name AS "actorName",
  e.from_value AS "from", e.to_value AS "to", e.note`;

/** Who a person is in the history: their name, else their email. */
export function actorName(user: CurrentUser): string {
  return user.displayName?.trim() || user.email;
}

/**
 * The review workflow of flagged cases: status with allowed transitions
 * (REVIEW_TRANSITIONS in @sra/contracts), assignee, notes, and an append-only
 * history. Every change happens in one transaction with the row locked, so two
 * reviewers cannot both move a case from the same state.
 */
@Injectable()
export class ReviewsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(flagId: string, db: DataSource | EntityManager = this.db): Promise<ReviewRecord> {
    const rows: Array<{ status: ReviewStatus | null; assignee_id: string | null; assignee_name: string | null; version: number | null; changed_at: string | null; changed_by: string | null }> =
      await db.query(
        `SELECT r.status, r.assignee_id, coalesce(nullif(u.display_name, ''), u.email) AS assignee_name, r.version,
                to_json(r.changed_at) #>> '{}' AS changed_at, r.changed_by
           FROM flag f LEFT JOIN flag_review r ON r.flag_id = f.id LEFT JOIN app_user u ON u.id = r.assignee_id
          WHERE f.id = $1`,
        [flagId],
      );
    if (rows.length === 0) throw new NotFoundException(`No flag ${flagId}`);
    const [r] = rows;
    const history: ReviewEventRecord[] = await db.query(`SELECT ${EVENT_COLUMNS} FROM flag_review_event e WHERE e.flag_id = $1 ORDER BY e.id`, [flagId]);
    return {
      flagId,
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

  async change(flagId: string, change: ReviewChange, user: CurrentUser): Promise<ReviewRecord> {
    return this.db.transaction(async (tx) => {
      const [current] = await this.lock(tx, [flagId]);
      if (!current) throw new NotFoundException(`No flag ${flagId}`);
      if (change.version !== undefined && change.version !== current.version) {
        throw new ConflictException(`This case was changed by someone else since you opened it (version ${current.version}, yours ${change.version}); reload it and try again`);
      }
      const assignee = await this.assigneeOf(tx, change.assigneeId);
      const problem = this.problemOf(current, change);
      if (problem) throw problem;
      await this.apply(tx, current, change, assignee, user);
      return this.get(flagId, tx);
    });
  }

  /** The same change to many flags, all or nothing: one refused flag refuses the lot, saying which and why. */
  async changeMany(flagIds: string[], change: Omit<ReviewChange, 'version'>, user: CurrentUser): Promise<BulkReviewResult> {
    const ids = [...new Set(flagIds)];
    return this.db.transaction(async (tx) => {
      const rows = await this.lock(tx, ids);
      const found = new Set(rows.map((r) => r.flag_id));
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length > 0) throw new NotFoundException(`No flag ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` (and ${missing.length - 5} more)` : ''}`);
      const assignee = await this.assigneeOf(tx, change.assigneeId);
      const refused = rows.map((r) => ({ id: r.flag_id, problem: this.problemOf(r, change) })).filter((r) => r.problem !== null);
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

  /** Review rows for the flags (created as `new` if absent), locked for this transaction, in id order to avoid deadlocks. */
  private async lock(tx: EntityManager, flagIds: string[]): Promise<ReviewRow[]> {
    await tx.query(
      `INSERT INTO flag_review (flag_id) SELECT f.id FROM flag f WHERE f.id = ANY($1::text[]) ORDER BY f.id ON CONFLICT (flag_id) DO NOTHING`,
      [flagIds],
    );
    return tx.query(`SELECT flag_id, status, assignee_id, version FROM flag_review WHERE flag_id = ANY($1::text[]) ORDER BY flag_id FOR UPDATE`, [flagIds]);
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
      tx.query(`INSERT INTO flag_review_event (flag_id, kind, actor_id, actor_name, from_value, to_value, note) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        current.flag_id,
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
      `UPDATE flag_review SET status = $2, assignee_id = $3, version = version + 1, changed_at = now(), changed_by = $4 WHERE flag_id = $1`,
      [current.flag_id, change.status ?? current.status, newAssignee, who],
    );
  }
}

