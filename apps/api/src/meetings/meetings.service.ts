import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CurrentUser, ListQuery, MeetingAgendaItem, MeetingDecisionRecord, MeetingDetail, MeetingRecord } from '@sra/contracts';
import { minutesToMarkdown } from '@sra/reports';
import type { ListSpec } from '../common/list-query';
import { renderMinutesPdf } from '../reports/pdf/minutes-pdf';
import { listSql } from '../common/list-sql';
import { actorName, ReviewsService } from '../compliance/reviews/reviews.service';
import { isDay, MEETING_STATUSES, type AttendeeDto, type BuildAgendaDto, type CreateMeetingDto, type MeetingDecisionDto, type UpdateMeetingDto } from './dto/meeting.dto';

export const MEETING_LIST: ListSpec = {
  sortable: { date: 'm.date', title: 'm.title', status: 'm.status' },
  defaultSort: { field: 'date', order: 'DESC' },
  filters: {
    status: { column: 'm.status', kind: 'enum', values: MEETING_STATUSES },
    from: { column: 'm.date', kind: 'from' },
    to: { column: 'm.date', kind: 'to' },
  },
  idColumn: 'm.id',
  idKind: 'uuid',
};

const MEETING_SELECT = `SELECT m.id, m.date::text AS date, m.title, m.attendees, m.notes, m.status, m.created_by AS "createdBy",
    to_json(m.created_at) #>> '{}' AS "createdAt",
    (SELECT count(*)::int FROM meeting_agenda_item a WHERE a.meeting_id = m.id) AS "agendaSize",
    (SELECT count(*)::int FROM meeting_agenda_item a WHERE a.meeting_id = m.id AND a.decision IS NOT NULL) AS decided
  FROM meeting m`;

const ITEM_SELECT = `SELECT a.flag_id AS "flagId", a.position, a.added_by_hand AS "addedByHand", a.decision, a.decision_note AS "decisionNote",
    to_json(a.decided_at) #>> '{}' AS "decidedAt", a.decided_by AS "decidedBy",
    f.sentence, f.confidence, f.rule_id AS "ruleId", f.action_date::text AS "actionDate", coalesce(r.status, 'new') AS "reviewStatus", coalesce(r.version, 0) AS "reviewVersion",
    f.case_id AS "caseId", c.rule_ids AS "ruleIds", c.action_type AS "actionType", c.agency, c.report_incident_numbers AS "reportIncidentNumbers"
  FROM meeting_agenda_item a JOIN flag f ON f.id = a.flag_id JOIN flag_case c ON c.id = f.case_id LEFT JOIN case_review r ON r.case_id = f.case_id`;

const CONFIDENCE_AT_LEAST: Record<'high' | 'medium' | 'low', Array<'high' | 'medium' | 'low'>> = {
  high: ['high'],
  medium: ['high', 'medium'],
  low: ['high', 'medium', 'low'],
};

/** Agenda orders (allow-listed: the request names one, never SQL). Ties fall to the flag id, so a build is repeatable. */
const NEWEST_FIRST = `f.action_date DESC, f.created_at DESC, f.id`;
const SERIOUS_FIRST = `CASE c.confidence WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, CASE c.nexus WHEN 'direct' THEN 1 WHEN 'temporal' THEN 2 ELSE 3 END,
  CASE WHEN 'mixed_felony' = ANY(f.reasons) THEN 2 ELSE 1 END, f.action_date DESC, f.id`;

/** Days of meetings and flag cut-offs are San Francisco days, as everywhere else in the audit. */
const ZONE = 'America/Los_Angeles';

type Db = DataSource | EntityManager;

