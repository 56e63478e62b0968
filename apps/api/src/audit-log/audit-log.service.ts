import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { auditLookup, type AuditLogEntry, type AuditSubject, type CurrentUser, type ListQuery } from '@sra/contracts';
import { listSql } from '../common/list-sql';
import type { ListSpec } from '../common/list-query';
import { AuditLogEntryEntity } from './entities/audit-log-entry.entity';
import { safeMessage } from '../logging/safe-error';

export interface AuditEvent {
  actor?: Pick<CurrentUser, 'id' | 'email'> | null;
  /** For events without a signed-in actor, such as a failed sign-in. */
  actorEmail?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  outcome: 'success' | 'failure';
  statusCode?: number | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Never row content or person keys: ids, counts and reasons only. */
  detail?: Record<string, unknown> | null;
}

export const AUDIT_LOG_LIST: ListSpec = {
  sortable: { id: 'a.id', at: 'a.at', action: 'a.action', actorEmail: 'a.actor_email', outcome: 'a.outcome', statusCode: 'a.status_code' },
  defaultSort: { field: 'at', order: 'DESC' },
  filters: {
    action: { column: 'a.action', kind: 'contains' },
    actorEmail: { column: 'a.actor_email', kind: 'contains' },
    outcome: { column: 'a.outcome', kind: 'enum', values: ['success', 'failure'] },
    targetType: { column: 'a.target_type', kind: 'text' },
    targetId: { column: 'a.target_id', kind: 'text' },
    since: { column: 'a.at', kind: 'from' },
    until: { column: 'a.at', kind: 'to' },
  },
  idColumn: 'a.id',
  idKind: 'int',
};

/** For each resource an entry can be about: its id and name, for the ids given ($1, a text array) that still exist. */
const SUBJECT_SQL: Readonly<Record<string, string>> = {
  cases: `SELECT c.id, coalesce(c.report_incident_numbers[1], a.incident_number, d.incident_number, c.action_id) AS name
            FROM flag_case c
            LEFT JOIN arrest a ON c.action_type = 'arrest' AND a.arrest_id = c.action_id
            LEFT JOIN da_decision d ON c.action_type = 'da_decision' AND d.decision_id = c.action_id
           WHERE c.id = ANY ($1::text[])`,
  flags: `SELECT f.id, coalesce(f.report_incident_number, f.action_id) AS name FROM flag f WHERE f.id = ANY ($1::text[])`,
  incidents: `SELECT DISTINCT r.incident_number AS id, r.incident_number AS name FROM incident_report_row r WHERE r.incident_number = ANY ($1::text[])`,
  arrests: `SELECT a.arrest_id AS id, a.arrest_id AS name FROM arrest a WHERE a.arrest_id = ANY ($1::text[])`,
  'da-decisions': `SELECT d.decision_id AS id, d.decision_id AS name FROM da_decision d WHERE d.decision_id = ANY ($1::text[])`,
  meetings: `SELECT m.id::text AS id, m.date::text AS name FROM meeting m WHERE m.id::text = ANY ($1::text[])`,
  reports: `SELECT r.id, r.id AS name FROM report_version r WHERE r.id = ANY ($1::text[])`,
  'import-batches': `SELECT b.id::text AS id, b.file_name AS name FROM import_batch b WHERE b.id::text = ANY ($1::text[])`,
  users: `SELECT u.id::text AS id, u.email AS name FROM app_user u WHERE u.id::text = ANY ($1::text[])`,
  'charge-codes': `SELECT c.code AS id, c.code AS name FROM charge_code_description c WHERE c.code = ANY ($1::text[])`,
  'incident-codes': `SELECT c.code AS id, c.code AS name FROM incident_code c WHERE c.code = ANY ($1::text[])`,
  'policy-versions': `SELECT p.rule_id || ':' || p.version AS id, p.rule_id || ':' || p.version AS name FROM policy_version p
                       WHERE p.rule_id || ':' || p.version = ANY ($1::text[])`,
};

@Injectable()
export class AuditLogService {
  private readonly logger = new Logger(AuditLogService.name);

  constructor(@InjectRepository(AuditLogEntryEntity) private readonly entries: Repository<AuditLogEntryEntity>) {}

  async record(event: AuditEvent): Promise<void> {
    try {
      await this.entries.insert({
        actorUserId: event.actor?.id ?? null,
        actorEmail: event.actor?.email ?? event.actorEmail ?? null,
        action: event.action,
        targetType: event.targetType ?? null,
        targetId: event.targetId ?? null,
        outcome: event.outcome,
        statusCode: event.statusCode ?? null,
        ip: event.ip ?? null,
        userAgent: event.userAgent ?? null,
        detail: (event.detail ?? null) as never,
      });
    } catch (error) {
      // The request has already happened; say loudly that its record is missing.
      this.logger.error(`Could not write the audit log entry for ${event.action}: ${safeMessage(error)}`);
    }
  }

  async list(query: ListQuery): Promise<{ rows: AuditLogEntry[]; total: number }> {
    const page = await listSql<AuditLogEntry>(
      this.entries.manager.connection,
      `SELECT a.id::text AS id, to_json(a.at) #>> '{}' AS at, a.actor_user_id AS "actorUserId", a.actor_email AS "actorEmail", a.action,
              a.target_type AS "targetType", a.target_id AS "targetId", a.outcome, a.status_code AS "statusCode", a.ip,
              a.user_agent AS "userAgent", a.detail FROM audit_log a`,
      query,
      AUDIT_LOG_LIST,
    );
    return { rows: await this.withSubjects(page.rows), total: page.total };
  }

  async get(id: string): Promise<AuditLogEntry | null> {
    const row = await this.entries.findOne({ where: { id } });
    return row ? (await this.withSubjects([toDto(row)]))[0] : null;
  }

  /**
   * Names what each entry is about (a case by its incident number, a meeting by its day, an account by its email),
   * and only when it still exists: the page links to it. One query per kind of record on the page.
   */
  private async withSubjects(rows: AuditLogEntry[]): Promise<AuditLogEntry[]> {
    const wanted = new Map<string, Set<string>>();
    const lookups = rows.map((row) => auditLookup(row));
    for (const lookup of lookups) {
      if (!lookup || !SUBJECT_SQL[lookup.resource]) continue;
      const ids = wanted.get(lookup.resource) ?? new Set<string>();
      ids.add(lookup.id);
      wanted.set(lookup.resource, ids);
    }
    const found = new Map<string, string | null>();
    await Promise.all(
      [...wanted].map(async ([resource, ids]) => {
        const named: Array<{ id: string; name: string | null }> = await this.entries.manager.query(SUBJECT_SQL[resource], [[...ids]]);
        for (const row of named) found.set(`${resource}\u0000${row.id}`, row.name);
      }),
    );
    return rows.map((row, i) => {
      const lookup = lookups[i];
      const key = lookup ? `${lookup.resource}\u0000${lookup.id}` : null;
      const subject: AuditSubject | null = lookup && key !== null && found.has(key) ? { ...lookup, name: found.get(key) ?? null } : null;
      return { ...row, subject };
    });
  }
}

function toDto(e: AuditLogEntryEntity): AuditLogEntry {
  return {
    id: String(e.id),
    at: e.at.toISOString(),
    actorUserId: e.actorUserId,
    actorEmail: e.actorEmail,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    outcome: e.outcome,
    statusCode: e.statusCode,
    ip: e.ip,
    userAgent: e.userAgent,
    detail: e.detail,
  };
}