/**
 * Task-force review meetings: a dated meeting with its attendees and notes, and an ordered agenda of flagged cases.
 * A decision taken in the meeting is an ordinary review change (ReviewsService.change: same transitions, same note
 * rules, same history), also kept on the agenda item for the minutes. A held meeting's agenda is the record of what
 * was discussed, so it is fixed until the meeting is set back to planned.
 */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reviews: ReviewsService,
  ) {}

  list(query: ListQuery): Promise<{ rows: MeetingRecord[]; total: number }> {
    return listSql<MeetingRecord>(this.db, MEETING_SELECT, query, MEETING_LIST);
  }

  async get(id: string, db: Db = this.db): Promise<MeetingDetail> {
    const rows: MeetingRecord[] = await db.query(`${MEETING_SELECT} WHERE m.id = $1`, [id]);
    if (rows.length === 0) throw new NotFoundException(`No meeting ${id}`);
    const agenda: MeetingAgendaItem[] = await db.query(`${ITEM_SELECT} WHERE a.meeting_id = $1 ORDER BY a.position`, [id]);
    const decisions: MeetingDecisionRecord[] = await db.query(
      `SELECT flag_id AS "flagId", status, note, correction, to_json(decided_at) #>> '{}' AS "decidedAt", decided_by AS "decidedBy"
         FROM meeting_decision WHERE meeting_id = $1 ORDER BY id`,
      [id],
    );
    return { ...rows[0], agenda, decisions };
  }

  async create(input: CreateMeetingDto, user: CurrentUser): Promise<MeetingDetail> {
    const title = input.title?.trim() || `Review meeting ${input.date}`;
    const [{ id }]: Array<{ id: string }> = await this.db.query(
      `INSERT INTO meeting (date, title, attendees, notes, created_by) VALUES ($1, $2, $3::jsonb, $4, $5) RETURNING id`,
      [input.date, title, JSON.stringify(attendeesOf(input.attendees ?? [])), input.notes ?? '', actorName(user)],
    );
    return this.get(id);
  }

  async update(id: string, change: UpdateMeetingDto): Promise<MeetingDetail> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    const set = (column: string, value: unknown, cast = '') => {
      params.push(value);
      sets.push(`${column} = $${params.length}${cast}`);
    };
    if (change.date !== undefined) set('date', change.date);
    if (change.title !== undefined) set('title', change.title.trim());
    if (change.attendees !== undefined) set('attendees', JSON.stringify(attendeesOf(change.attendees)), '::jsonb');
    if (change.notes !== undefined) set('notes', change.notes);
    if (change.status !== undefined) set('status', change.status);
    if (sets.length === 0) throw new BadRequestException('Nothing to change: send a date, title, attendees, notes or status');
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected]: [unknown[], number] = await this.db.query(`UPDATE meeting SET ${sets.join(', ')} WHERE id = $1`, params);
    if (affected === 0) throw new NotFoundException(`No meeting ${id}`);
    return this.get(id);
  }

  /**
   * The agenda rule: current cases whose review is in the given statuses (default new, in review) and whose
   * confidence is at least the given one (default medium), flagged in the period (default: since the previous
   * meeting's day, or a month before this meeting for the first one), in the given order (newest first, or most
   * serious first), at most `limit` of them. It replaces the items the rule put there before; items added by hand
   * or already decided stay, in their order, ahead of the built ones. Filters and order are fixed SQL here (the
   * request only picks among them), with parameters for every value.
   */
  async buildAgenda(id: string, request: BuildAgendaDto): Promise<MeetingDetail> {
    return this.db.transaction(async (tx) => {
      const meeting = await this.lockForAgendaChange(tx, id);
      const since = request.since === undefined ? await this.defaultSince(tx, meeting.date) : request.since;
      const [sinceDay, sinceAt] = since === null ? [null, null] : isDay(since) ? [since, null] : [null, since];
      const [untilDay, untilAt] = request.until === undefined ? [null, null] : isDay(request.until) ? [request.until, null] : [null, request.until];
      const confidence = request.confidence ?? CONFIDENCE_AT_LEAST[request.minConfidence ?? 'medium'];
      const order = request.order === 'serious' ? SERIOUS_FIRST : NEWEST_FIRST;
      await tx.query(`DELETE FROM meeting_agenda_item WHERE meeting_id = $1 AND NOT added_by_hand AND decision IS NULL`, [id]);
      await this.renumber(tx, id);
      await tx.query(
        // One item per case (issue 11): of a case's flags that qualify, its strongest stands for it; a case already on
        // the agenda (by any of its flags) is not added again.
        `INSERT INTO meeting_agenda_item (meeting_id, flag_id, position, added_by_hand)
         SELECT $1::uuid, f.id, (SELECT count(*) FROM meeting_agenda_item k WHERE k.meeting_id = $1::uuid) + row_number() OVER (ORDER BY f.n), false
           FROM (SELECT f.id, row_number() OVER (ORDER BY ${order}) AS n
                   FROM (SELECT DISTINCT ON (f.case_id) f.*
                           FROM flag f LEFT JOIN case_review r ON r.case_id = f.case_id
                          WHERE f.status = 'current'
                            AND f.confidence = ANY($2::text[])
                            AND coalesce(r.status, 'new') = ANY($3::text[])
                            AND ($4::date IS NULL OR f.created_at >= ($4::date)::timestamp AT TIME ZONE '${ZONE}')
                            AND ($5::timestamptz IS NULL OR f.created_at >= $5::timestamptz)
                            AND ($6::date IS NULL OR f.created_at < ($6::date + 1)::timestamp AT TIME ZONE '${ZONE}')
                            AND ($7::timestamptz IS NULL OR f.created_at <= $7::timestamptz)
                            AND NOT EXISTS (SELECT 1 FROM meeting_agenda_item k JOIN flag kf ON kf.id = k.flag_id WHERE k.meeting_id = $1::uuid AND kf.case_id = f.case_id)
                          ORDER BY f.case_id, CASE f.confidence WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, f.created_at, f.rule_id) f
                   JOIN flag_case c ON c.id = f.case_id
                  ORDER BY ${order}
                  LIMIT $8) f`,
        [id, confidence, request.reviewStatus ?? ['new', 'in_review'], sinceDay, sinceAt, untilDay, untilAt, request.limit ?? null],
      );
      return this.get(id, tx);
    });
  }

  /** Since the previous meeting's day (a flag produced after that meeting ended must not fall between two agendas); the first meeting: its last month. */
  private async defaultSince(tx: EntityManager, date: string): Promise<string> {
    const previous: Array<{ date: string }> = await tx.query(`SELECT date::text AS date FROM meeting WHERE date < $1 ORDER BY date DESC LIMIT 1`, [date]);
    if (previous[0]) return previous[0].date;
    const [{ day }]: Array<{ day: string }> = await tx.query(`SELECT ($1::date - interval '1 month')::date::text AS day`, [date]);
    return day;
  }

  /**
   * Several cases (flag or case ids) added at the end, in the order given; those already on the agenda are left
   * where they are. An id that names no case refuses the lot (404, naming it).
   */
  async addMany(id: string, given: string[]): Promise<MeetingDetail> {
    return this.db.transaction(async (tx) => {
      await this.lockForAgendaChange(tx, id);
      const found: Array<{ given: string; flag_id: string }> = await tx.query(
        `SELECT g.given, coalesce(
            (SELECT f.id FROM flag f WHERE f.id = g.given),
            (SELECT f.id FROM flag f WHERE f.case_id = g.given ORDER BY f.status, CASE f.confidence WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, f.rule_id LIMIT 1)) AS flag_id
           FROM unnest($1::text[]) WITH ORDINALITY AS g(given, n) ORDER BY g.n`,
        [given],
      );
      const unknown = found.filter((r) => r.flag_id === null).map((r) => r.given);
      if (unknown.length) throw new NotFoundException(`No case or flag ${listed(unknown)}; nothing was added`);
      await tx.query(
        `INSERT INTO meeting_agenda_item (meeting_id, flag_id, position, added_by_hand)
         SELECT $1::uuid, x.flag_id, (SELECT coalesce(max(position), 0) FROM meeting_agenda_item WHERE meeting_id = $1::uuid) + row_number() OVER (ORDER BY x.n), true
           FROM (SELECT DISTINCT ON (f.case_id) f.id AS flag_id, g.n
                   FROM unnest($2::text[]) WITH ORDINALITY AS g(flag_id, n) JOIN flag f ON f.id = g.flag_id
                  WHERE NOT EXISTS (SELECT 1 FROM meeting_agenda_item k JOIN flag kf ON kf.id = k.flag_id WHERE k.meeting_id = $1::uuid AND kf.case_id = f.case_id)
                  ORDER BY f.case_id, g.n) x`,
        [id, found.map((r) => r.flag_id)],
      );
      return this.get(id, tx);
    });
  }

  /** Several cases (their agenda flag ids) taken off the agenda; a decided one refuses the lot (409, naming it). */
  async removeMany(id: string, flagIds: string[]): Promise<MeetingDetail> {
    return this.db.transaction(async (tx) => {
      await this.lockForAgendaChange(tx, id);
      const items: Array<{ flag_id: string; decision: string | null }> = await tx.query(
        `SELECT flag_id, decision FROM meeting_agenda_item WHERE meeting_id = $1 AND flag_id = ANY($2::text[])`,
        [id, flagIds],
      );
      const missing = flagIds.filter((f) => !items.some((i) => i.flag_id === f));
      if (missing.length) throw new NotFoundException(`Not on this meeting's agenda: ${listed(missing)}; nothing was removed`);
      const decided = items.filter((i) => i.decision !== null).map((i) => i.flag_id);
      if (decided.length) throw new ConflictException(`Decided in this meeting, so they stay on the agenda (and in the minutes): ${listed(decided)}; nothing was removed`);
      await tx.query(`DELETE FROM meeting_agenda_item WHERE meeting_id = $1 AND flag_id = ANY($2::text[])`, [id, flagIds]);
      await this.renumber(tx, id);
      return this.get(id, tx);
    });
  }

  /**
   * A case added by hand, at the end of the agenda: by one of its flags, or by the case id (its strongest flag then
   * stands for it). A case already on the agenda, by any of its flags, is refused.
   */
  async addItem(id: string, given: string): Promise<MeetingDetail> {
    return this.db.transaction(async (tx) => {
      await this.lockForAgendaChange(tx, id);
      const flags: Array<{ id: string; case_id: string }> = await tx.query(
        `SELECT id, case_id FROM flag WHERE id = $1
         UNION ALL
         (SELECT id, case_id FROM flag WHERE case_id = $1
           ORDER BY status, CASE confidence WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, rule_id LIMIT 1)`,
        [given],
      );
      if (flags.length === 0) throw new NotFoundException(`No case or flag ${given}`);
      const flagId = flags[0].id;
      const onAgenda: Array<{ flag_id: string }> = await tx.query(
        `SELECT k.flag_id FROM meeting_agenda_item k JOIN flag kf ON kf.id = k.flag_id WHERE k.meeting_id = $1 AND kf.case_id = $2 AND k.flag_id <> $3`,
        [id, flags[0].case_id, flagId],
      );
      if (onAgenda.length > 0) throw new ConflictException(`Case ${flags[0].case_id} is already on this meeting's agenda (by another of its rules, flag ${onAgenda[0].flag_id})`);
      const inserted: unknown[] = await tx.query(
        `INSERT INTO meeting_agenda_item (meeting_id, flag_id, position, added_by_hand)
         SELECT $1::uuid, $2::text, coalesce(max(position), 0) + 1, true FROM meeting_agenda_item WHERE meeting_id = $1::uuid
         ON CONFLICT (meeting_id, flag_id) DO NOTHING RETURNING flag_id`,
        [id, flagId],
      );
      if (inserted.length === 0) throw new ConflictException(`Case ${flagId} is already on this meeting's agenda`);
      return this.get(id, tx);
    });
  }

  async removeItem(id: string, flagId: string): Promise<MeetingDetail> {
    return this.db.transaction(async (tx) => {
      await this.lockForAgendaChange(tx, id);
      const items: Array<{ decision: string | null }> = await tx.query(`SELECT decision FROM meeting_agenda_item WHERE meeting_id = $1 AND flag_id = $2`, [id, flagId]);
      if (items.length === 0) throw new NotFoundException(`Case ${flagId} is not on this meeting's agenda`);
      // The decision is in the case's history already; the agenda item is what puts it in the minutes.
      if (items[0].decision !== null) throw new ConflictException(`Case ${flagId} has a decision recorded in this meeting, so it stays on the agenda (and in the minutes)`);
      await tx.query(`DELETE FROM meeting_agenda_item WHERE meeting_id = $1 AND flag_id = $2`, [id, flagId]);
      await this.renumber(tx, id);
      return this.get(id, tx);
    });
  }

  /** The new order must name every case of the agenda exactly once. */
  async reorder(id: string, flagIds: string[]): Promise<MeetingDetail> {
    return this.db.transaction(async (tx) => {
      await this.lockForAgendaChange(tx, id);
      const current = new Set(((await tx.query(`SELECT flag_id FROM meeting_agenda_item WHERE meeting_id = $1`, [id])) as Array<{ flag_id: string }>).map((r) => r.flag_id));
      const seen = new Set<string>();
      const repeated = flagIds.filter((f) => (seen.has(f) ? true : (seen.add(f), false)));
      const unknown = flagIds.filter((f) => !current.has(f));
      const missing = [...current].filter((f) => !seen.has(f));
      const problems = [
        repeated.length ? `named twice: ${listed(repeated)}` : null,
        unknown.length ? `not on this agenda: ${listed(unknown)}` : null,
        missing.length ? `missing from the new order: ${listed(missing)}` : null,
      ].filter((p) => p !== null);
      if (problems.length) throw new BadRequestException(`The new order must list each of the agenda's ${current.size} cases exactly once; ${problems.join('; ')}`);
      await tx.query(
        `UPDATE meeting_agenda_item a SET position = o.n FROM unnest($2::text[]) WITH ORDINALITY AS o(flag_id, n)
          WHERE a.meeting_id = $1 AND a.flag_id = o.flag_id AND a.position <> o.n`,
        [id, flagIds],
      );
      return this.get(id, tx);
    });
  }

  /**
   * Records a decision on an agenda case as an ordinary review change (its 400/409 come back as they are), then
   * keeps it on the agenda item for the minutes. The review change commits first: should the item be removed
   * in between (it cannot once decided), the caller is told, and the case's history still has the decision.
   */
  async decide(id: string, decision: MeetingDecisionDto, user: CurrentUser): Promise<MeetingAgendaItem> {
    const meetings: unknown[] = await this.db.query(`SELECT 1 FROM meeting WHERE id = $1`, [id]);
    if (meetings.length === 0) throw new NotFoundException(`No meeting ${id}`);
    const items: unknown[] = await this.db.query(`SELECT 1 FROM meeting_agenda_item WHERE meeting_id = $1 AND flag_id = $2`, [id, decision.flagId]);
    if (items.length === 0) throw new BadRequestException(`Case ${decision.flagId} is not on this meeting's agenda: add it to the agenda first`);
    // The version makes a decision taken on a stale screen (another member decided meanwhile) a 409, not a silent overwrite.
    await this.reviews.change(decision.flagId, { status: decision.status, note: decision.note, version: decision.version }, user);
    const note = decision.note?.trim() ? decision.note.trim() : null;
    const affected = await this.db.transaction(async (tx) => {
      const [, count]: [unknown[], number] = await tx.query(
        `UPDATE meeting_agenda_item SET decision = $3, decision_note = $4, decided_at = now(), decided_by = $5 WHERE meeting_id = $1 AND flag_id = $2`,
        [id, decision.flagId, decision.status, note, actorName(user)],
      );
      if (count === 0) return 0;
      // Every decision is kept, in order: a second one on the same case in this meeting is a correction.
      await tx.query(
        `INSERT INTO meeting_decision (meeting_id, flag_id, status, note, decided_by, correction)
         SELECT $1, $2, $3, $4, $5, EXISTS (SELECT 1 FROM meeting_decision d WHERE d.meeting_id = $1 AND d.flag_id = $2)`,
        [id, decision.flagId, decision.status, note, actorName(user)],
      );
      return count;
    });
    if (affected === 0) throw new ConflictException(`Case ${decision.flagId} was taken off the agenda meanwhile; the decision is in the case's history, not in this meeting`);
    const [item]: MeetingAgendaItem[] = await this.db.query(`${ITEM_SELECT} WHERE a.meeting_id = $1 AND a.flag_id = $2`, [id, decision.flagId]);
    return item;
  }

  /** The minutes as Markdown (internal: flag sentences name incidents), rules named by their latest version's title. */
  async minutesMarkdown(id: string): Promise<{ date: string; markdown: string }> {
    const meeting = await this.get(id);
    return { date: meeting.date, markdown: minutesToMarkdown(meeting, { generatedAt: new Date().toISOString(), ruleTitles: await this.ruleTitles() }) };
  }

  /** The minutes as a PDF: each case titled by its action, its rules by their policies' titles. */
  async minutesPdf(id: string): Promise<{ date: string; pdf: Buffer }> {
    const meeting = await this.get(id);
    return { date: meeting.date, pdf: await renderMinutesPdf(meeting, new Date().toISOString(), await this.ruleTitles()) };
  }

  private async ruleTitles(): Promise<Record<string, string>> {
    const titles: Array<{ rule_id: string; title: string }> = await this.db.query(
      `SELECT DISTINCT ON (rule_id) rule_id, document->>'title' AS title FROM policy_version ORDER BY rule_id, version DESC`,
    );
    return Object.fromEntries(titles.filter((r) => r.title).map((r) => [r.rule_id, r.title]));
  }

  /** The meeting row, locked so agenda changes to one meeting happen one at a time; refused once it was held. */
  private async lockForAgendaChange(tx: EntityManager, id: string): Promise<{ date: string }> {
    const rows: Array<{ date: string; status: string }> = await tx.query(`SELECT date::text AS date, status FROM meeting WHERE id = $1 FOR UPDATE`, [id]);
    if (rows.length === 0) throw new NotFoundException(`No meeting ${id}`);
    if (rows[0].status === 'held') throw new ConflictException('This meeting was held: its agenda is the record of what was discussed. Set it back to planned to change the agenda');
    return rows[0];
  }

  /** Positions back to 1..n in their current order. */
  private async renumber(tx: EntityManager, id: string): Promise<void> {
    await tx.query(
      `UPDATE meeting_agenda_item a SET position = o.n
         FROM (SELECT flag_id, row_number() OVER (ORDER BY position) AS n FROM meeting_agenda_item WHERE meeting_id = $1) o
        WHERE a.meeting_id = $1 AND a.flag_id = o.flag_id AND a.position <> o.n`,
      [id],
    );
  }
}

function attendeesOf(list: AttendeeDto[]): Array<{ name: string; role?: string }> {
  return list.map((a) => (a.role?.trim() ? { name: a.name.trim(), role: a.role.trim() } : { name: a.name.trim() }));
}

function listed(ids: string[]): string {
  return ids.length > 5 ? `${ids.slice(0, 5).join(', ')} (and ${ids.length - 5} more)` : ids.join(', ');
}
